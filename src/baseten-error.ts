import { APICallError, InvalidResponseDataError } from '@ai-sdk/provider';
import { z } from 'zod/v4';

/**
 * Both error envelopes Baseten returns: a string from Model APIs and
 * Baseten's edge, an OpenAI-style object passed through from dedicated
 * deployments (vLLM, SGLang, TensorRT-LLM, BEI).
 */
function buildErrorDataSchema() {
  return z.object({
    error: z.union([
      z.string(),
      z.looseObject({
        message: z.string(),
        type: z.string().nullish(),
        param: z.unknown().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
      }),
    ]),
  });
}

/** The parsed body of a Baseten error response (either envelope). */
export type BasetenErrorData = z.infer<ReturnType<typeof buildErrorDataSchema>>;

let errorDataSchema: ReturnType<typeof buildErrorDataSchema> | undefined;

/** Baseten retries: rate limits and server-side failures, nothing else. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** How the AI SDK parses Baseten errors (the schema is built on first use). */
export const basetenErrorStructure = {
  get errorSchema() {
    return (errorDataSchema ??= buildErrorDataSchema());
  },
  errorToMessage: (data: BasetenErrorData): string =>
    typeof data.error === 'string' ? data.error : data.error.message,
  isRetryable: (response: Response): boolean =>
    isRetryableStatus(response.status),
};

const MAX_MESSAGE_BODY = 500;

/** What replaces the API key wherever a server echoed it back. */
export const REDACTED = '[redacted]';

const MAX_SCAN_DEPTH = 8;

/** Whether `secret` occurs anywhere in `value`: strings, error messages, stacks, causes, fields. */
export function containsSecret(value: unknown, secret: string | undefined, depth = 0): boolean {
  if (secret == null || secret.length < 4 || depth > MAX_SCAN_DEPTH) return false;
  if (typeof value === 'string') return value.includes(secret);
  if (value == null || typeof value !== 'object') return false;
  if (value instanceof Error) {
    if (value.message.includes(secret) || (value.stack ?? '').includes(secret)) return true;
    if (containsSecret(value.cause, secret, depth + 1)) return true;
  }
  return Object.values(value).some(field => containsSecret(field, secret, depth + 1));
}

function redactText(text: string, secret: string): string {
  return text.split(secret).join(REDACTED);
}

/** A copy of a JSON-like value with `secret` replaced; unserialisable values become their text. */
function redactValue(value: unknown, secret: string, depth = 0): unknown {
  if (!containsSecret(value, secret)) return value;
  if (typeof value === 'string') return redactText(value, secret);
  if (value instanceof Error) return redactError(value, secret, depth);
  if (depth > MAX_SCAN_DEPTH || value == null || typeof value !== 'object') return REDACTED;
  if (Array.isArray(value)) return value.map(item => redactValue(item, secret, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([name, field]) => [name, redactValue(field, secret, depth + 1)]),
  );
}

function redactError(error: Error, secret: string, depth: number): Error {
  if (APICallError.isInstance(error)) {
    return new APICallError({
      message: redactText(error.message, secret),
      url: error.url,
      requestBodyValues: redactValue(error.requestBodyValues, secret, depth + 1),
      statusCode: error.statusCode,
      responseHeaders: redactValue(error.responseHeaders, secret, depth + 1) as
        | Record<string, string>
        | undefined,
      responseBody:
        error.responseBody === undefined ? undefined : redactText(error.responseBody, secret),
      cause: redactValue(error.cause, secret, depth + 1),
      isRetryable: error.isRetryable,
      data: redactValue(error.data, secret, depth + 1),
    });
  }
  if (InvalidResponseDataError.isInstance(error)) {
    return new InvalidResponseDataError({
      message: redactText(error.message, secret),
      data: redactValue(error.data, secret, depth + 1),
    });
  }
  // Any other error: its name and message, without fields that may hold the key.
  const copy = new Error(redactText(error.message, secret), {
    cause: redactValue(error.cause, secret, depth + 1),
  });
  copy.name = error.name;
  return copy;
}

/**
 * Returns `value` with the API key replaced by `[redacted]` wherever it
 * occurs (message, stack, cause chain, body, data, headers), should a server
 * echo the key back; the same value when it holds no key.
 */
export function redactSecret<T>(value: T, secret: string | undefined): T {
  if (secret == null || !containsSecret(value, secret)) return value;
  return redactValue(value, secret) as T;
}

/**
 * Finishes an `APICallError` for the user: a body that was not a Baseten
 * envelope becomes the message (the plain text a custom server sent, or the
 * status — over HTTP/2 there is no reason phrase, so the AI SDK's fallback is
 * empty), and the API key is redacted wherever it occurs should a server
 * echo it back (other errors are only redacted).
 */
export function withReadableMessage(error: unknown, secret?: string): unknown {
  if (!APICallError.isInstance(error)) return redactSecret(error, secret);
  const body = error.responseBody?.trim() ?? '';
  const message =
    error.data !== undefined
      ? error.message
      : body !== ''
        ? body.length > MAX_MESSAGE_BODY
          ? `${body.slice(0, MAX_MESSAGE_BODY)}…`
          : body
        : error.message.trim() !== ''
          ? error.message
          : `Baseten request failed with HTTP ${error.statusCode ?? 'error'}`;
  const readable =
    message === error.message
      ? error
      : new APICallError({
          message,
          url: error.url,
          requestBodyValues: error.requestBodyValues,
          statusCode: error.statusCode,
          responseHeaders: error.responseHeaders,
          responseBody: error.responseBody,
          cause: error.cause,
          isRetryable: error.isRetryable,
          data: error.data,
        });
  return redactSecret(readable, secret);
}

/** What a failed HTTP exchange left behind, whichever transport made it. */
export interface FailedResponse {
  readonly url: string;
  readonly statusCode: number;
  /** The raw response body (may be empty, JSON or plain text). */
  readonly body: string;
  readonly requestBodyValues: unknown;
  readonly responseHeaders?: Record<string, string>;
  readonly cause?: unknown;
}

/**
 * An `APICallError` from a Baseten error response: the message of either
 * envelope, else the body text, else the status; retryable on 429 and 5xx.
 */
export function apiCallErrorFromResponse(failed: FailedResponse): APICallError {
  let data: BasetenErrorData | undefined;
  const text = failed.body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = basetenErrorStructure.errorSchema.safeParse(JSON.parse(text));
      if (parsed.success) data = parsed.data;
    } catch {
      // not JSON: the text itself is the message
    }
  }
  const message =
    data !== undefined
      ? basetenErrorStructure.errorToMessage(data)
      : text !== ''
        ? text.length > MAX_MESSAGE_BODY
          ? `${text.slice(0, MAX_MESSAGE_BODY)}…`
          : text
        : `Baseten request failed with HTTP ${failed.statusCode}`;
  return new APICallError({
    message,
    url: failed.url,
    requestBodyValues: failed.requestBodyValues,
    statusCode: failed.statusCode,
    responseHeaders: failed.responseHeaders,
    responseBody: failed.body,
    cause: failed.cause,
    isRetryable: isRetryableStatus(failed.statusCode),
    data,
  });
}
