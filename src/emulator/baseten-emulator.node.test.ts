import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASETEN_CATALOG_CURRENT } from '../catalog/baseten-catalog-snapshot';
import { stringContaining } from '../test/matchers';
import { readJson } from '../test/read-json';
import { startBasetenEmulator, type BasetenEmulator } from './index';

let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    embeddingDimensions: 8,
    deploymentEngines: { '/deployment/trtllm01': 'trtllm' },
  });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const DEPLOYMENT = '/environments/production';

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${emulator.origin}${path}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer test-key',
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

type Chunk = {
  choices: {
    delta: {
      content?: string;
      reasoning_content?: string;
      tool_calls?: unknown[];
    };
    finish_reason: string | null;
  }[];
  usage?: {
    prompt_tokens: number;
    completion_tokens: number;
    total_tokens: number;
  };
};

type ToolCall = {
  id: string;
  type: string;
  function: { name: string; arguments: string };
};

/** A non-streamed chat completion, as the tests below read it. */
type Completion = {
  object: string;
  choices: {
    message: {
      content: string | null;
      reasoning_content?: string;
      tool_calls?: ToolCall[];
    };
    finish_reason: string;
  }[];
  usage: {
    completion_tokens: number;
    completion_tokens_details?: { reasoning_tokens: number };
  };
};

type Embeddings<Vector = number[]> = {
  data: { index: number; embedding: Vector }[];
};

/** The JSON payloads of an SSE body, and whether it ended with `[DONE]`. */
async function events(
  response: Response,
): Promise<{ chunks: Chunk[]; done: boolean }> {
  const lines = (await response.text())
    .split('\n')
    .filter(line => line.startsWith('data: '));
  const payloads = lines.map(line => line.slice('data: '.length));
  const done = payloads.at(-1) === '[DONE]';
  return {
    chunks: payloads
      .filter(p => p !== '[DONE]')
      .map(p => JSON.parse(p) as Chunk),
    done,
  };
}

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
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

describe('the emulator as a server', () => {
  it('serves on 127.0.0.1 with the Model APIs base under /v1 and deployments at the root', () => {
    expect(emulator.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.baseURL).toBe(`${emulator.origin}/v1`);
    expect(emulator.modelURL).toBe(
      `${emulator.origin}/environments/production/sync/v1`,
    );
  });

  it('records method, path, protocol, lower-cased headers and the parsed body', async () => {
    const before = Date.now();
    await post(
      '/v1/chat/completions',
      { model: 'zai-org/GLM-4.7', messages: [{ role: 'user', content: 'Hi' }] },
      {
        'X-Custom': 'yes',
      },
    );
    const [request] = emulator.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      protocol: 'http/1.1',
      body: { model: 'zai-org/GLM-4.7' },
    });
    expect(request.headers['x-custom']).toBe('yes');
    expect(request.headers.authorization).toBe('Bearer test-key');
    expect(request.receivedAt).toBeGreaterThanOrEqual(before);
  });

  it('lists the current catalog at GET /v1/models', async () => {
    const response = await fetch(`${emulator.baseURL}/models`, {
      headers: { authorization: 'Bearer k' },
    });
    const body = await readJson<{ data: { id: string }[] }>(response);
    expect(body.data.map(model => model.id)).toContain('openai/gpt-oss-120b');
    expect(body.data).toHaveLength(BASETEN_CATALOG_CURRENT.length);
  });

  it('answers 401 text/plain without an Authorization header, 403 for a blank or wrong key', async () => {
    const missing = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(missing.status).toBe(401);
    expect(await missing.text()).toBe('No Authorization header provided');
    const blank = await post(
      '/v1/chat/completions',
      {},
      { authorization: 'Bearer   ' },
    );
    expect(blank.status).toBe(403);

    const strict = await startBasetenEmulator({ apiKey: 'right' });
    try {
      const wrong = await fetch(`${strict.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer wrong' },
        body: '{}',
      });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({
        error: 'please check the api-key you provided',
      });
      const legacy = await fetch(`${strict.baseURL}/models`, {
        headers: { authorization: 'Api-Key right' },
      });
      expect(legacy.status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('answers unknown paths and wrong methods with errors, not hangs', async () => {
    expect((await post('/nowhere', {})).status).toBe(404);
    expect((await post(`${DEPLOYMENT}/sync/health`, {})).status).toBe(404);
    const wrongMethod = await fetch(`${emulator.baseURL}/chat/completions`, {
      headers: { authorization: 'Bearer k' },
    });
    expect(wrongMethod.status).toBe(405);
  });
});

describe('Model APIs chat', () => {
  it('echoes the last user message, deterministically, with word-counted usage', async () => {
    const request = {
      model: 'moonshotai/Kimi-K2-Instruct-0905',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Say hello' }] },
      ],
    };
    const first = await readJson<Completion>(
      await post('/v1/chat/completions', request),
    );
    const second = await readJson<Completion>(
      await post('/v1/chat/completions', request),
    );
    expect(first.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: 'Hello from the Baseten emulator ✨ You said: Say hello',
      },
      finish_reason: 'stop',
    });
    expect(second.choices).toEqual(first.choices);
    expect(first.usage).toMatchObject({
      prompt_tokens: 11,
      completion_tokens: 11,
      total_tokens: 22,
    });
    expect(first.object).toBe('chat.completion');
  });

  it('answers 404 with the string envelope for a slug it does not serve, 400 for a bad body', async () => {
    const unknown = await post('/v1/chat/completions', {
      model: 'acme/nope',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: 'please check the model you provided',
    });
    const noMessages = await post('/v1/chat/completions', {
      model: 'zai-org/GLM-4.7',
      messages: [],
    });
    expect(noMessages.status).toBe(400);
    expect(await noMessages.json()).toEqual({
      error: {
        code: 400,
        message: '"messages" must be a non-empty array',
        type: 'Bad Request',
      },
    });
    const notJson = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
  });

  it('streams in several chunks with cumulative usage and a usage-only tail when include_usage is asked', async () => {
    const response = await post('/v1/chat/completions', {
      model: 'zai-org/GLM-4.7',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Count to three' }],
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { chunks, done } = await events(response);
    expect(done).toBe(true);
    const text = chunks
      .map(chunk => chunk.choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe(
      'Hello from the Baseten emulator ✨ You said: Count to three',
    );
    expect(chunks.length).toBeGreaterThan(5);

    const completions = chunks.map(chunk => chunk.usage?.completion_tokens);
    expect(completions.every(n => n !== undefined)).toBe(true);
    expect([...completions].sort((a, b) => a! - b!)).toEqual(completions);
    const tail = chunks.at(-1)!;
    expect(tail.choices).toEqual([]);
    expect(tail.usage).toEqual(chunks.at(-2)!.usage);
    expect(tail.usage).toMatchObject({
      prompt_tokens: 6,
      completion_tokens: 12,
      total_tokens: 18,
    });
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
  });

  it('streams no usage at all without include_usage', async () => {
    const { chunks } = await events(
      await post('/v1/chat/completions', {
        model: 'zai-org/GLM-4.7',
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    expect(chunks.some(chunk => 'usage' in chunk)).toBe(false);
    expect(chunks.every(chunk => chunk.choices.length === 1)).toBe(true);
  });

  it('reasons by default on reasoning models, and on opt-in models only with enable_thinking', async () => {
    const ask = async (model: string, extra: Record<string, unknown> = {}) => {
      const body = await readJson<Completion>(
        await post('/v1/chat/completions', {
          model,
          messages: [{ role: 'user', content: 'Why?' }],
          ...extra,
        }),
      );
      return { message: body.choices[0].message, usage: body.usage };
    };
    const gptOss = await ask('openai/gpt-oss-120b');
    expect(gptOss.message.reasoning_content).toMatch(/echoing/);
    // gpt-oss-120b counts reasoning in completion_tokens but reports 0 reasoning_tokens; GLM 5.1 reports them.
    expect(gptOss.usage.completion_tokens_details?.reasoning_tokens).toBe(0);
    expect(
      (await ask('zai-org/GLM-5.1')).usage.completion_tokens_details
        ?.reasoning_tokens,
    ).toBeGreaterThan(0);
    expect(
      (await ask('openai/gpt-oss-120b', { reasoning_effort: 'none' })).message
        .reasoning_content,
    ).toBeUndefined();
    expect(
      (await ask('zai-org/GLM-4.7')).message.reasoning_content,
    ).toBeUndefined();
    expect(
      (
        await ask('zai-org/GLM-4.7', {
          chat_template_args: { enable_thinking: true },
        })
      ).message.reasoning_content,
    ).toMatch(/echoing/);
  });

  it('streams reasoning_content before the content', async () => {
    const { chunks } = await events(
      await post('/v1/chat/completions', {
        model: 'deepseek-ai/DeepSeek-V4-Pro',
        stream: true,
        messages: [{ role: 'user', content: 'Why?' }],
      }),
    );
    const kinds = chunks.flatMap(chunk =>
      Object.keys(chunk.choices[0]?.delta ?? {}).filter(
        key => key === 'reasoning_content' || key === 'content',
      ),
    );
    const firstContent = chunks.findIndex(
      chunk => (chunk.choices[0]?.delta.content ?? '') !== '',
    );
    const lastReasoning = chunks
      .map(chunk => chunk.choices[0]?.delta.reasoning_content !== undefined)
      .lastIndexOf(true);
    expect(kinds).toContain('reasoning_content');
    expect(lastReasoning).toBeLessThan(firstContent);
  });

  it('calls the first tool with arguments sampled from its schema, then quotes the tool result', async () => {
    const messages = [{ role: 'user', content: 'Weather in Paris?' }];
    const call = await readJson<Completion>(
      await post('/v1/chat/completions', {
        model: 'deepseek-ai/DeepSeek-V3-0324',
        messages,
        tools: [weatherTool],
      }),
    );
    const [toolCall] = call.choices[0].message.tool_calls ?? [];
    expect(call.choices[0].finish_reason).toBe('tool_calls');
    expect(toolCall).toMatchObject({
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(JSON.parse(toolCall.function.arguments)).toEqual({
      city: 'sample city',
      unit: 'celsius',
    });

    const after = await readJson<Completion>(
      await post('/v1/chat/completions', {
        model: 'deepseek-ai/DeepSeek-V3-0324',
        tools: [weatherTool],
        messages: [
          ...messages,
          { role: 'assistant', content: null, tool_calls: [toolCall] },
          {
            role: 'tool',
            tool_call_id: toolCall.id,
            content: '{"celsius":21}',
          },
        ],
      }),
    );
    expect(after.choices[0].message.content).toBe(
      'The get_weather tool returned {"celsius":21} — that is the answer ✨',
    );
    expect(after.choices[0].finish_reason).toBe('stop');
  });

  it('follows a named tool_choice, and none', async () => {
    const other = {
      type: 'function',
      function: {
        name: 'noop',
        parameters: { type: 'object', properties: {} },
      },
    };
    const named = await readJson<Completion>(
      await post('/v1/chat/completions', {
        model: 'zai-org/GLM-4.7',
        messages: [{ role: 'user', content: 'x' }],
        tools: [other, weatherTool],
        tool_choice: { type: 'function', function: { name: 'get_weather' } },
      }),
    );
    expect(named.choices[0].message.tool_calls?.[0].function.name).toBe(
      'get_weather',
    );
    const none = await readJson<Completion>(
      await post('/v1/chat/completions', {
        model: 'zai-org/GLM-4.7',
        messages: [{ role: 'user', content: 'x' }],
        tools: [weatherTool],
        tool_choice: 'none',
      }),
    );
    expect(none.choices[0].message.tool_calls).toBeUndefined();
  });

  it('streams tool calls as the live API does: the id on every delta, the name on the first only', async () => {
    const { chunks } = await events(
      await post('/v1/chat/completions', {
        model: 'zai-org/GLM-4.7',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
        tools: [weatherTool],
      }),
    );
    const deltas = chunks.flatMap(
      chunk =>
        (chunk.choices[0]?.delta.tool_calls as Record<string, unknown>[]) ?? [],
    );
    expect(
      chunks.every(
        chunk =>
          ((chunk.choices[0]?.delta.tool_calls as unknown[]) ?? []).length <= 1,
      ),
    ).toBe(true);
    expect(new Set(deltas.map(delta => delta.id)).size).toBe(1);
    expect(
      deltas.filter(delta => (delta.function as { name: string }).name !== ''),
    ).toHaveLength(1);
    const args = deltas
      .map(delta => (delta.function as { arguments: string }).arguments)
      .join('');
    expect(JSON.parse(args)).toEqual({ city: 'sample city', unit: 'celsius' });
  });

  it('answers a json_schema response format with JSON that fits the schema', async () => {
    const body = await readJson<Completion>(
      await post('/v1/chat/completions', {
        model: 'zai-org/GLM-4.7',
        messages: [{ role: 'user', content: 'A contact' }],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'contact',
            strict: true,
            schema: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                email: { type: 'string', format: 'email' },
              },
              required: ['name', 'email'],
              additionalProperties: false,
            },
          },
        },
      }),
    );
    expect(JSON.parse(body.choices[0].message.content ?? '')).toEqual({
      name: 'sample name',
      email: 'ada@example.com',
    });
  });

  it('stops at max_tokens with finish_reason length', async () => {
    const body = await readJson<Completion>(
      await post('/v1/chat/completions', {
        model: 'zai-org/GLM-4.7',
        max_tokens: 3,
        messages: [{ role: 'user', content: 'A long story' }],
      }),
    );
    expect(body.choices[0].message.content).toBe('Hello from the ');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(3);
  });
});

describe('dedicated deployment chat', () => {
  const chatPath = `${DEPLOYMENT}/sync/v1/chat/completions`;

  it('is served under every deployment prefix', async () => {
    for (const prefix of [
      '/environments/staging',
      '/production',
      '/development',
      '/deployment/abc123',
    ]) {
      const response = await post(`${prefix}/sync/v1/chat/completions`, {
        model: 'placeholder',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(response.status, prefix).toBe(200);
    }
  });

  it('answers errors with the OpenAI object envelope', async () => {
    const response = await post(chatPath, {
      model: 'placeholder',
      messages: 'nope',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: '"messages" must be a non-empty array',
        type: 'BadRequestError',
        param: 'messages',
        code: 400,
      },
    });
  });

  it('checks the model against servedModelName like vLLM when one is set', async () => {
    const vllm = await startBasetenEmulator({ servedModelName: 'my-llm' });
    try {
      const send = (model: string) =>
        fetch(`${vllm.modelURL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: 'Bearer k' },
          body: JSON.stringify({
            model,
            messages: [{ role: 'user', content: 'Hi' }],
          }),
        });
      const wrong = await send('placeholder');
      expect(wrong.status).toBe(404);
      expect(await wrong.json()).toMatchObject({
        error: { type: 'NotFoundError', param: 'model', code: 404 },
      });
      expect((await send('my-llm')).status).toBe(200);
    } finally {
      await vllm.close();
    }
  });

  it('a TensorRT-LLM deployment streams tool calls its way: several deltas per index in one event, a fresh id on each', async () => {
    const { chunks } = await events(
      await post('/deployment/trtllm01/sync/v1/chat/completions', {
        model: 'placeholder',
        stream: true,
        messages: [{ role: 'user', content: 'x' }],
        tools: [weatherTool],
      }),
    );
    const perEvent = chunks
      .map(
        chunk =>
          (chunk.choices[0]?.delta.tool_calls as {
            index: number;
            id: string;
            function: { name?: string; arguments: string };
          }[]) ?? [],
      )
      .filter(deltas => deltas.length > 0);
    expect(perEvent[0]).toHaveLength(2);
    expect(perEvent[0].map(delta => delta.index)).toEqual([0, 0]);
    const all = perEvent.flat();
    expect(new Set(all.map(delta => delta.id)).size).toBe(all.length);
    expect(all.filter(delta => delta.function.name !== undefined)).toHaveLength(
      1,
    );
    expect(
      JSON.parse(all.map(delta => delta.function.arguments).join('')),
    ).toEqual({ city: 'sample city', unit: 'celsius' });
  });

  it('calls every tool, one index each, with parallel_tool_calls: true', async () => {
    const body = await readJson<Completion>(
      await post(chatPath, {
        model: 'placeholder',
        messages: [{ role: 'user', content: 'x' }],
        tools: [
          weatherTool,
          {
            type: 'function',
            function: { name: 'noop', parameters: { type: 'object' } },
          },
        ],
        parallel_tool_calls: true,
      }),
    );
    expect(
      body.choices[0].message.tool_calls?.map(call => call.function.name),
    ).toEqual(['get_weather', 'noop']);
  });
});

describe('dedicated deployment embeddings, rerank and predict', () => {
  const embeddingsPath = `${DEPLOYMENT}/sync/v1/embeddings`;

  it('embeds each input as a deterministic unit vector, with equal prompt and total tokens', async () => {
    const body = await readJson<Embeddings>(
      await post(embeddingsPath, {
        input: ['sunny day', 'rainy night ☔'],
        model: 'm',
      }),
    );
    expect(body).toMatchObject({
      object: 'list',
      model: 'm',
      usage: { prompt_tokens: 5, total_tokens: 5 },
    });
    const [a, b] = body.data;
    expect([a.index, b.index]).toEqual([0, 1]);
    expect(a.embedding).toHaveLength(8);
    expect(Math.hypot(...a.embedding)).toBeCloseTo(1, 5);
    expect(a.embedding).not.toEqual(b.embedding);

    const again = await readJson<Embeddings>(
      await post(embeddingsPath, { input: 'sunny day', model: 'm' }),
    );
    expect(again.data[0].embedding).toEqual(a.embedding);
  });

  it('honours dimensions and base64 (float32 little-endian)', async () => {
    const floats = await readJson<Embeddings>(
      await post(embeddingsPath, { input: ['x'], model: 'm', dimensions: 4 }),
    );
    const base64 = await readJson<Embeddings<string>>(
      await post(embeddingsPath, {
        input: ['x'],
        model: 'm',
        dimensions: 4,
        encoding_format: 'base64',
      }),
    );
    const bytes = Buffer.from(base64.data[0].embedding, 'base64');
    const decoded = Array.from({ length: 4 }, (_, i) =>
      bytes.readFloatLE(i * 4),
    );
    expect(floats.data[0].embedding).toHaveLength(4);
    expect(decoded).toEqual(floats.data[0].embedding);
  });

  it('refuses more than 128 inputs with 413 and an empty input with 400, in the object envelope', async () => {
    const tooMany = await post(embeddingsPath, {
      input: Array.from({ length: 129 }, (_, i) => `t${i}`),
      model: 'm',
    });
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toMatchObject({
      error: {
        message: 'batch size 129 > maximum allowed batch size 128',
        code: 413,
      },
    });
    const empty = await post(embeddingsPath, { input: [], model: 'm' });
    expect(empty.status).toBe(400);
    expect(
      (await readJson<{ error: { param: string } }>(empty)).error.param,
    ).toBe('input');
    expect(
      (await post(embeddingsPath, { input: ['x'], dimensions: 9 })).status,
    ).toBe(400);
  });

  it('reranks into a bare array in a stable order that is not by score', async () => {
    const texts = [
      'cats purr',
      'dogs bark loudly',
      'the cat sat',
      'stock prices',
      'cats and dogs',
    ];
    const response = await post(`${DEPLOYMENT}/sync/rerank`, {
      query: 'cats dogs',
      texts,
      return_text: true,
    });
    const entries =
      await readJson<{ index: number; score: number; text: string }[]>(
        response,
      );
    expect(entries.map(entry => entry.index).sort()).toEqual([0, 1, 2, 3, 4]);
    for (const entry of entries) {
      expect(entry.text).toBe(texts[entry.index]);
      expect(entry.score).toBeGreaterThan(0);
      expect(entry.score).toBeLessThan(1);
    }
    const best = [...entries].sort((a, b) => b.score - a.score)[0];
    expect(best.index).toBe(4);
    expect(entries.map(entry => entry.score)).not.toEqual(
      [...entries].map(e => e.score).sort((a, b) => b - a),
    );

    const again = await readJson<typeof entries>(
      await post(`${DEPLOYMENT}/sync/rerank`, { query: 'cats dogs', texts }),
    );
    expect(again.map(entry => entry.index)).toEqual(
      entries.map(entry => entry.index),
    );
    expect(again[0].text).toBeNull();
    const raw = await readJson<typeof entries>(
      await post(`${DEPLOYMENT}/sync/rerank`, {
        query: 'cats dogs',
        texts,
        raw_scores: true,
      }),
    );
    expect(raw.some(entry => entry.score < 0)).toBe(true);
    expect(
      (
        await post(`${DEPLOYMENT}/sync/rerank`, {
          query: 'q',
          texts: Array(129).fill('t'),
        })
      ).status,
    ).toBe(413);
  });

  it('answers /predict like a custom Truss model, not like OpenAI', async () => {
    for (const path of [
      `${DEPLOYMENT}/predict`,
      `${DEPLOYMENT}/sync/predict`,
    ]) {
      const body = await readJson<unknown>(
        await post(path, { messages: [{ role: 'user', content: 'Hi' }] }),
      );
      expect(body).toEqual({ output: stringContaining('received messages') });
      expect(body).not.toHaveProperty('choices');
    }
  });
});

describe('faults', () => {
  const chat = (headers: Record<string, string> = {}, stream = false) =>
    post(
      '/v1/chat/completions',
      {
        model: 'zai-org/GLM-4.7',
        stream,
        messages: [{ role: 'user', content: 'Hi' }],
      },
      headers,
    );

  it('answers the status with retry headers when the fault header asks', async () => {
    const limited = await chat({
      'x-baseten-emulator-fault':
        'status=429; retry-after=2; retry-after-ms=1500',
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect(await limited.json()).toEqual({
      error: 'Emulated fault: HTTP 429.',
    });
    expect(emulator.requests[0].fault).toEqual({
      status: 429,
      retryAfterSeconds: 2,
      retryAfterMs: 1500,
    });
    const unavailable = await post(
      `${DEPLOYMENT}/sync/v1/embeddings`,
      { input: ['x'] },
      {
        'x-baseten-emulator-fault': 'status=503; message=replica warming up',
      },
    );
    expect(unavailable.status).toBe(503);
    expect(await unavailable.json()).toMatchObject({
      error: { message: 'replica warming up', code: 503 },
    });
  });

  it('refuses a fault header it cannot read with 400', async () => {
    const response = await chat({ 'x-baseten-emulator-fault': 'stauts=500' });
    expect(response.status).toBe(400);
    expect((await readJson<{ error: string }>(response)).error).toMatch(
      /unknown item/,
    );
  });

  it('serves queued faults to matching requests only, then answers normally', async () => {
    emulator.faults.enqueue(
      { status: 500 },
      { path: '/chat/completions', times: 2 },
    );
    expect(
      (await post(`${DEPLOYMENT}/sync/rerank`, { query: 'q', texts: ['t'] }))
        .status,
    ).toBe(200);
    expect((await chat()).status).toBe(500);
    expect((await chat()).status).toBe(500);
    expect((await chat()).status).toBe(200);
    expect(emulator.faults.pending).toBe(0);
  });

  it('adds latency before answering', async () => {
    const started = performance.now();
    const response = await chat({
      'x-baseten-emulator-fault': 'latency-ms=150',
    });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection after N streamed events, so reading the body fails after them', async () => {
    const response = await chat(
      { 'x-baseten-emulator-fault': 'drop-after-chunks=3' },
      true,
    );
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let received = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += new TextDecoder().decode(value);
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received.match(/^data: /gm)).toHaveLength(3);
    expect(received).not.toContain('[DONE]');
  });

  it('drops a non-streamed request before answering', async () => {
    await expect(
      post(
        `${DEPLOYMENT}/sync/v1/embeddings`,
        { input: ['x'] },
        {
          'x-baseten-emulator-fault': 'drop-after-chunks=0',
        },
      ),
    ).rejects.toThrow();
  });

  it('truncates the Nth event into unparsable JSON', async () => {
    const response = await chat(
      { 'x-baseten-emulator-fault': 'malformed-chunk-at=2' },
      true,
    );
    const payloads = (await response.text())
      .split('\n')
      .filter(line => line.startsWith('data: '))
      .map(l => l.slice(6));
    expect((): unknown => JSON.parse(payloads[0])).not.toThrow();
    expect((): unknown => JSON.parse(payloads[1])).toThrow();
    expect((): unknown => JSON.parse(payloads[2])).not.toThrow();
    expect(payloads.at(-1)).toBe('[DONE]');
  });

  it('holds a hanging request until the client aborts it', async () => {
    const controller = new AbortController();
    const pending = fetch(`${emulator.baseURL}/models`, {
      headers: {
        authorization: 'Bearer k',
        'x-baseten-emulator-fault': 'hang',
      },
      signal: controller.signal,
    });
    await expect.poll(() => emulator.requests.length).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect((await chat()).status).toBe(200);
  });

  it('ends hanging requests on close()', async () => {
    const hangs = await startBasetenEmulator();
    const held = fetch(`${hangs.baseURL}/models`, {
      headers: {
        authorization: 'Bearer k',
        'x-baseten-emulator-fault': 'hang',
      },
    }).catch((error: unknown) => error);
    await expect.poll(() => hangs.requests.length).toBe(1);
    await hangs.close();
    expect(await held).toBeInstanceOf(Error);
  });

  it('answers 504 when a hang outlasts hangTimeoutMs', async () => {
    const short = await startBasetenEmulator({ hangTimeoutMs: 50 });
    try {
      const response = await fetch(`${short.modelURL}/chat/completions`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer k',
          'x-baseten-emulator-fault': 'hang',
        },
        body: JSON.stringify({
          model: 'm',
          messages: [{ role: 'user', content: 'x' }],
        }),
      });
      expect(response.status).toBe(504);
      expect(
        (await readJson<{ error: { code: number } }>(response)).error.code,
      ).toBe(504);
    } finally {
      await short.close();
    }
  });
});
