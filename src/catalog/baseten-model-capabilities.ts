import type { ModelCapabilities, ModelCapability } from '@ai-sdk/provider';
import {
  BASETEN_CATALOG_CURRENT,
  BASETEN_CATALOG_EARLIER,
  type BasetenCatalogEntry,
} from './baseten-catalog-snapshot';

/** The slugs of the built-in snapshot (current and earlier listings). */
export type BasetenCatalogModelId =
  | (typeof BASETEN_CATALOG_CURRENT)[number]['id']
  | (typeof BASETEN_CATALOG_EARLIER)[number]['id'];

/** The fields of a catalog entry that capabilities are read from (snapshot or live). */
export interface BasetenCatalogFacts {
  readonly id: string;
  readonly supported_sampling_parameters?: readonly string[] | null;
  readonly supported_features?: readonly string[] | null;
  readonly input_modalities?: readonly string[] | null;
}

// Effort values Baseten documents per model (the listing only flags `reasoning_effort`).
export const DOCUMENTED_REASONING_EFFORTS: Readonly<
  Record<string, readonly string[]>
> = {
  'openai/gpt-oss-120b': ['low', 'medium', 'high'],
};

/** JSON mode without constrained decoding: what the model needs the caller to set. */
export const JSON_MODE_ONLY_CONDITION =
  'JSON mode only: set providerOptions.baseten.structuredOutputs to false';

function listed(
  names: readonly string[] | null | undefined,
  name: string,
): ModelCapability {
  return names == null ? 'unknown' : names.includes(name);
}

/** Whether the entry takes image parts: `input_modalities` or the older `vision` feature. */
export function acceptsImages(entry: BasetenCatalogFacts): ModelCapability {
  if (entry.supported_features?.includes('vision')) return true;
  return listed(entry.input_modalities, 'image');
}

function objectGeneration(
  features: readonly string[] | null | undefined,
): ModelCapability {
  if (features == null) return 'unknown';
  if (features.includes('structured_outputs')) return true;
  return features.includes('json_mode')
    ? { condition: JSON_MODE_ONLY_CONDITION }
    : false;
}

function reasoningSupport(
  features: readonly string[] | null | undefined,
): ModelCapability {
  if (features == null) return 'unknown';
  return (
    features.includes('reasoning') || features.includes('reasoning_effort')
  );
}

/** An entry of Baseten's catalog as the AI SDK's `ModelCapabilities`. */
export function basetenModelCapabilities(
  entry: BasetenCatalogFacts,
): ModelCapabilities {
  const features = entry.supported_features;
  const sampling = entry.supported_sampling_parameters;
  const tools = listed(features, 'tools');
  const efforts = features?.includes('reasoning_effort')
    ? DOCUMENTED_REASONING_EFFORTS[entry.id]
    : undefined;
  const support = reasoningSupport(features);
  return {
    language: {
      inputs: {
        image: acceptsImages(entry),
        audio: listed(entry.input_modalities, 'audio'),
      },
      objectGeneration: objectGeneration(features),
      tools: { usage: tools, streaming: tools },
      reasoning: efforts === undefined ? { support } : { support, efforts },
      sampling: {
        temperature: listed(sampling, 'temperature'),
        topP: listed(sampling, 'top_p'),
        logprobs: listed(sampling, 'logprobs'),
      },
    },
  };
}

let snapshotById: ReadonlyMap<string, BasetenCatalogEntry> | undefined;

/** The built-in snapshot's entry for a slug; the current listing wins over the earlier one. */
export function findSnapshotEntry(
  modelId: string,
): BasetenCatalogEntry | undefined {
  snapshotById ??= new Map(
    [...BASETEN_CATALOG_EARLIER, ...BASETEN_CATALOG_CURRENT].map(entry => [
      entry.id,
      entry,
    ]),
  );
  return snapshotById.get(modelId);
}

/** Slugs of the current listing that take images, for hints in warnings. */
export function snapshotVisionModelIds(): string[] {
  return BASETEN_CATALOG_CURRENT.filter(
    entry => acceptsImages(entry) === true,
  ).map(entry => entry.id);
}
