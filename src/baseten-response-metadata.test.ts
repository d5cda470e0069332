import { describe, expect, it } from 'vitest';
import liveHeaders from './deployment/__fixtures__/deployment-response-headers.json';
import { basetenResponseMetadata } from './baseten-response-metadata';

describe('basetenResponseMetadata', () => {
  it('reads the request id and model ids, in any header case', () => {
    expect(basetenResponseMetadata(liveHeaders)).toEqual({
      requestId: liveHeaders['X-Baseten-Request-Id'],
      modelId: 'q8w2k5zd',
      modelVersionId: '31p7x9m',
    });
    expect(basetenResponseMetadata(new Headers(liveHeaders))?.requestId).toBe(
      liveHeaders['X-Baseten-Request-Id'],
    );
  });

  it('gives only the ids that were sent, and nothing without a request id', () => {
    expect(basetenResponseMetadata({ 'x-baseten-request-id': 'r-1' })).toEqual({
      requestId: 'r-1',
    });
    expect(
      basetenResponseMetadata({ 'x-baseten-model-id': 'q8w2k5zd' }),
    ).toBeUndefined();
    expect(
      basetenResponseMetadata({ 'x-baseten-request-id': '' }),
    ).toBeUndefined();
    expect(basetenResponseMetadata(undefined)).toBeUndefined();
  });
});
