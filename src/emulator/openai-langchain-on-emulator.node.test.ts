import { ChatOpenAI } from '@langchain/openai';
import type { AIMessageChunk } from '@langchain/core/messages';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// The official openai SDK and LangChain JS, pointed at the emulator as users
// point them at Baseten: tool-call streaming must merge into one valid call on
// the Model APIs path and on a dedicated deployment's `/sync/v1` (each engine).
let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    deploymentEngines: {
      '/environments/sglang': 'sglang',
      '/environments/trtllm': 'trtllm',
    },
  });
});
afterAll(() => emulator.close());

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather by city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { enum: ['celsius', 'fahrenheit'] },
      },
      required: ['city', 'unit'],
    },
  },
};
const expectedArguments = { city: 'sample city', unit: 'celsius' };

/** Where each client is pointed: the Model APIs base, or a deployment's `/sync/v1`. */
const deploymentBase = (target: string) =>
  `${emulator.origin}${target}/sync/v1`;

const paths: readonly { name: string; baseURL: () => string; model: string }[] =
  [
    {
      name: 'Model APIs, GLM 4.7 (same id on every delta)',
      baseURL: () => emulator.baseURL,
      model: 'zai-org/GLM-4.7',
    },
    {
      name: 'Model APIs, GLM 5.2 (lean framing)',
      baseURL: () => emulator.baseURL,
      model: 'zai-org/GLM-5.2',
    },
    {
      name: 'Model APIs, Kimi K2.6 (functions.NAME:INDEX ids)',
      baseURL: () => emulator.baseURL,
      model: 'moonshotai/Kimi-K2.6',
    },
    {
      name: 'deployment on vLLM (the default engine)',
      baseURL: () => deploymentBase('/environments/production'),
      model: 'my-model',
    },
    {
      name: 'deployment on SGLang',
      baseURL: () => deploymentBase('/environments/sglang'),
      model: 'my-model',
    },
  ];

describe('the official openai SDK', () => {
  it.each(paths)(
    '$name: the stream helper merges the tool call into one valid call',
    async ({ baseURL, model }) => {
      const client = new OpenAI({ apiKey: 'k', baseURL: baseURL() });
      const stream = client.chat.completions.stream({
        model,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [weather],
        stream_options: { include_usage: true },
      });
      const final = await stream.finalChatCompletion();
      const calls = final.choices[0].message.tool_calls ?? [];
      expect(calls).toHaveLength(1);
      const [call] = calls;
      expect(call.type).toBe('function');
      if (call.type !== 'function') return;
      expect(call.function.name).toBe('get_weather');
      expect(JSON.parse(call.function.arguments)).toEqual(expectedArguments);
      expect(final.choices[0].finish_reason).toBe('tool_calls');
      expect(final.usage?.total_tokens).toBeGreaterThan(0);
    },
  );

  it('a TensorRT-LLM deployment (a fresh id on every continuation delta) still merges by index into one call', async () => {
    const client = new OpenAI({
      apiKey: 'k',
      baseURL: deploymentBase('/environments/trtllm'),
    });
    const final = await client.chat.completions
      .stream({
        model: 'not-required',
        messages: [{ role: 'user', content: 'Weather?' }],
        tools: [weather],
      })
      .finalChatCompletion();
    const calls = final.choices[0].message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    const [call] = calls;
    if (call.type !== 'function') throw new Error('not a function call');
    expect(JSON.parse(call.function.arguments)).toEqual(expectedArguments);
  });
});

describe('LangChain JS (@langchain/openai)', () => {
  it.each(paths)(
    '$name: streamed chunks concatenate into one valid tool call',
    async ({ baseURL, model }) => {
      const chat = new ChatOpenAI({
        model,
        apiKey: 'k',
        configuration: { baseURL: baseURL() },
      }).bindTools([weather]);
      let merged: AIMessageChunk | undefined;
      for await (const chunk of await chat.stream('Weather in Paris?')) {
        merged = merged === undefined ? chunk : merged.concat(chunk);
      }
      expect(merged?.tool_calls).toEqual([
        {
          id: expect.any(String) as string,
          name: 'get_weather',
          args: expectedArguments,
          type: 'tool_call',
        },
      ]);
      expect(merged?.invalid_tool_calls ?? []).toEqual([]);
    },
  );

  it('LangChain JS reads the text of a deployment answer, streamed and not', async () => {
    const chat = new ChatOpenAI({
      model: 'my-model',
      apiKey: 'k',
      configuration: { baseURL: deploymentBase('/environments/production') },
    });
    const answer = await chat.invoke('Hi');
    expect(answer.content).toBe(
      'Hello from the Baseten emulator ✨ You said: Hi',
    );
    let text = '';
    for await (const chunk of await chat.stream('Hi')) text += chunk.text;
    expect(text).toBe(answer.content);
  });
});
