import {
  APICallError,
  type LanguageModelV4CallOptions,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import type { BasetenCatalogEntry } from './baseten-catalog-snapshot';
import {
  acceptsImages,
  DOCUMENTED_REASONING_EFFORTS,
  snapshotVisionModelIds,
} from './baseten-model-capabilities';

/** AI SDK call settings and the sampling parameter Baseten's catalog names them by. */
const CALL_SAMPLING_SETTINGS = [
  ['temperature', 'temperature'],
  ['topP', 'top_p'],
  ['topK', 'top_k'],
  ['stopSequences', 'stop'],
  ['presencePenalty', 'presence_penalty'],
  ['frequencyPenalty', 'frequency_penalty'],
  ['seed', 'seed'],
] as const;

// `top_k` only: min_p and repetition_penalty are engine knobs the listing never names.
const PROVIDER_SAMPLING_OPTIONS = [['topK', 'top_k']] as const;

type Warning = Extract<SharedV4Warning, { type: 'unsupported' }>;

function isSet(value: unknown): boolean {
  return value != null && !(Array.isArray(value) && value.length === 0);
}

function samplingWarnings(
  entry: BasetenCatalogEntry,
  options: LanguageModelV4CallOptions,
  providerOptions: Readonly<Record<string, unknown>>,
): Warning[] {
  const listed = entry.supported_sampling_parameters;
  const used = new Map<string, string>();
  for (const [setting, wireName] of CALL_SAMPLING_SETTINGS) {
    if (isSet(options[setting])) used.set(wireName, setting);
  }
  for (const [option, wireName] of PROVIDER_SAMPLING_OPTIONS) {
    const name = [option, wireName].find(key => isSet(providerOptions[key]));
    if (name !== undefined && !used.has(wireName)) {
      used.set(wireName, `providerOptions.${PROVIDER_OPTIONS_KEY}.${name}`);
    }
  }
  return [...used]
    .filter(([wireName]) => !listed.includes(wireName))
    .map(([wireName, setting]) => ({
      type: 'unsupported',
      feature: setting,
      details:
        `${entry.id} does not list ${wireName} among its sampling parameters in Baseten's ` +
        `model catalog (${listed.join(', ')}); it is sent as is, and Baseten may reject it.`,
    }));
}

/** The `reasoning_effort` the call sends, if any (as the OpenAI-compatible model picks it). */
function requestedEffort(
  options: LanguageModelV4CallOptions,
  providerOptions: Readonly<Record<string, unknown>>,
): { setting: string; value: string } | undefined {
  for (const key of ['reasoningEffort', 'reasoning_effort']) {
    const value = providerOptions[key];
    if (value === null) return undefined; // sent as null: the server's default
    if (typeof value === 'string') {
      return {
        setting: `providerOptions.${PROVIDER_OPTIONS_KEY}.${key}`,
        value,
      };
    }
  }
  if (
    options.reasoning !== undefined &&
    options.reasoning !== 'provider-default'
  ) {
    return { setting: 'reasoning', value: options.reasoning };
  }
  return undefined;
}

function reasoningEffortWarnings(
  entry: BasetenCatalogEntry,
  options: LanguageModelV4CallOptions,
  providerOptions: Readonly<Record<string, unknown>>,
): Warning[] {
  const effort = requestedEffort(options, providerOptions);
  if (effort === undefined) return [];
  if (!entry.supported_features.includes('reasoning_effort')) {
    return [
      {
        type: 'unsupported',
        feature: effort.setting,
        details:
          `${entry.id} does not list reasoning_effort among its features in Baseten's model ` +
          `catalog; reasoning_effort: '${effort.value}' is sent as is, and Baseten may reject ` +
          'or ignore it.',
      },
    ];
  }
  const documented = DOCUMENTED_REASONING_EFFORTS[entry.id];
  if (documented === undefined || documented.includes(effort.value)) return [];
  return [
    {
      type: 'unsupported',
      feature: effort.setting,
      details:
        `Baseten documents reasoning_effort ${documented.join(', ')} for ${entry.id}; ` +
        `'${effort.value}' is sent as is, and Baseten may reject it.`,
    },
  ];
}

function featureWarnings(
  entry: BasetenCatalogEntry,
  options: LanguageModelV4CallOptions,
  providerOptions: Readonly<Record<string, unknown>>,
): Warning[] {
  const features = entry.supported_features;
  const warnings: Warning[] = [];
  if ((options.tools?.length ?? 0) > 0 && !features.includes('tools')) {
    warnings.push({
      type: 'unsupported',
      feature: 'tools',
      details: `${entry.id} does not list tools among its features in Baseten's model catalog.`,
    });
  }
  const format = options.responseFormat;
  if (format?.type !== 'json') return warnings;
  const jsonSchema =
    format.schema != null && providerOptions.structuredOutputs !== false;
  if (
    jsonSchema
      ? features.includes('structured_outputs')
      : features.includes('json_mode')
  ) {
    return warnings;
  }
  const fallback =
    jsonSchema && features.includes('json_mode')
      ? ' It lists json_mode: set providerOptions.baseten.structuredOutputs to false.'
      : '';
  warnings.push({
    type: 'unsupported',
    feature: 'responseFormat',
    details:
      `${entry.id} does not list ${jsonSchema ? 'structured_outputs' : 'json_mode'} among its ` +
      `features in Baseten's model catalog; response_format is sent as is.${fallback}`,
  });
  return warnings;
}

/** The input modality a file part needs, or undefined when it is sent as text. */
function modalityOf(mediaType: string): string | undefined {
  const topLevel = mediaType.split('/')[0]?.toLowerCase();
  switch (topLevel) {
    case 'text':
      return undefined;
    case 'image':
    case 'audio':
    case 'video':
      return topLevel;
    default:
      return 'file';
  }
}

function inputWarnings(
  entry: BasetenCatalogEntry,
  options: LanguageModelV4CallOptions,
): Warning[] {
  const needed = new Set<string>();
  for (const message of options.prompt) {
    if (message.role !== 'user') continue;
    for (const part of message.content) {
      if (part.type !== 'file') continue;
      const modality = modalityOf(part.mediaType);
      if (modality !== undefined) needed.add(modality);
    }
  }
  const inputs = entry.input_modalities;
  const accepted = (modality: string) =>
    modality === 'image'
      ? acceptsImages(entry) === true
      : inputs.includes(modality);
  return [...needed]
    .filter(modality => !accepted(modality))
    .map(modality => {
      const visionHint =
        modality === 'image'
          ? ` Models that take images: ${snapshotVisionModelIds().join(', ')}.`
          : '';
      return {
        type: 'unsupported',
        feature: `${modality} input`,
        details:
          `${entry.id} takes ${inputs.join(' and ')} input in Baseten's model catalog; the ` +
          `${modality} part is sent as is, and Baseten may answer 400 for it.${visionHint}`,
      };
    });
}

/**
 * Warnings for what a call uses that the model's entry in the built-in catalog
 * snapshot does not list (sampling parameters, `reasoning_effort`, tools, JSON
 * output, image or file input). None without an entry (unknown slugs, dedicated
 * deployments).
 */
export function capabilityWarnings(
  entry: BasetenCatalogEntry | undefined,
  options: LanguageModelV4CallOptions,
): SharedV4Warning[] {
  if (entry === undefined) return [];
  const raw = options.providerOptions?.[PROVIDER_OPTIONS_KEY];
  const providerOptions: Readonly<Record<string, unknown>> = raw ?? {};
  return [
    ...samplingWarnings(entry, options, providerOptions),
    ...reasoningEffortWarnings(entry, options, providerOptions),
    ...featureWarnings(entry, options, providerOptions),
    ...inputWarnings(entry, options),
  ];
}

/**
 * For a 400 from Baseten, the call's capability warnings as a likely cause
 * (a thrown call returns no warnings); undefined for any other error.
 */
export function rejectionExplanation(
  error: unknown,
  warnings: readonly SharedV4Warning[],
): string | undefined {
  if (
    !APICallError.isInstance(error) ||
    error.statusCode !== 400 ||
    warnings.length === 0
  ) {
    return undefined;
  }
  const details = warnings.flatMap(warning =>
    'details' in warning && warning.details ? [warning.details] : [],
  );
  return details.length === 0
    ? undefined
    : `possible cause: ${details.join(' ')}`;
}
