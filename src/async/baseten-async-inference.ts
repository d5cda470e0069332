import { InvalidArgumentError } from '@ai-sdk/provider';
import type { BasetenDeploymentConfig } from '../deployment/baseten-deployment-config';
import {
  asyncCancelResponseSchema,
  asyncPredictResponseSchema,
  asyncQueueStatusSchema,
  asyncRequestStatusSchema,
  type AsyncQueueStatusWire,
  type AsyncRequestStatusWire,
} from './baseten-async-api';
import {
  buildEnqueueRequest,
  type BasetenAsyncCallOptions,
  type BasetenAsyncEnqueueOptions,
} from './baseten-async-options';
import { callAsyncAPI, type AsyncAPIConfig } from './baseten-async-request';
import { resolveAsyncEndpoints } from './baseten-async-url';

/** Settings of `baseten.asyncInference()`. */
export interface BasetenAsyncInferenceSettings {
  /**
   * Retries of a rate-limited call (429, all four operations) and of a 5xx from status, cancel
   * or queue status, with exponential backoff from 1 s or the server's Retry-After. An
   * enqueue is not retried on a 5xx, since the request may have been queued.
   * @default 2
   */
  maxRetries?: number;
}

/** Where an async request is. `WEBHOOK_FAILED`: inference succeeded, delivery failed. */
export type BasetenAsyncRequestStatus =
  | 'QUEUED'
  | 'IN_PROGRESS'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'EXPIRED'
  | 'CANCELED'
  | 'WEBHOOK_FAILED'
  | (string & {});

/** Where the webhook delivery of an async request is. */
export type BasetenAsyncWebhookStatus =
  | 'PENDING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELED'
  | 'NO_WEBHOOK_PROVIDED'
  | (string & {});

/** One error of an async request, e.g. `{code: 'MODEL_PREDICT_ERROR', message}`. */
export interface BasetenAsyncError {
  readonly code: string;
  readonly message: string;
}

/** What `enqueue` resolves to. */
export interface BasetenAsyncEnqueueResult {
  /** The async request id: the webhook's `request_id`, and what `status`/`cancel` take. */
  readonly requestId: string;
}

/** What `status(requestId)` resolves to (kept by Baseten for 1 hour after completion). */
export interface BasetenAsyncRequestStatusResult {
  readonly requestId: string;
  /** The model's id; undefined for a chain request (see `chainId`). */
  readonly modelId: string | undefined;
  /** The chain's id, for chain requests. */
  readonly chainId: string | undefined;
  readonly deploymentId: string | undefined;
  readonly status: BasetenAsyncRequestStatus;
  readonly webhookStatus: BasetenAsyncWebhookStatus | undefined;
  readonly createdAt: Date | undefined;
  /** When `status` was last set. */
  readonly statusAt: Date | undefined;
  readonly errors: readonly BasetenAsyncError[];
  /** The body as sent. */
  readonly raw: AsyncRequestStatusWire;
}

/** What `cancel(requestId)` resolves to; only `QUEUED` requests can be canceled. */
export interface BasetenAsyncCancelResult {
  readonly requestId: string;
  /** False when Baseten refused (e.g. the request is already running or done). */
  readonly canceled: boolean;
  readonly message: string;
}

/** What `queueStatus()` resolves to. */
export interface BasetenAsyncQueueStatusResult {
  readonly modelId: string | undefined;
  readonly chainId: string | undefined;
  readonly deploymentId: string | undefined;
  readonly numQueuedRequests: number;
  readonly numInProgressRequests: number;
  /** The body as sent. */
  readonly raw: AsyncQueueStatusWire;
}

/** Baseten's async inference on one deployment or chain. */
export interface BasetenAsyncInference {
  /** Queues `input` (the deployment's predict body; a chain's run_remote arguments). */
  enqueue(
    input: Record<string, unknown>,
    options?: BasetenAsyncEnqueueOptions,
  ): Promise<BasetenAsyncEnqueueResult>;
  /** Where a request is (not its output: that only goes to the webhook). */
  status(
    requestId: string,
    options?: BasetenAsyncCallOptions,
  ): Promise<BasetenAsyncRequestStatusResult>;
  /** Cancels a queued request; a refusal resolves with `canceled: false`. */
  cancel(
    requestId: string,
    options?: BasetenAsyncCallOptions,
  ): Promise<BasetenAsyncCancelResult>;
  /** How many requests are queued and running on this deployment. */
  queueStatus(
    options?: BasetenAsyncCallOptions,
  ): Promise<BasetenAsyncQueueStatusResult>;
}

const DEFAULT_MAX_RETRIES = 2;
const REQUEST_ID = /^[A-Za-z0-9_-]{1,128}$/;

const isRateLimited = (status: number) => status === 429;
const isRetryableRead = (status: number) =>
  status === 429 || [500, 502, 503, 504].includes(status);

function checkRequestId(requestId: unknown): string {
  if (typeof requestId === 'string' && REQUEST_ID.test(requestId))
    return requestId;
  throw new InvalidArgumentError({
    argument: 'requestId',
    message: `Invalid requestId ${JSON.stringify(requestId) ?? String(requestId)}: pass the requestId that enqueue resolved to (letters, digits, - and _, e.g. "9876543210abcdef1234567890fedcba").`,
  });
}

function checkMaxRetries(maxRetries: unknown): number {
  if (maxRetries === undefined) return DEFAULT_MAX_RETRIES;
  if (
    typeof maxRetries === 'number' &&
    Number.isInteger(maxRetries) &&
    maxRetries >= 0 &&
    maxRetries <= 20
  )
    return maxRetries;
  throw new InvalidArgumentError({
    argument: 'maxRetries',
    message: `Invalid asyncInference setting maxRetries: expected an integer from 0 to 20 (default ${DEFAULT_MAX_RETRIES}), got ${JSON.stringify(maxRetries) ?? typeof maxRetries}.`,
  });
}

/** The per-call options status, cancel and queue status take (nothing else is passed on). */
function callOptions(
  options: BasetenAsyncCallOptions | undefined,
): BasetenAsyncCallOptions {
  return { headers: options?.headers, abortSignal: options?.abortSignal };
}

/** A wire timestamp as a Date: Baseten's times are UTC, also when they carry no zone. */
export function parseUTCDate(value: string): Date {
  const hasZone = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(value);
  return new Date(hasZone || !value.includes('T') ? value : `${value}Z`);
}

function dateOf(value: string | null | undefined): Date | undefined {
  if (value == null) return undefined;
  const date = parseUTCDate(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function toStatus(
  wire: AsyncRequestStatusWire,
): BasetenAsyncRequestStatusResult {
  return {
    requestId: wire.request_id,
    modelId: wire.model_id ?? undefined,
    chainId: wire.chain_id ?? undefined,
    deploymentId: wire.deployment_id ?? undefined,
    status: wire.status,
    webhookStatus: wire.webhook_status ?? undefined,
    createdAt: dateOf(wire.created_at),
    statusAt: dateOf(wire.status_at),
    errors: asyncErrorsOf(wire.errors),
    raw: wire,
  };
}

/** Baseten's async `errors` list (absent or null = none) as `{ code, message }` entries. */
export function asyncErrorsOf(
  errors: readonly { code: string; message: string }[] | null | undefined,
): BasetenAsyncError[] {
  return (errors ?? []).map(({ code, message }) => ({ code, message }));
}

/** Builds the async helper for the deployment or chain at `modelURL`. */
export function createAsyncInference(
  deployment: BasetenDeploymentConfig,
  modelURL: unknown,
  settings: BasetenAsyncInferenceSettings = {},
  allowInsecureHttp?: boolean,
): BasetenAsyncInference {
  const endpoints = resolveAsyncEndpoints(modelURL, allowInsecureHttp);
  const config: AsyncAPIConfig = {
    ...deployment,
    maxRetries: checkMaxRetries(settings.maxRetries),
  };
  return {
    async enqueue(input, options) {
      const request = await buildEnqueueRequest(input, options);
      const { value } = await callAsyncAPI(config, {
        method: 'POST',
        url: endpoints.enqueueURL,
        body: request.body,
        schema: asyncPredictResponseSchema,
        retryOn: isRateLimited,
        headers: request.headers,
        abortSignal: request.abortSignal,
      });
      return { requestId: value.request_id };
    },
    async status(requestId, options) {
      const { value } = await callAsyncAPI(config, {
        method: 'GET',
        url: endpoints.requestURL(checkRequestId(requestId)),
        schema: asyncRequestStatusSchema,
        retryOn: isRetryableRead,
        ...callOptions(options),
      });
      return toStatus(value);
    },
    async cancel(requestId, options) {
      const { value } = await callAsyncAPI(config, {
        method: 'DELETE',
        url: endpoints.requestURL(checkRequestId(requestId)),
        schema: asyncCancelResponseSchema,
        retryOn: isRetryableRead,
        ...callOptions(options),
      });
      return {
        requestId: value.request_id,
        canceled: value.canceled,
        message: value.message ?? '',
      };
    },
    async queueStatus(options) {
      const { value } = await callAsyncAPI(config, {
        method: 'GET',
        url: endpoints.queueStatusURL,
        schema: asyncQueueStatusSchema,
        retryOn: isRetryableRead,
        ...callOptions(options),
      });
      return {
        modelId: value.model_id ?? undefined,
        chainId: value.chain_id ?? undefined,
        deploymentId: value.deployment_id ?? undefined,
        numQueuedRequests: value.num_queued_requests,
        numInProgressRequests: value.num_in_progress_requests,
        raw: value,
      };
    },
  };
}
