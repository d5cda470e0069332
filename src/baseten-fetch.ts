import type { FetchFunction } from '@ai-sdk/provider-utils';
import { VERSION } from './version';

/** The user-agent part that names this package. */
export const USER_AGENT_SUFFIX = `ai-sdk-provider-baseten/${VERSION}`;

function withSuffix(userAgent: string | null | undefined): string {
  return userAgent ? `${userAgent} ${USER_AGENT_SUFFIX}` : USER_AGENT_SUFFIX;
}

function withUserAgent(init: RequestInit | undefined): RequestInit {
  const headers = init?.headers;
  if (headers instanceof Headers) {
    const copy = new Headers(headers);
    copy.set('user-agent', withSuffix(copy.get('user-agent')));
    return { ...init, headers: copy };
  }
  const record: Record<string, string> = Array.isArray(headers)
    ? Object.fromEntries(headers)
    : { ...(headers as Record<string, string> | undefined) };
  const key =
    Object.keys(record).find(name => name.toLowerCase() === 'user-agent') ??
    'user-agent';
  record[key] = withSuffix(record[key]);
  return { ...init, headers: record };
}

/**
 * The fetch every Baseten request goes through: it adds the package's
 * user-agent suffix as the request leaves. (A suffix set on provider headers
 * is overwritten: `ai` sends its own user-agent in the call headers, and
 * call headers win.)
 */
export function createBasetenFetch(
  baseFetch: FetchFunction | undefined,
): FetchFunction {
  return (input, init) =>
    (baseFetch ?? globalThis.fetch)(input, withUserAgent(init));
}
