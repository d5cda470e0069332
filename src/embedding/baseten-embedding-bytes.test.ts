import { describe, expect, it } from 'vitest';
import { parseEmbeddingsResponseBytes } from './baseten-embedding-bytes';

const bytesOf = (text: string) => new TextEncoder().encode(text);

function base64Of(values: number[]): string {
  let binary = '';
  for (const byte of new Uint8Array(new Float32Array(values).buffer))
    binary += String.fromCharCode(byte);
  return btoa(binary);
}

const A = base64Of([1, 2, 3]);
const B = base64Of([-0.5, 0.25, 8]);

describe('parseEmbeddingsResponseBytes', () => {
  it('gives what JSON.parse would, with base64 embeddings decoded', () => {
    const body = JSON.stringify({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: A },
        { object: 'embedding', index: 1, embedding: B },
      ],
      model: 'm',
      usage: { prompt_tokens: 4, total_tokens: 4 },
    });
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [1, 2, 3] },
        { object: 'embedding', index: 1, embedding: [-0.5, 0.25, 8] },
      ],
      model: 'm',
      usage: { prompt_tokens: 4, total_tokens: 4 },
    });
  });

  it('handles pretty-printed bodies, key order and float arrays', () => {
    const body = `{
      "data" : [ { "embedding" :  "${A}" , "index" : 0 },
                 {"index":1,"embedding":[0.5,1.5]} ],
      "usage": null }`;
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual({
      data: [
        { embedding: [1, 2, 3], index: 0 },
        { index: 1, embedding: [0.5, 1.5] },
      ],
      usage: null,
    });
  });

  it('is not fooled by the key text inside other strings', () => {
    const body = JSON.stringify({
      model: 'say "embedding":"AAAA" and ,"embedding":"x',
      note: '{"embedding":"AAAA"}',
      data: [{ index: 0, embedding: A }],
    });
    const expected = JSON.parse(body) as {
      data: Array<{ embedding: unknown }>;
    };
    expected.data[0].embedding = [1, 2, 3];
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual(expected);
  });

  it('falls back to a full parse when a base64 string holds an escape', () => {
    const escaped = A.replace(/\//g, '\\/');
    const body = `{"data":[{"index":0,"embedding":"${escaped}x\\/"}]}`;
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual(
      JSON.parse(body),
    );
  });

  it('leaves an undecodable embedding as its string, for the caller to reject', () => {
    const body = '{"data":[{"index":0,"embedding":"AAAAAP8="}]}';
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual({
      data: [{ index: 0, embedding: 'AAAAAP8=' }],
    });
  });

  it('keeps non-ASCII text elsewhere in the body intact', () => {
    const body = `{"model":"模型 ✨","data":[{"index":0,"embedding":"${B}"}]}`;
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual({
      model: '模型 ✨',
      data: [{ index: 0, embedding: [-0.5, 0.25, 8] }],
    });
  });

  it('decodes every vector of a full batch in place, in its own position', () => {
    const vectors = Array.from({ length: 128 }, (_, i) => [i, -i / 4, 0.5]);
    const data = vectors.map((vector, index) => ({
      index,
      embedding: base64Of(vector),
    }));
    const body = JSON.stringify({
      data: [...data].reverse(),
      usage: { total_tokens: 128 },
    });
    expect(parseEmbeddingsResponseBytes(bytesOf(body))).toEqual({
      data: vectors.map((embedding, index) => ({ index, embedding })).reverse(),
      usage: { total_tokens: 128 },
    });
  });

  it('throws on a body that is not JSON', () => {
    expect(() =>
      parseEmbeddingsResponseBytes(bytesOf(`{"data":[{"embedding":"${A}"`)),
    ).toThrow();
    expect(() => parseEmbeddingsResponseBytes(bytesOf('<html>'))).toThrow();
  });
});
