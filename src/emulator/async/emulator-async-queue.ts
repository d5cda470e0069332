import { randomBytes } from 'node:crypto';
import { isLoopbackHost } from '../../baseten-url';
import {
  deliverWebhook,
  sleep,
  type WebhookDeliveryOutcome,
} from './emulator-async-webhook';
import { EmulatorRequestError } from '../edge/emulator-errors';
import type { ResponseWriter } from '../edge/emulator-exchange';
import { modelHeaders } from '../edge/emulator-headers';
import { isRecord } from '../edge/emulator-is-record';
import { answerPredict } from '../deployments/emulator-predict';
import type { EmulatorRoute } from '../edge/emulator-routes';
import {
  answerWhisperPredict,
  isWhisperPredict,
} from '../voice/emulator-voice-whisper';

/** Async inference settings of `startBasetenEmulator`. */
export interface EmulatorAsyncOptions {
  /**
   * Webhook secrets the emulator signs deliveries with (`X-BASETEN-SIGNATURE: v1=…`, one entry
   * per secret, newest first, as during a rotation). Unset: deliveries carry no signature.
   */
  webhookSecrets?: string | readonly string[];
  /** Async requests run at once (default 8). */
  asyncConcurrency?: number;
  /** A slow queue: each request waits at least this long (ms) in `QUEUED` (default 0). */
  asyncQueueDelayMs?: number;
  /** Enqueues accepted per second before answering 429 (default: no limit). */
  asyncEnqueuesPerSecond?: number;
  /** Requests queued or running at once before enqueues get 429 (default 50,000). */
  asyncMaxQueued?: number;
  /** Finished requests whose status is kept (oldest dropped first; default 10,000). */
  asyncRetainedRequests?: number;
  /** Pause between the two delivery attempts, ms (default 2,000, as Baseten documents). */
  webhookRetryDelayMs?: number;
  /** Timeout of one delivery attempt, ms (default 10,000, as Baseten documents). */
  webhookTimeoutMs?: number;
}

/** One async request as the emulator tracks it. */
export interface EmulatorAsyncRequest {
  readonly requestId: string;
  readonly status: string;
  readonly webhookStatus: string;
  /** The receiver's answer to each delivery attempt (`error`: unreachable or timed out). */
  readonly webhookAttempts: readonly (number | 'error')[];
}

/** Controls of the emulator's async queue. */
export interface EmulatorAsyncQueue {
  /** Stops starting queued requests (they stay `QUEUED`, so they can be canceled). */
  pause(): void;
  /** Starts queued requests again. */
  resume(): void;
  /** Resolves once nothing is queued, running or being delivered. */
  settled(): Promise<void>;
  /** A request's state, while its status is kept. */
  lookup(requestId: string): EmulatorAsyncRequest | undefined;
}

interface Job {
  readonly requestId: string;
  readonly target: string;
  readonly isChain: boolean;
  readonly ownerId: string;
  readonly deploymentId: string;
  /** Dropped once the request has run, so finished requests hold only their status. */
  input: Record<string, unknown> | undefined;
  readonly webhook: string | undefined;
  readonly priority: number;
  readonly readyAt: number;
  readonly createdAt: string;
  status: string;
  webhookStatus: string;
  statusAt: string;
  errors: { code: string; message: string }[];
  webhookAttempts: readonly (number | 'error')[];
}

/** The async routes: enqueue and queue status on a target, status and cancel on the host. */
export type AsyncRoute =
  | { readonly kind: 'async-request'; readonly requestId: string }
  | {
      readonly kind: 'deployment';
      readonly action:
        'async-predict' | 'async-run-remote' | 'async-queue-status';
      readonly target: string;
    };

/** Whether a route is one the async queue answers. */
export function isAsyncRoute(route: EmulatorRoute): route is AsyncRoute {
  return (
    route.kind === 'async-request' ||
    (route.kind === 'deployment' &&
      (route.action === 'async-predict' ||
        route.action === 'async-run-remote' ||
        route.action === 'async-queue-status'))
  );
}

const MAX_BODY_BYTES = 256 * 1024;
const ENQUEUE_FIELDS = new Set([
  'model_input',
  'webhook_endpoint',
  'priority',
  'max_time_in_queue_seconds',
  'inference_retry_config',
]);
const RETRY_FIELDS: Record<string, [number, number]> = {
  max_attempts: [1, 10],
  initial_delay_ms: [0, 10_000],
  max_delay_ms: [0, 60_000],
};

/** An error answer in the async API's envelope (`ErrorResponse`). */
class AsyncError extends EmulatorRequestError {
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(
    status: number,
    message: string,
    code: string,
    headers: Record<string, string> = {},
  ) {
    super(status, message);
    this.code = code;
    this.headers = headers;
  }
}

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1)
    throw new RangeError(`${name} must be a positive integer, got ${chosen}`);
  return chosen;
}

function integerIn(
  body: Record<string, unknown>,
  field: string,
  [min, max]: [number, number],
): void {
  const value = body[field];
  if (value === undefined) return;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new AsyncError(
      400,
      `${field} must be an integer from ${min} to ${max}.`,
      'client_error',
    );
  }
}

/** The enqueue body checks of the async API (400/413 before anything is queued). */
function checkEnqueueBody(
  body: unknown,
  bodyBytes: number,
): Record<string, unknown> {
  if (bodyBytes > MAX_BODY_BYTES) {
    throw new AsyncError(
      413,
      `Request body is ${bodyBytes} bytes; async requests are limited to ${MAX_BODY_BYTES} bytes.`,
      'payload_too_large',
    );
  }
  if (!isRecord(body) || !isRecord(body.model_input)) {
    throw new AsyncError(
      400,
      'model_input is required and must be a JSON object.',
      'client_error',
    );
  }
  const unknown = Object.keys(body).find(key => !ENQUEUE_FIELDS.has(key));
  if (unknown !== undefined)
    throw new AsyncError(400, `Unknown field: ${unknown}.`, 'client_error');
  integerIn(body, 'priority', [0, 2]);
  integerIn(body, 'max_time_in_queue_seconds', [10, 259_200]);
  const retry = body.inference_retry_config;
  if (retry !== undefined) {
    if (!isRecord(retry))
      throw new AsyncError(
        400,
        'inference_retry_config must be an object.',
        'client_error',
      );
    for (const [field, range] of Object.entries(RETRY_FIELDS))
      integerIn(retry, field, range);
  }
  const webhook = body.webhook_endpoint;
  if (webhook !== undefined && webhook !== null) {
    let url: URL | undefined;
    try {
      url = typeof webhook === 'string' ? new URL(webhook) : undefined;
    } catch {
      url = undefined;
    }
    if (
      url === undefined ||
      (url.protocol !== 'https:' && url.protocol !== 'http:')
    )
      throw new AsyncError(
        400,
        'webhook_endpoint must be an http(s) URL.',
        'client_error',
      );
    if (!isLoopbackHost(url.hostname)) {
      throw new AsyncError(
        400,
        `The Baseten emulator delivers webhooks only to loopback hosts (127.0.0.1, localhost, ::1), not ${url.hostname}.`,
        'client_error',
      );
    }
  }
  return body;
}

function wireStatus(job: Job): Record<string, unknown> {
  return {
    request_id: job.requestId,
    ...(job.isChain ? { chain_id: job.ownerId } : { model_id: job.ownerId }),
    deployment_id: job.deploymentId,
    status: job.status,
    webhook_status: job.webhookStatus,
    created_at: job.createdAt,
    status_at: job.statusAt,
    errors: job.errors,
  };
}

/** A FIFO with O(1) take (10,000 queued requests must not cost O(n²)). */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;
  push(item: T): void {
    this.items.push(item);
  }
  take(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  get size(): number {
    return this.items.length - this.head;
  }
}

/** The emulator's async inference: an in-memory, bounded queue that delivers signed webhooks. */
export class AsyncQueueEmulator implements EmulatorAsyncQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly finished = new Fifo<string>();
  private readonly queues = [new Fifo<Job>(), new Fifo<Job>(), new Fifo<Job>()];
  private readonly counts = new Map<
    string,
    { queued: number; running: number }
  >();
  private readonly abort = new AbortController();
  private readonly waiters: (() => void)[] = [];
  private readonly secrets: readonly string[];
  private readonly concurrency: number;
  private readonly queueDelayMs: number;
  private readonly perSecond: number | undefined;
  private readonly maxQueued: number;
  private readonly retained: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;
  private running = 0;
  private queued = 0;
  private paused = false;
  private tokens = 0;
  private refilledAt = Date.now();
  private retrySlotAt = 0;

  constructor(options: EmulatorAsyncOptions = {}) {
    const secrets = options.webhookSecrets;
    this.secrets = (
      typeof secrets === 'string' ? [secrets] : (secrets ?? [])
    ).filter(secret => secret !== '');
    this.concurrency = positiveInteger(
      'asyncConcurrency',
      options.asyncConcurrency,
      8,
    );
    this.queueDelayMs = options.asyncQueueDelayMs ?? 0;
    this.perSecond = options.asyncEnqueuesPerSecond;
    if (this.perSecond !== undefined && !(this.perSecond > 0))
      throw new RangeError(
        `asyncEnqueuesPerSecond must be positive, got ${this.perSecond}`,
      );
    this.tokens = this.burst();
    this.maxQueued = positiveInteger(
      'asyncMaxQueued',
      options.asyncMaxQueued,
      50_000,
    );
    this.retained = positiveInteger(
      'asyncRetainedRequests',
      options.asyncRetainedRequests,
      10_000,
    );
    this.retryDelayMs = options.webhookRetryDelayMs ?? 2000;
    this.timeoutMs = options.webhookTimeoutMs ?? 10_000;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  settled(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise(resolve => this.waiters.push(resolve));
  }

  lookup(requestId: string): EmulatorAsyncRequest | undefined {
    const job = this.jobs.get(requestId);
    return job === undefined
      ? undefined
      : {
          requestId: job.requestId,
          status: job.status,
          webhookStatus: job.webhookStatus,
          webhookAttempts: job.webhookAttempts,
        };
  }

  /** Stops every timer and delivery; nothing runs after the emulator closes. */
  close(): void {
    this.abort.abort();
    this.paused = true;
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Answers one async route; errors in the async API's `{error, error_code}` envelope. */
  answer(
    route: AsyncRoute,
    method: string,
    request: { body: unknown; json: boolean; bytes: number },
    writer: ResponseWriter,
  ): void {
    try {
      if (!request.json)
        throw new AsyncError(
          400,
          'The request body is not valid JSON.',
          'client_error',
        );
      const [status, answer] = this.route(
        route,
        method,
        request.body,
        request.bytes,
      );
      writer.json(status, answer);
    } catch (error) {
      if (!(error instanceof AsyncError)) throw error;
      writer.json(
        error.status,
        { error: error.message, error_code: error.code },
        error.headers,
      );
    }
  }

  private route(
    route: AsyncRoute,
    method: string,
    body: unknown,
    bodyBytes: number,
  ): [number, unknown] {
    const expect = (allowed: string) => {
      if (!allowed.split(' ').includes(method))
        throw new AsyncError(
          405,
          `Method ${method} is not allowed here; use ${allowed.replace(' ', ' or ')}.`,
          'client_error',
        );
    };
    if (route.kind === 'async-request') {
      expect('GET DELETE');
      return method === 'GET'
        ? this.status(route.requestId)
        : this.cancel(route.requestId);
    }
    if (route.action === 'async-queue-status') {
      expect('GET');
      const counts = this.counts.get(route.target) ?? { queued: 0, running: 0 };
      const ids = this.ids(route.target, false);
      return [
        200,
        {
          model_id: ids.ownerId,
          deployment_id: ids.deploymentId,
          num_queued_requests: counts.queued,
          num_in_progress_requests: counts.running,
        },
      ];
    }
    expect('POST');
    return this.enqueue(
      route.target,
      route.action === 'async-run-remote',
      body,
      bodyBytes,
    );
  }

  private ids(
    target: string,
    isChain: boolean,
  ): { ownerId: string; deploymentId: string } {
    const [, kind, id] = target.split('/');
    const headers = modelHeaders(
      `${isChain ? 'chain' : 'deployment'} ${target}`,
      kind === 'deployment' ? id : undefined,
    );
    return {
      ownerId: headers['x-baseten-model-id'],
      deploymentId: headers['x-baseten-model-version-id'],
    };
  }

  /** The bucket's size: one second of enqueues, at least one. */
  private burst(): number {
    return Math.max(1, this.perSecond ?? 0);
  }

  private takeToken(): number | undefined {
    if (this.perSecond === undefined) return undefined;
    const now = Date.now();
    this.tokens = Math.min(
      this.burst(),
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    );
    this.refilledAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    // Each refusal is told a later slot, so refused clients come back spread out, not at once.
    const firstFree = now + ((1 - this.tokens) / this.perSecond) * 1000;
    this.retrySlotAt = Math.max(
      this.retrySlotAt + 1000 / this.perSecond,
      firstFree,
    );
    return Math.ceil(this.retrySlotAt - now);
  }

  private enqueue(
    target: string,
    isChain: boolean,
    body: unknown,
    bodyBytes: number,
  ): [number, unknown] {
    const waitMs = this.takeToken();
    if (waitMs !== undefined) {
      throw new AsyncError(
        429,
        'Rate limit exceeded for async requests.',
        'rate_limited',
        {
          'retry-after-ms': String(waitMs),
          'retry-after': String(Math.ceil(waitMs / 1000)),
        },
      );
    }
    if (this.queued + this.running >= this.maxQueued) {
      throw new AsyncError(
        429,
        `Too many async requests queued or running (${this.maxQueued}).`,
        'rate_limited',
        { 'retry-after': '1' },
      );
    }
    const request = checkEnqueueBody(body, bodyBytes);
    const now = new Date().toISOString();
    const webhook = request.webhook_endpoint;
    const job: Job = {
      requestId: randomBytes(16).toString('hex'),
      target,
      isChain,
      ...this.ids(target, isChain),
      input: request.model_input as Record<string, unknown>,
      webhook: typeof webhook === 'string' ? webhook : undefined,
      priority: typeof request.priority === 'number' ? request.priority : 0,
      readyAt: Date.now() + this.queueDelayMs,
      createdAt: now,
      status: 'QUEUED',
      webhookStatus:
        typeof webhook === 'string' ? 'PENDING' : 'NO_WEBHOOK_PROVIDED',
      statusAt: now,
      errors: [],
      webhookAttempts: [],
    };
    this.jobs.set(job.requestId, job);
    this.queues[job.priority].push(job);
    this.queued++;
    this.count(target).queued++;
    this.pump();
    return [201, { request_id: job.requestId }];
  }

  private status(requestId: string): [number, unknown] {
    const job = this.jobs.get(requestId);
    if (job === undefined)
      throw new AsyncError(
        404,
        `Async request ${requestId} was not found.`,
        'client_error',
      );
    return [200, wireStatus(job)];
  }

  private cancel(requestId: string): [number, unknown] {
    const job = this.jobs.get(requestId);
    if (job === undefined)
      throw new AsyncError(
        404,
        `Async request ${requestId} was not found.`,
        'client_error',
      );
    if (job.status !== 'QUEUED' || job.input === undefined) {
      return [
        200,
        {
          request_id: requestId,
          canceled: false,
          message: `Async request ${requestId} is ${job.status}; only QUEUED requests can be canceled.`,
        },
      ];
    }
    this.queued--;
    this.count(job.target).queued--;
    this.finish(
      job,
      'CANCELED',
      job.webhook === undefined ? job.webhookStatus : 'CANCELED',
    );
    return [
      200,
      {
        request_id: requestId,
        canceled: true,
        message: `Canceled async request ${requestId}.`,
      },
    ];
  }

  private count(target: string): { queued: number; running: number } {
    let counts = this.counts.get(target);
    if (counts === undefined)
      this.counts.set(target, (counts = { queued: 0, running: 0 }));
    return counts;
  }

  private next(): Job | undefined {
    for (const queue of this.queues) {
      for (let job = queue.take(); job !== undefined; job = queue.take())
        if (job.status === 'QUEUED') return job;
    }
    return undefined;
  }

  private pump(): void {
    while (
      !this.paused &&
      !this.abort.signal.aborted &&
      this.running < this.concurrency
    ) {
      const job = this.next();
      if (job === undefined) break;
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.pump();
        if (this.isIdle())
          for (const waiter of this.waiters.splice(0)) waiter();
      });
    }
  }

  private isIdle(): boolean {
    return (
      this.running === 0 && (this.queued === 0 || this.abort.signal.aborted)
    );
  }

  private async run(job: Job): Promise<void> {
    const delay = job.readyAt - Date.now();
    if (delay > 0) await sleep(delay, this.abort.signal);
    if (job.status !== 'QUEUED' || this.abort.signal.aborted) return;
    this.queued--;
    this.count(job.target).queued--;
    this.count(job.target).running++;
    job.status = 'IN_PROGRESS';
    job.statusAt = new Date().toISOString();
    let data: unknown = null;
    const input = job.input;
    job.input = undefined;
    try {
      data = isWhisperPredict(input)
        ? await answerWhisperPredict(input)
        : answerPredict(input);
    } catch (error) {
      job.errors = [
        {
          code:
            error instanceof EmulatorRequestError && error.status < 500
              ? 'MODEL_INVALID_INPUT'
              : 'MODEL_PREDICT_ERROR',
          message: error instanceof Error ? error.message : String(error),
        },
      ];
    }
    const outcome = await this.deliver(job, data);
    this.count(job.target).running--;
    const failed = job.errors.length > 0;
    if (outcome === undefined)
      this.finish(job, failed ? 'FAILED' : 'SUCCEEDED', job.webhookStatus);
    else if (outcome.delivered)
      this.finish(job, failed ? 'FAILED' : 'SUCCEEDED', 'SUCCEEDED');
    else this.finish(job, failed ? 'FAILED' : 'WEBHOOK_FAILED', 'FAILED');
  }

  private async deliver(
    job: Job,
    data: unknown,
  ): Promise<WebhookDeliveryOutcome | undefined> {
    if (job.webhook === undefined) return undefined;
    const outcome = await deliverWebhook(
      job.webhook,
      {
        request_id: job.requestId,
        ...(job.isChain
          ? { chain_id: job.ownerId }
          : { model_id: job.ownerId }),
        deployment_id: job.deploymentId,
        type: 'async_request_completed',
        data: job.errors.length > 0 ? null : data,
        errors: job.errors,
      },
      {
        secrets: this.secrets,
        attempts: 2,
        retryDelayMs: this.retryDelayMs,
        timeoutMs: this.timeoutMs,
        signal: this.abort.signal,
      },
    );
    job.webhookAttempts = outcome.attempts;
    return outcome;
  }

  /** Marks a job done and drops the oldest finished ones beyond the retention bound. */
  private finish(job: Job, status: string, webhookStatus: string): void {
    job.status = status;
    job.webhookStatus = webhookStatus;
    job.statusAt = new Date().toISOString();
    this.finished.push(job.requestId);
    while (this.finished.size > this.retained) {
      const oldest = this.finished.take();
      if (oldest !== undefined) this.jobs.delete(oldest);
    }
  }
}
