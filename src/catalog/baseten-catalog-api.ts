import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';

// Only `id` is required: gateways and older deployments list models with fewer
// fields, and an absent field becomes `undefined` or an `'unknown'` capability.
function buildCatalogEntrySchema() {
  const names = z.array(z.string()).nullish();
  const price = z.union([z.string(), z.number()]).nullish();
  return z.looseObject({
    id: z.string(),
    name: z.string().nullish(),
    description: z.string().nullish(),
    context_length: z.number().nullish(),
    max_completion_tokens: z.number().nullish(),
    pricing: z.looseObject({ prompt: price, completion: price }).nullish(),
    supported_sampling_parameters: names,
    supported_features: names,
    input_modalities: names,
    output_modalities: names,
  });
}

/** One entry of `GET /v1/models` as parsed: the live fields typed, the rest kept. */
export type BasetenCatalogWireEntry = z.infer<
  ReturnType<typeof buildCatalogEntrySchema>
>;

/** The body of Baseten's `GET /v1/models`. */
export const basetenCatalogResponseSchema = lazySchema(() =>
  zodSchema(z.looseObject({ data: z.array(buildCatalogEntrySchema()) })),
);
