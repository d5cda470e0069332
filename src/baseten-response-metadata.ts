/** Baseten's ids of one answer, from its `X-Baseten-*` response headers. */
export interface BasetenResponseMetadata {
  /** `x-baseten-request-id`: what Baseten support asks for. */
  requestId?: string;
  /** `x-baseten-model-id`: the serving deployment's model id. */
  modelId?: string;
  /** `x-baseten-model-version-id`. */
  modelVersionId?: string;
}

const HEADERS = {
  requestId: 'x-baseten-request-id',
  modelId: 'x-baseten-model-id',
  modelVersionId: 'x-baseten-model-version-id',
} as const;

/** The ids Baseten sent, or undefined when it sent none. */
export function basetenResponseMetadata(
  headers: Record<string, string | undefined> | undefined,
): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  let found: Record<string, string> | undefined;
  for (const [name, header] of Object.entries(HEADERS)) {
    const value = headers[header];
    if (value !== undefined && value !== '') (found ??= {})[name] = value;
  }
  return found;
}
