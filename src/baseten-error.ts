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
 * Gives an `APICallError` whose body was not a Baseten envelope a message
 * anyway: the plain-text body a custom server sent, or the status. (Over
 * HTTP/2 there is no reason phrase, so the AI SDK's fallback is empty.)
 */
export function withReadableMessage(error: unknown): unknown {
  if (!APICallError.isInstance(error) || error.data !== undefined) {
    return error;
  }
  const body = error.responseBody?.trim() ?? '';
  const status = error.statusCode;
  const message =
    body !== ''
      ? body.length > MAX_MESSAGE_BODY
        ? `${body.slice(0, MAX_MESSAGE_BODY)}…`
        : body
      : error.message.trim() !== ''
        ? error.message
        : `Baseten request failed with HTTP ${status ?? 'error'}`;
  if (message === error.message) return error;
  return new APICallError({
    message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: status,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    cause: error.cause,
    isRetryable: error.isRetryable,
    data: error.data,
  });
}
