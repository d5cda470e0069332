import { APICallError } from '@ai-sdk/provider';
import {
  extractResponseHeaders,
  safeParseJSON,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { copyAPICallError } from './baseten-api-call-error';
import { redactApiKey } from './baseten-redaction';
import { basetenResponseMetadata } from './baseten-response-metadata';

/**
 * Baseten's error envelopes: a string (Model APIs, edge), an OpenAI-style
 * object, or (Model APIs, some 400s) a flat `{message, type, code}` object,
 * read as the object form so every reader sees an `error` key.
 */
function buildErrorDataSchema() {
  const details = {
    type: z.string().nullish(),
    param: z.unknown().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  };
  const wrapped = z.object({
    error: z.union([
      z.string(),
      z.looseObject({ message: z.string(), ...details }),
    ]),
  });
  const flat = z
    .looseObject({ message: z.string(), ...details })
    .transform(({ message, type, param, code }) => ({
      error: { message, type, param, code },
    }));
  return z.union([wrapped, flat]);
}

/** The parsed body of a Baseten error response (either envelope). */
export type BasetenErrorData = z.infer<ReturnType<typeof buildErrorDataSchema>>;

let errorDataSchema: ReturnType<typeof buildErrorDataSchema> | undefined;

/** Baseten retries: rate limits and server-side failures, nothing else. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** How the AI SDK parses Baseten errors (a getter, not lazySchema: openai-compatible wants zod). */
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

/** A body that was not an envelope, as a message: its text, cut to 500 characters. */
function bodyAsMessage(body: string): string | undefined {
  const text = body.trim();
  if (text === '') return undefined;
  return text.length > MAX_MESSAGE_BODY
    ? `${text.slice(0, MAX_MESSAGE_BODY)}…`
    : text;
}

/** The message when there is nothing else to say (HTTP/2 has no reason phrase). */
function statusMessage(statusCode: number | undefined): string {
  return `Baseten request failed with HTTP ${statusCode ?? 'error'}`;
}

/** `message` ending with ` (request id …)` when the headers carry one (once). */
export function withRequestId(
  message: string,
  headers: Record<string, string> | undefined,
): string {
  const requestId = basetenResponseMetadata(headers)?.requestId;
  if (requestId === undefined) return message;
  const suffix = ` (request id ${requestId})`;
  return message.endsWith(suffix) ? message : `${message}${suffix}`;
}

/**
 * Finishes an error for the user: a non-envelope body (else the status) becomes the message,
 * then the `explanation` if any, the request id ends it, and the API key is redacted (other
 * errors are only redacted).
 */
export function withReadableMessage(
  error: unknown,
  apiKey?: string,
  explanation?: string,
): unknown {
  if (!APICallError.isInstance(error)) return redactApiKey(error, apiKey);
  // a 2xx error is about a body that could not be read: its message says so, the body does not
  const isAnswered =
    error.statusCode !== undefined &&
    error.statusCode >= 200 &&
    error.statusCode < 300;
  const readable =
    error.data !== undefined || isAnswered
      ? error.message
      : (bodyAsMessage(error.responseBody ?? '') ??
        (error.message.trim() !== ''
          ? error.message
          : statusMessage(error.statusCode)));
  const explained =
    explanation === undefined ? readable : `${readable} (${explanation})`;
  const message = withRequestId(explained, error.responseHeaders);
  const finished =
    message === error.message ? error : copyAPICallError(error, { message });
  return redactApiKey(finished, apiKey);
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

/** The body as a Baseten envelope, or undefined when it is none. */
async function parseEnvelope(
  body: string,
): Promise<BasetenErrorData | undefined> {
  if (!body.trimStart().startsWith('{')) return undefined;
  const parsed = await safeParseJSON({
    text: body,
    schema: basetenErrorStructure.errorSchema,
  });
  return parsed.success ? parsed.value : undefined;
}

/** An `APICallError` from an error response: envelope message, else body, else status. */
export async function apiCallErrorFromResponse(
  failed: FailedResponse,
): Promise<APICallError> {
  const data = await parseEnvelope(failed.body);
  const message =
    data !== undefined
      ? basetenErrorStructure.errorToMessage(data)
      : (bodyAsMessage(failed.body) ?? statusMessage(failed.statusCode));
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

/** `postJsonToApi`'s failed-response handler for Baseten (see `apiCallErrorFromResponse`). */
export const basetenFailedResponseHandler: ResponseHandler<
  APICallError
> = async ({ response, url, requestBodyValues }) => {
  const responseHeaders = extractResponseHeaders(response);
  const value = await apiCallErrorFromResponse({
    url,
    statusCode: response.status,
    body: await response.text(),
    requestBodyValues,
    responseHeaders,
  });
  return { value, responseHeaders };
};
