import {
  withUserAgentSuffix,
  type FetchFunction,
} from '@ai-sdk/provider-utils';
import { VERSION } from './version';

/** The user-agent part that names this package. */
export const USER_AGENT_SUFFIX = `ai-sdk-provider-baseten/${VERSION}`;

/** The fetch of chat and catalog requests: adds the user-agent suffix last, as `ai`'s call headers win. */
export function createBasetenFetch(
  baseFetch: FetchFunction | undefined,
): FetchFunction {
  return (input, init) =>
    (baseFetch ?? globalThis.fetch)(input, {
      ...init,
      headers: withUserAgentSuffix(init?.headers, USER_AGENT_SUFFIX),
    });
}
