import { withUserAgentSuffix, type FetchFunction } from '@ai-sdk/provider-utils';
import { VERSION } from './version';

/** The user-agent part that names this package. */
export const USER_AGENT_SUFFIX = `ai-sdk-provider-baseten/${VERSION}`;

/**
 * The fetch every Baseten HTTP request goes through: it appends the package's
 * user-agent suffix as the request leaves, since `ai`'s call headers would
 * overwrite a suffix set on the provider headers.
 */
export function createBasetenFetch(baseFetch: FetchFunction | undefined): FetchFunction {
  return (input, init) =>
    (baseFetch ?? globalThis.fetch)(input, {
      ...init,
      headers: withUserAgentSuffix(init?.headers, USER_AGENT_SUFFIX),
    });
}
