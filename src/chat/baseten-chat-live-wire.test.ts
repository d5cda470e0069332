import { InvalidResponseDataError } from '@ai-sdk/provider';
import {
  generateText,
  jsonSchema,
  Output,
  stepCountIs,
  streamText,
  tool,
} from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { json, sse, sseSplitAt, useTestServer } from '../test/msw-server';
import duplicateIdsAnswer from './__fixtures__/duplicate-tool-call-ids.json';
import duplicateIdsStream from './__fixtures__/duplicate-tool-call-ids.chunks.txt?raw';
import jsonModeNoFinishReason from './__fixtures__/json-mode-no-finish-reason.chunks.txt?raw';
import stopSequenceGlm52 from './__fixtures__/stop-sequence-glm-5-2.chunks.txt?raw';
import stopSequenceNoDone from './__fixtures__/stop-sequence-no-done.chunks.txt?raw';
import freshIdPerDelta from './__fixtures__/tool-call-fresh-id-per-delta.chunks.txt?raw';

// Shapes recorded from Baseten's live Model APIs (see the fixtures' names):
// what users meet on real traffic, asserted through the AI SDK's functions.
const BASE_URL = 'https://inference.baseten.co/v1';
const server = useTestServer();
const baseten = createBaseten({ apiKey: 'live-wire-key' });

const bestCountry = tool({
  inputSchema: jsonSchema<{ continent: string }>({
    type: 'object',
    properties: { continent: { type: 'string' } },
  }),
});
const getWeather = tool({
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
  }),
});

/** What a user observes from one streamed answer, comparable across splits. */
async function observeStream(
  modelId: string,
  body: string,
  cuts: readonly number[] = [],
) {
  server.onPost(`${BASE_URL}/chat/completions`, () => sseSplitAt(body, cuts));
  const errors: unknown[] = [];
  const result = streamText({
    model: baseten(modelId),
    prompt: 'go',
    tools: { best_country: bestCountry, get_weather: getWeather },
    onError: ({ error }) => errors.push(error),
  });
  return {
    text: await result.text,
    finishReason: await result.finishReason,
    rawFinishReason: await result.rawFinishReason,
    usage: await result.usage,
    toolCalls: (await result.toolCalls).map(call => [
      call.toolCallId,
      call.toolName,
      call.input,
    ]),
    errors,
  };
}

describe('streams as the live API ends them', () => {
  it('a stop sequence: finish reason and usage chunk, no [DONE] (Kimi K2 Instruct 0905)', async () => {
    const observed = await observeStream(
      'moonshotai/Kimi-K2-Instruct-0905',
      stopSequenceNoDone,
    );
    expect(observed).toMatchObject({
      text: 'Canada ',
      finishReason: 'stop',
      errors: [],
      usage: { inputTokens: 38, outputTokens: 2, totalTokens: 40 },
    });
  });

  it('a stop sequence on GLM 5.2: no usage-only chunk, the finish chunk carries the totals', async () => {
    const observed = await observeStream('zai-org/GLM-5.2', stopSequenceGlm52);
    expect(observed).toMatchObject({
      text: 'Red, green',
      finishReason: 'stop',
      errors: [],
      usage: { inputTokens: 21, outputTokens: 4, totalTokens: 25 },
    });
  });

  it('JSON mode on GLM 5: no finish reason anywhere, then [DONE], finishes as "other"', async () => {
    const observed = await observeStream(
      'zai-org/GLM-5',
      jsonModeNoFinishReason,
    );
    expect(observed).toMatchObject({
      text: '{"capital": "Ottawa", "population_millions": 41.5}',
      finishReason: 'other',
      rawFinishReason: undefined,
      errors: [],
      usage: { inputTokens: 64, outputTokens: 15, totalTokens: 79 },
    });
  });

  it('JSON mode on GLM 5 through structured output: the parsed object', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, () =>
      sse(jsonModeNoFinishReason, 11),
    );
    const result = streamText({
      model: baseten('zai-org/GLM-5'),
      prompt: 'Canada?',
      output: Output.object({
        schema: jsonSchema<{ capital: string; population_millions: number }>({
          type: 'object',
          properties: {
            capital: { type: 'string' },
            population_millions: { type: 'number' },
          },
          required: ['capital', 'population_millions'],
        }),
      }),
    });
    expect(await result.output).toEqual({
      capital: 'Ottawa',
      population_millions: 41.5,
    });
    expect(await result.finishReason).toBe('other');
  });

  it('parallel calls sharing one id (Kimi K2 Thinking) come back as two calls with their own inputs', async () => {
    const observed = await observeStream(
      'moonshotai/Kimi-K2-Thinking',
      duplicateIdsStream,
    );
    expect(observed.errors).toEqual([]);
    expect(observed.finishReason).toBe('tool-calls');
    expect(observed.toolCalls.map(([, name, input]) => [name, input])).toEqual([
      ['best_country', { continent: 'Europe' }],
      ['best_country', { continent: 'Asia' }],
    ]);
    expect(observed.toolCalls[0]?.[0]).toBe('functions.best_country:0');
    expect(new Set(observed.toolCalls.map(([id]) => id)).size).toBe(2);
  });

  it('a tool call whose every delta has a fresh id and later deltas name "" (GLM 5) is one call', async () => {
    const observed = await observeStream('zai-org/GLM-5', freshIdPerDelta);
    expect(observed.errors).toEqual([]);
    expect(observed.toolCalls).toEqual([
      [
        `chatcmpl-tool-${'1f'.padStart(32, 'a')}`,
        'get_weather',
        { city: 'Toronto' },
      ],
    ]);
  });

  describe.each([
    [
      'stop-sequence-no-done',
      'moonshotai/Kimi-K2-Instruct-0905',
      stopSequenceNoDone,
    ],
    ['stop-sequence-glm-5-2', 'zai-org/GLM-5.2', stopSequenceGlm52],
    ['json-mode-no-finish-reason', 'zai-org/GLM-5', jsonModeNoFinishReason],
    ['tool-call-fresh-id-per-delta', 'zai-org/GLM-5', freshIdPerDelta],
  ])('%s', (_, modelId, body) => {
    it('gives the same result however its bytes are split', async () => {
      const whole = await observeStream(modelId, body);
      const length = new TextEncoder().encode(body).length;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 1, max: length - 1 }), { maxLength: 30 }),
          async cuts => {
            expect(await observeStream(modelId, body, cuts)).toEqual(whole);
          },
        ),
        { numRuns: 25 },
      );
    });
  });
});

describe('answers with repeated tool-call ids (Kimi K2 Thinking, not streamed)', () => {
  it('gives each call its own deterministic id and its own input', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, () =>
      json(duplicateIdsAnswer),
    );
    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2-Thinking'),
      prompt: 'Best country in Europe and in Asia?',
      tools: { best_country: bestCountry },
    });
    expect(result.toolCalls.map(call => [call.toolCallId, call.input])).toEqual(
      [
        ['functions.best_country:0', { continent: 'Europe' }],
        ['functions.best_country:0-1', { continent: 'Asia' }],
      ],
    );
    expect(result.reasoningText).toBe('Rank Europe and Asia separately.');
  });

  it('routes each tool result back to its own call in the next step', async () => {
    let call = 0;
    server.onPost(`${BASE_URL}/chat/completions`, () =>
      call++ === 0
        ? json(duplicateIdsAnswer)
        : json({
            ...duplicateIdsAnswer,
            choices: [
              {
                index: 0,
                message: { role: 'assistant', content: 'France and Japan.' },
                finish_reason: 'stop',
              },
            ],
          }),
    );
    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2-Thinking'),
      prompt: 'Best country in Europe and in Asia?',
      stopWhen: stepCountIs(2),
      tools: {
        best_country: tool({
          inputSchema: bestCountry.inputSchema,
          execute: ({ continent }) =>
            continent === 'Europe' ? 'France' : 'Japan',
        }),
      },
    });
    expect(result.text).toBe('France and Japan.');
    const messages = (
      server.requests[1]?.body as { messages: Array<Record<string, unknown>> }
    ).messages;
    const assistant = messages.find(
      message => message.role === 'assistant',
    ) as {
      tool_calls: Array<{ id: string; function: { arguments: string } }>;
    };
    expect(
      assistant.tool_calls.map(toolCall => [
        toolCall.id,
        toolCall.function.arguments,
      ]),
    ).toEqual([
      ['functions.best_country:0', '{"continent":"Europe"}'],
      ['functions.best_country:0-1', '{"continent":"Asia"}'],
    ]);
    const toolMessages = messages.filter(message => message.role === 'tool');
    expect(
      toolMessages.map(message => [message.tool_call_id, message.content]),
    ).toEqual([
      ['functions.best_country:0', 'France'],
      ['functions.best_country:0-1', 'Japan'],
    ]);
  });
});

describe('errors inside a stream keep their identity', () => {
  it('a tool-call delta that never names its function is an InvalidResponseDataError, not a cut', async () => {
    const chunk = (delta: Record<string, unknown>, finish?: string) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'zai-org/GLM-5',
        choices: [
          { index: 0, delta, ...(finish ? { finish_reason: finish } : {}) },
        ],
      })}\n\n`;
    server.onPost(`${BASE_URL}/chat/completions`, () =>
      sse(
        chunk({ role: 'assistant', content: 'Checking.' }) +
          chunk({
            tool_calls: [
              {
                index: 0,
                id: 'call-1',
                type: 'function',
                function: { arguments: '{}' },
              },
            ],
          }) +
          chunk({}, 'tool_calls') +
          'data: [DONE]\n\n',
      ),
    );
    const result = streamText({
      model: baseten('zai-org/GLM-5'),
      prompt: 'go',
      tools: { get_weather: getWeather },
      onError: () => {},
    });
    const text: string[] = [];
    const failure = await (async () => {
      for await (const part of result.fullStream)
        if (part.type === 'text-delta') text.push(part.text);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(text.join('')).toBe('Checking.');
    expect(InvalidResponseDataError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toBe(
      "Expected 'function.name' to be a string.",
    );
    expect((failure as { isRetryable?: boolean }).isRetryable).not.toBe(true);
  });
});

describe('request ids', () => {
  const liveHeaders = {
    'content-type': 'application/json',
    'x-baseten-request-id': '8d1f2c3b4a5e46f7a8b9c0d1e2f3a4b5',
    'x-baseten-session-id': '8d1f2c3b4a5e46f7a8b9c0d1e2f3a4b5',
    'x-baseten-model-id': 'q4l7v2mw',
    'x-baseten-model-version-id': 'w5x3kqd',
    'x-baseten-accepted-at': '1771402211123',
    'x-baseten-model-prediction-attempts': '1',
  };
  const ids = {
    requestId: '8d1f2c3b4a5e46f7a8b9c0d1e2f3a4b5',
    modelId: 'q4l7v2mw',
    modelVersionId: 'w5x3kqd',
  };

  it('generateText: providerMetadata.baseten carries the request, model and version ids', async () => {
    server.onPost(
      `${BASE_URL}/chat/completions`,
      () =>
        new Response(JSON.stringify(duplicateIdsAnswer), {
          headers: liveHeaders,
        }),
    );
    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2-Thinking'),
      prompt: 'go',
    });
    expect(result.providerMetadata?.baseten).toMatchObject(ids);
  });

  it('streamText: the finish carries them too, and no internal marker', async () => {
    server.onPost(
      `${BASE_URL}/chat/completions`,
      () =>
        new Response(stopSequenceNoDone, {
          headers: {
            ...liveHeaders,
            'content-type': 'text/event-stream',
            'cache-control': 'no-cache',
          },
        }),
    );
    const result = streamText({
      model: baseten('moonshotai/Kimi-K2-Instruct-0905'),
      prompt: 'go',
      includeRawChunks: true,
    });
    const raw: unknown[] = [];
    for await (const part of result.fullStream)
      if (part.type === 'raw') raw.push(part.rawValue);
    const metadata = await result.providerMetadata;
    expect(Object.keys(metadata ?? {})).toEqual(['baseten']);
    expect(metadata?.baseten).toMatchObject(ids);
    expect(raw).toHaveLength(4);
    expect(JSON.stringify(raw)).not.toContain('ai-sdk-provider-baseten');
  });

  it('no X-Baseten headers: no ids, nothing invented', async () => {
    server.onPost(`${BASE_URL}/chat/completions`, () =>
      json(duplicateIdsAnswer),
    );
    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2-Thinking'),
      prompt: 'go',
    });
    expect(result.providerMetadata?.baseten?.requestId).toBeUndefined();
  });
});
