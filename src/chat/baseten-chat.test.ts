import {
  APICallError,
  InvalidArgumentError,
  LoadAPIKeyError,
  NoSuchModelError,
} from '@ai-sdk/provider';
import { generateText, jsonSchema, Output, streamText, tool } from 'ai';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod/v4';
import { createBaseten } from '../baseten-provider';
import { CHAT_PREDICT_MESSAGE } from '../baseten-url';
import { VERSION } from '../version';
import { json, sse, useTestServer } from '../test/msw-server';
import errorInStream from './__fixtures__/error-in-stream.chunks.txt?raw';
import generateReasoning from './__fixtures__/generate-reasoning.json';
import generateStructured from './__fixtures__/generate-structured.json';
import generateTextBody from './__fixtures__/generate-text.json';
import generateToolCall from './__fixtures__/generate-tool-call.json';
import reasoningOldField from './__fixtures__/reasoning-field-named-reasoning.chunks.txt?raw';
import reasoningStream from './__fixtures__/reasoning-gpt-oss.chunks.txt?raw';
import textStream from './__fixtures__/text-model-apis.chunks.txt?raw';
import toolCallOpenAI from './__fixtures__/tool-call-openai.chunks.txt?raw';
import toolCallTrtllmParallel from './__fixtures__/tool-call-trtllm-parallel.chunks.txt?raw';
import toolCallTrtllm from './__fixtures__/tool-call-trtllm.chunks.txt?raw';

const MODEL_APIS = 'https://inference.baseten.co/v1/chat/completions';
const DEPLOYMENT =
  'https://model-abcd1234.api.baseten.co/environments/production/sync/v1';
const KEY = 'test-key.0123456789';

const server = useTestServer();
const baseten = createBaseten({ apiKey: KEY });

const readFileTool = {
  read_file: tool({
    description: 'Read a file',
    inputSchema: jsonSchema<{ path: string }>({
      type: 'object',
      properties: { path: { type: 'string' } },
      required: ['path'],
    }),
  }),
};

type Part = { type: string; [key: string]: unknown };

async function collect(result: { fullStream: AsyncIterable<unknown> }) {
  const parts: Part[] = [];
  for await (const part of result.fullStream) parts.push(part as Part);
  return parts;
}

describe('Model APIs chat', () => {
  it('posts to ${baseURL}/chat/completions with the key, the user agent and the body', async () => {
    server.onPost(MODEL_APIS, () => json(generateTextBody));

    const result = await generateText({
      model: baseten('moonshotai/Kimi-K2-Instruct-0905'),
      prompt: 'Say hello',
      temperature: 0.3,
      maxOutputTokens: 64,
    });

    expect(result.text).toBe('Hello from Baseten.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage.inputTokens).toBe(14);
    expect(result.usage.outputTokens).toBe(5);
    expect(result.usage.inputTokenDetails.cacheReadTokens).toBe(4);

    const [request] = server.requests;
    expect(request.url).toBe(MODEL_APIS);
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    expect(request.headers['user-agent']).toMatch(/\bai\/7\./);
    expect(request.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 64,
        "messages": [
          {
            "content": "Say hello",
            "role": "user",
          },
        ],
        "model": "moonshotai/Kimi-K2-Instruct-0905",
        "temperature": 0.3,
      }
    `);
  });

  it('streams text and reports the final cumulative usage, not a sum', async () => {
    server.onPost(MODEL_APIS, () => sse(textStream, 7));

    const result = streamText({
      model: baseten('moonshotai/Kimi-K2-Instruct-0905'),
      prompt: 'Say hello',
    });

    expect(await result.text).toBe('Hello, Baseten ✨');
    const usage = await result.usage;
    expect(usage.inputTokens).toBe(12);
    expect(usage.outputTokens).toBe(4);
    expect(usage.totalTokens).toBe(16);
    expect(await result.finishReason).toBe('stop');
    expect(server.requests[0].body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('works through a baseURL with a path prefix (Cloudflare AI Gateway)', async () => {
    const gateway =
      'https://gateway.ai.cloudflare.com/v1/acct123/my-gateway/baseten/v1';
    server.onPost(`${gateway}/chat/completions`, () => json(generateTextBody));
    const viaGateway = createBaseten({
      apiKey: KEY,
      baseURL: `${gateway}/`,
      headers: { 'cf-aig-authorization': 'Bearer cf-token' },
    });

    await generateText({
      model: viaGateway('openai/gpt-oss-120b'),
      prompt: 'Hi',
    });

    expect(server.requests[0].url).toBe(`${gateway}/chat/completions`);
    expect(server.requests[0].headers['cf-aig-authorization']).toBe(
      'Bearer cf-token',
    );
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('needs a model ID when no modelURL is set', () => {
    expect(() => baseten()).toThrow(NoSuchModelError);
    expect(() => baseten()).toThrow(/baseten\('openai\/gpt-oss-120b'\)/);
  });
});

describe('dedicated deployments', () => {
  it('posts to ${modelURL}/chat/completions with a placeholder model ID', async () => {
    server.onPost(`${DEPLOYMENT}/chat/completions`, () =>
      json(generateTextBody),
    );
    const deployment = createBaseten({ apiKey: KEY, modelURL: DEPLOYMENT });

    await generateText({ model: deployment(), prompt: 'Hi' });

    expect(server.requests[0].url).toBe(`${DEPLOYMENT}/chat/completions`);
    expect(server.requests[0].body).toMatchObject({ model: 'placeholder' });
  });

  it.each([
    ['/sync', 'environments/staging'],
    ['/sync/', 'development'],
    ['/sync/v1/', 'deployment/q8w2e4r6'],
  ])('treats a %s URL under /%s as /sync/v1', async (suffix, target) => {
    const root = `https://model-abcd1234.api.baseten.co/${target}`;
    server.onPost(`${root}/sync/v1/chat/completions`, () =>
      json(generateTextBody),
    );
    const deployment = createBaseten({
      apiKey: KEY,
      modelURL: `${root}${suffix}`,
    });

    await generateText({ model: deployment('my-served-model'), prompt: 'Hi' });

    expect(server.requests[0].url).toBe(`${root}/sync/v1/chat/completions`);
    expect(server.requests[0].body).toMatchObject({ model: 'my-served-model' });
  });

  it('rejects a /predict URL at model creation with the documented message', () => {
    const deployment = createBaseten({
      apiKey: KEY,
      modelURL:
        'https://model-abcd1234.api.baseten.co/environments/production/predict',
    });
    expect(() => deployment.chatModel()).toThrow(InvalidArgumentError);
    expect(() => deployment.chatModel()).toThrow(
      expect.objectContaining({ message: CHAT_PREDICT_MESSAGE }),
    );
    expect(CHAT_PREDICT_MESSAGE).toBe(
      'Not supported. You must use a /sync/v1 endpoint for chat models.',
    );
  });

  it('gives the /predict message for a /predict path under /sync too', () => {
    const deployment = createBaseten({
      apiKey: KEY,
      modelURL:
        'https://model-abcd1234.api.baseten.co/development/sync/predict',
    });
    expect(() => deployment.chatModel()).toThrow(
      expect.objectContaining({ message: CHAT_PREDICT_MESSAGE }),
    );
  });

  it.each([
    ['not a URL', 'model-abcd1234.api.baseten.co/sync/v1', /not a URL/],
    [
      'another scheme',
      'ftp://model-abcd1234.api.baseten.co/sync/v1',
      /scheme "ftp:"/,
    ],
    [
      '/async_predict',
      'https://model-abcd1234.api.baseten.co/production/async_predict',
      /async_predict is an asynchronous queue/,
    ],
    [
      'a full endpoint path',
      `${DEPLOYMENT}/chat/completions`,
      /Remove "\/chat\/completions"/,
    ],
    [
      'a query string',
      `${DEPLOYMENT}?api_key=secret`,
      /remove the query string/,
    ],
  ])(
    'rejects %s with an error naming modelURL and the accepted forms',
    (_, modelURL, reason) => {
      const deployment = createBaseten({ apiKey: KEY, modelURL });
      let error: unknown;
      try {
        deployment.chatModel();
      } catch (caught) {
        error = caught;
      }
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      const message = (error as Error).message;
      expect(message).toMatch(reason);
      expect(message).toMatch(/modelURL/);
      // the accepted forms, whatever was wrong
      expect(message).toMatch(/\/sync\/v1 \(or \/sync\)/);
      expect(message).toMatch(/development or \/?deployment\/\{id\}/);
      expect(message).not.toContain('secret');
      expect(server.requests).toHaveLength(0);
    },
  );
});

describe('structured output', () => {
  const contact = z.object({ name: z.string(), email: z.string() });

  it('sends a strict json_schema response format', async () => {
    server.onPost(MODEL_APIS, () => json(generateStructured));

    const result = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Who wrote the first program?',
      output: Output.object({ schema: contact, name: 'contact' }),
    });

    expect(result.output).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    expect(server.requests[0].body).toMatchObject({
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'contact',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, email: { type: 'string' } },
            required: ['name', 'email'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(result.warnings).toEqual([]);
  });

  it('falls back to json_object with the schema in the system prompt when structuredOutputs is false', async () => {
    server.onPost(MODEL_APIS, () => json(generateStructured));

    const result = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      system: 'You are terse.',
      prompt: 'Who wrote the first program?',
      output: Output.object({ schema: contact }),
      providerOptions: { baseten: { structuredOutputs: false } },
    });

    expect(result.output.name).toBe('Ada Lovelace');
    const body = server.requests[0].body as {
      response_format: unknown;
      messages: Array<{ role: string; content: string }>;
      structuredOutputs?: unknown;
    };
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.structuredOutputs).toBeUndefined();
    expect(body.messages[0].role).toBe('system');
    expect(body.messages[0].content).toContain('You are terse.');
    expect(body.messages[0].content).toContain('"email"');
  });

  it('passes strictJsonSchema: false through as strict: false', async () => {
    server.onPost(MODEL_APIS, () => json(generateStructured));
    await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Who?',
      output: Output.object({ schema: contact }),
      providerOptions: { baseten: { strictJsonSchema: false } },
    });
    expect(server.requests[0].body).toMatchObject({
      response_format: { json_schema: { strict: false } },
    });
  });
});

describe('tool calls', () => {
  it('sends tools and returns a non-streamed tool call', async () => {
    server.onPost(MODEL_APIS, () => json(generateToolCall));

    const result = await generateText({
      model: baseten('deepseek-ai/DeepSeek-V3.1'),
      prompt: 'Weather in Paris?',
      tools: {
        get_weather: tool({
          description: 'Weather by city',
          inputSchema: z.object({ city: z.string() }),
        }),
      },
      toolChoice: 'auto',
    });

    expect(result.toolCalls).toHaveLength(1);
    expect(result.toolCalls[0]).toMatchObject({
      toolCallId: 'chatcmpl-tool-77',
      toolName: 'get_weather',
      input: { city: 'Paris' },
    });
    expect(result.finishReason).toBe('tool-calls');
    expect(server.requests[0].body).toMatchObject({
      tool_choice: 'auto',
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
            },
          },
        },
      ],
    });
  });

  it('streams an OpenAI-style tool call', async () => {
    server.onPost(MODEL_APIS, () => sse(toolCallOpenAI, 11));
    const result = streamText({
      model: baseten('deepseek-ai/DeepSeek-V3.1'),
      prompt: 'Weather in Paris?',
      tools: {
        get_weather: tool({ inputSchema: z.object({ city: z.string() }) }),
      },
    });
    const calls = await result.toolCalls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolCallId: 'chatcmpl-tool-9a1',
      input: { city: 'Paris' },
    });
    expect((await result.usage).outputTokens).toBe(18);
  });

  it('streams a TensorRT-LLM tool call (same-index deltas in one event, a new id on each) as one call', async () => {
    server.onPost(`${DEPLOYMENT}/chat/completions`, () =>
      sse(toolCallTrtllm, 13),
    );
    const deployment = createBaseten({ apiKey: KEY, modelURL: DEPLOYMENT });

    const parts = await collect(
      streamText({
        model: deployment(),
        prompt: 'Open app.ts',
        tools: readFileTool,
      }),
    );

    expect(parts.filter(part => part.type === 'error')).toEqual([]);
    const calls = parts.filter(part => part.type === 'tool-call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      toolCallId: 'call-1',
      toolName: 'read_file',
      input: { path: 'src/app.ts' },
    });
  });

  it('streams parallel TensorRT-LLM tool calls, one per index, in index order', async () => {
    server.onPost(`${DEPLOYMENT}/chat/completions`, () =>
      sse(toolCallTrtllmParallel, 29),
    );
    const deployment = createBaseten({ apiKey: KEY, modelURL: DEPLOYMENT });

    const parts = await collect(
      streamText({
        model: deployment(),
        prompt: 'Open both',
        tools: readFileTool,
      }),
    );

    expect(parts.filter(part => part.type === 'error')).toEqual([]);
    expect(
      parts
        .filter(part => part.type === 'tool-call')
        .map(part => [part.toolCallId, part.input]),
    ).toEqual([
      ['call-a1', { path: 'a.ts' }],
      ['call-b1', { path: 'b.ts' }],
    ]);
  });
});

describe('reasoning', () => {
  it('returns reasoning_content as reasoning (not streamed)', async () => {
    server.onPost(MODEL_APIS, () => json(generateReasoning));
    const result = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'What is 6*7?',
      providerOptions: { baseten: { reasoningEffort: 'high' } },
    });
    expect(result.reasoningText).toBe('Add the numbers, then check.');
    expect(result.text).toBe('42.');
    expect(result.usage.outputTokenDetails.reasoningTokens).toBe(170);
    expect(server.requests[0].body).toMatchObject({ reasoning_effort: 'high' });
    expect(server.requests[0].body).not.toHaveProperty('reasoningEffort');
  });

  it('streams reasoning_content as reasoning parts before the text', async () => {
    server.onPost(MODEL_APIS, () => sse(reasoningStream, 23));
    const result = streamText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'What is 6*7?',
    });
    const parts = await collect(result);
    const types = parts.map(part => part.type);
    expect(types.indexOf('reasoning-start')).toBeLessThan(
      types.indexOf('text-start'),
    );
    expect(await result.reasoningText).toBe('The user asks 6*7. That is 42.');
    expect(await result.text).toBe('42');
    expect((await result.usage).outputTokenDetails.reasoningTokens).toBe(10);
  });

  it('streams the older `reasoning` field as reasoning too', async () => {
    server.onPost(MODEL_APIS, () => sse(reasoningOldField));
    const result = streamText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Go',
    });
    expect(await result.reasoningText).toBe('Thinking in the older field. ');
    expect(await result.text).toBe('Done.');
  });

  it('maps the call-level reasoning setting to reasoning_effort', async () => {
    server.onPost(MODEL_APIS, () => json(generateReasoning));
    await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Go',
      reasoning: 'low',
    });
    expect(server.requests[0].body).toMatchObject({ reasoning_effort: 'low' });
  });
});

describe('Baseten request fields', () => {
  it('sends typed options under their wire names and topK as top_k, without warnings', async () => {
    server.onPost(MODEL_APIS, () => json(generateTextBody));

    const result = await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      topK: 40,
      providerOptions: {
        baseten: {
          chatTemplateArgs: { enable_thinking: true },
          chatTemplateKwargs: { enable_thinking: false },
          minP: 0.05,
          repetitionPenalty: 1.1,
          stopTokenIds: [2, 7],
          user: 'user-42',
          documents: [{ title: 'raw fields pass through' }],
        },
      },
    });

    expect(result.warnings).toEqual([]);
    const body = server.requests[0].body as Record<string, unknown>;
    expect(body).toMatchObject({
      top_k: 40,
      chat_template_args: { enable_thinking: true },
      chat_template_kwargs: { enable_thinking: false },
      min_p: 0.05,
      repetition_penalty: 1.1,
      stop_token_ids: [2, 7],
      user: 'user-42',
      documents: [{ title: 'raw fields pass through' }],
    });
    for (const camel of [
      'topK',
      'chatTemplateArgs',
      'minP',
      'repetitionPenalty',
      'stopTokenIds',
    ]) {
      expect(body).not.toHaveProperty(camel);
    }
  });

  it('passes snake_case fields through as @ai-sdk/baseten users send them', async () => {
    server.onPost(MODEL_APIS, () => json(generateTextBody));
    await generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      providerOptions: {
        baseten: { top_k: 20, chat_template_kwargs: { enable_thinking: true } },
      },
    });
    expect(server.requests[0].body).toMatchObject({
      top_k: 20,
      chat_template_kwargs: { enable_thinking: true },
    });
  });

  it.each([
    [{ topK: 'many' }, /topK/],
    [{ minP: 2 }, /minP/],
    [{ chatTemplateArgs: 'enable_thinking' }, /chatTemplateArgs/],
    [{ topK: 10, top_k: 20 }, /both topK and top_k/],
  ])('rejects %j before any request', async (options, reason) => {
    server.onPost(MODEL_APIS, () => json(generateTextBody));
    const call = generateText({
      model: baseten('zai-org/GLM-4.7'),
      prompt: 'Hi',
      maxRetries: 0,
      providerOptions: {
        baseten: options as unknown as Record<string, string>,
      },
    });
    await expect(call).rejects.toThrow(reason);
    await expect(call).rejects.toSatisfy((error: unknown) =>
      InvalidArgumentError.isInstance(error),
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('errors', () => {
  it.each([
    [
      404,
      { error: 'please check the model you provided' },
      'please check the model you provided',
      false,
    ],
    [
      404,
      {
        error: {
          message: 'The model `x` does not exist.',
          type: 'NotFoundError',
          param: null,
          code: 404,
        },
      },
      'The model `x` does not exist.',
      false,
    ],
    [
      400,
      {
        error: {
          message: 'max_tokens too large',
          type: 'BadRequestError',
          code: '400',
        },
      },
      'max_tokens too large',
      false,
    ],
    [409, { error: 'conflict' }, 'conflict', false],
    [429, { error: 'Rate limit exceeded' }, 'Rate limit exceeded', true],
    [503, { error: 'Replica not ready' }, 'Replica not ready', true],
  ])(
    'HTTP %i with %j → APICallError(message, status, retryable)',
    async (status, body, message, retryable) => {
      server.onPost(MODEL_APIS, () => json(body, status));
      const call = generateText({
        model: baseten('openai/gpt-oss-120b'),
        prompt: 'Hi',
        maxRetries: 0,
      });
      const error = await call.catch((caught: unknown) => caught);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        message,
        statusCode: status,
        isRetryable: retryable,
      });
    },
  );

  it('uses a plain-text error body as the message, and the status when the body is empty', async () => {
    server.onPost(
      MODEL_APIS,
      () => new Response('upstream crashed', { status: 502 }),
    );
    await expect(
      generateText({
        model: baseten('openai/gpt-oss-120b'),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    ).rejects.toMatchObject({
      message: 'upstream crashed',
      statusCode: 502,
      isRetryable: true,
    });

    server.onPost(MODEL_APIS, () => new Response('', { status: 503 }));
    const parts = await collect(
      streamText({
        model: baseten('openai/gpt-oss-120b'),
        prompt: 'Hi',
        maxRetries: 0,
        onError: () => {},
      }),
    );
    expect(parts.find(part => part.type === 'error')?.error).toMatchObject({
      message: 'Service Unavailable',
      statusCode: 503,
      isRetryable: true,
    });
  });

  it('retries 429 and 5xx, not other 4xx', async () => {
    let calls = 0;
    server.onPost(MODEL_APIS, () => {
      calls += 1;
      return calls === 1
        ? json({ error: 'busy' }, 429)
        : json(generateTextBody);
    });
    const result = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
      maxRetries: 1,
    });
    expect(result.text).toBe('Hello from Baseten.');
    expect(calls).toBe(2);

    calls = 0;
    server.onPost(MODEL_APIS, () => {
      calls += 1;
      return json({ error: 'bad request' }, 400);
    });
    await expect(
      generateText({
        model: baseten('openai/gpt-oss-120b'),
        prompt: 'Hi',
        maxRetries: 2,
      }),
    ).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });

  it('turns an error event inside a stream into an error part, after the text so far', async () => {
    server.onPost(`${DEPLOYMENT}/chat/completions`, () => sse(errorInStream));
    const deployment = createBaseten({ apiKey: KEY, modelURL: DEPLOYMENT });
    const parts = await collect(
      streamText({ model: deployment(), prompt: 'Hi', onError: () => {} }),
    );
    const text = parts
      .filter(part => part.type === 'text-delta')
      .map(part => part.text)
      .join('');
    expect(text).toBe('Partial');
    const errors = parts.filter(part => part.type === 'error');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0].error)).toContain('CUDA out of memory');
  });

  it('never puts the API key in a thrown error, even when the server echoes it', async () => {
    server.onPost(MODEL_APIS, () =>
      json({ error: `Invalid API key: ${KEY}` }, 401),
    );
    const error = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'Hi',
      maxRetries: 0,
    }).then(
      () => {
        throw new Error('expected a rejection');
      },
      (caught: unknown) => caught as APICallError,
    );
    expect(error).toMatchObject({
      statusCode: 401,
      message: 'Invalid API key: [redacted]',
    });
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(
      KEY,
    );
  });

  it('fails with LoadAPIKeyError before any request when no key is set', async () => {
    vi.stubEnv('BASETEN_API_KEY', undefined);
    try {
      server.onPost(MODEL_APIS, () => json(generateTextBody));
      const keyless = createBaseten();
      await expect(
        generateText({
          model: keyless('openai/gpt-oss-120b'),
          prompt: 'Hi',
          maxRetries: 0,
        }),
      ).rejects.toSatisfy((error: unknown) =>
        LoadAPIKeyError.isInstance(error),
      );
      await expect(
        generateText({
          model: createBaseten({ apiKey: '  ' })('openai/gpt-oss-120b'),
          prompt: 'Hi',
          maxRetries: 0,
        }),
      ).rejects.toThrow(/apiKey setting or the BASETEN_API_KEY/);
      expect(server.requests).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('reads the key from BASETEN_API_KEY', async () => {
    vi.stubEnv('BASETEN_API_KEY', 'env-key.abc');
    try {
      server.onPost(MODEL_APIS, () => json(generateTextBody));
      await generateText({
        model: createBaseten()('openai/gpt-oss-120b'),
        prompt: 'Hi',
      });
      expect(server.requests[0].headers.authorization).toBe(
        'Bearer env-key.abc',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('provider surface', () => {
  it('has chatModel, languageModel and a callable form that build the same model', () => {
    for (const model of [
      baseten('openai/gpt-oss-120b'),
      baseten.chatModel('openai/gpt-oss-120b'),
      baseten.languageModel('openai/gpt-oss-120b'),
    ]) {
      expect(model).toMatchObject({
        specificationVersion: 'v4',
        provider: 'baseten.chat',
        modelId: 'openai/gpt-oss-120b',
      });
    }
  });

  it('throws NoSuchModelError for image models', () => {
    expect(() => baseten.imageModel('flux')).toThrow(NoSuchModelError);
  });

  it('sends custom headers, and a custom fetch sees the user agent', async () => {
    const seen: string[] = [];
    server.onPost(MODEL_APIS, () => json(generateTextBody));
    const custom = createBaseten({
      apiKey: KEY,
      headers: { 'x-team': 'search' },
      fetch: async (input, init) => {
        seen.push(new Headers(init?.headers).get('user-agent') ?? '');
        return fetch(input, init);
      },
    });
    await generateText({ model: custom('openai/gpt-oss-120b'), prompt: 'Hi' });
    expect(server.requests[0].headers['x-team']).toBe('search');
    expect(seen[0]).toContain(`ai-sdk-provider-baseten/${VERSION}`);
  });
});
