import { InvalidArgumentError } from '@ai-sdk/provider';
import {
  lazySchema,
  safeValidateTypes,
  zodSchema,
  type LazySchema,
} from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { isLoopbackHost } from '../baseten-url';
import type { AsyncPredictRequestBody } from './baseten-async-api';

/** How Baseten retries a failed inference (on 500/502/503/504 from the model). */
export interface BasetenAsyncInferenceRetryConfig {
  /**
   * Attempts in all, the first one included: an integer from 1 to 10.
   * @default 3
   */
  maxAttempts?: number;
  /**
   * Delay before the first retry in milliseconds (0–10,000); it doubles per retry.
   * @default 1000
   */
  initialDelayMs?: number;
  /**
   * Longest delay between retries in milliseconds (0–60,000).
   * @default 5000
   */
  maxDelayMs?: number;
}

/** Options of `enqueue(input, options)`. */
export interface BasetenAsyncEnqueueOptions {
  /**
   * Where Baseten POSTs the result (`https://`; `http://` only to a loopback host, for
   * development). Unset, the output is not delivered anywhere: the model must store it.
   */
  webhookEndpoint?: string;
  /**
   * 0, 1 or 2; lower runs first. Unset requests run at 0, so use 1 or 2 for background work.
   * @default 0
   */
  priority?: number;
  /**
   * Seconds the request may wait in the queue (cold starts included) before it expires:
   * an integer from 10 to 259,200 (72 h).
   * @default 600
   */
  maxTimeInQueueSeconds?: number;
  /** How Baseten retries the inference when the model fails with a 5xx. */
  inferenceRetryConfig?: BasetenAsyncInferenceRetryConfig;
  /** Extra headers for this request. */
  headers?: Record<string, string | undefined>;
  /** Aborts the enqueue request (not the queued inference: use `cancel`). */
  abortSignal?: AbortSignal;
}

/** Options of `status`, `cancel` and `queueStatus`. */
export interface BasetenAsyncCallOptions {
  /** Extra headers for this request. */
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
}

/** Largest enqueue body Baseten accepts (413 above it). */
const MAX_ASYNC_BODY_BYTES = 256 * 1024;

const RULES: Record<string, string> = {
  priority: 'an integer 0, 1 or 2 (lower runs first; unset is 0)',
  maxTimeInQueueSeconds:
    'an integer number of seconds from 10 to 259200 (72 hours; default 600)',
  inferenceRetryConfig:
    'an object with maxAttempts, initialDelayMs, maxDelayMs',
  'inferenceRetryConfig.maxAttempts':
    'an integer from 1 to 10 (attempts in all, the first one included; default 3)',
  'inferenceRetryConfig.initialDelayMs':
    'an integer number of milliseconds from 0 to 10000 (default 1000)',
  'inferenceRetryConfig.maxDelayMs':
    'an integer number of milliseconds from 0 to 60000 (default 5000)',
  webhookEndpoint: 'an https:// URL string',
  headers: 'an object of header names to strings',
};

const OPTION_NAMES =
  'webhookEndpoint, priority, maxTimeInQueueSeconds, inferenceRetryConfig, headers, abortSignal';

/** The schema of `BasetenAsyncEnqueueOptions` (the webhook URL is checked on its own). */
const basetenAsyncEnqueueOptionsSchema: LazySchema<BasetenAsyncEnqueueOptions> =
  lazySchema(() => {
    const integer = (min: number, max: number) =>
      z.number().int().min(min).max(max).optional();
    return zodSchema(
      z.strictObject({
        webhookEndpoint: z.string().optional(),
        priority: integer(0, 2),
        maxTimeInQueueSeconds: integer(10, 259_200),
        inferenceRetryConfig: z
          .strictObject({
            maxAttempts: integer(1, 10),
            initialDelayMs: integer(0, 10_000),
            maxDelayMs: integer(0, 60_000),
          })
          .optional(),
        headers: z.record(z.string(), z.string().optional()).optional(),
        abortSignal: z.custom<AbortSignal>().optional(),
      }),
    );
  });

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message });
}

function shown(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return value === null ? 'null' : typeof value;
}

function valueAt(options: unknown, path: readonly PropertyKey[]): unknown {
  let value = options;
  for (const key of path) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<PropertyKey, unknown>)[key]
        : undefined;
  }
  return value;
}

/** The first schema issue as an error naming the option, the rule and the value received. */
function optionError(options: unknown, issues: unknown): InvalidArgumentError {
  const issue = (issues as { issues?: z.core.$ZodIssue[] }).issues?.[0];
  const path = (issue?.path ?? []).map(String);
  if (issue?.code === 'unrecognized_keys') {
    const where = path.length === 0 ? '' : `${path.join('.')}.`;
    const key = `${where}${issue.keys[0]}`;
    return invalid(
      key,
      `Unknown enqueue option "${key}". The enqueue options are ${OPTION_NAMES}; inferenceRetryConfig takes maxAttempts, initialDelayMs and maxDelayMs.`,
    );
  }
  const name = path.join('.') || 'options';
  const rule = RULES[path.filter(part => !/^\d+$/.test(part)).join('.')];
  return invalid(
    name,
    rule === undefined
      ? `Invalid enqueue options: expected an object (${OPTION_NAMES}), got ${shown(options)}.`
      : `Invalid enqueue option ${name}: expected ${rule}, got ${shown(valueAt(options, path))}.`,
  );
}

/** Checks the webhook URL: absolute, https (http only to loopback), no fragment. */
function checkWebhookEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(
      'webhookEndpoint',
      `Invalid enqueue option webhookEndpoint: ${JSON.stringify(value)} is not an absolute URL. Use the https:// URL of your webhook handler, e.g. https://example.com/hooks/baseten.`,
    );
  }
  const isLoopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) {
    throw invalid(
      'webhookEndpoint',
      `Invalid enqueue option webhookEndpoint: scheme "${url.protocol}" is not accepted. Baseten delivers results over https:// only (http:// only to localhost or 127.0.0.1, for development).`,
    );
  }
  if (url.hash !== '') {
    throw invalid(
      'webhookEndpoint',
      'Invalid enqueue option webhookEndpoint: remove the #fragment; it is never sent to the server.',
    );
  }
  return url.href;
}

/** What a validated enqueue sends: the body and the call's transport options. */
export interface EnqueueRequest {
  readonly body: AsyncPredictRequestBody;
  readonly headers?: Record<string, string | undefined>;
  readonly abortSignal?: AbortSignal;
}

/** Validates `enqueue(input, options)` and builds the wire body (before anything is sent). */
export async function buildEnqueueRequest(
  input: unknown,
  options: unknown,
): Promise<EnqueueRequest> {
  if (
    typeof input !== 'object' ||
    input === null ||
    Array.isArray(input) ||
    input instanceof Uint8Array
  ) {
    throw invalid(
      'input',
      `Invalid enqueue input: expected a JSON object (what the deployment's predict takes, sent as model_input), got ${Array.isArray(input) ? 'an array' : shown(input)}.`,
    );
  }
  const parsed = await safeValidateTypes({
    value: options ?? {},
    schema: basetenAsyncEnqueueOptionsSchema,
  });
  if (!parsed.success) throw optionError(options, parsed.error.cause);
  const { webhookEndpoint, inferenceRetryConfig, ...rest } = parsed.value;
  const retry = inferenceRetryConfig ?? {};
  const body: AsyncPredictRequestBody = {
    model_input: input as Record<string, unknown>,
    ...(webhookEndpoint !== undefined && {
      webhook_endpoint: checkWebhookEndpoint(webhookEndpoint),
    }),
    ...(rest.priority !== undefined && { priority: rest.priority }),
    ...(rest.maxTimeInQueueSeconds !== undefined && {
      max_time_in_queue_seconds: rest.maxTimeInQueueSeconds,
    }),
    ...(inferenceRetryConfig !== undefined && {
      inference_retry_config: {
        ...(retry.maxAttempts !== undefined && {
          max_attempts: retry.maxAttempts,
        }),
        ...(retry.initialDelayMs !== undefined && {
          initial_delay_ms: retry.initialDelayMs,
        }),
        ...(retry.maxDelayMs !== undefined && {
          max_delay_ms: retry.maxDelayMs,
        }),
      },
    }),
  };
  checkBodySize(body);
  return { body, headers: rest.headers, abortSignal: rest.abortSignal };
}

function checkBodySize(body: AsyncPredictRequestBody): void {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch (cause) {
    throw new InvalidArgumentError({
      argument: 'input',
      message: `Invalid enqueue input: it cannot be sent as JSON (${cause instanceof Error ? cause.message : String(cause)}). Use plain objects, arrays, strings, numbers, booleans and null.`,
      cause,
    });
  }
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_ASYNC_BODY_BYTES) {
    throw invalid(
      'input',
      `Invalid enqueue input: the request body would be ${bytes} bytes; Baseten accepts at most ${MAX_ASYNC_BODY_BYTES} bytes (256 KiB) per async request and answers 413 above it. Store large inputs (audio, documents) elsewhere and send their URL.`,
    );
  }
}
