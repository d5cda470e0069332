import { APICallError } from '@ai-sdk/provider';
import { streamText } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { sse, useTestServer } from '../test/msw-server';

// How a chat stream ends when the server does not finish it properly: never a
// short result that looks complete. (Runs in Node and the edge runtime.)
const URL = 'https://model-abcd1234.api.baseten.co/development/sync/v1';
const KEY = 'stream-endings-key-0123456789';
const server = useTestServer();
const model = () => createBaseten({ apiKey: KEY, modelURL: URL })();

const event = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  event({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'placeholder',
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

async function run(body: string) {
  server.onPost(`${URL}/chat/completions`, () => sse(body, 7));
  const onError: unknown[] = [];
  const result = streamText({
    model: model(),
    prompt: 'Hi',
    onError: ({ error }) => onError.push(error),
  });
  const parts: Array<{ type: string; [key: string]: unknown }> = [];
  const failure = await (async () => {
    for await (const part of result.fullStream) parts.push(part);
  })().then(
    () => undefined,
    (error: unknown) => error,
  );
  const text = parts
    .flatMap(part => (part.type === 'text-delta' ? [part.text as string] : []))
    .join('');
  return { result, parts, failure, text, onError };
}

describe('a chat stream that ends early', () => {
  it('cut cleanly at an event boundary, without a finish reason or [DONE]: the text so far, then a rejection', async () => {
    const { result, failure, text } = await run(
      chunk({ role: 'assistant', content: '' }) +
        chunk({ content: 'Grüße ' }) +
        chunk({ content: 'aus 🌍' }),
    );
    expect(text).toBe('Grüße aus 🌍');
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).message).toBe(
      'The Baseten stream ended before it finished (the body ended without data: [DONE] after 12 characters of text)',
    );
    expect((failure as APICallError).isRetryable).toBe(true);
    await expect(result.text).rejects.toBe(failure);
  });

  it('[DONE] without any finish reason: finishes as "other", text and usage intact', async () => {
    const usage = { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 };
    const { failure, text, result, parts } = await run(
      event({
        ...JSON.parse(chunk({ role: 'assistant', content: 'half' }).slice(6)),
        usage,
      }) + 'data: [DONE]\n\n',
    );
    expect(failure).toBeUndefined();
    expect(text).toBe('half');
    expect(parts.some(part => part.type === 'error')).toBe(false);
    expect(await result.finishReason).toBe('other');
    expect(await result.usage).toMatchObject({
      inputTokens: 3,
      outputTokens: 1,
      totalTokens: 4,
    });
  });

  it('counts reasoning received before the cut too', async () => {
    const { failure } = await run(
      chunk({ role: 'assistant', reasoning_content: 'thinking' }) +
        chunk({ content: 'Hi' }),
    );
    expect((failure as Error).message).toMatch(
      /after 2 characters of text and 8 of reasoning\)$/,
    );
  });

  it('a finish reason and usage, then a clean end without [DONE]: complete (stop sequences end so)', async () => {
    const usage = event({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'placeholder',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    const { failure, text, result } = await run(
      chunk({ role: 'assistant', content: 'Done.' }, 'stop') + usage,
    );
    expect(failure).toBeUndefined();
    expect(text).toBe('Done.');
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({
      inputTokens: 3,
      outputTokens: 2,
      totalTokens: 5,
    });
  });

  it('a finish reason, then a body cut inside the usage chunk: a cut', async () => {
    const usage = event({
      id: 'chatcmpl-1',
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    const { failure, text } = await run(
      chunk({ role: 'assistant', content: 'Done.' }, 'stop') +
        usage.slice(0, usage.length - 12),
    );
    expect(text).toBe('Done.');
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).isRetryable).toBe(true);
    expect((failure as Error).message).toMatch(
      /^The Baseten stream ended before it finished \(the body ended without data: \[DONE\] after 5 characters of text\)/,
    );
  });

  it('a body cut inside an event rejects as a cut, not as a parse error part', async () => {
    const whole = chunk({ content: 'lost' });
    const { failure, text, parts } = await run(
      chunk({ role: 'assistant', content: 'kept' }) +
        whole.slice(0, whole.length / 2),
    );
    expect(text).toBe('kept');
    expect((failure as Error).message).toMatch(
      /^The Baseten stream ended before it finished \(the body ended without data: \[DONE\] after 4 characters/,
    );
    expect(parts.some(part => part.type === 'finish')).toBe(false);
  });

  it.each([
    ['data: [DONE]\n\n'],
    ['data: [DONE]'],
    ['data:[DONE]\r\n\r\n'],
    ['data: [DONE]\n\n\n  \n'],
  ])('ends cleanly with %j (split into 7-byte pieces)', async done => {
    const { failure, text, result } = await run(
      chunk({ role: 'assistant', content: 'Done.' }, 'stop') + done,
    );
    expect(failure).toBeUndefined();
    expect(text).toBe('Done.');
    expect(await result.finishReason).toBe('stop');
  });

  it('a [DONE] that is not the last event: complete once a finish reason arrives and the body ends', async () => {
    const { failure, text, result } = await run(
      chunk({ role: 'assistant', content: 'a' }) +
        'data: [DONE]\n\n' +
        chunk({ content: 'b' }, 'stop'),
    );
    expect(failure).toBeUndefined();
    expect(text).toBe('ab');
    expect(await result.finishReason).toBe('stop');
  });

  it('a [DONE] that is not the last event, and no finish reason: a cut', async () => {
    const { failure } = await run(
      chunk({ role: 'assistant', content: 'a' }) +
        'data: [DONE]\n\n' +
        chunk({ content: 'b' }),
    );
    expect((failure as Error).message).toMatch(
      /without data: \[DONE\] after 2 characters/,
    );
  });
});

describe('an error event inside a stream', () => {
  const errorEvent = (message: string) =>
    event({
      error: { message, type: 'InternalServerError', param: null, code: 500 },
    });

  it('is an error part, and the step finishes with "error" even if a later chunk says "stop"', async () => {
    const { parts, failure, result, onError } = await run(
      chunk({ role: 'assistant', content: 'Partial' }) +
        errorEvent('decoder restarted') +
        chunk({ content: ' rest' }, 'stop') +
        'data: [DONE]\n\n',
    );
    expect(failure).toBeUndefined();
    expect(parts.filter(part => part.type === 'error')).toHaveLength(1);
    expect(onError).toHaveLength(1);
    expect(await result.finishReason).toBe('error');
  });

  it('has the API key redacted should the server echo it', async () => {
    const { parts } = await run(
      chunk({ role: 'assistant', content: 'x' }) +
        errorEvent(`bad key Bearer ${KEY}`) +
        chunk({}, 'stop'),
    );
    const error = parts.find(part => part.type === 'error')?.error;
    expect(JSON.stringify(error)).toContain('bad key Bearer [redacted]');
    expect(JSON.stringify(error)).not.toContain(KEY);
  });
});
