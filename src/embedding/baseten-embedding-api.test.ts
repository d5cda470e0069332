import { describe, expect, it } from 'vitest';
import {
  asEmbeddingResponse,
  getEmbeddingResponseSchema,
} from './baseten-embedding-api';

const valid = {
  data: [{ index: 0, embedding: 'AAAAAA==' }, { embedding: [0.5] }],
};

// The hand check must accept exactly what the schema accepts.
const bodies: Array<[string, unknown]> = [
  [
    'a full OpenAI list',
    {
      object: 'list',
      model: 'm',
      data: [{ object: 'embedding', index: 0, embedding: [1] }],
      usage: { prompt_tokens: 1, total_tokens: 1 },
    },
  ],
  ['indices left out, usage null', { ...valid, usage: null, model: null }],
  ['usage with null counts', { ...valid, usage: { prompt_tokens: null } }],
  ['no data', { object: 'list' }],
  ['data not an array', { data: {} }],
  ['an item that is null', { data: [null] }],
  ['a negative index', { data: [{ index: -1, embedding: [1] }] }],
  ['a fractional index', { data: [{ index: 0.5, embedding: [1] }] }],
  ['a string index', { data: [{ index: '0', embedding: [1] }] }],
  ['an embedding that is a number', { data: [{ embedding: 3 }] }],
  ['no embedding', { data: [{ index: 0 }] }],
  ['a model that is a number', { ...valid, model: 7 }],
  ['usage that is a string', { ...valid, usage: 'x' }],
  [
    'prompt_tokens that is a string',
    { ...valid, usage: { prompt_tokens: '1' } },
  ],
  ['null', null],
  ['an array', [valid]],
];

describe('asEmbeddingResponse', () => {
  it.each(bodies)('agrees with the schema on %s', (_name, body) => {
    const bySchema = getEmbeddingResponseSchema().safeParse(body).success;
    expect(asEmbeddingResponse(body) !== undefined).toBe(bySchema);
  });

  it('accepts some bodies and rejects others (the table covers both)', () => {
    const verdicts = bodies.map(
      ([, body]) => asEmbeddingResponse(body) !== undefined,
    );
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });
});
