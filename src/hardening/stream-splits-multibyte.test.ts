import { jsonSchema, streamText, tool } from 'ai';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { sseSplitAt, useTestServer } from '../test/msw-server';
import reasoningToolCall from './__fixtures__/reasoning-tool-call-trtllm-multibyte.chunks.txt?raw';

// Completes src/chat/baseten-chat-stream-splits.test.ts: multi-byte characters
// in reasoning and in TensorRT-LLM tool-call arguments, with cuts chosen
// inside those characters as well as anywhere else.
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

async function observe(cuts: readonly number[]) {
  server.onPost(`${URL}/chat/completions`, () =>
    sseSplitAt(reasoningToolCall, cuts),
  );
  const result = streamText({ model, prompt: 'go', tools, onError: () => {} });
  const errors: unknown[] = [];
  for await (const part of result.fullStream)
    if (part.type === 'error') errors.push(part.error);
  return {
    reasoning: await result.reasoningText,
    toolCalls: (await result.toolCalls).map(call => [
      call.toolName,
      call.input,
    ]),
    usage: await result.usage,
    finishReason: await result.finishReason,
    errors,
  };
}

const bytes = new TextEncoder().encode(reasoningToolCall);
// Offsets that fall inside a multi-byte character (before a continuation byte).
const insideCharacters = Array.from(bytes.keys()).filter(
  at => at > 0 && (bytes[at] & 0xc0) === 0x80,
);

it('reasoning and a TensorRT-LLM tool call with multi-byte characters survive any split', async () => {
  const expected = {
    reasoning: "L'utilisateur veut «café» — je lis 文件 📂 d'abord.",
    toolCalls: [['read_file', { path: 'docs/naïve-🧪-日本.md' }]],
    finishReason: 'tool-calls',
    errors: [],
  };
  const whole = await observe([]);
  expect(whole).toMatchObject(expected);
  expect(insideCharacters.length).toBeGreaterThanOrEqual(20);

  await fc.assert(
    fc.asyncProperty(
      fc.subarray(insideCharacters),
      fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), {
        maxLength: 20,
      }),
      async (inside, anywhere) => {
        expect(await observe([...inside, ...anywhere])).toEqual(whole);
      },
    ),
    { numRuns: 60 },
  );
  // every character cut in two at once
  expect(await observe(insideCharacters)).toEqual(whole);
});
