import { APICallError } from '@ai-sdk/provider';

/** The fields an `APICallError` is built from. */
export type APICallErrorFields = ConstructorParameters<typeof APICallError>[0];

/** A new `APICallError` with every field of `error`, and `changes` on top. */
export function copyAPICallError(
  error: APICallError,
  changes: Partial<APICallErrorFields>,
): APICallError {
  return new APICallError({
    message: error.message,
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: error.statusCode,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    cause: error.cause,
    isRetryable: error.isRetryable,
    data: error.data,
    ...changes,
  });
}
