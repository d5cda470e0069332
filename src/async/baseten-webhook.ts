import { InvalidArgumentError } from '@ai-sdk/provider';
import { safeParseJSON } from '@ai-sdk/provider-utils';
import {
  asyncWebhookPayloadSchema,
  type AsyncWebhookWirePayload,
} from './baseten-async-api';
import {
  asyncErrorsOf,
  parseUTCDate,
  type BasetenAsyncError,
} from './baseten-async-inference';

/** The header that carries `v1=<hex>` signatures, one per active webhook secret. */
const WEBHOOK_SIGNATURE_HEADER = 'x-baseten-signature';

/** Why a webhook was refused. */
export type BasetenWebhookErrorReason =
  /** No `X-BASETEN-SIGNATURE` header (the workspace has no webhook secret, or it is not Baseten). */
  | 'missing-signature'
  /** The header holds no `v1=<64 hex digits>` entry. */
  | 'malformed-signature'
  /** No signature matches any of the secrets: forged, altered, or signed with another secret. */
  | 'signature-mismatch'
  /** `secrets` holds no non-empty secret. */
  | 'no-usable-secret'
  /** `rawBody` is not a string or bytes (e.g. a body a framework already parsed). */
  | 'invalid-body'
  /** The signed body is not a Baseten webhook payload (not JSON, or fields missing). */
  | 'malformed-payload'
  /** The payload's `time` is further from now than `toleranceSeconds` (a replay or a stale delivery). */
  | 'outside-replay-window';

/** A refused webhook. It never carries a secret or a signature a secret would produce. */
export class BasetenWebhookError extends Error {
  override readonly name = 'BasetenWebhookError';
  readonly reason: BasetenWebhookErrorReason;
  constructor(reason: BasetenWebhookErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }

  /** Whether `error` is a `BasetenWebhookError` (also across package copies). */
  static isInstance(error: unknown): error is BasetenWebhookError {
    return (
      error instanceof Error &&
      error.name === 'BasetenWebhookError' &&
      typeof (error as { reason?: unknown }).reason === 'string'
    );
  }
}

/** Headers as a Fetch `Headers`, or a plain object (Node's `IncomingHttpHeaders`, any case). */
export type BasetenWebhookHeaders =
  Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Arguments of `verifyBasetenWebhook`. */
export interface VerifyBasetenWebhookOptions {
  /** The request body exactly as received: a string or its bytes (never a re-serialized object). */
  rawBody: string | Uint8Array | ArrayBuffer;
  /** The request headers. */
  headers: BasetenWebhookHeaders;
  /** The workspace webhook secret (`whsec_…`), or several during a rotation. */
  secrets: string | readonly string[];
  /**
   * Largest accepted distance in seconds between the payload's `time` and now.
   * @default 300
   */
  toleranceSeconds?: number;
}

/** A verified webhook: the async request's result. */
export interface BasetenWebhookPayload {
  /** The async request id (deduplicate on it: a delivery can arrive twice). */
  readonly requestId: string;
  readonly modelId: string | undefined;
  /** The chain's id when Baseten sends one for chain requests (unconfirmed). */
  readonly chainId: string | undefined;
  readonly deploymentId: string | undefined;
  /** `async_request_completed`, also when the request failed. */
  readonly type: string;
  /** When Baseten sent the result. */
  readonly time: Date;
  /** The model's output; `null` when the request failed (see `errors`). */
  readonly data: unknown;
  readonly errors: readonly BasetenAsyncError[];
  /** The body as sent. */
  readonly raw: AsyncWebhookWirePayload;
}

const DEFAULT_TOLERANCE_SECONDS = 300;
const SIGNATURE_ENTRY = /^v1=([0-9a-fA-F]{64})$/;
/** Baseten sends one signature per active secret; more than this is not a real header. */
const MAX_SIGNATURES = 16;
const encoder = new TextEncoder();

function refuse(
  reason: BasetenWebhookErrorReason,
  message: string,
): BasetenWebhookError {
  return new BasetenWebhookError(reason, message);
}

/** The signature header's value, whatever the case of its name. */
function signatureHeader(headers: BasetenWebhookHeaders): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers)
    return headers.get(WEBHOOK_SIGNATURE_HEADER) ?? undefined;
  const values: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== WEBHOOK_SIGNATURE_HEADER || value === undefined)
      continue;
    values.push(
      typeof value === 'string'
        ? value
        : (value as readonly string[]).join(','),
    );
  }
  return values.length === 0 ? undefined : values.join(',');
}

/** The `v1=` signatures of the header, as bytes; other versions are skipped. */
function signaturesOf(header: string): Uint8Array[] {
  const signatures: Uint8Array[] = [];
  for (const entry of header.split(',', MAX_SIGNATURES * 4)) {
    if (signatures.length === MAX_SIGNATURES) break;
    const match = SIGNATURE_ENTRY.exec(entry.trim());
    if (match === null) continue;
    const hex = match[1];
    const bytes = new Uint8Array(32);
    for (let index = 0; index < 32; index++)
      bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
    signatures.push(bytes);
  }
  return signatures;
}

function bodyBytes(rawBody: unknown): Uint8Array {
  if (typeof rawBody === 'string') return encoder.encode(rawBody);
  // isView / toString, not instanceof: bytes may come from another realm (vm, worker)
  if (ArrayBuffer.isView(rawBody))
    return new Uint8Array(
      rawBody.buffer,
      rawBody.byteOffset,
      rawBody.byteLength,
    );
  if (Object.prototype.toString.call(rawBody) === '[object ArrayBuffer]')
    return new Uint8Array(rawBody as ArrayBuffer);
  throw refuse(
    'invalid-body',
    `rawBody must be the request body as received (a string, Uint8Array or ArrayBuffer), got ${rawBody === null ? 'null' : typeof rawBody}. Read it before any JSON parsing (e.g. await request.text(), or express.raw({ type: 'application/json' })): a re-serialized body does not verify.`,
  );
}

function usableSecrets(secrets: unknown): string[] {
  const list: unknown[] = Array.isArray(secrets) ? secrets : [secrets];
  return list.filter(
    (secret): secret is string =>
      typeof secret === 'string' && secret.trim() !== '',
  );
}

function toleranceOf(toleranceSeconds: unknown): number {
  if (toleranceSeconds === undefined) return DEFAULT_TOLERANCE_SECONDS;
  if (
    typeof toleranceSeconds === 'number' &&
    toleranceSeconds > 0 &&
    !Number.isNaN(toleranceSeconds)
  )
    return toleranceSeconds;
  throw new InvalidArgumentError({
    argument: 'toleranceSeconds',
    message: `Invalid toleranceSeconds: expected a positive number of seconds (default ${DEFAULT_TOLERANCE_SECONDS}; Infinity turns the replay window off), got ${JSON.stringify(toleranceSeconds) ?? typeof toleranceSeconds}.`,
  });
}

/**
 * Whether any signature is the HMAC-SHA256 of `body` under any secret. `crypto.subtle.verify`
 * compares in constant time, and the expected signature is never held here.
 */
async function anySignatureMatches(
  body: Uint8Array,
  signatures: readonly Uint8Array[],
  secrets: readonly string[],
): Promise<boolean> {
  const data = new Uint8Array(body);
  for (const secret of secrets) {
    const key = await crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    for (const signature of signatures) {
      const signed = new Uint8Array(signature);
      if (await crypto.subtle.verify('HMAC', key, signed, data)) return true;
    }
  }
  return false;
}

async function parsePayload(
  body: Uint8Array,
): Promise<AsyncWebhookWirePayload> {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const parsed = await safeParseJSON({
    text,
    schema: asyncWebhookPayloadSchema,
  });
  if (parsed.success) return parsed.value;
  throw refuse(
    'malformed-payload',
    'The webhook body is signed but is not a Baseten async result ({"request_id", "type", "time", "data", "errors", …}).',
  );
}

/**
 * Verifies a Baseten async-inference webhook: `X-BASETEN-SIGNATURE` over the raw body against
 * every `v1=` signature and every secret, then the payload's `time` against the replay window.
 * Resolves to the typed payload; rejects with a `BasetenWebhookError` naming the reason.
 */
export async function verifyBasetenWebhook(
  options: VerifyBasetenWebhookOptions,
): Promise<BasetenWebhookPayload> {
  const toleranceSeconds = toleranceOf(options.toleranceSeconds);
  const body = bodyBytes(options.rawBody);
  const secrets = usableSecrets(options.secrets);
  if (secrets.length === 0) {
    throw refuse(
      'no-usable-secret',
      'No usable webhook secret: pass secrets as your workspace webhook secret (whsec_…, Baseten Settings → Secrets), or a list of them during a rotation.',
    );
  }
  const header = signatureHeader(options.headers);
  if (header === undefined || header.trim() === '') {
    throw refuse(
      'missing-signature',
      'The request has no X-BASETEN-SIGNATURE header. Baseten signs webhooks only when the workspace has a webhook secret; without one, nothing proves the request came from Baseten.',
    );
  }
  const signatures = signaturesOf(header);
  if (signatures.length === 0) {
    throw refuse(
      'malformed-signature',
      'The X-BASETEN-SIGNATURE header holds no v1=<64 hex digits> signature.',
    );
  }
  if (!(await anySignatureMatches(body, signatures, secrets))) {
    throw refuse(
      'signature-mismatch',
      `No X-BASETEN-SIGNATURE signature matches the body under any of the ${secrets.length} secret(s): the body was altered or re-serialized, or it was signed with another secret.`,
    );
  }
  const raw = await parsePayload(body);
  const time = parseUTCDate(raw.time);
  const skewSeconds = Math.abs(Date.now() - time.getTime()) / 1000;
  if (Number.isNaN(time.getTime()) || skewSeconds > toleranceSeconds) {
    throw refuse(
      'outside-replay-window',
      `The webhook's time (${raw.time}) is ${Number.isNaN(skewSeconds) ? 'not a date' : `${Math.round(skewSeconds)} s from now`}, outside the ${toleranceSeconds} s replay window: a replayed or stale delivery. Raise toleranceSeconds if your clock or queue lags.`,
    );
  }
  return {
    requestId: raw.request_id,
    modelId: raw.model_id ?? undefined,
    chainId: raw.chain_id ?? undefined,
    deploymentId: raw.deployment_id ?? undefined,
    type: raw.type,
    time,
    data: raw.data ?? null,
    errors: asyncErrorsOf(raw.errors),
    raw,
  };
}
