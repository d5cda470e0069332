import { APICallError } from '@ai-sdk/provider';
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

/**
 * Finishes an `APICallError` for the user: a body that was not a Baseten
 * envelope becomes the message (the plain text a custom server sent, or the
 * status — over HTTP/2 there is no reason phrase, so the AI SDK's fallback is
 * empty), and the API key is redacted should a server echo it back.
 */
export function withReadableMessage(error: unknown, secret?: string): unknown {
  if (!APICallError.isInstance(error)) return error;
  const redact = (text: string) =>
    secret != null && secret.length >= 4 && text.includes(secret)
      ? text.split(secret).join('[redacted]')
      : text;
  const body = error.responseBody?.trim() ?? '';
  const message = redact(
    error.data !== undefined
      ? error.message
      : body !== ''
        ? body.length > MAX_MESSAGE_BODY
          ? `${body.slice(0, MAX_MESSAGE_BODY)}…`
          : body
        : error.message.trim() !== ''
          ? error.message
          : `Baseten request failed with HTTP ${error.statusCode ?? 'error'}`,
  );
  const responseBody =
    error.responseBody === undefined ? undefined : redact(error.responseBody);
  const data =
    error.data === undefined
      ? undefined
      : (JSON.parse(redact(JSON.stringify(error.data))) as unknown);
  if (
    message === error.message &&
    responseBody === error.responseBody &&
    (data === undefined || JSON.stringify(data) === JSON.stringify(error.data))
  ) {
    return error;
  }
  return new APICallError({
    message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody,
    cause: error.cause,
    isRetryable: error.isRetryable,
    data,
  });
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
