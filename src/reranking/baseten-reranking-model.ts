import {
  InvalidArgumentError,
  InvalidResponseDataError,
  type RerankingModelV4,
  type RerankingModelV4CallOptions,
  type RerankingModelV4Result,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import type { DeploymentEndpoints } from '../baseten-url';
import { abortReason, splitIntoBatches, type BatchCall } from '../transport/baseten-batch';
import { parseBatchOptions } from '../transport/baseten-batch-options';
import { NativeClientCache } from '../transport/baseten-native-client-cache';
import { runBatchCall, type BatchModelConfig } from '../transport/baseten-batch-runner';
import {
  DEFAULT_MAX_CONCURRENT_REQUESTS,
  MAX_INPUTS_PER_REQUEST,
} from '../embedding/baseten-embedding-options';
import { getRerankResponseSchema, type BasetenRerankRequest } from './baseten-reranking-api';
import {
  RERANKING_OPTION_NAMES,
  basetenRerankingProviderOptions,
  type BasetenRerankingModelId,
} from './baseten-reranking-options';

/** What the provider hands a reranking model. */
export interface BasetenRerankingConfig extends BatchModelConfig {
  readonly provider: string;
  readonly endpoints: DeploymentEndpoints;
}

type Ranking = RerankingModelV4Result['ranking'];

/**
 * Reranking on a dedicated Baseten Embeddings Inference reranker
 * (`POST …/sync/rerank`). Any number of documents: they are split into
 * requests of at most 128 texts, and the scores of all requests are merged
 * into one ranking, over HTTP or through the native performance client.
 */
export class BasetenRerankingModel implements RerankingModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  readonly modelId: string;

  private readonly config: BasetenRerankingConfig;
  private readonly nativeClients: NativeClientCache;

  constructor(modelId: BasetenRerankingModelId, config: BasetenRerankingConfig) {
    this.modelId = modelId;
    this.config = config;
    this.provider = config.provider;
    this.nativeClients = new NativeClientCache(config.endpoints.syncBaseURL);
  }

  async doRerank(options: RerankingModelV4CallOptions): Promise<RerankingModelV4Result> {
    const { query, topN, abortSignal } = options;
    const warnings: SharedV4Warning[] = [];
    checkQuery(query);
    checkTopN(topN);
    const texts = documentTexts(options.documents, warnings);
    const settings = await this.parseOptions(options, warnings);
    if (texts.length === 0) return { ranking: [], warnings };
    if (abortSignal?.aborted) throw abortReason(abortSignal);

    const apiKey = this.config.apiKey();
    const batches = splitIntoBatches(texts, settings.batchSize);
    const payloads = batches.map(
      (batch): BasetenRerankRequest => ({
        query,
        texts: batch,
        ...(settings.rawScores !== undefined && { raw_scores: settings.rawScores }),
        return_text: false,
        ...(settings.truncate !== undefined && { truncate: settings.truncate }),
        ...(settings.truncationDirection !== undefined && {
          truncation_direction: settings.truncationDirection,
        }),
      }),
    );

    const call: BatchCall<Ranking> = {
      url: this.config.endpoints.rerankURL,
      payloads,
      abortSignal,
      tuning: settings,
      parse: (body, batchIndex) =>
        parseBatch(body, batches[batchIndex].length, batchIndex, batchIndex * settings.batchSize),
    };

    const { outcome, transport } = await runBatchCall(this.config, {
      call,
      apiKey,
      headers: options.headers,
      nativePath: 'rerank',
      nativeClients: this.nativeClients,
      warnings,
    });

    // A cross-encoder scores each (query, text) pair on its own, so scores
    // from different requests compare directly.
    const ranking = outcome.results.flat();
    ranking.sort((a, b) => b.relevanceScore - a.relevanceScore || a.index - b.index);
    return {
      ranking: topN === undefined ? ranking : ranking.slice(0, topN),
      response: outcome.responseHeaders ? { headers: outcome.responseHeaders } : undefined,
      providerMetadata: {
        baseten: { transport, requests: payloads.length },
      },
      warnings,
    };
  }

  private async parseOptions(options: RerankingModelV4CallOptions, warnings: SharedV4Warning[]) {
    const value = await parseBatchOptions(
      options.providerOptions,
      {
        schema: basetenRerankingProviderOptions,
        accepted: RERANKING_OPTION_NAMES,
        purpose: 'reranking',
        models: 'Reranking models',
        typeName: 'BasetenRerankingProviderOptions',
      },
      warnings,
    );
    return {
      rawScores: value.rawScores,
      truncate: value.truncate,
      truncationDirection: value.truncationDirection,
      batchSize: value.batchSize ?? MAX_INPUTS_PER_REQUEST,
      maxConcurrentRequests: value.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
      timeoutMs: value.timeoutMs,
      hedgeDelayMs: value.hedgeDelayMs,
    };
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return 'an empty string';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function checkQuery(query: unknown): asserts query is string {
  if (typeof query !== 'string' || query === '') {
    throw new InvalidArgumentError({
      argument: 'query',
      message: `query is ${describeValue(query)}; the query to rank documents against must be a non-empty string.`,
    });
  }
}

function checkTopN(topN: unknown): void {
  if (topN !== undefined && (typeof topN !== 'number' || !Number.isInteger(topN) || topN <= 0)) {
    throw new InvalidArgumentError({
      argument: 'topN',
      message: `topN must be a positive whole number (or left out to return every document), got ${
        typeof topN === 'number' ? topN : describeValue(topN)
      }.`,
    });
  }
}

/**
 * The texts to send: text documents as they are, object documents as their
 * JSON (BEI ranks plain text only, so the model reads the JSON as text).
 */
function documentTexts(
  documents: RerankingModelV4CallOptions['documents'],
  warnings: SharedV4Warning[],
): string[] {
  const values: unknown = documents?.values;
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError({
      argument: 'documents',
      message: `documents must be an array of strings or of JSON objects, got ${describeValue(values)}.`,
    });
  }
  if (documents.type === 'object') {
    if (values.length > 0) {
      warnings.push({
        type: 'compatibility',
        feature: 'object documents',
        details:
          'Baseten rerankers rank plain text: each object document was sent as its JSON text. Pass strings to choose what the reranker reads.',
      });
    }
    return values.map((value: unknown) => JSON.stringify(value));
  }
  for (let index = 0; index < values.length; index++) {
    const value: unknown = values[index];
    if (typeof value !== 'string' || value === '') {
      throw new InvalidArgumentError({
        argument: 'documents',
        message: `documents[${index}] is ${describeValue(value)}; every document to rerank must be a non-empty string.`,
      });
    }
  }
  return values as string[];
}

/**
 * Checks one rerank response against its batch (one entry per text, every
 * index in range and used once) and maps its indices back to positions in
 * the caller's documents. Never returns a short ranking.
 */
function parseBatch(body: unknown, count: number, batchIndex: number, offset: number): Ranking {
  const parsed = getRerankResponseSchema().safeParse(body);
  const where = `rerank request ${batchIndex + 1}`;
  if (!parsed.success) {
    throw new InvalidResponseDataError({
      data: body,
      message: `Baseten's response to ${where} is not a list of { index, score }: ${parsed.error.issues
        .map(issue => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .slice(0, 3)
        .join('; ')}.`,
    });
  }
  const entries = parsed.data;
  if (entries.length !== count) {
    throw new InvalidResponseDataError({
      data: { received: entries.length, expected: count },
      message: `Baseten returned ${entries.length} scores for the ${count} texts of ${where}; no ranking was returned, since some documents would be missing or misplaced.`,
    });
  }
  const seen = new Array<boolean>(count).fill(false);
  const ranking: Ranking = [];
  for (const { index, score } of entries) {
    if (index >= count || seen[index]) {
      throw new InvalidResponseDataError({
        data: { index, count },
        message: `Baseten's response to ${where} has ${
          index >= count ? 'an out-of-range' : 'a repeated'
        } index ${index} (texts: ${count}).`,
      });
    }
    seen[index] = true;
    ranking.push({ index: offset + index, relevanceScore: score });
  }
  return ranking;
}
