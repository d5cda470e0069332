import {
  InvalidArgumentError,
  TypeValidationError,
  type SharedV4ProviderOptions,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import {
  parseProviderOptions,
  type FlexibleSchema,
} from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { invalidProviderOptionsError } from '../baseten-option-errors';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import type { BatchTuning } from '../transport/baseten-batch';

/** Baseten Embeddings Inference's limit of inputs per request. */
export const MAX_INPUTS_PER_REQUEST = 128;

/** Requests in flight at once when `maxConcurrentRequests` is not set. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 32;

/** Highest `maxConcurrentRequests` accepted (the native client's own cap at small batches). */
export const MAX_CONCURRENT_REQUESTS_LIMIT = 512;

/** Highest `timeoutMs` accepted (one hour, the native client's limit). */
const MAX_TIMEOUT_MS = 3_600_000;

/** Options of every model that splits its inputs into batched requests. */
export interface BasetenBatchProviderOptions {
  /**
   * Inputs per request, 1–128.
   * @default 128
   */
  batchSize?: number;
  /**
   * Requests in flight at once, 1–512.
   * @default 32
   */
  maxConcurrentRequests?: number;
  /** Per-request timeout in ms (the native client rounds up to seconds); none when unset. */
  timeoutMs?: number;
  /** Race a duplicate request after this many ms without an answer (HTTP only); off when unset. */
  hedgeDelayMs?: number;
}

/** The zod fields of `BasetenBatchProviderOptions`, to spread into a model's options schema. */
export function batchProviderOptionsShape() {
  return {
    batchSize: z
      .number()
      .int('batchSize must be a whole number')
      .min(1, 'batchSize must be at least 1')
      .max(
        MAX_INPUTS_PER_REQUEST,
        `batchSize must be at most ${MAX_INPUTS_PER_REQUEST} (Baseten's per-request limit)`,
      )
      .optional(),
    maxConcurrentRequests: z
      .number()
      .int('maxConcurrentRequests must be a whole number')
      .min(1, 'maxConcurrentRequests must be at least 1')
      .max(
        MAX_CONCURRENT_REQUESTS_LIMIT,
        `maxConcurrentRequests must be at most ${MAX_CONCURRENT_REQUESTS_LIMIT}`,
      )
      .optional(),
    timeoutMs: z
      .number()
      .positive('timeoutMs must be positive')
      .max(MAX_TIMEOUT_MS, 'timeoutMs must be at most 3,600,000 (one hour)')
      .optional(),
    hedgeDelayMs: z
      .number()
      .positive('hedgeDelayMs must be positive')
      .optional(),
  };
}

/** `BasetenBatchProviderOptions`' names, to spread into a model's `optionNames({…})`. */
export const BATCH_OPTION_FLAGS: {
  readonly [K in keyof Required<BasetenBatchProviderOptions>]: true;
} = {
  batchSize: true,
  maxConcurrentRequests: true,
  timeoutMs: true,
  hedgeDelayMs: true,
};

/** Batch options with their defaults applied. */
export interface BatchSettings extends BatchTuning {
  readonly batchSize: number;
}

/** `BasetenBatchProviderOptions` with the defaults filled in. */
export function batchSettings(
  options: BasetenBatchProviderOptions,
): BatchSettings {
  return {
    batchSize: options.batchSize ?? MAX_INPUTS_PER_REQUEST,
    maxConcurrentRequests:
      options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
    timeoutMs: options.timeoutMs,
    hedgeDelayMs: options.hedgeDelayMs,
  };
}

/** How a deployment model names its options in errors and warnings. */
export interface DeploymentOptionsDescription<T> {
  readonly schema: FlexibleSchema<T>;
  /** Option names the schema accepts; others become warnings. */
  readonly acceptedNames: readonly string[];
  /** What the call does, e.g. `embeddings` ("Invalid providerOptions.baseten for …"). */
  readonly purpose: string;
  /** Who ignores an unknown option, e.g. `Embedding models`. */
  readonly models: string;
  /** The exported options type a user should look up. */
  readonly typeName: string;
}

/**
 * Parses `providerOptions.baseten`: a bad value throws naming the setting, an unknown key warns;
 * no options skip the schema.
 */
export async function parseDeploymentOptions<T extends object>(
  providerOptions: SharedV4ProviderOptions | undefined,
  description: DeploymentOptionsDescription<T>,
  warnings: SharedV4Warning[],
): Promise<Partial<T>> {
  const raw = providerOptions?.[PROVIDER_OPTIONS_KEY];
  if (raw === undefined) return {};
  const value = await parseProviderOptions({
    provider: PROVIDER_OPTIONS_KEY,
    providerOptions,
    schema: description.schema,
  }).catch((error: unknown) => {
    throw optionsError(error, description);
  });
  warnUnknownOptions(raw ?? {}, description, warnings);
  return value ?? {};
}

/** `parseDeploymentOptions`, with the batch defaults filled in. */
export async function parseBatchOptions<T extends BasetenBatchProviderOptions>(
  providerOptions: SharedV4ProviderOptions | undefined,
  description: DeploymentOptionsDescription<T>,
  warnings: SharedV4Warning[],
): Promise<Partial<T> & BatchSettings> {
  const value = await parseDeploymentOptions(
    providerOptions,
    description,
    warnings,
  );
  return { ...value, ...batchSettings(value) };
}

function optionsError(
  error: unknown,
  description: DeploymentOptionsDescription<unknown>,
): unknown {
  if (!InvalidArgumentError.isInstance(error)) return error;
  const cause = TypeValidationError.isInstance(error.cause)
    ? error.cause.cause
    : error.cause;
  return invalidProviderOptionsError(
    cause,
    description.typeName,
    description.purpose,
  );
}

function warnUnknownOptions(
  raw: object,
  description: DeploymentOptionsDescription<unknown>,
  warnings: SharedV4Warning[],
): void {
  const { acceptedNames, models } = description;
  for (const name of Object.keys(raw)) {
    if (acceptedNames.includes(name)) continue;
    warnings.push({
      type: 'unsupported',
      feature: `providerOptions.${PROVIDER_OPTIONS_KEY}.${name}`,
      details:
        `${models} do not use "${name}"; it was ignored. ` +
        `Accepted: ${acceptedNames.join(', ')}.`,
    });
  }
}
