import {
  InvalidArgumentError,
  InvalidResponseDataError,
  type EmbeddingModelV4,
  type EmbeddingModelV4CallOptions,
  type EmbeddingModelV4Result,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import type { DeploymentEndpoints } from '../baseten-url';
import { abortReason, splitIntoBatches, type BatchCall } from '../transport/baseten-batch';
import { PROVIDER_OPTIONS_KEY, parseBatchOptions } from '../transport/baseten-batch-options';
import { NativeClientCache } from '../transport/baseten-native-client-cache';
import { runBatchCall, type BatchModelConfig } from '../transport/baseten-batch-runner';
import { NATIVE_EMBEDDINGS_PATH } from '../transport/baseten-native-client';
import {
  asEmbeddingResponse,
  getEmbeddingResponseSchema,
  type BasetenEmbeddingRequest,
} from './baseten-embedding-api';
import { parseEmbeddingsResponseBytes } from './baseten-embedding-bytes';
import {
  checkFloatEmbedding,
  decodeBase64Embedding,
  isDecodedEmbedding,
} from './baseten-embedding-decode';
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  EMBEDDING_OPTION_NAMES,
  MAX_INPUTS_PER_REQUEST,
  basetenEmbeddingProviderOptions,
  type BasetenEmbeddingModelId,
} from './baseten-embedding-options';

/** What the provider hands an embedding model. */
export interface BasetenEmbeddingConfig extends BatchModelConfig {
  readonly provider: string;
  readonly endpoints: DeploymentEndpoints;
}

interface BatchEmbeddings {
  readonly vectors: number[][];
  readonly tokens: number | undefined;
}

/**
 * Embeddings from a dedicated Baseten deployment (OpenAI-compatible
 * `/sync/v1/embeddings`, e.g. Baseten Embeddings Inference). `doEmbed` takes
 * any number of values and batches them itself, over HTTP or through the
 * native performance client.
 */
export class BasetenEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4';
  /** Any number: `doEmbed` batches internally (≤128 per request). */
  readonly maxEmbeddingsPerCall = Infinity;
  readonly supportsParallelCalls = true;
  readonly provider: string;
  readonly modelId: string;

  private readonly config: BasetenEmbeddingConfig;
  private readonly nativeClients: NativeClientCache;

  constructor(modelId: BasetenEmbeddingModelId, config: BasetenEmbeddingConfig) {
    this.modelId = modelId;
    this.config = config;
    this.provider = config.provider;
    this.nativeClients = new NativeClientCache(config.endpoints.syncBaseURL);
  }

  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const { values, abortSignal } = options;
    checkValues(values);
    const warnings: SharedV4Warning[] = [];
    const settings = await this.parseOptions(options, warnings);
    if (values.length === 0) return { embeddings: [], warnings };
    if (abortSignal?.aborted) throw abortReason(abortSignal);

    const apiKey = this.config.apiKey();
    const batches = splitIntoBatches(values, settings.batchSize);
    const payloads = batches.map(
      (input): BasetenEmbeddingRequest => ({
        model: this.modelId,
        input,
        encoding_format: settings.encodingFormat,
        ...(settings.dimensions !== undefined && { dimensions: settings.dimensions }),
        ...(settings.user !== undefined && { user: settings.user }),
      }),
    );

    let expectedLength = settings.dimensions;
    const call: BatchCall<BatchEmbeddings> = {
      url: this.config.endpoints.embeddingsURL,
      payloads,
      abortSignal,
      tuning: settings,
      readBody: parseEmbeddingsResponseBytes,
      parse: (body, batchIndex) => {
        const parsed = parseBatch(body, batches[batchIndex].length, batchIndex, expectedLength);
        expectedLength ??= parsed.vectors[0]?.length;
        return parsed;
      },
    };

    const { outcome, transport } = await runBatchCall(this.config, {
      call,
      apiKey,
      headers: options.headers,
      nativePath: NATIVE_EMBEDDINGS_PATH,
      nativeClients: this.nativeClients,
      warnings,
    });

    const embeddings: number[][] = [];
    let tokens: number | undefined = 0;
    for (const batch of outcome.results) {
      for (const vector of batch.vectors) embeddings.push(vector);
      tokens = tokens === undefined || batch.tokens === undefined ? undefined : tokens + batch.tokens;
    }
    return {
      embeddings,
      usage: tokens === undefined ? undefined : { tokens },
      response: outcome.responseHeaders ? { headers: outcome.responseHeaders } : undefined,
      providerMetadata: {
        baseten: { transport, requests: payloads.length },
      },
      warnings,
    };
  }

  private async parseOptions(options: EmbeddingModelV4CallOptions, warnings: SharedV4Warning[]) {
    const value = await parseBatchOptions(
      options.providerOptions,
      {
        schema: basetenEmbeddingProviderOptions,
        accepted: EMBEDDING_OPTION_NAMES,
        purpose: 'embeddings',
        models: 'Embedding models',
        typeName: 'BasetenEmbeddingProviderOptions',
      },
      warnings,
    );
    if (
      options.dimensions !== undefined &&
      value.dimensions !== undefined &&
      options.dimensions !== value.dimensions
    ) {
      throw new InvalidArgumentError({
        argument: 'dimensions',
        message: `dimensions (${options.dimensions}) and providerOptions.${PROVIDER_OPTIONS_KEY}.dimensions (${value.dimensions}) disagree; set only one of them.`,
      });
    }
    const dimensions = options.dimensions ?? value.dimensions;
    if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions <= 0)) {
      throw new InvalidArgumentError({
        argument: 'dimensions',
        message: `dimensions must be a positive whole number, got ${dimensions}.`,
      });
    }
    return {
      dimensions,
      user: value.user,
      encodingFormat: value.encodingFormat ?? 'base64',
      batchSize: value.batchSize ?? MAX_INPUTS_PER_REQUEST,
      maxConcurrentRequests: value.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
      timeoutMs: value.timeoutMs,
      hedgeDelayMs: value.hedgeDelayMs,
    };
  }
}

function checkValues(values: unknown): asserts values is string[] {
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError({
      argument: 'values',
      message: `values must be an array of strings, got ${values === null ? 'null' : typeof values}.`,
    });
  }
  for (let index = 0; index < values.length; index++) {
    const value: unknown = values[index];
    if (typeof value !== 'string' || value === '') {
      throw new InvalidArgumentError({
        argument: 'values',
        message: `values[${index}] is ${
          typeof value === 'string' ? 'an empty string' : value === null ? 'null' : `a ${typeof value}`
        }; every value to embed must be a non-empty string.`,
      });
    }
  }
}

/**
 * Checks one response against its batch (count, indices, vector lengths)
 * and decodes its vectors into input order. Never returns a short result.
 */
function parseBatch(
  body: unknown,
  count: number,
  batchIndex: number,
  expectedLength: number | undefined,
): BatchEmbeddings {
  const where = `embeddings request ${batchIndex + 1}`;
  const response = asEmbeddingResponse(body);
  if (response === undefined) {
    const parsed = getEmbeddingResponseSchema().safeParse(body);
    throw new InvalidResponseDataError({
      data: body,
      message: `Baseten's response to ${where} is not an embeddings list: ${(parsed.error?.issues ?? [])
        .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .slice(0, 3)
        .join('; ')}.`,
    });
  }
  const { data, usage } = response;
  if (data.length !== count) {
    throw new InvalidResponseDataError({
      data: { received: data.length, expected: count },
      message: `Baseten returned ${data.length} embeddings for the ${count} inputs of ${where}; no embeddings were returned, since some would be missing or misplaced.`,
    });
  }
  const vectors = new Array<number[]>(count);
  let length = expectedLength;
  for (let position = 0; position < count; position++) {
    const item = data[position];
    const index = item.index ?? position;
    if (index >= count || vectors[index] !== undefined) {
      throw new InvalidResponseDataError({
        data: { index, count },
        message: `Baseten's response to ${where} has ${
          index >= count ? 'an out-of-range' : 'a repeated'
        } index ${index} (inputs: ${count}).`,
      });
    }
    const vector =
      typeof item.embedding === 'string'
        ? decodeBase64Embedding(item.embedding)
        : isDecodedEmbedding(item.embedding)
          ? item.embedding
          : checkFloatEmbedding(item.embedding);
    if (vector === undefined || vector.length === 0) {
      throw new InvalidResponseDataError({
        data: { index },
        message: `Baseten's embedding ${index} in ${where} is ${
          vector === undefined ? 'not a valid vector of numbers' : 'empty'
        }.`,
      });
    }
    length ??= vector.length;
    if (vector.length !== length) {
      throw new InvalidResponseDataError({
        data: { index, length: vector.length, expected: length },
        message: `Baseten's embedding ${index} in ${where} has ${vector.length} dimensions; expected ${length}.`,
      });
    }
    vectors[index] = vector;
  }
  const tokens = usage?.prompt_tokens ?? usage?.total_tokens ?? undefined;
  return { vectors, tokens };
}
