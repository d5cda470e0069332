import { jsonSchema, streamText, tool } from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { sseSplitAt, useTestServer } from '../test/msw-server';
import reasoningStream from './__fixtures__/reasoning-gpt-oss.chunks.txt?raw';
import textMultibyte from './__fixtures__/text-multibyte.chunks.txt?raw';
import toolCallTrtllmParallel from './__fixtures__/tool-call-trtllm-parallel.chunks.txt?raw';
import toolCallTrtllm from './__fixtures__/tool-call-trtllm.chunks.txt?raw';

const URL = 'https://model-abcd1234.api.baseten.co/development/sync/v1';
const server = useTestServer();
const model = createBaseten({ apiKey: 'split-key', modelURL: URL })();
const tools = {
  read_file: tool({
    inputSchema: jsonSchema<{ path: string }>({
      type: 'object',
      properties: { path: { type: 'string' } },
    }),
  }),
};

/** Everything a user observes from one stream, in a comparable form. */
async function observe(body: string, cuts: readonly number[]) {
  server.onPost(`${URL}/chat/completions`, () => sseSplitAt(body, cuts));
  const result = streamText({ model, prompt: 'go', tools, onError: () => {} });
  const errors: unknown[] = [];
  for await (const part of result.fullStream) {
    if (part.type === 'error') errors.push(part.error);
  }
  return {
    text: await result.text,
    reasoning: await result.reasoningText,
    toolCalls: (await result.toolCalls).map(call => [
      call.toolCallId,
      call.toolName,
      call.input,
    ]),
    usage: await result.usage,
    finishReason: await result.finishReason,
    errors,
  };
}

describe.each([
  ['text with 2-, 3- and 4-byte characters', textMultibyte],
  ['reasoning', reasoningStream],
  ['a TensorRT-LLM tool call', toolCallTrtllm],
  ['parallel TensorRT-LLM tool calls', toolCallTrtllmParallel],
])('a stream of %s', (_, body) => {
  const length = new TextEncoder().encode(body).length;

  it('gives identical results however its bytes are split', async () => {
    const whole = await observe(body, []);
    expect(whole.errors).toEqual([]);
    expect(whole.finishReason).not.toBe('error');

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: length - 1 }), { maxLength: 40 }),
        async cuts => {
          expect(await observe(body, cuts)).toEqual(whole);
        },
      ),
      { numRuns: 40 },
    );
    // Every single byte in its own piece, the worst case for multi-byte text.
    expect(
      await observe(
        body,
        Array.from({ length: length - 1 }, (_, i) => i + 1),
      ),
    ).toEqual(whole);
  });
});
