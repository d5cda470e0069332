import {
  InvalidArgumentError,
  InvalidResponseDataError,
  type SharedV4ProviderMetadata,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import {
  CLASSIFY_PATH,
  CLASSIFY_TOKENS_PATH,
  type ClassificationEndpoints,
} from '../baseten-url';
import type { BasetenDeploymentConfig } from '../deployment/baseten-deployment-config';
import { checkNonEmptyStrings } from '../deployment/baseten-deployment-input';
import {
  checkItemLength,
  checkResponseCount,
  requestLabel,
  unexpectedResponseError,
} from '../deployment/baseten-deployment-response';
import {
  deploymentBatches,
  type DeploymentBatches,
} from '../deployment/baseten-deployment-run';
import { splitIntoBatches } from '../transport/baseten-batch';
import {
  getClassifyResponseSchema,
  getClassifyTokensResponseSchema,
  type BasetenClassifyRequest,
  type BasetenClassifyTokensRequest,
} from './baseten-classification-api';
import {
  getClassificationOptionsSchema,
  getTokenClassificationOptionsSchema,
  parseClassificationOptions,
  type BasetenClassificationOptions,
  type BasetenClassifierModelId,
  type BasetenTokenClassificationOptions,
  type ClassificationSettings,
} from './baseten-classification-options';

/** One label a classifier gave an input, with its score. */
export interface BasetenLabelScore {
  readonly label: string;
  /** Normalized (0–1), or a raw logit with `rawScores`. */
  readonly score: number;
}

/** One token (or, with aggregation, one merged entity span) of an input. */
export interface BasetenTokenEntity {
  /** The token's text, or the merged span's. */
  readonly token: string;
  /** The vocabulary id (0 for a merged span). */
  readonly tokenId: number;
  /** Character offset where it starts in the input. */
  readonly start: number;
  /** Character offset just past its end. */
  readonly end: number;
  /** Label → score (`results` on the wire): one label for a merged span, every BIO label with `none`. */
  readonly scores: Readonly<Record<string, number>>;
}

/** What every classifier call returns besides its results. */
interface ClassifierCallResult {
  /** The headers of one response, when the transport has them. */
  readonly response?: { headers: Record<string, string> };
  /** `{ baseten: { transport, requests, requestId?, … } }`. */
  readonly providerMetadata: SharedV4ProviderMetadata;
  readonly warnings: SharedV4Warning[];
}

/** The answer of `classify()`. */
export interface BasetenClassifyResult extends ClassifierCallResult {
  /** One list per input, in input order, as the server ordered its labels. */
  readonly classifications: BasetenLabelScore[][];
}

/** The answer of `classifyTokens()`. */
export interface BasetenClassifyTokensResult extends ClassifierCallResult {
  /** One list per input, in input order (empty when an input has no entity). */
  readonly entities: BasetenTokenEntity[][];
}

/** A BEI classifier deployment: sequence classification and (BEI-Bert) token classification. */
export interface BasetenClassifier {
  /** A label only (not sent). */
  readonly modelId: BasetenClassifierModelId;
  /** Labels for each text (`…/sync/predict`), any number of texts, batched like embeddings. */
  classify(
    values: readonly string[],
    options?: BasetenClassificationOptions,
  ): Promise<BasetenClassifyResult>;
  /** Entities for each text (`…/sync/predict_tokens`, NER on BEI-Bert), batched like embeddings. */
  classifyTokens(
    values: readonly string[],
    options?: BasetenTokenClassificationOptions,
  ): Promise<BasetenClassifyTokensResult>;
}

/** What the provider hands a classifier. */
export interface BasetenClassifierConfig extends BasetenDeploymentConfig {
  readonly endpoints: ClassificationEndpoints;
}

/** A classifier for the BEI deployment at `config.endpoints`. */
export function createClassifier(
  modelId: BasetenClassifierModelId,
  config: BasetenClassifierConfig,
): BasetenClassifier {
  const batches = deploymentBatches(config, config.endpoints.syncBaseURL);
  return {
    modelId,
    async classify(values, options) {
      checkValues(values);
      const settings = parseClassificationOptions(
        options,
        getClassificationOptionsSchema(),
        'BasetenClassificationOptions',
      );
      const { results, ...rest } = await run(batches, {
        kind: 'classify',
        url: config.endpoints.classifyURL,
        nativePath: CLASSIFY_PATH,
        values,
        settings,
        request: texts => classifyRequest(texts, settings),
        parse: parseClassifyBatch,
      });
      return { classifications: results, ...rest };
    },
    async classifyTokens(values, options) {
      checkValues(values);
      const settings = parseClassificationOptions(
        options,
        getTokenClassificationOptionsSchema(),
        'BasetenTokenClassificationOptions',
      );
      const { results, ...rest } = await run(batches, {
        kind: 'predict_tokens',
        url: config.endpoints.classifyTokensURL,
        nativePath: CLASSIFY_TOKENS_PATH,
        values,
        settings,
        request: (texts): BasetenClassifyTokensRequest => ({
          ...classifyRequest(texts, settings),
          ...(settings.aggregationStrategy !== undefined && {
            aggregation_strategy: settings.aggregationStrategy,
          }),
        }),
        parse: parseTokensBatch,
      });
      return { entities: results, ...rest };
    },
  };
}

function checkValues(values: unknown): asserts values is readonly string[] {
  if (!Array.isArray(values)) {
    throw new InvalidArgumentError({
      argument: 'values',
      message: 'values must be an array of the texts to classify.',
    });
  }
  checkNonEmptyStrings(values, 'values', 'every text to classify');
}

/** One batched classifier call: the texts split into requests, answers checked and joined. */
interface ClassifierRun<R> {
  /** What errors call a request, e.g. `classify request 2`. */
  readonly kind: string;
  readonly url: string;
  readonly nativePath: string;
  readonly values: readonly string[];
  readonly settings: ClassificationSettings<BasetenClassificationOptions>;
  readonly request: (texts: string[]) => BasetenClassifyRequest;
  readonly parse: (body: unknown, count: number, where: string) => R[];
}

async function run<R>(
  batches: DeploymentBatches,
  call: ClassifierRun<R>,
): Promise<ClassifierCallResult & { results: R[] }> {
  const warnings: SharedV4Warning[] = [];
  const { settings } = call;
  if (call.values.length === 0) {
    return { results: [], providerMetadata: {}, warnings };
  }
  const textBatches = splitIntoBatches(call.values, settings.batchSize);
  const outcome = await batches.run({
    call: {
      url: call.url,
      payloads: textBatches.map(call.request),
      abortSignal: settings.abortSignal,
      tuning: settings,
      parse: (body, batchIndex) =>
        call.parse(
          body,
          textBatches[batchIndex].length,
          requestLabel(call.kind, batchIndex),
        ),
    },
    headers: settings.headers,
    nativePath: call.nativePath,
    warnings,
  });
  return {
    results: outcome.results.flat(),
    response: outcome.response,
    providerMetadata: outcome.providerMetadata,
    warnings,
  };
}

function classifyRequest(
  texts: string[],
  settings: BasetenClassificationOptions,
): BasetenClassifyRequest {
  return {
    inputs: texts.map((text): [string] => [text]),
    ...(settings.rawScores !== undefined && { raw_scores: settings.rawScores }),
    ...(settings.truncate !== undefined && { truncate: settings.truncate }),
    ...(settings.truncationDirection !== undefined && {
      truncation_direction: settings.truncationDirection,
    }),
  };
}

/** One `/predict` answer: one non-empty label list per text of the request. */
function parseClassifyBatch(
  body: unknown,
  count: number,
  where: string,
): BasetenLabelScore[][] {
  const parsed = getClassifyResponseSchema().safeParse(body);
  if (!parsed.success) {
    throw unexpectedResponseError(
      body,
      where,
      'one list of { label, score } per input',
      parsed.error,
    );
  }
  checkResponseCount(parsed.data.length, count, where, {
    items: 'label lists',
    inputs: 'texts',
    outcome:
      'no classifications were returned, since some texts would be missing or misplaced',
  });
  return parsed.data.map((labels, index) => {
    checkItemLength(
      labels.length,
      undefined,
      index,
      where,
      'label list',
      'labels',
    );
    return labels.map(({ label, score }) => ({ label, score }));
  });
}

/** One `/predict_tokens` answer: one entity list per text, each span's offsets in order. */
function parseTokensBatch(
  body: unknown,
  count: number,
  where: string,
): BasetenTokenEntity[][] {
  const parsed = getClassifyTokensResponseSchema().safeParse(body);
  if (!parsed.success) {
    throw unexpectedResponseError(
      body,
      where,
      'one list of { token, token_id, start, end, results } per input',
      parsed.error,
    );
  }
  checkResponseCount(parsed.data.length, count, where, {
    items: 'entity lists',
    inputs: 'texts',
    outcome:
      'no entities were returned, since some texts would be missing or misplaced',
  });
  return parsed.data.map((tokens, index) =>
    tokens.map(token => {
      if (token.end < token.start) {
        throw new InvalidResponseDataError({
          data: token,
          message: `Baseten's entity "${token.token}" for text ${index} in ${where} ends (${token.end}) before it starts (${token.start}).`,
        });
      }
      return {
        token: token.token,
        tokenId: token.token_id,
        start: token.start,
        end: token.end,
        scores: token.results,
      };
    }),
  );
}
