import { describe, expect, it } from 'vitest';
import { FaultQueue, parseFaultHeader, retryHeaders } from './emulator-faults';

describe('the fault header', () => {
  it('reads key=value items and the bare hang flag', () => {
    expect(parseFaultHeader('status=429; retry-after=1')).toEqual({
      status: 429,
      retryAfterSeconds: 1,
    });
    expect(parseFaultHeader('latency-ms=200;drop-after-chunks=3')).toEqual({
      latencyMs: 200,
      dropAfterChunks: 3,
    });
    expect(parseFaultHeader('malformed-chunk-at=2')).toEqual({
      malformedChunkAt: 2,
    });
    expect(parseFaultHeader(' hang ')).toEqual({ hang: true });
    expect(
      parseFaultHeader('status=503; retry-after-ms=250; message=warming up'),
    ).toEqual({
      status: 503,
      retryAfterMs: 250,
      message: 'warming up',
    });
  });

  it('refuses unknown items and bad numbers, naming them', () => {
    expect(() => parseFaultHeader('staus=429')).toThrow(
      /unknown item "staus=429"/,
    );
    expect(() => parseFaultHeader('status=abc')).toThrow(
      /"status" needs a non-negative number/,
    );
    expect(() => parseFaultHeader('latency-ms=-5')).toThrow(/latency-ms/);
  });

  it('turns retry hints into retry-after and retry-after-ms headers', () => {
    expect(
      retryHeaders({ status: 429, retryAfterSeconds: 2, retryAfterMs: 1500 }),
    ).toEqual({
      'retry-after': '2',
      'retry-after-ms': '1500',
    });
    expect(retryHeaders({ status: 500 })).toEqual({});
  });
});

describe('the fault queue', () => {
  it('serves faults in order, only to matching paths, as many times as asked', () => {
    const queue = new FaultQueue();
    queue.enqueue({ status: 503 }, { path: '/v1/embeddings', times: 2 });
    queue.enqueue({ status: 429 });
    expect(queue.pending).toBe(3);

    expect(queue.take('/v1/chat/completions')).toEqual({ status: 429 });
    expect(queue.take('/environments/production/sync/v1/embeddings')).toEqual({
      status: 503,
    });
    expect(queue.take('/v1/chat/completions')).toBeUndefined();
    expect(queue.take('/production/sync/v1/embeddings')).toEqual({
      status: 503,
    });
    expect(queue.take('/production/sync/v1/embeddings')).toBeUndefined();
    expect(queue.pending).toBe(0);
  });

  it('matches regular expressions, and can cancel or clear entries', () => {
    const queue = new FaultQueue();
    const rerank = queue.enqueue({ hang: true }, { path: /\/rerank$/ });
    queue.enqueue({ status: 500 }, { path: /chat/ });
    rerank.cancel();
    expect(queue.take('/production/sync/rerank')).toBeUndefined();
    queue.clear();
    expect(queue.take('/v1/chat/completions')).toBeUndefined();
    expect(() => queue.enqueue({ status: 500 }, { times: 0 })).toThrow(
      RangeError,
    );
  });
});
