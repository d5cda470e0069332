import { APICallError } from '@ai-sdk/provider';
import { generateText, Output, stepCountIs, streamText, tool } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { createBaseten } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// The provider, driven by ai@7, against the emulator over real sockets.
let emulator: BasetenEmulator;
let baseten: ReturnType<typeof createBaseten>;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    deploymentEngines: { '/deployment/trtllm01': 'trtllm' },
  });
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

type Part = { type: string; [key: string]: unknown };
async function parts(result: {
  fullStream: AsyncIterable<unknown>;
}): Promise<Part[]> {
  const collected: Part[] = [];
  for await (const part of result.fullStream) collected.push(part as Part);
  return collected;
}

const weather = {
  getWeather: tool({
    description: 'Weather by city',
    inputSchema: z.object({ city: z.string() }),
    execute: ({ city }) => ({ city, celsius: 21 }),
  }),
};

describe('chat through the provider against the emulator', () => {
  it('generateText on Model APIs: text, usage and the request it sent', async () => {
    const result = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Say hello',
    });
    expect(result.text).toBe(
      'Hello from the Baseten emulator ✨ You said: Say hello',
    );
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toMatchObject({
      inputTokens: 5,
      outputTokens: 11,
      totalTokens: 16,
    });

    const [request] = emulator.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer emulator-key');
    expect(request.headers['user-agent']).toMatch(/ai-sdk-provider-baseten\//);
    expect(request.body).toMatchObject({
      model: 'zai-org/GLM-4.7',
      messages: [{ role: 'user', content: 'Say hello' }],
    });
  });

  it('streamText: streamed text, and the final cumulative usage (not a sum of chunks)', async () => {
    const result = streamText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Count to three',
    });
    const deltas = (await parts(result)).filter(
      part => part.type === 'text-delta',
    );
    expect(deltas.length).toBeGreaterThan(5);
    expect(await result.text).toBe(
      'Hello from the Baseten emulator ✨ You said: Count to three',
    );
    expect(await result.usage).toMatchObject({
      inputTokens: 6,
      outputTokens: 12,
      totalTokens: 18,
    });
    expect(emulator.requests[0].body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('reasoning models stream their reasoning_content as reasoning', async () => {
    const result = streamText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Why?',
    });
    expect(await result.reasoningText).toBe(
      'The user wrote 2 tokens, so I will answer by echoing them back.',
    );
    expect(await result.text).toBe(
      'Hello from the Baseten emulator ✨ You said: Why?',
    );
    const generated = await generateText({
      model: baseten('moonshotai/Kimi-K2.5'),
      prompt: 'Why?',
      providerOptions: {
        baseten: { chatTemplateArgs: { enable_thinking: true } },
      },
    });
    expect(generated.reasoningText).toMatch(/echoing/);
  });

  it('structured output: Output.object gets an object that satisfies the schema', async () => {
    const schema = z.object({
      name: z.string(),
      email: z.email(),
      age: z.number().int().min(18),
      tags: z.array(z.enum(['a', 'b'])).min(1),
    });
    const { output } = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Invent a contact',
      output: Output.object({ schema }),
    });
    expect(schema.parse(output)).toEqual({
      name: 'sample name',
      email: 'ada@example.com',
      age: 42,
      tags: ['a', 'a'],
    });
    expect(emulator.requests[0].body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { strict: true } },
    });
  });

  it('structured output streamed', async () => {
    const result = streamText({
      model: baseten('deepseek-ai/DeepSeek-V3-0324'),
      prompt: 'A city',
      output: Output.object({
        schema: z.object({ city: z.string(), population: z.number() }),
      }),
    });
    expect(await result.output).toEqual({
      city: 'sample city',
      population: 4.2,
    });
  });

  it('tools on Model APIs: a call with schema-valid input, then an answer quoting the result', async () => {
    const result = await generateText({
      model: baseten('deepseek-ai/DeepSeek-V3.1'),
      prompt: 'Weather in Paris?',
      tools: weather,
      stopWhen: stepCountIs(3),
    });
    expect(result.steps).toHaveLength(2);
    expect(
      result.steps[0].toolCalls.map(call => [call.toolName, call.input]),
    ).toEqual([['getWeather', { city: 'sample city' }]]);
    expect(result.text).toBe(
      'The getWeather tool returned {"city":"sample city","celsius":21} — that is the answer ✨',
    );
    const second = emulator.requests[1].body as {
      messages: { role: string }[];
    };
    expect(second.messages.map(message => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
    ]);
  });

  it.each([
    ['vLLM', '/environments/production'],
    ['TensorRT-LLM', '/deployment/trtllm01'],
  ])(
    'tools streamed from a %s deployment: one call per index, complete arguments',
    async (_, target) => {
      const result = streamText({
        model: createBaseten({
          apiKey: 'emulator-key',
          modelURL: `${emulator.origin}${target}/sync/v1`,
        })(),
        prompt: 'Check two things',
        tools: {
          ...weather,
          readFile: tool({
            inputSchema: z.object({
              path: z.string(),
              lines: z.number().int().max(10),
            }),
          }),
        },
        providerOptions: { baseten: { parallel_tool_calls: true } },
      });
      const calls = (await parts(result)).filter(
        part => part.type === 'tool-call',
      );
      expect(calls.map(call => [call.toolName, call.input])).toEqual([
        ['getWeather', { city: 'sample city' }],
        ['readFile', { path: 'sample path', lines: 10 }],
      ]);
      expect(new Set(calls.map(call => call.toolCallId)).size).toBe(2);
      expect(emulator.requests[0].path).toBe(
        `${target}/sync/v1/chat/completions`,
      );
    },
  );

  it('a deployment reached through its /sync form, with usage on the stream', async () => {
    const viaSync = createBaseten({
      apiKey: 'k',
      modelURL: `${emulator.origin}/development/sync`,
    });
    const result = streamText({ model: viaSync('my-model'), prompt: 'Hi' });
    expect(await result.text).toBe(
      'Hello from the Baseten emulator ✨ You said: Hi',
    );
    expect((await result.usage).outputTokens).toBe(10);
    expect(emulator.requests[0].path).toBe(
      '/development/sync/v1/chat/completions',
    );
  });

  it('error envelopes become APICallError with the server message', async () => {
    const unknown = generateText({
      model: baseten('acme/unknown'),
      prompt: 'x',
    });
    await expect(unknown).rejects.toSatisfy(
      error =>
        APICallError.isInstance(error) &&
        error.statusCode === 404 &&
        /^please check the model you provided/.test(error.message),
    );

    const vllm = await startBasetenEmulator({ servedModelName: 'served' });
    try {
      const wrongModel = generateText({
        model: createBaseten({ apiKey: 'k', modelURL: vllm.modelURL })('other'),
        prompt: 'x',
      });
      await expect(wrongModel).rejects.toSatisfy(
        error =>
          APICallError.isInstance(error) &&
          error.statusCode === 404 &&
          /^The model `other` does not exist\./.test(error.message),
      );
    } finally {
      await vllm.close();
    }

    const strict = await startBasetenEmulator({ apiKey: 'right' });
    try {
      const wrongKey = generateText({
        model: createBaseten({ apiKey: 'wrong', baseURL: strict.baseURL })(
          'zai-org/GLM-4.7',
        ),
        prompt: 'x',
      });
      await expect(wrongKey).rejects.toSatisfy(
        error =>
          APICallError.isInstance(error) &&
          error.statusCode === 403 &&
          /^please check the api-key you provided/.test(error.message),
      );
    } finally {
      await strict.close();
    }
  });
});
