import { APICallError, InvalidResponseDataError } from '@ai-sdk/provider';
import { copyAPICallError } from './baseten-api-call-error';

/** What replaces the API key wherever a server echoed it back. */
export const REDACTED = '[redacted]';

const MAX_SCAN_DEPTH = 8;

/** Whether `apiKey` occurs anywhere in `value`: strings, messages, stacks, causes, fields. */
export function containsApiKey(
  value: unknown,
  apiKey: string | undefined,
  depth = 0,
): boolean {
  if (apiKey == null || apiKey.length < 4 || depth > MAX_SCAN_DEPTH)
    return false;
  if (typeof value === 'string') return value.includes(apiKey);
  if (value == null || typeof value !== 'object') return false;
  if (value instanceof Error) {
    if (value.message.includes(apiKey) || (value.stack ?? '').includes(apiKey))
      return true;
    if (containsApiKey(value.cause, apiKey, depth + 1)) return true;
  }
  // an Error's own `cause` field was scanned above: once per level, not twice
  return Object.entries(value).some(
    ([name, field]) =>
      !(name === 'cause' && value instanceof Error) &&
      containsApiKey(field, apiKey, depth + 1),
  );
}

function redactText(text: string, apiKey: string): string {
  return text.split(apiKey).join(REDACTED);
}

/** A copy of a JSON-like value with `apiKey` replaced; unserialisable values become their text. */
function redactValue(value: unknown, apiKey: string, depth = 0): unknown {
  if (!containsApiKey(value, apiKey)) return value;
  if (typeof value === 'string') return redactText(value, apiKey);
  if (value instanceof Error) return redactError(value, apiKey, depth);
  if (depth > MAX_SCAN_DEPTH || value == null || typeof value !== 'object')
    return REDACTED;
  if (Array.isArray(value))
    return value.map(item => redactValue(item, apiKey, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [
      name,
      redactValue(field, apiKey, depth + 1),
    ]),
  );
}

function redactError(error: Error, apiKey: string, depth: number): Error {
  const redact = (value: unknown) => redactValue(value, apiKey, depth + 1);
  if (APICallError.isInstance(error)) {
    return copyAPICallError(error, {
      message: redactText(error.message, apiKey),
      requestBodyValues: redact(error.requestBodyValues),
      responseHeaders: redact(error.responseHeaders) as
        Record<string, string> | undefined,
      responseBody:
        error.responseBody === undefined
          ? undefined
          : redactText(error.responseBody, apiKey),
      cause: redact(error.cause),
      data: redact(error.data),
    });
  }
  if (InvalidResponseDataError.isInstance(error)) {
    return new InvalidResponseDataError({
      message: redactText(error.message, apiKey),
      data: redact(error.data),
    });
  }
  // Any other error: its name and message, without fields that may hold the key.
  const copy = new Error(redactText(error.message, apiKey), {
    cause: redact(error.cause),
  });
  copy.name = error.name;
  return copy;
}

/** `value` with the API key replaced by `[redacted]` everywhere; the same value if it has none. */
export function redactApiKey<T>(value: T, apiKey: string | undefined): T {
  // redactValue scans first and returns `value` itself when the key is not in it
  return apiKey == null ? value : (redactValue(value, apiKey) as T);
}
