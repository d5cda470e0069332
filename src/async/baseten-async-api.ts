import {
  lazySchema,
  zodSchema,
  type InferSchema,
} from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';

/**
 * The wire of Baseten's async inference (inference API spec: `AsyncPredictRequest`,
 * `AsyncPredictResponse`, `AsyncRequestStatusResponse`, `AsyncCancelResponse`,
 * `AsyncQueueStatusResponse`) and of the webhook it delivers.
 */

/** The body of `POST …/async_predict` (and `…/async_run_remote`). */
export interface AsyncPredictRequestBody {
  model_input: Record<string, unknown>;
  webhook_endpoint?: string;
  priority?: number;
  max_time_in_queue_seconds?: number;
  inference_retry_config?: {
    max_attempts?: number;
    initial_delay_ms?: number;
    max_delay_ms?: number;
  };
}

/** `{code, message}` entries of a status or a webhook (`MODEL_PREDICT_ERROR`, …). */
function buildAsyncErrorSchema() {
  return z.looseObject({ code: z.string(), message: z.string() });
}

/** 201 of an enqueue. */
export const asyncPredictResponseSchema = lazySchema(() =>
  zodSchema(z.looseObject({ request_id: z.string().min(1) })),
);

/** 200 of `GET /async_request/{id}`; `chain_id` replaces `model_id` for chains. */
export const asyncRequestStatusSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      request_id: z.string(),
      model_id: z.string().nullish(),
      chain_id: z.string().nullish(),
      deployment_id: z.string().nullish(),
      status: z.string(),
      webhook_status: z.string().nullish(),
      created_at: z.string().nullish(),
      status_at: z.string().nullish(),
      errors: z.array(buildAsyncErrorSchema()).nullish(),
    }),
  ),
);

/** 200 of `DELETE /async_request/{id}` (a refusal is `canceled: false`). */
export const asyncCancelResponseSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      request_id: z.string(),
      canceled: z.boolean(),
      message: z.string().nullish(),
    }),
  ),
);

/** 200 of `GET …/async_queue_status`. */
export const asyncQueueStatusSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      model_id: z.string().nullish(),
      chain_id: z.string().nullish(),
      deployment_id: z.string().nullish(),
      num_queued_requests: z.number().int().nonnegative(),
      num_in_progress_requests: z.number().int().nonnegative(),
    }),
  ),
);

/** The JSON body Baseten POSTs to a webhook endpoint. */
export const asyncWebhookPayloadSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      request_id: z.string().min(1),
      model_id: z.string().nullish(),
      chain_id: z.string().nullish(),
      deployment_id: z.string().nullish(),
      type: z.string(),
      time: z.string(),
      data: z.unknown(),
      errors: z.array(buildAsyncErrorSchema()).nullish(),
    }),
  ),
);

/** The webhook body as sent (snake_case). */
export type AsyncWebhookWirePayload = InferSchema<
  typeof asyncWebhookPayloadSchema
>;
/** The status body as sent (snake_case). */
export type AsyncRequestStatusWire = InferSchema<
  typeof asyncRequestStatusSchema
>;
/** The queue status body as sent (snake_case). */
export type AsyncQueueStatusWire = InferSchema<typeof asyncQueueStatusSchema>;
