import {
  type Experimental_DecisionModelV4 as DecisionModelV4,
  type Experimental_DecisionModelV4CallOptions as DecisionCallOptions,
  type Experimental_DecisionModelV4Result as DecisionResult,
  type JSONObject,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import type { BasetenDeploymentConfig } from '../deployment/baseten-deployment-config';
import {
  jsonBytesResponseHandler,
  postToDeployment,
} from '../deployment/baseten-deployment-post';
import { unexpectedResponseError } from '../deployment/baseten-deployment-response';
import { throwIfAborted } from '../deployment/baseten-deployment-run';
import {
  getSystemOneResponseSchema,
  type SystemOneResponse,
} from './baseten-decision-api';
import { mapAnswers } from './baseten-decision-answers';
import type { BasetenDecisionModelId } from './baseten-decision-options';
import {
  checkQuestionTypes,
  DECISION_QUESTION_TYPES,
  toSystemOneRequest,
} from './baseten-decision-request';

/** What the provider hands a decision model. */
export interface BasetenDecisionConfig extends BasetenDeploymentConfig {
  /** The System One endpoint, `${baseURL}/systemone` unless the `decisionURL` setting says otherwise. */
  readonly url: string;
}

/** A decision model on Baseten Model APIs (System One protocol), for `experimental_decide`. */
export class BasetenDecisionModel implements DecisionModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider: string;
  readonly supportedQuestionTypes = DECISION_QUESTION_TYPES;

  constructor(
    readonly modelId: BasetenDecisionModelId,
    private readonly config: BasetenDecisionConfig,
  ) {
    this.provider = config.provider;
  }

  async doDecide(options: DecisionCallOptions): Promise<DecisionResult> {
    checkQuestionTypes(options.questions, this);
    const warnings = callWarnings(options);
    const body = toSystemOneRequest(
      this.modelId,
      options.state,
      options.questions,
    );
    throwIfAborted(options.abortSignal);
    const answer = await postToDeployment(this.config, {
      url: this.config.url,
      body,
      headers: options.headers,
      abortSignal: options.abortSignal,
      successfulResponseHandler: jsonBytesResponseHandler(undefined),
    });
    const response = parseResponse(answer.value);
    const { answers, metadata, rounding } = mapAnswers(
      response,
      options.questions,
    );
    const requestId = answer.responseMetadata?.requestId;
    return {
      answers,
      ...(rounding && { rounding }),
      usage: {
        inputTokens: response.usage?.input_tokens ?? undefined,
        outputTokens: response.usage?.output_tokens ?? undefined,
      },
      warnings,
      providerMetadata: {
        baseten: {
          ...(requestId !== undefined && { requestId }),
          ...(response.model != null && { model: response.model }),
          answers: metadata as JSONObject,
        },
      },
      response: {
        ...(response.id != null && { id: response.id }),
        timestamp: new Date(),
        modelId: response.model ?? this.modelId,
        headers: answer.responseHeaders,
        body: answer.value,
      },
    };
  }
}

function parseResponse(body: unknown): SystemOneResponse {
  const parsed = getSystemOneResponseSchema().safeParse(body);
  if (parsed.success) return parsed.data;
  throw unexpectedResponseError(
    body,
    'a decision request',
    'System One answers ({ answers: { <question id>: { type, … } } })',
    parsed.error,
  );
}

/** What a call asks for that a decision model does not use, as warnings. */
function callWarnings(options: DecisionCallOptions): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = [];
  if (options.maxOutputTokens !== undefined) {
    warnings.push({
      type: 'unsupported',
      feature: 'maxOutputTokens',
      details:
        'Baseten decision models generate no tokens (they answer in one pass); maxOutputTokens was ignored.',
    });
  }
  if (
    options.reasoning !== undefined &&
    options.reasoning !== 'provider-default' &&
    options.reasoning !== 'none'
  ) {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning',
      details: `Baseten decision models do not reason; reasoning "${options.reasoning}" was ignored.`,
    });
  }
  const baseten = options.providerOptions?.[PROVIDER_OPTIONS_KEY] ?? {};
  for (const name of Object.keys(baseten)) {
    warnings.push({
      type: 'unsupported',
      feature: `providerOptions.${PROVIDER_OPTIONS_KEY}.${name}`,
      details: `Decision models take no provider options; "${name}" was ignored.`,
    });
  }
  return warnings;
}
