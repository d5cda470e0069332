import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';

/** One request body of `POST …/sync/v1/embeddings`. */
export interface BasetenEmbeddingRequest {
  model: string;
  input: string[];
  encoding_format: 'float' | 'base64';
  dimensions?: number;
  user?: string;
}

/** The response of `POST …/sync/v1/embeddings`; vector numbers are checked when copied. */
function buildEmbeddingResponseSchema() {
  return z.object({
    data: z.array(
      z.object({
        index: z.number().int().nonnegative().optional(),
        embedding: z.custom<string | unknown[]>(
          value => typeof value === 'string' || Array.isArray(value),
          'embedding must be a base64 string or an array of numbers',
        ),
      }),
    ),
    model: z.string().nullish(),
    usage: z
      .object({
        prompt_tokens: z.number().nullish(),
        total_tokens: z.number().nullish(),
      })
      .nullish(),
  });
}

/** A parsed embeddings response. */
export type BasetenEmbeddingResponse = z.infer<
  ReturnType<typeof buildEmbeddingResponseSchema>
>;

/** The response schema, built on first use. */
export const getEmbeddingResponseSchema = builtOnce(
  buildEmbeddingResponseSchema,
);

const isNullishNumber = (value: unknown) =>
  value == null || typeof value === 'number';

/** The schema's rules by hand (hot path, see bench/NOTES.md): the body typed, or undefined. */
export function asEmbeddingResponse(
  body: unknown,
): BasetenEmbeddingResponse | undefined {
  if (body == null || typeof body !== 'object') return undefined;
  const { data, model, usage } = body as Record<string, unknown>;
  if (!Array.isArray(data)) return undefined;
  for (const item of data) {
    if (item == null || typeof item !== 'object') return undefined;
    const { index, embedding } = item as Record<string, unknown>;
    if (
      index !== undefined &&
      !(Number.isInteger(index) && (index as number) >= 0)
    )
      return undefined;
    if (typeof embedding !== 'string' && !Array.isArray(embedding))
      return undefined;
  }
  if (model != null && typeof model !== 'string') return undefined;
  if (usage != null) {
    if (typeof usage !== 'object') return undefined;
    const { prompt_tokens, total_tokens } = usage as Record<string, unknown>;
    if (!isNullishNumber(prompt_tokens) || !isNullishNumber(total_tokens))
      return undefined;
  }
  return body as BasetenEmbeddingResponse;
}
