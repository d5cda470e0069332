import { normalizeHeaders } from '@ai-sdk/provider-utils';

/** The header that carries the id Baseten support asks for. */
export const REQUEST_ID_HEADER = 'x-baseten-request-id';
/** The backing deployment's (8-character) model id. */
export const MODEL_ID_HEADER = 'x-baseten-model-id';
/** The backing deployment's model version id. */
export const MODEL_VERSION_ID_HEADER = 'x-baseten-model-version-id';

/** What Baseten's response headers say about the request that served a call. */
export interface BasetenResponseMetadata {
  /** `x-baseten-request-id`: quote it to Baseten support. */
  readonly requestId: string;
  /** `x-baseten-model-id`, when sent. */
  readonly modelId?: string;
  /** `x-baseten-model-version-id`, when sent. */
  readonly modelVersionId?: string;
}

/** Request id and model ids from Baseten's response headers; undefined without a request id. */
export function basetenResponseMetadata(
  headers: HeadersInit | Record<string, string | undefined> | undefined,
): BasetenResponseMetadata | undefined {
  const lower = normalizeHeaders(headers);
  const requestId = lower[REQUEST_ID_HEADER];
  if (requestId === undefined || requestId === '') return undefined;
  const modelId = lower[MODEL_ID_HEADER];
  const modelVersionId = lower[MODEL_VERSION_ID_HEADER];
  return {
    requestId,
    ...(modelId !== undefined && { modelId }),
    ...(modelVersionId !== undefined && { modelVersionId }),
  };
}
