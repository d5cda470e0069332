import {
  InvalidArgumentError,
  type RerankingModelV4,
  type RerankingModelV4CallOptions,
  type RerankingModelV4Result,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { RERANK_PATH, type DeploymentEndpoints } from '../baseten-url';
import type { BasetenDeploymentConfig } from '../deployment/baseten-deployment-config';
import {
  checkNonEmptyString,
  checkNonEmptyStrings,
  describeInputValue,
} from '../deployment/baseten-deployment-input';
import {
  parseBatchOptions,
  type BatchSettings,
} from '../deployment/baseten-deployment-options';
import {
  indexClaims,
  requestLabel,
  unexpectedResponseError,
} from '../deployment/baseten-deployment-response';
import {
  deploymentBatches,
  type DeploymentBatches,
} from '../deployment/baseten-deployment-run';
import { splitIntoBatches } from '../transport/baseten-batch';
import {
  getRerankResponseSchema,
  type BasetenRerankRequest,
} from './baseten-reranking-api';
import {
  RERANKING_OPTIONS,
  type BasetenRerankingModelId,
  type BasetenRerankingProviderOptions,
} from './baseten-reranking-options';

/** What the provider hands a reranking model. */
export interface BasetenRerankingConfig extends BasetenDeploymentConfig {
  readonly endpoints: DeploymentEndpoints;
}

type Ranking = RerankingModelV4Result['ranking'];

type RerankingSettings = BatchSettings &
  Pick<
    BasetenRerankingProviderOptions,
    'rawScores' | 'truncate' | 'truncationDirection'
  >;

/** Reranking on a BEI reranker's `…/sync/rerank`, any number of documents ranked together. */
export class BasetenRerankingModel implements RerankingModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  private readonly batches: DeploymentBatches;

  constructor(
    readonly modelId: BasetenRerankingModelId,
    private readonly config: BasetenRerankingConfig,
  ) {
    this.batches = deploymentBatches(config, config.endpoints.syncBaseURL);
    this.provider = config.provider;
  }

  async doRerank(
    options: RerankingModelV4CallOptions,
  ): Promise<RerankingModelV4Result> {
    const { query, topN } = options;
    const warnings: SharedV4Warning[] = [];
    checkNonEmptyString(query, 'query', 'the query to rank documents against');
    checkTopN(topN);
    const texts = documentTexts(options.documents, warnings);
    const settings = await parseBatchOptions(
      options.providerOptions,
      RERANKING_OPTIONS,
      warnings,
    );
    if (texts.length === 0) return { ranking: [], warnings };

    const batches = splitIntoBatches(texts, settings.batchSize);
    const { results, response, providerMetadata } = await this.batches.run({
      call: {
        url: this.config.endpoints.rerankURL,
        payloads: batches.map(batch => rerankRequest(query, batch, settings)),
        abortSignal: options.abortSignal,
        tuning: settings,
        parse: (body, batchIndex) =>
          parseBatch(
            body,
            batches[batchIndex].length,
            batchIndex,
            batchIndex * settings.batchSize,
          ),
      },
      headers: options.headers,
      nativePath: RERANK_PATH,
      warnings,
    });
    const ranking = mergeRankings(results);
    return {
      ranking: topN === undefined ? ranking : ranking.slice(0, topN),
      response,
      providerMetadata,
      warnings,
    };
  }
}

function rerankRequest(
  query: string,
  texts: string[],
  settings: RerankingSettings,
): BasetenRerankRequest {
  return {
    query,
    texts,
    ...(settings.rawScores !== undefined && { raw_scores: settings.rawScores }),
    return_text: false,
    ...(settings.truncate !== undefined && { truncate: settings.truncate }),
    ...(settings.truncationDirection !== undefined && {
      truncation_direction: settings.truncationDirection,
    }),
  };
}

/** One ranking, best first, ties by document order (scores compare across requests). */
function mergeRankings(results: readonly Ranking[]): Ranking {
  const ranking = results.flat();
  ranking.sort(
    (a, b) => b.relevanceScore - a.relevanceScore || a.index - b.index,
  );
  return ranking;
}

function checkTopN(topN: unknown): void {
  if (
    topN !== undefined &&
    (typeof topN !== 'number' || !Number.isInteger(topN) || topN <= 0)
  ) {
    throw new InvalidArgumentError({
      argument: 'topN',
      message: `topN must be a positive whole number (or left out to return every document), got ${
        typeof topN === 'number' ? topN : describeInputValue(topN)
      }.`,
    });
  }
}

/** The texts to send: strings as they are, objects as their JSON (BEI ranks plain text). */
function documentTexts(
  documents: RerankingModelV4CallOptions['documents'],
  warnings: SharedV4Warning[],
): string[] {
  const values: unknown = documents?.values;
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError({
      argument: 'documents',
      message: `documents must be an array of strings or of JSON objects, got ${describeInputValue(values)}.`,
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
  checkNonEmptyStrings(values, 'documents', 'every document to rerank');
  return values as string[];
}

/** One response checked against its batch, its indices mapped to the caller's documents. */
function parseBatch(
  body: unknown,
  count: number,
  batchIndex: number,
  offset: number,
): Ranking {
  const parsed = getRerankResponseSchema().safeParse(body);
  const where = requestLabel('rerank', batchIndex);
  if (!parsed.success) {
    throw unexpectedResponseError(
      body,
      where,
      'a list of { index, score }',
      parsed.error,
    );
  }
  const entries = parsed.data;
  const claim = indexClaims(entries.length, count, where, {
    items: 'scores',
    inputs: 'texts',
    outcome:
      'no ranking was returned, since some documents would be missing or misplaced',
  });
  return entries.map(({ index, score }) => {
    claim(index);
    return { index: offset + index, relevanceScore: score };
  });
}
