import { PerformanceClient } from '@basetenlabs/performance-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// The native performance client speaks HTTP/2 with prior knowledge on
// http:// URLs; these tests prove the emulator's single port serves it.
let emulator: BasetenEmulator;
let client: PerformanceClient;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ embeddingDimensions: 16 });
  client = new PerformanceClient(
    `${emulator.origin}/environments/production/sync`,
    'native-key',
  );
});
afterAll(() => emulator.close());

describe('the native performance client over h2c', () => {
  it('embeds through /sync/v1/embeddings on HTTP/2', async () => {
    const result = (await client.embed(['a', 'b'], 'm')) as {
      data: { index: number; embedding: number[] }[];
      usage: { prompt_tokens: number };
    };
    expect(result.data.map(item => item.index)).toEqual([0, 1]);
    expect(result.data[0].embedding).toHaveLength(16);
    expect(result.usage.prompt_tokens).toBe(2);

    const request = emulator.requests.at(-1)!;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/environments/production/sync/v1/embeddings',
      protocol: 'h2',
      body: { input: ['a', 'b'], model: 'm' },
    });
    expect(request.headers.authorization).toBe('Bearer native-key');
  });

  it('returns the same vectors as HTTP/1.1 does', async () => {
    const native = (await client.embed(['same text'], 'm')) as {
      data: { embedding: number[] }[];
    };
    const overFetch = await fetch(`${emulator.modelURL}/embeddings`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: JSON.stringify({ input: ['same text'], model: 'm' }),
    });
    const body = (await overFetch.json()) as {
      data: { embedding: number[] }[];
    };
    expect(native.data[0].embedding).toEqual(
      body.data[0].embedding.map(value => Math.fround(value)),
    );
  });

  it('posts raw payloads with batchPost and gets base64 embeddings back as strings', async () => {
    const result = (await client.batchPost('v1/embeddings', [
      { input: ['a'], model: 'm', encoding_format: 'base64' },
      { input: ['b', 'c'], model: 'm', encoding_format: 'base64' },
    ])) as { data: { data: { embedding: string }[] }[] };
    expect(result.data).toHaveLength(2);
    const bytes = Buffer.from(result.data[1].data[0].embedding, 'base64');
    expect(bytes.length).toBe(16 * 4);
  });

  it('reranks through /sync/rerank', async () => {
    const result = (await client.rerank(
      'cats',
      ['dogs', 'cats purr'],
      false,
      true,
    )) as {
      data: { index: number; score: number; text: string }[];
    };
    const best = [...result.data].sort((a, b) => b.score - a.score)[0];
    expect(best).toMatchObject({ index: 1, text: 'cats purr' });
    expect(emulator.requests.at(-1)).toMatchObject({
      path: '/environments/production/sync/rerank',
      protocol: 'h2',
    });
  });

  it('gets a queued 413 as an error naming the status, since it cannot send the fault header', async () => {
    emulator.faults.enqueue(
      {
        status: 413,
        message: 'batch size 999 > maximum allowed batch size 128',
      },
      { path: '/v1/embeddings' },
    );
    await expect(client.embed(['a'], 'm')).rejects.toThrow(/413/);
    expect(emulator.faults.pending).toBe(0);
  });

  it('serves HTTP/1.1 and HTTP/2 clients on the same port at once', async () => {
    const [native, plain] = await Promise.all([
      client.embed(['x'], 'm') as Promise<{ data: unknown[] }>,
      fetch(`${emulator.baseURL}/models`, {
        headers: { authorization: 'Bearer k' },
      }),
    ]);
    expect(native.data).toHaveLength(1);
    expect(plain.status).toBe(200);
  });
});
