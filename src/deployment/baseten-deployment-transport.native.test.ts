import { PerformanceClient } from '@basetenlabs/performance-client';
import { APICallError, InvalidResponseDataError } from '@ai-sdk/provider';
import { embedMany, rerank } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import {
  useH2cServer,
  type H2cRequest,
  type H2cReply,
} from '../test/h2c-server';
import embeddingsTooLarge from '../embedding/__fixtures__/bei-batch-too-large.json';

// What every deployment model does the same way through the native performance client
// (a real h2c socket: node project only).

const KEY = 'native-key.0123456789';
const server = useH2cServer();

interface CallOptions {
  readonly count?: number;
  readonly abortSignal?: AbortSignal;
  readonly providerOptions?: Record<string, unknown>;
  /** Pass the `PerformanceClient` class and a `/sync/v1` URL instead of `true` and `/sync`. */
  readonly withClass?: boolean;
}

const provider = ({ withClass = false }: CallOptions) =>
  createBaseten({
    apiKey: KEY,
    modelURL: `${server.origin}/environments/production${withClass ? '/sync/v1' : '/sync'}`,
    performanceClient: withClass ? PerformanceClient : true,
  });

interface NativeModelCase {
  readonly name: string;
  /** A well-formed answer: input `item-N` carries the number N. */
  readonly reply: (request: H2cRequest) => H2cReply;
  /** Options of this model and the body they make for three inputs. */
  readonly options: Record<string, unknown>;
  readonly body: unknown;
  /** The numbers a well-formed answer to three inputs comes back as. */
  readonly expected: number[];
  /** A well-formed answer with its first entry left out. */
  readonly shortReply: (request: H2cRequest) => H2cReply;
  /** What the error says about 2 answers to 3 inputs. */
  readonly shortMessage: RegExp;
  /** Calls the model with `count` inputs `item-0…`: each answer's number in result order. */
  readonly call: (
    options: CallOptions,
  ) => Promise<{ numbers: number[]; transport: unknown }>;
}

const items = (count: number) =>
  Array.from({ length: count }, (_, i) => `item-${i}`);
const numberOf = (text: string) => Number(text.split('-')[1]);
const asOptions = (options: Record<string, unknown> | undefined) =>
  options && { baseten: options as never };

const embeddings: NativeModelCase = {
  name: 'embeddings',
  reply: request => {
    const { input, dimensions = 2 } = request.body as {
      input: string[];
      dimensions?: number;
    };
    const rest = new Array<number>(dimensions - 1).fill(0.25);
    const vector = (text: string) => [numberOf(text), ...rest];
    return {
      body: {
        object: 'list',
        data: input.map((text, index) => ({
          object: 'embedding',
          index,
          embedding: vector(text),
        })),
      },
    };
  },
  options: { encodingFormat: 'float', dimensions: 16, user: 'u' },
  body: {
    model: 'embeddings',
    input: items(3),
    encoding_format: 'float',
    dimensions: 16,
    user: 'u',
  },
  expected: [0, 1, 2],
  shortReply: request => ({
    body: {
      object: 'list',
      data: (request.body as { input: string[] }).input
        .map((_, index) => ({
          object: 'embedding',
          index,
          embedding: [0.25, 0.5],
        }))
        .slice(1),
    },
  }),
  shortMessage: /returned 2 embeddings for the 3 inputs/,
  call: async ({ count = 1, providerOptions, withClass, ...options }) => {
    const result = await embedMany({
      model: provider({ withClass }).embeddingModel(),
      values: items(count),
      providerOptions: asOptions(providerOptions),
      ...options,
    });
    const numbers = result.embeddings.map(vector => vector[0]);
    return { numbers, transport: result.providerMetadata?.baseten?.transport };
  },
};

const reranking: NativeModelCase = {
  name: 'reranking',
  reply: request => ({
    body: (request.body as { texts: string[] }).texts
      .map((text, index) => ({ index, score: numberOf(text), text: null }))
      .reverse(),
  }),
  options: { rawScores: true, truncationDirection: 'Left' },
  body: {
    query: 'q',
    texts: items(3),
    raw_scores: true,
    return_text: false,
    truncation_direction: 'Left',
  },
  expected: [2, 1, 0],
  shortReply: request => ({
    body: (request.body as { texts: string[] }).texts
      .map((_, index) => ({ index, score: index, text: null }))
      .slice(1),
  }),
  shortMessage: /returned 2 scores for the 3 texts/,
  call: async ({ count = 1, providerOptions, withClass, ...options }) => {
    const result = await rerank({
      model: provider({ withClass }).rerankingModel(),
      query: 'q',
      documents: items(count),
      providerOptions: asOptions(providerOptions),
      ...options,
    });
    const numbers = result.ranking.map(entry => entry.originalIndex);
    return { numbers, transport: result.providerMetadata?.baseten?.transport };
  },
};

describe.each([embeddings, reranking])(
  '$name through the native client',
  model => {
    const failure = (options: CallOptions = {}) =>
      model.call(options).then(
        () => expect.unreachable('the call should fail'),
        (e: unknown) => e,
      );

    it('accepts the PerformanceClient class, as @ai-sdk/baseten does', async () => {
      server.handle(request => model.reply(request));
      const { numbers, transport } = await model.call({
        count: 3,
        withClass: true,
        providerOptions: model.options,
      });
      expect(numbers).toEqual(model.expected);
      expect(transport).toBe('native');
      expect(server.requests[0].body).toEqual(model.body);
    });

    it('an error status becomes an APICallError with the server message and status', async () => {
      server.handle(() => ({ status: 413, body: embeddingsTooLarge }));
      const error = (await failure()) as APICallError;
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        'batch size 129 > maximum allowed batch size 128',
      );
      expect(error.statusCode).toBe(413);
      expect(error.isRetryable).toBe(false);
      expect(server.requests).toHaveLength(1);
    });

    it('a short response is an error, never a short result', async () => {
      server.handle(request => model.shortReply(request));
      const error = await failure({ count: 3 });
      expect(InvalidResponseDataError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(model.shortMessage);
    });

    it('abort rejects promptly while the server hangs', async () => {
      server.handle(() => 'hang');
      const controller = new AbortController();
      const pending = failure({
        abortSignal: controller.signal,
        providerOptions: { timeoutMs: 2000 },
      });
      while (server.requests.length === 0)
        await new Promise(resolve => setImmediate(resolve));
      const abortedAt = performance.now();
      controller.abort();
      const error = await pending;
      expect(performance.now() - abortedAt).toBeLessThan(100);
      expect((error as Error).name).toBe('AbortError');
    });
  },
);
