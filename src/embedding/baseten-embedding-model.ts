import {
  InvalidArgumentError,
  InvalidResponseDataError,
  type EmbeddingModelV4,
  type EmbeddingModelV4CallOptions,
  type EmbeddingModelV4Result,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import { EMBEDDINGS_PATH, type DeploymentEndpoints } from '../baseten-url';
import type { BasetenDeploymentConfig } from '../deployment/baseten-deployment-config';
import { checkNonEmptyStrings } from '../deployment/baseten-deployment-input';
import {
  parseBatchOptions,
  type BatchSettings,
} from '../deployment/baseten-deployment-options';
import {
  checkItemLength,
  indexClaims,
  requestLabel,
  unexpectedResponseError,
} from '../deployment/baseten-deployment-response';
import {
  deploymentBatches,
  type DeploymentBatches,
} from '../deployment/baseten-deployment-run';
import { splitIntoBatches, type BatchCall } from '../transport/baseten-batch';
import {
  asEmbeddingResponse,
  getEmbeddingResponseSchema,
  type BasetenEmbeddingRequest,
} from './baseten-embedding-api';
import {
  isDecodedEmbedding,
  parseEmbeddingsResponseBytes,
} from './baseten-embedding-bytes';
import {
  checkFloatEmbedding,
  decodeBase64Embedding,
} from './baseten-embedding-decode';
import {
  EMBEDDING_OPTIONS,
  type BasetenEmbeddingModelId,
} from './baseten-embedding-options';

/** What the provider hands an embedding model. */
export interface BasetenEmbeddingConfig extends BasetenDeploymentConfig {
  readonly endpoints: DeploymentEndpoints;
}

interface EmbeddingSettings extends BatchSettings {
  readonly dimensions: number | undefined;
  readonly user: string | undefined;
  readonly encodingFormat: 'float' | 'base64';
}

interface BatchEmbeddings {
  readonly vectors: number[][];
  readonly tokens: number | undefined;
}

/** Embeddings from a deployment's `/sync/v1/embeddings`, any number of values per call. */
export class BasetenEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = 'v4';
  /** Any number: `doEmbed` batches internally (≤128 per request). */
  readonly maxEmbeddingsPerCall = Infinity;
  readonly supportsParallelCalls = true;
  readonly provider: string;
  private readonly batches: DeploymentBatches;

  constructor(
    readonly modelId: BasetenEmbeddingModelId,
    private readonly config: BasetenEmbeddingConfig,
  ) {
    this.provider = config.provider;
    this.batches = deploymentBatches(config, config.endpoints.syncBaseURL);
  }

  async doEmbed(
    options: EmbeddingModelV4CallOptions,
  ): Promise<EmbeddingModelV4Result> {
    const { values, abortSignal } = options;
    checkValues(values);
    const warnings: SharedV4Warning[] = [];
    const settings = await embeddingSettings(options, warnings);
    if (values.length === 0) return { embeddings: [], warnings };

    const batches = splitIntoBatches(values, settings.batchSize);
    let expectedLength = settings.dimensions;
    const call: BatchCall<BatchEmbeddings> = {
      url: this.config.endpoints.embeddingsURL,
      payloads: batches.map(input =>
        embeddingRequest(this.modelId, input, settings),
      ),
      abortSignal,
      tuning: settings,
      readBody: parseEmbeddingsResponseBytes,
      parse: (body, batchIndex) => {
        const parsed = parseBatch(
          body,
          batches[batchIndex].length,
          batchIndex,
          expectedLength,
        );
        expectedLength ??= parsed.vectors[0]?.length;
        return parsed;
      },
    };
    const { results, response, providerMetadata } = await this.batches.run({
      call,
      headers: options.headers,
      nativePath: EMBEDDINGS_PATH,
      warnings,
    });
    const { vectors, tokens } = joinBatches(results);
    return {
      embeddings: vectors,
      usage: tokens === undefined ? undefined : { tokens },
      response,
      providerMetadata,
      warnings,
    };
  }
}

function embeddingRequest(
  model: string,
  input: string[],
  settings: EmbeddingSettings,
): BasetenEmbeddingRequest {
  return {
    model,
    input,
    encoding_format: settings.encodingFormat,
    ...(settings.dimensions !== undefined && {
      dimensions: settings.dimensions,
    }),
    ...(settings.user !== undefined && { user: settings.user }),
  };
}

/** Every batch's vectors in order, and the token sum (none when a batch has no usage). */
function joinBatches(results: readonly BatchEmbeddings[]): BatchEmbeddings {
  const vectors: number[][] = [];
  let tokens: number | undefined = 0;
  for (const batch of results) {
    for (const vector of batch.vectors) vectors.push(vector);
    tokens =
      tokens === undefined || batch.tokens === undefined
        ? undefined
        : tokens + batch.tokens;
  }
  return { vectors, tokens };
}

async function embeddingSettings(
  options: EmbeddingModelV4CallOptions,
  warnings: SharedV4Warning[],
): Promise<EmbeddingSettings> {
  const value = await parseBatchOptions(
    options.providerOptions,
    EMBEDDING_OPTIONS,
    warnings,
  );
  return {
    ...value,
    dimensions: resolveDimensions(options.dimensions, value.dimensions),
    user: value.user,
    encodingFormat: value.encodingFormat ?? 'base64',
  };
}

/** The dimensions asked for in either place; both must agree and be a positive integer. */
function resolveDimensions(
  fromCall: number | undefined,
  fromOptions: number | undefined,
): number | undefined {
  if (
    fromCall !== undefined &&
    fromOptions !== undefined &&
    fromCall !== fromOptions
  ) {
    throw new InvalidArgumentError({
      argument: 'dimensions',
      message: `dimensions (${fromCall}) and providerOptions.${PROVIDER_OPTIONS_KEY}.dimensions (${fromOptions}) disagree; set only one of them.`,
    });
  }
  const dimensions = fromCall ?? fromOptions;
  if (
    dimensions !== undefined &&
    (!Number.isInteger(dimensions) || dimensions <= 0)
  ) {
    throw new InvalidArgumentError({
      argument: 'dimensions',
      message: `dimensions must be a positive whole number, got ${dimensions}.`,
    });
  }
  return dimensions;
}

function checkValues(values: unknown): asserts values is string[] {
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError({
      argument: 'values',
      message: `values must be an array of strings, got ${values === null ? 'null' : typeof values}.`,
    });
  }
  checkNonEmptyStrings(values, 'values', 'every value to embed');
}

/** One embedding as numbers: base64 decoded, floats checked; undefined when invalid. */
function toVector(embedding: string | unknown[]): number[] | undefined {
  if (typeof embedding === 'string') return decodeBase64Embedding(embedding);
  return isDecodedEmbedding(embedding)
    ? embedding
    : checkFloatEmbedding(embedding);
}

/** One response checked against its batch (count, indices, lengths), vectors in input order. */
function parseBatch(
  body: unknown,
  count: number,
  batchIndex: number,
  expectedLength: number | undefined,
): BatchEmbeddings {
  const where = requestLabel('embeddings', batchIndex);
  const response = asEmbeddingResponse(body);
  if (response === undefined) {
    const parsed = getEmbeddingResponseSchema().safeParse(body);
    const issues = parsed.error ?? { issues: [] };
    throw unexpectedResponseError(body, where, 'an embeddings list', issues);
  }
  const { data, usage } = response;
  const claim = indexClaims(data.length, count, where, {
    items: 'embeddings',
    inputs: 'inputs',
    outcome:
      'no embeddings were returned, since some would be missing or misplaced',
  });
  const vectors = new Array<number[]>(count);
  let length = expectedLength;
  for (let position = 0; position < count; position++) {
    const item = data[position];
    const index = item.index ?? position;
    claim(index);
    const vector = toVector(item.embedding);
    if (vector === undefined) {
      throw new InvalidResponseDataError({
        data: { index },
        message: `Baseten's embedding ${index} in ${where} is not a valid vector of numbers.`,
      });
    }
    length = checkItemLength(
      vector.length,
      length,
      index,
      where,
      'embedding',
      'dimensions',
    );
    vectors[index] = vector;
  }
  const tokens = usage?.prompt_tokens ?? usage?.total_tokens ?? undefined;
  return { vectors, tokens };
}
