import { createHmac } from 'node:crypto';

/** The webhook body Baseten POSTs when an async request completes. */
export interface EmulatorWebhookPayload {
  readonly request_id: string;
  readonly model_id?: string;
  readonly chain_id?: string;
  readonly deployment_id: string;
  readonly type: 'async_request_completed';
  readonly time: string;
  readonly data: unknown;
  readonly errors: readonly { code: string; message: string }[];
}

/** How deliveries behave: Baseten's documented 2 attempts, ~2 s apart, 10 s each. */
export interface WebhookDeliverySettings {
  /** Active webhook secrets, newest first; none sends no signature header. */
  readonly secrets: readonly string[];
  readonly attempts: number;
  readonly retryDelayMs: number;
  readonly timeoutMs: number;
  /** Aborted when the emulator closes. */
  readonly signal: AbortSignal;
}

/** What one delivery came to. */
export interface WebhookDeliveryOutcome {
  readonly delivered: boolean;
  /** Each attempt: the receiver's status, or `error` when it could not be reached in time. */
  readonly attempts: readonly (number | 'error')[];
}

/** Statuses a receiver answers that Baseten delivers again. */
const RETRIED_STATUSES = new Set([500, 502, 503, 504]);

/** `v1=<hex>` per secret, comma-separated: HMAC-SHA256 of the exact body bytes. */
function webhookSignature(body: Buffer, secrets: readonly string[]): string {
  return secrets
    .map(
      secret =>
        `v1=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')}`,
    )
    .join(',');
}

/** Waits `ms`; false when `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise(resolve => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function attempt(
  url: string,
  payload: Omit<EmulatorWebhookPayload, 'time'>,
  settings: WebhookDeliverySettings,
): Promise<number | 'error'> {
  // Each attempt is sent (and signed) anew, with the time it is sent.
  const body = Buffer.from(
    JSON.stringify({ ...payload, time: new Date().toISOString() }),
    'utf8',
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-baseten-request-id': payload.request_id,
  };
  if (settings.secrets.length > 0)
    headers['x-baseten-signature'] = webhookSignature(body, settings.secrets);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.any([
        settings.signal,
        AbortSignal.timeout(settings.timeoutMs),
      ]),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 'error';
  }
}

/** Delivers one result: retried on 500/502/503/504, a timeout or a refused connection. */
export async function deliverWebhook(
  url: string,
  payload: Omit<EmulatorWebhookPayload, 'time'>,
  settings: WebhookDeliverySettings,
): Promise<WebhookDeliveryOutcome> {
  const attempts: (number | 'error')[] = [];
  for (let index = 0; index < settings.attempts; index++) {
    if (index > 0 && !(await sleep(settings.retryDelayMs, settings.signal)))
      break;
    const outcome = await attempt(url, payload, settings);
    attempts.push(outcome);
    if (outcome !== 'error' && outcome >= 200 && outcome < 300)
      return { delivered: true, attempts };
    if (outcome !== 'error' && !RETRIED_STATUSES.has(outcome)) break;
  }
  return { delivered: false, attempts };
}
