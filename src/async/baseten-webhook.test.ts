import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BasetenWebhookError, verifyBasetenWebhook } from '../index';
import { dump } from '../test/secret-canary';
import failedBody from './__fixtures__/webhook-failed.body.json?raw';
import failedHeaders from './__fixtures__/webhook-failed.headers.json';
import succeededBody from './__fixtures__/webhook-succeeded.body.json?raw';
import succeededHeaders from './__fixtures__/webhook-succeeded.headers.json';

// The fixtures' signatures were computed with Python's hmac (v1=<new>,v1=<old>).
const NEW_SECRET = 'whsec_fixtureNewSecret0123456789';
const OLD_SECRET = 'whsec_fixtureOldSecret9876543210';
const OTHER_SECRET = 'whsec_someoneElsesSecret000000000';
const SENT_AT = new Date('2024-04-30T01:01:10Z');

/** An independent HMAC (node:crypto) to sign bodies the tests build. */
function sign(body: string | Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

async function refusal(
  promise: Promise<unknown>,
): Promise<BasetenWebhookError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!BasetenWebhookError.isInstance(error))
    throw new Error(`expected a BasetenWebhookError, got ${String(error)}`);
  return error;
}

function freshBody(secondsAgo: number): string {
  const time = new Date(Date.now() - secondsAgo * 1000).toISOString();
  return JSON.stringify({
    request_id: 'aa11bb22cc33dd44ee55ff6677889900',
    model_id: 'abc123',
    deployment_id: 'def456',
    type: 'async_request_completed',
    time,
    data: { output: 'ok' },
    errors: [],
  });
}

describe('verifyBasetenWebhook on deliveries as Baseten sends them', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(SENT_AT);
  });
  afterEach(() => vi.useRealTimers());

  it('resolves to the typed payload of a signed success', async () => {
    const payload = await verifyBasetenWebhook({
      rawBody: succeededBody,
      headers: succeededHeaders,
      secrets: NEW_SECRET,
    });
    expect(payload).toMatchObject({
      requestId: '9876543210abcdef1234567890fedcba',
      modelId: 'abc123',
      deploymentId: 'def456',
      type: 'async_request_completed',
      time: new Date('2024-04-30T01:01:08.883Z'),
      data: { output: 'Transcribed: the quick brown fox' },
      errors: [],
    });
    expect(payload.raw.request_id).toBe('9876543210abcdef1234567890fedcba');
  });

  it('gives a failed request its errors and null data', async () => {
    const payload = await verifyBasetenWebhook({
      rawBody: failedBody,
      headers: failedHeaders,
      secrets: [NEW_SECRET],
      toleranceSeconds: 3600,
    });
    expect(payload.data).toBeNull();
    expect(payload.errors).toEqual([
      {
        code: 'MODEL_PREDICT_ERROR',
        message: 'Exception while running predict: CUDA out of memory',
      },
    ]);
  });

  it('accepts the body as a string, Uint8Array, Buffer or ArrayBuffer', async () => {
    const bytes = new TextEncoder().encode(succeededBody);
    for (const rawBody of [
      succeededBody,
      bytes,
      Buffer.from(succeededBody),
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    ]) {
      const payload = await verifyBasetenWebhook({
        rawBody,
        headers: succeededHeaders,
        secrets: NEW_SECRET,
      });
      expect(payload.requestId).toBe('9876543210abcdef1234567890fedcba');
    }
  });

  it('finds the header in Headers and in plain objects of any case', async () => {
    const signature = succeededHeaders['x-baseten-signature'];
    for (const headers of [
      new Headers({ 'X-BASETEN-SIGNATURE': signature }),
      { 'X-BASETEN-SIGNATURE': signature },
      { 'X-Baseten-Signature': signature },
      { 'x-baseten-signature': [signature] },
    ]) {
      await expect(
        verifyBasetenWebhook({
          rawBody: succeededBody,
          headers,
          secrets: NEW_SECRET,
        }),
      ).resolves.toMatchObject({ type: 'async_request_completed' });
    }
  });

  it('accepts the second signature during a rotation (the old secret only)', async () => {
    await expect(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: succeededHeaders,
        secrets: OLD_SECRET,
      }),
    ).resolves.toMatchObject({ modelId: 'abc123' });
  });

  it('accepts when any of several secrets matches any signature', async () => {
    await expect(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: succeededHeaders,
        secrets: [OTHER_SECRET, '', OLD_SECRET],
      }),
    ).resolves.toMatchObject({ deploymentId: 'def456' });
  });

  it('skips entries of other versions and spaces around commas', async () => {
    const old = sign(succeededBody, OLD_SECRET);
    await expect(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: {
          'x-baseten-signature': `v0=abc, v2=${'0'.repeat(64)} ,  v1=${old}`,
        },
        secrets: OLD_SECRET,
      }),
    ).resolves.toMatchObject({ type: 'async_request_completed' });
  });

  it('refuses a signature made with another secret', async () => {
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: {
          'x-baseten-signature': `v1=${sign(succeededBody, OTHER_SECRET)}`,
        },
        secrets: [NEW_SECRET, OLD_SECRET],
      }),
    );
    expect(error.reason).toBe('signature-mismatch');
  });

  it('refuses a forged body under a genuine signature', async () => {
    const forged = succeededBody.replace('quick brown fox', 'lazy dog here');
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: forged,
        headers: succeededHeaders,
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('signature-mismatch');
  });

  it('refuses a truncated body', async () => {
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: succeededBody.slice(0, -1),
        headers: succeededHeaders,
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('signature-mismatch');
  });

  it('refuses a re-serialized body (only whitespace differs)', async () => {
    const reserialized = JSON.stringify(JSON.parse(succeededBody), null, 1);
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: reserialized,
        headers: succeededHeaders,
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('signature-mismatch');
  });

  it('refuses a truncated signature as malformed', async () => {
    const signature = sign(succeededBody, NEW_SECRET);
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: { 'x-baseten-signature': `v1=${signature.slice(0, 63)}` },
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('malformed-signature');
  });

  it('refuses a request without the header', async () => {
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: {
          'content-type': 'application/json',
          'x-baseten-request-id': '9876543210abcdef1234567890fedcba',
        },
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('missing-signature');
  });

  it('refuses when no secret is usable', async () => {
    for (const secrets of ['', '  ', [], ['', ' ']]) {
      const error = await refusal(
        verifyBasetenWebhook({
          rawBody: succeededBody,
          headers: succeededHeaders,
          secrets,
        }),
      );
      expect(error.reason).toBe('no-usable-secret');
    }
  });

  it('refuses a body a framework already parsed', async () => {
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: JSON.parse(succeededBody) as string,
        headers: succeededHeaders,
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('invalid-body');
    expect(error.message).toContain('re-serialized body does not verify');
  });

  it('refuses a signed body that is not a webhook payload', async () => {
    const body = '{"hello": "world"}';
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: body,
        headers: { 'x-baseten-signature': `v1=${sign(body, NEW_SECRET)}` },
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('malformed-payload');
  });

  it('rejects a bad toleranceSeconds with the setting named', async () => {
    await expect(
      verifyBasetenWebhook({
        rawBody: succeededBody,
        headers: succeededHeaders,
        secrets: NEW_SECRET,
        toleranceSeconds: -5,
      }),
    ).rejects.toThrow(/toleranceSeconds/);
  });
});

describe('verifyBasetenWebhook replay window (on the payload time)', () => {
  it('accepts a fresh delivery', async () => {
    const body = freshBody(2);
    await expect(
      verifyBasetenWebhook({
        rawBody: body,
        headers: { 'x-baseten-signature': `v1=${sign(body, NEW_SECRET)}` },
        secrets: NEW_SECRET,
      }),
    ).resolves.toMatchObject({ data: { output: 'ok' } });
  });

  it('refuses a replay older than the default 300 s', async () => {
    const body = freshBody(301 + 60);
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: body,
        headers: { 'x-baseten-signature': `v1=${sign(body, NEW_SECRET)}` },
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('outside-replay-window');
  });

  it('refuses a time far in the future', async () => {
    const body = freshBody(-3600);
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: body,
        headers: { 'x-baseten-signature': `v1=${sign(body, NEW_SECRET)}` },
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('outside-replay-window');
  });

  it('honours a wider toleranceSeconds', async () => {
    const body = freshBody(1200);
    await expect(
      verifyBasetenWebhook({
        rawBody: body,
        headers: { 'x-baseten-signature': `v1=${sign(body, NEW_SECRET)}` },
        secrets: NEW_SECRET,
        toleranceSeconds: 1800,
      }),
    ).resolves.toMatchObject({ type: 'async_request_completed' });
  });

  it('checks the signature before the time (a forged stale body is a mismatch)', async () => {
    const body = freshBody(3600);
    const error = await refusal(
      verifyBasetenWebhook({
        rawBody: body,
        headers: { 'x-baseten-signature': `v1=${sign(body, OTHER_SECRET)}` },
        secrets: NEW_SECRET,
      }),
    );
    expect(error.reason).toBe('signature-mismatch');
  });
});

describe('verifyBasetenWebhook never reveals a secret', () => {
  it('carries neither the secrets nor the signatures they would produce', async () => {
    const stale = freshBody(3600);
    const cases = [
      { rawBody: succeededBody.slice(1), headers: succeededHeaders },
      { rawBody: succeededBody, headers: {} },
      { rawBody: succeededBody, headers: { 'x-baseten-signature': 'v1=zz' } },
      {
        rawBody: stale,
        headers: { 'x-baseten-signature': `v1=${sign(stale, NEW_SECRET)}` },
      },
    ];
    for (const { rawBody, headers } of cases) {
      const error = await refusal(
        verifyBasetenWebhook({
          rawBody,
          headers,
          secrets: [NEW_SECRET, OLD_SECRET],
        }),
      );
      const text = dump(error);
      for (const secret of [NEW_SECRET, OLD_SECRET]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(sign(rawBody, secret));
      }
    }
  });
});

describe('verifyBasetenWebhook time zones', () => {
  const zone = process.env.TZ;
  // a zone away from UTC, so a naive time read as local would be hours off
  beforeEach(() => void (process.env.TZ = 'America/New_York'));
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('reads a time without a zone as UTC, as Baseten sends UTC', async () => {
    const sentAt = new Date(Date.now() - 5000);
    const body = JSON.stringify({
      request_id: 'aa11bb22cc33dd44ee55ff6677889900',
      deployment_id: 'def456',
      type: 'async_request_completed',
      time: sentAt.toISOString().replace('Z', '123'),
      data: 'ok',
      errors: [],
    });
    const payload = await verifyBasetenWebhook({
      rawBody: body,
      headers: { 'x-baseten-signature': `v1=${sign(body, NEW_SECRET)}` },
      secrets: NEW_SECRET,
      toleranceSeconds: 60,
    });
    expect(payload.time.getTime()).toBe(sentAt.getTime());
  });
});
