import { APICallError } from '@ai-sdk/provider';
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createBaseten } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// The provider, driven by ai@7, against the emulator's live-shaped answers:
// the endings, ids and errors users meet on Baseten's real Model APIs.
let emulator: BasetenEmulator;
let baseten: ReturnType<typeof createBaseten>;
beforeAll(async () => {
  emulator = await startBasetenEmulator();
  baseten = createBaseten({
    apiKey: 'emulator-key',
    baseURL: emulator.baseURL,
  });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const canada = 'Talk about Canada. Start with: Canada is';
const canadaText =
  'Hello from the Baseten emulator ✨ You said: Talk about Canada. Start with: Canada ';

describe('stream endings through streamText', () => {
  it('a stop-sequence stream without [DONE] is complete: text before the stop string, stop, usage', async () => {
    const result = streamText({
      model: baseten('moonshotai/Kimi-K2-Instruct-0905'),
      prompt: canada,
      stopSequences: ['is'],
    });
    expect(await result.text).toBe(canadaText);
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({
      inputTokens: 12,
      outputTokens: 17,
      totalTokens: 29,
    });
    expect(emulator.requests[0].body).toMatchObject({ stop: ['is'] });
  });

  it('GLM 5.1: no usage-only chunk after the stop, the usage comes from the finish chunk', async () => {
    const result = streamText({
      model: baseten('zai-org/GLM-5.1'),
      prompt: canada,
      stopSequences: ['is'],
    });
    expect(await result.text).toBe(canadaText);
    expect(await result.finishReason).toBe('stop');
    const usage = await result.usage;
    expect(usage).toMatchObject({
      inputTokens: 12,
      outputTokens: 32,
      totalTokens: 44,
    });
    expect(usage.outputTokenDetails.reasoningTokens).toBe(15);
    expect(await result.reasoningText).toMatch(/echoing them back/);
  });

  it('GLM 5 in JSON mode: no finish reason anywhere, the output still parses; finish reason other', async () => {
    const schema = z.object({ city: z.string(), population: z.number() });
    const streamed = streamText({
      model: baseten('zai-org/GLM-5'),
      prompt: 'A city',
      output: Output.object({ schema }),
    });
    expect(await streamed.output).toEqual({
      city: 'sample city',
      population: 4.2,
    });
    expect(await streamed.finishReason).toBe('other');
    const generated = await generateText({
      model: baseten('zai-org/GLM-5'),
      prompt: 'A city',
      output: Output.object({ schema }),
    });
    expect(generated.output).toEqual({ city: 'sample city', population: 4.2 });
    expect(generated.finishReason).toBe('other');
  });

  it('DeepSeek V4 Pro: the empty chunk with usage: null after the finish changes neither text nor usage', async () => {
    const result = streamText({
      model: baseten('deepseek-ai/DeepSeek-V4-Pro'),
      prompt: 'Hi',
    });
    expect(await result.text).toBe(
      'Hello from the Baseten emulator ✨ You said: Hi',
    );
    expect(await result.finishReason).toBe('stop');
    expect(await result.usage).toMatchObject({
      inputTokens: 4,
      outputTokens: 25,
      totalTokens: 29,
    });
  });

  it('a reasoning model cut by maxOutputTokens while reasoning: reasoning only, no text, finish length', async () => {
    const result = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Why?',
      maxOutputTokens: 4,
    });
    expect(result.reasoningText).toBe('The user wrote 2 ');
    expect(result.text).toBe('');
    expect(result.finishReason).toBe('length');
  });
});

describe('tool calls as the live models send them', () => {
  const getWeather = tool({
    inputSchema: z.object({ city: z.string() }),
    execute: ({ city }) => ({ city, celsius: city.length }),
  });

  it('Kimi K2 Thinking repeats one id for two parallel calls: both calls keep their own input and result', async () => {
    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2-Thinking'),
      prompt: 'Two cities',
      tools: { get_weather: getWeather },
      providerOptions: { baseten: { parallel_tool_calls: true } },
      stopWhen: stepCountIs(2),
    });
    const [first] = result.steps;
    expect(first.toolCalls.map(call => call.input)).toEqual([
      { city: 'sample city' },
      { city: 'sample city 2' },
    ]);
    expect(new Set(first.toolCalls.map(call => call.toolCallId)).size).toBe(2);
    expect(first.toolResults.map(tr => tr.output)).toEqual([
      { city: 'sample city', celsius: 11 },
      { city: 'sample city 2', celsius: 13 },
    ]);
    // The next request sends each result back under the id of its own call.
    const second = emulator.requests[1].body as {
      messages: {
        role: string;
        tool_call_id?: string;
        tool_calls?: { id: string }[];
      }[];
    };
    const sentCalls = second.messages
      .find(message => message.role === 'assistant')!
      .tool_calls!.map(call => call.id);
    const sentResults = second.messages
      .filter(message => message.role === 'tool')
      .map(message => message.tool_call_id);
    expect(sentResults).toEqual(sentCalls);
    expect(new Set(sentCalls).size).toBe(2);
  });

  it.each([
    'zai-org/GLM-5',
    'MiniMaxAI/MiniMax-M2.5',
    'deepseek-ai/DeepSeek-V3.1',
    'moonshotai/Kimi-K2-Thinking',
  ])(
    '%s streamed tool calls (fresh ids per delta, whole calls, repeated ids) come out as whole calls',
    async model => {
      const result = streamText({
        model: baseten(model),
        prompt: 'Weather?',
        tools: {
          get_weather: tool({ inputSchema: z.object({ city: z.string() }) }),
        },
      });
      const calls = await result.toolCalls;
      expect(calls.map(call => [call.toolName, call.input])).toEqual([
        ['get_weather', { city: 'sample city' }],
      ]);
      expect(await result.finishReason).toBe('tool-calls');
    },
  );
});

describe('live errors through the provider', () => {
  const isCallError = (status: number, message: RegExp) => (error: unknown) =>
    APICallError.isInstance(error) &&
    error.statusCode === status &&
    message.test(error.message);

  it('an image part to a text-only slug: a 400, not retried, naming the problem', async () => {
    const call = generateText({
      model: baseten('zai-org/GLM-4.7'),
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              data: new Uint8Array([137, 80, 78, 71]),
              mediaType: 'image/png',
            },
          ],
        },
      ],
    });
    await expect(call).rejects.toSatisfy(
      isCallError(400, /image_url is not supported/),
    );
    expect(emulator.requests).toHaveLength(1);
  });

  it('an image part to a slug whose input_modalities include image is answered', async () => {
    const { text } = await generateText({
      model: baseten('moonshotai/Kimi-K2.6'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            {
              type: 'file',
              data: new Uint8Array([137, 80, 78, 71]),
              mediaType: 'image/png',
            },
          ],
        },
      ],
    });
    expect(text).toBe(
      'Hello from the Baseten emulator ✨ You said: What is this?',
    );
  });

  it('a bare 500 reads "Internal Server Error" and is retried', async () => {
    emulator.faults.enqueue({ status: 500, retryAfterMs: 10 });
    const { text } = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
    });
    expect(text).toMatch(/You said: Hi$/);
    expect(emulator.requests.map(request => request.fault?.status)).toEqual([
      500,
      undefined,
    ]);
    emulator.faults.enqueue({ status: 500 });
    await expect(
      generateText({
        model: baseten('zai-org/GLM-4.7'),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    ).rejects.toSatisfy(isCallError(500, /^Internal Server Error/));
  });

  it('the request id of each answer reaches providerMetadata.baseten', async () => {
    // gpt-oss-120b's answers carry the request and model ids (GLM 4.7's do not).
    const generated = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
    });
    const streamed = streamText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
    });
    const ids = [
      generated.providerMetadata?.baseten?.requestId,
      (await streamed.providerMetadata)?.baseten?.requestId,
    ];
    expect(ids).toEqual([
      expect.stringMatching(/^[0-9a-f]{32}$/),
      expect.stringMatching(/^[0-9a-f]{32}$/),
    ]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(generated.providerMetadata?.baseten?.modelId).toMatch(
      /^[0-9a-z]{8}$/,
    );
    const lean = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
    });
    expect(lean.providerMetadata?.baseten?.requestId).toBeUndefined();
  });
});
