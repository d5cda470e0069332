import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BASETEN_CATALOG_CURRENT } from '../../catalog/baseten-catalog-snapshot';
import { anyNumber, stringMatching } from '../../test/matchers';
import { readJson } from '../../test/read-json';
import { startBasetenEmulator, type BasetenEmulator } from '../index';

// The emulator's Model APIs answers, at the HTTP level, in the shapes recorded
// from Baseten's live API (shared/reference/baseten-real-wire.md).
let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({ embeddingDimensions: 4 });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

type Json = Record<string, unknown>;
type Choice = {
  index: number;
  delta: Json;
  finish_reason?: string | null;
  stop_reason?: unknown;
};
type Chunk = {
  id: string;
  choices: Choice[];
  usage?: Json | null;
  [key: string]: unknown;
};

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return fetch(`${emulator.origin}${path}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer live-wire-key',
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

const chat = (body: Json, headers?: Record<string, string>) =>
  post('/v1/chat/completions', body, headers);
const user = (content: unknown) => [{ role: 'user', content }];

type Completion = Json & { choices: (Json & { message: Json })[]; usage: Json };

async function generate(body: Json): Promise<Completion> {
  const response = await chat(body);
  expect(response.status).toBe(200);
  return readJson<Completion>(response);
}

/** The SSE payloads of a streamed answer, and whether the body ended with `data: [DONE]`. */
async function stream(
  body: Json,
): Promise<{ chunks: Chunk[]; done: boolean; raw: string }> {
  const response = await chat({
    ...body,
    stream: true,
    stream_options: { include_usage: true },
  });
  expect(response.status).toBe(200);
  const raw = await response.text();
  const payloads = raw
    .split('\n')
    .filter(line => line.startsWith('data: '))
    .map(line => line.slice(6));
  const done = payloads.at(-1) === '[DONE]';
  return {
    chunks: payloads
      .filter(p => p !== '[DONE]')
      .map(p => JSON.parse(p) as Chunk),
    done,
    raw,
  };
}

const textOf = (chunks: Chunk[]) =>
  chunks
    .map(chunk => (chunk.choices[0]?.delta.content as string) ?? '')
    .join('');
const finishChunks = (chunks: Chunk[]) =>
  chunks.filter(chunk => chunk.choices.some(c => 'finish_reason' in c));
const toolDeltas = (chunks: Chunk[]) =>
  chunks.flatMap(
    chunk =>
      (chunk.choices[0]?.delta.tool_calls as {
        id: string;
        index: number;
        function: Json;
      }[]) ?? [],
  );

const canada = {
  prompt: 'Talk about Canada. Start with: Canada is',
  stop: ['is'],
};
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};
const noopTool = {
  type: 'function',
  function: { name: 'noop', parameters: { type: 'object', properties: {} } },
};

describe('stream endings', () => {
  it('a stop-sequence stream ends after the finish chunk and the usage-only chunk, without data: [DONE]', async () => {
    const { chunks, done, raw } = await stream({
      model: 'moonshotai/Kimi-K2-Instruct-0905',
      messages: user(canada.prompt),
      stop: canada.stop,
    });
    expect(done).toBe(false);
    expect(raw).not.toContain('[DONE]');
    expect(textOf(chunks)).toBe(
      'Hello from the Baseten emulator ✨ You said: Talk about Canada. Start with: Canada ',
    );
    const [finish] = finishChunks(chunks);
    expect(finish.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-2)).toBe(finish);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: finish.usage });
  });

  it.each(['zai-org/GLM-5.1', 'zai-org/GLM-5.2'])(
    '%s ends a stop-sequence stream on the finish chunk, which carries the final usage',
    async model => {
      const { chunks, done } = await stream({
        model,
        messages: user(canada.prompt),
        stop: 'is',
      });
      expect(done).toBe(false);
      const last = chunks.at(-1)!;
      expect(last.choices[0].finish_reason).toBe('stop');
      expect(chunks.some(chunk => chunk.choices.length === 0)).toBe(false);
      const reasoning = (last.usage!.completion_tokens_details as Json)
        .reasoning_tokens as number;
      expect(last.usage).toMatchObject({
        prompt_tokens: 12,
        completion_tokens: 17 + reasoning,
      });
    },
  );

  it('GLM 5.2 puts an integer stop_reason next to finish_reason; other slugs send none', async () => {
    const glm = await stream({
      model: 'zai-org/GLM-5.2',
      messages: user('Hi'),
    });
    expect(finishChunks(glm.chunks)[0].choices[0].stop_reason).toEqual(
      expect.any(Number),
    );
    const kimi = await generate({
      model: 'moonshotai/Kimi-K2.6',
      messages: user('Hi'),
    });
    expect(kimi.choices[0]).not.toHaveProperty('stop_reason');
  });

  it('an answer that hits no stop string ends with the finish chunk, the usage-only chunk and [DONE]', async () => {
    const { chunks, done } = await stream({
      model: 'zai-org/GLM-5.1',
      messages: user('Hi'),
      stop: ['zebra'],
    });
    expect(done).toBe(true);
    expect(finishChunks(chunks)[0].choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)!.choices).toEqual([]);
  });

  it('max_tokens reached: finish_reason length, the usage-only chunk and [DONE]', async () => {
    const { chunks, done } = await stream({
      model: 'zai-org/GLM-4.7',
      messages: user('A long story'),
      max_tokens: 3,
    });
    expect(done).toBe(true);
    expect(textOf(chunks)).toBe('Hello from the ');
    expect(finishChunks(chunks)[0].choices[0].finish_reason).toBe('length');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { completion_tokens: 3 },
    });
  });

  it.each([
    { type: 'json_object' },
    {
      type: 'json_schema',
      json_schema: {
        name: 'city',
        schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    },
  ])(
    'GLM 5 in JSON mode ($type) sends no finish_reason on any chunk, no usage-only chunk, then [DONE]',
    async format => {
      const { chunks, done } = await stream({
        model: 'zai-org/GLM-5',
        messages: user('A city'),
        response_format: format,
      });
      expect(done).toBe(true);
      expect(finishChunks(chunks)).toEqual([]);
      expect(chunks.every(chunk => chunk.choices.length === 1)).toBe(true);
      expect((): unknown => JSON.parse(textOf(chunks))).not.toThrow();
      const generated = await generate({
        model: 'zai-org/GLM-5',
        messages: user('A city'),
        response_format: format,
      });
      expect(generated.choices[0]).not.toHaveProperty('finish_reason');
      expect(
        JSON.parse(generated.choices[0].message.content as string),
      ).toEqual(JSON.parse(textOf(chunks)));
    },
  );

  it('GLM 4.7 in JSON mode finishes as usual', async () => {
    const { chunks, done } = await stream({
      model: 'zai-org/GLM-4.7',
      messages: user('A city'),
      response_format: { type: 'json_object' },
    });
    expect(done).toBe(true);
    expect(finishChunks(chunks)[0].choices[0].finish_reason).toBe('stop');
  });

  it('stop is honoured without streaming too: the text ends before the stop string, finish stop', async () => {
    const body = await generate({
      model: 'deepseek-ai/DeepSeek-V3.1',
      messages: user(canada.prompt),
      stop: canada.stop,
    });
    expect(body.choices[0].message.content).toBe(
      'Hello from the Baseten emulator ✨ You said: Talk about Canada. Start with: Canada ',
    );
    expect(body.choices[0].finish_reason).toBe('stop');
  });
});

describe('chunk framing', () => {
  it('every delta repeats role and the placeholder fields; every chunk has service_tier and system_fingerprint', async () => {
    const { chunks } = await stream({
      model: 'zai-org/GLM-4.7',
      messages: user('Hi'),
    });
    for (const chunk of chunks.filter(c => c.choices.length > 0)) {
      expect(chunk.choices[0].delta).toMatchObject({
        role: 'assistant',
        tool_calls: [],
        function_call: null,
        refusal: null,
      });
    }
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        service_tier: null,
        system_fingerprint: null,
      });
    }
  });

  it('non-final choices have no finish_reason key; the finish chunk carries the last text', async () => {
    const { chunks } = await stream({
      model: 'moonshotai/Kimi-K2.5',
      messages: user('Count to three'),
    });
    const withChoice = chunks.filter(chunk => chunk.choices.length > 0);
    expect(
      withChoice
        .slice(0, -1)
        .every(chunk => !('finish_reason' in chunk.choices[0])),
    ).toBe(true);
    expect(withChoice.at(-1)!.choices[0]).toMatchObject({
      finish_reason: 'stop',
      delta: { content: 'three' },
    });
  });

  it('every chunk and the non-streamed answer carry cumulative usage with both detail objects; the answer no service_tier', async () => {
    const details = {
      prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
      completion_tokens_details: {
        accepted_prediction_tokens: 0,
        audio_tokens: 0,
        reasoning_tokens: anyNumber(),
        rejected_prediction_tokens: 0,
      },
    };
    const { chunks } = await stream({
      model: 'openai/gpt-oss-120b',
      messages: user('Hi'),
    });
    for (const chunk of chunks) expect(chunk.usage).toMatchObject(details);
    const totals = chunks.map(
      chunk => chunk.usage!.completion_tokens as number,
    );
    expect([...totals].sort((a, b) => a - b)).toEqual(totals);
    const body = await generate({
      model: 'openai/gpt-oss-120b',
      messages: user('Hi'),
    });
    expect(body.usage).toEqual({
      prompt_tokens: 4,
      completion_tokens: totals.at(-1),
      total_tokens: 4 + totals.at(-1)!,
      ...details,
    });
    // No model's non-streamed answer carries service_tier / system_fingerprint.
    expect(body).not.toHaveProperty('service_tier');
    expect(body).not.toHaveProperty('system_fingerprint');
  });

  it('DeepSeek V4 Pro sends an empty text chunk with usage: null after the finish chunk', async () => {
    const { chunks, done } = await stream({
      model: 'deepseek-ai/DeepSeek-V4-Pro',
      messages: user('Hi'),
    });
    expect(done).toBe(true);
    const finishAt = chunks.indexOf(finishChunks(chunks)[0]);
    expect(
      chunks
        .slice(finishAt + 1)
        .map(chunk => [chunk.choices[0]?.delta.content, chunk.usage]),
    ).toEqual([
      ['', null],
      [undefined, chunks[finishAt].usage],
    ]);
  });

  it('completion ids are chatcmpl- and 32 hex, the same on every chunk', async () => {
    const { chunks } = await stream({
      model: 'zai-org/GLM-4.7',
      messages: user('Hi'),
    });
    expect(chunks[0].id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(new Set(chunks.map(chunk => chunk.id)).size).toBe(1);
    expect(
      (await generate({ model: 'zai-org/GLM-4.7', messages: user('Hi') })).id,
    ).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
  });
});

describe('tool calls', () => {
  const parallel = {
    messages: user('Weather?'),
    tools: [weatherTool, noopTool],
    parallel_tool_calls: true,
  };

  it.each([
    'zai-org/GLM-4.7',
    'MiniMaxAI/MiniMax-M2.5',
    'deepseek-ai/DeepSeek-V4-Pro',
  ])(
    '%s tool-call ids are chatcmpl-tool- and 32 hex, and the message has no content key',
    async model => {
      const body = await generate({ model, ...parallel });
      const message = body.choices[0].message as {
        tool_calls: { id: string }[];
      };
      expect(message.tool_calls.map(call => call.id)).toEqual([
        expect.stringMatching(/^chatcmpl-tool-[0-9a-f]{32}$/),
        expect.stringMatching(/^chatcmpl-tool-[0-9a-f]{32}$/),
      ]);
      expect(message).not.toHaveProperty('content');
      expect(body.choices[0].finish_reason).toBe('tool_calls');
    },
  );

  it('Kimi tool-call ids are functions.NAME:INDEX, repeated on every delta of the call', async () => {
    const body = await generate({ model: 'moonshotai/Kimi-K2.5', ...parallel });
    const calls = body.choices[0].message.tool_calls as { id: string }[];
    expect(calls.map(call => call.id)).toEqual([
      'functions.get_weather:0',
      'functions.noop:1',
    ]);
    const deltas = toolDeltas(
      (await stream({ model: 'moonshotai/Kimi-K2.5', ...parallel })).chunks,
    );
    expect(deltas.map(delta => [delta.index, delta.id])).toEqual([
      ...Array<unknown>(4).fill([0, 'functions.get_weather:0']),
      ...Array<unknown>(3).fill([1, 'functions.noop:1']),
    ]);
  });

  it('streamed tool-call deltas carry id, type and function, with name "" after the first (Kimi K2.5)', async () => {
    const deltas = toolDeltas(
      (
        await stream({
          model: 'moonshotai/Kimi-K2.5',
          messages: user('x'),
          tools: [weatherTool],
        })
      ).chunks,
    );
    expect(deltas.length).toBeGreaterThan(1);
    expect(
      deltas.map(delta => (delta.function as { name: string }).name),
    ).toEqual(['get_weather', ...Array<string>(deltas.length - 1).fill('')]);
    for (const delta of deltas)
      expect(delta).toMatchObject({ id: deltas[0].id, type: 'function' });
    expect(
      JSON.parse(deltas.map(delta => delta.function.arguments).join('')),
    ).toEqual({
      city: 'sample city',
    });
  });

  it.each(['zai-org/GLM-5', 'MiniMaxAI/MiniMax-M2.5'])(
    '%s gives every streamed tool-call delta a fresh id',
    async model => {
      const deltas = toolDeltas(
        (await stream({ model, messages: user('x'), tools: [weatherTool] }))
          .chunks,
      );
      expect(deltas.length).toBeGreaterThan(1);
      expect(new Set(deltas.map(delta => delta.id)).size).toBe(deltas.length);
      for (const delta of deltas)
        expect(delta.id).toMatch(/^chatcmpl-tool-[0-9a-f]{32}$/);
      expect(deltas.slice(1).every(delta => delta.function.name === '')).toBe(
        true,
      );
    },
  );

  it('DeepSeek V3.1 streams a whole tool call in one delta', async () => {
    const { chunks } = await stream({
      model: 'deepseek-ai/DeepSeek-V3.1',
      messages: user('x'),
      tools: [weatherTool],
    });
    const deltas = toolDeltas(chunks);
    expect(deltas).toHaveLength(1);
    expect(deltas[0].function).toEqual({
      name: 'get_weather',
      arguments: '{"city":"sample city"}',
    });
    expect(finishChunks(chunks)[0].choices[0].finish_reason).toBe('tool_calls');
  });

  it('Kimi K2 Thinking gives two parallel calls of one tool the same id, with different arguments, streamed and not', async () => {
    const request = {
      model: 'moonshotai/Kimi-K2-Thinking',
      messages: user('Two cities'),
      tools: [weatherTool],
      parallel_tool_calls: true,
    };
    const calls = (await generate(request)).choices[0].message.tool_calls as {
      id: string;
      function: { arguments: string };
    }[];
    expect(calls.map(call => call.id)).toEqual([
      'functions.get_weather:0',
      'functions.get_weather:0',
    ]);
    expect(
      calls.map((call): unknown => JSON.parse(call.function.arguments)),
    ).toEqual([{ city: 'sample city' }, { city: 'sample city 2' }]);
    const deltas = toolDeltas((await stream(request)).chunks);
    expect(new Set(deltas.map(delta => delta.index))).toEqual(new Set([0, 1]));
    expect(new Set(deltas.map(delta => delta.id))).toEqual(
      new Set(['functions.get_weather:0']),
    );
  });

  it('GLM 4.6 answers tool_choice "required" with text and finish stop, no call', async () => {
    const body = await generate({
      model: 'zai-org/GLM-4.6',
      messages: user('x'),
      tools: [weatherTool],
      tool_choice: 'required',
    });
    expect(body.choices[0].message).not.toHaveProperty('tool_calls');
    expect(body.choices[0].finish_reason).toBe('stop');
  });
});

describe('reasoning', () => {
  it.each([
    ['deepseek-ai/DeepSeek-V4-Pro', true],
    ['openai/gpt-oss-120b', true],
    ['zai-org/GLM-4.6', true],
    ['zai-org/GLM-5.1', true],
    ['MiniMaxAI/MiniMax-M2.5', true],
    ['moonshotai/Kimi-K2-Thinking', true],
    ['deepseek-ai/DeepSeek-V3-0324', false],
    ['deepseek-ai/DeepSeek-V3.1', false],
    ['moonshotai/Kimi-K2-Instruct-0905', false],
    ['moonshotai/Kimi-K2.5', false],
    ['zai-org/GLM-4.7', false],
    ['zai-org/GLM-5', false],
  ])('%s reasons by default: %s', async (model, reasons) => {
    const message = (await generate({ model, messages: user('Why?') }))
      .choices[0].message;
    expect('reasoning_content' in message).toBe(reasons);
  });

  it('reasoning tokens count toward max_tokens: cut while reasoning, only reasoning_content and finish length', async () => {
    const request = {
      model: 'openai/gpt-oss-120b',
      messages: user('Why?'),
      max_tokens: 4,
    };
    const body = await generate(request);
    expect(body.choices[0]).toMatchObject({
      message: { reasoning_content: 'The user wrote 2 ' },
      finish_reason: 'length',
    });
    expect(body.choices[0].message).not.toHaveProperty('content');
    // gpt-oss-120b counts the reasoning in completion_tokens, not in reasoning_tokens.
    expect(body.usage).toMatchObject({
      completion_tokens: 4,
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    const { chunks } = await stream(request);
    expect(textOf(chunks)).toBe('');
    expect(
      chunks
        .flatMap(chunk => chunk.choices)
        .map(
          choice =>
            (choice.delta.reasoning_content as string | undefined) ?? '',
        )
        .join(''),
    ).toBe('The user wrote 2 ');
    // gpt-oss-120b finishes on a chunk of its own, with the null placeholders.
    expect(finishChunks(chunks)[0].choices[0]).toMatchObject({
      finish_reason: 'length',
      delta: { content: null, role: null, tool_calls: null },
    });
  });

  it('reasoning and text share max_tokens: the text gets what the reasoning left', async () => {
    // The reasoning is 15 tokens; 3 are left for the text.
    const body = await generate({
      model: 'zai-org/GLM-5.1',
      messages: user('Why?'),
      max_tokens: 18,
    });
    expect(body.choices[0].message.content).toBe('Hello from the ');
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage).toMatchObject({
      completion_tokens: 18,
      completion_tokens_details: { reasoning_tokens: 15 },
    });
  });

  it.each([
    ['MiniMaxAI/MiniMax-M2.5', true],
    ['moonshotai/Kimi-K2-Thinking', true],
    ['zai-org/GLM-4.6', true],
    ['openai/gpt-oss-120b', false],
  ])(
    '%s repeats reasoning_content as reasoning in non-streamed messages: %s',
    async (model, copies) => {
      const message = (await generate({ model, messages: user('Why?') }))
        .choices[0].message;
      expect(message.reasoning_content).toMatch(/echoing/);
      expect(message.reasoning).toEqual(
        copies ? message.reasoning_content : undefined,
      );
    },
  );
});

describe('errors', () => {
  it.each([
    { logprobs: true },
    { top_logprobs: 2 },
    { logprobs: true, top_logprobs: 1 },
  ])(
    '%o answers 400 in the flat envelope, as JSON even to a stream request',
    async fields => {
      for (const stream of [false, true]) {
        const response = await chat({
          model: 'zai-org/GLM-4.7',
          messages: user('x'),
          stream,
          ...fields,
        });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(await response.json()).toEqual({
          message: 'returning log probs is not supported',
          type: 'Bad Request',
          code: 400,
        });
      }
    },
  );

  it('image parts: 400 flat on a text-only slug, answered on a slug whose input_modalities include image', async () => {
    const content = [
      { type: 'text', text: 'What is this?' },
      {
        type: 'image_url',
        image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' },
      },
    ];
    const textOnly = await chat({
      model: 'zai-org/GLM-4.7',
      messages: user(content),
    });
    expect(textOnly.status).toBe(400);
    expect(await textOnly.json()).toEqual({
      message: 'image_url is not supported',
      type: 'Bad Request',
      code: 400,
    });
    const vision = await generate({
      model: 'moonshotai/Kimi-K2.6',
      messages: user(content),
    });
    expect(vision.choices[0].message.content).toBe(
      'Hello from the Baseten emulator ✨ You said: What is this?',
    );
  });

  it('an empty json_schema.name: 400 on the newer models (nested and tab-indented on gpt-oss-120b); earlier ones answer', async () => {
    const format = {
      type: 'json_schema',
      json_schema: { name: '', schema: { type: 'object' } },
    };
    const response = await chat({
      model: 'openai/gpt-oss-120b',
      messages: user('x'),
      response_format: format,
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/^\{\n\t"error": \{\n\t\t"code": 400,/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual({
      error: {
        code: 400,
        message:
          'Validation: `response_format.json_schema.name` cannot be empty',
        type: 'Bad Request',
      },
    });
    expect(
      (
        await chat({
          model: 'zai-org/GLM-5',
          messages: user('x'),
          response_format: format,
        })
      ).status,
    ).toBe(200);
  });

  it('no Authorization header: 401 text/plain', async () => {
    const response = await fetch(`${emulator.baseURL}/chat/completions`, {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('No Authorization header provided');
  });

  it('started with a key, a wrong key answers 403; started without one, every non-empty key is accepted', async () => {
    const strict = await startBasetenEmulator({ apiKey: 'the-key' });
    try {
      const send = (key: string) =>
        fetch(`${strict.baseURL}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: JSON.stringify({
            model: 'zai-org/GLM-4.7',
            messages: user('x'),
            stream: true,
          }),
        });
      const wrong = await send('not-the-key');
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({
        error: 'please check the api-key you provided',
      });
      expect((await send('the-key')).status).toBe(200);
    } finally {
      await strict.close();
    }
    expect(
      (
        await chat(
          { model: 'zai-org/GLM-4.7', messages: user('x') },
          { authorization: 'Bearer anything' },
        )
      ).status,
    ).toBe(200);
  });

  it('an unknown slug answers 404 {"error": "please check the model you provided"}', async () => {
    const response = await chat({
      model: 'acme/not-a-model',
      messages: user('x'),
      stream: true,
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      error: 'please check the model you provided',
    });
  });

  it('an injected 500 answers {"error": "Internal Server Error"}; a given message is kept', async () => {
    const bare = await chat(
      { model: 'zai-org/GLM-4.7', messages: user('x') },
      { 'x-baseten-emulator-fault': 'status=500' },
    );
    expect(bare.status).toBe(500);
    expect(await bare.json()).toEqual({ error: 'Internal Server Error' });
    emulator.faults.enqueue({ status: 500, message: 'engine crashed' });
    expect(
      await (
        await chat({ model: 'zai-org/GLM-4.7', messages: user('x') })
      ).json(),
    ).toEqual({
      error: 'engine crashed',
    });
  });
});

describe('response headers', () => {
  const idHeaders = (response: Response) => ({
    requestId: response.headers.get('x-baseten-request-id'),
    sessionId: response.headers.get('x-baseten-session-id'),
    modelId: response.headers.get('x-baseten-model-id'),
    versionId: response.headers.get('x-baseten-model-version-id'),
    acceptedAt: Number(response.headers.get('x-baseten-accepted-at')),
    attempts: response.headers.get('x-baseten-model-prediction-attempts'),
  });

  it('every answer of a full-header model and of a deployment carries a fresh X-Baseten-Request-Id, an equal session id, model and version ids, accepted-at and attempts', async () => {
    const before = Date.now();
    const answers = [
      await chat({ model: 'openai/gpt-oss-120b', messages: user('x') }),
      await chat({
        model: 'openai/gpt-oss-120b',
        messages: user('x'),
        stream: true,
      }),
      await post('/environments/production/sync/v1/chat/completions', {
        model: 'm',
        messages: user('x'),
      }),
      await post('/environments/production/sync/v1/embeddings', {
        model: 'm',
        input: ['x'],
      }),
      await post('/environments/production/sync/rerank', {
        query: 'q',
        texts: ['t'],
      }),
      await post('/deployment/abc1234/predict', { anything: true }),
    ];
    const seen = answers.map(idHeaders);
    for (const headers of seen) {
      expect(headers).toEqual({
        requestId: stringMatching(/^[0-9a-f]{32}$/),
        sessionId: headers.requestId,
        modelId: stringMatching(/^[0-9a-z]{8}$/),
        versionId: stringMatching(/^[0-9a-z]+$/),
        acceptedAt: anyNumber(),
        attempts: '1',
      });
      expect(headers.acceptedAt).toBeGreaterThanOrEqual(before);
    }
    expect(new Set(seen.map(headers => headers.requestId)).size).toBe(
      answers.length,
    );
    expect(seen[0].modelId).toBe(seen[1].modelId);
    expect(seen.at(-1)!.versionId).toBe('abc1234');
    await Promise.all(
      answers.map(answer => answer.body?.cancel() ?? Promise.resolve()),
    );
  });

  it('an unknown slug (404) carries the request id; a refused key (401, 403) no X-Baseten-* header at all', async () => {
    const unknown = await chat({
      model: 'acme/not-a-model',
      messages: user('x'),
    });
    expect(unknown.headers.get('x-baseten-request-id')).toMatch(
      /^[0-9a-f]{32}$/,
    );
    const strict = await startBasetenEmulator({ apiKey: 'right' });
    try {
      const missingKey = await fetch(`${emulator.baseURL}/models`);
      const wrongKey = await fetch(`${strict.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: 'Bearer wrong' },
        body: JSON.stringify({ model: 'zai-org/GLM-4.7', messages: user('x') }),
      });
      for (const refused of [missingKey, wrongKey]) {
        const names = [...refused.headers.keys()];
        expect(names.filter(name => name.startsWith('x-baseten-'))).toEqual([]);
        await refused.body?.cancel();
      }
      expect([missingKey.status, wrongKey.status]).toEqual([401, 403]);
    } finally {
      await strict.close();
    }
  });

  it('streams are text/event-stream without a charset, with cache-control: no-cache', async () => {
    const response = await chat({
      model: 'zai-org/GLM-4.7',
      messages: user('x'),
      stream: true,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    await response.body?.cancel();
  });
});

describe('the catalog', () => {
  it('GET /v1/models answers {"data": [...]} with the current catalog snapshot, entry for entry, hugging_face_id where the listing has one', async () => {
    const response = await fetch(`${emulator.baseURL}/models`, {
      headers: { authorization: 'Bearer k' },
    });
    const withHub: Record<string, string> = {
      'zai-org/GLM-5.2': 'zai-org/GLM-5.2',
      'zai-org/GLM-5.2-Fast': 'zai-org/GLM-5.2',
      'deepseek-ai/DeepSeek-V4-Flash-0731':
        'deepseek-ai/DeepSeek-V4-Flash-0731',
      'moonshotai/Kimi-K3': 'moonshotai/Kimi-K3',
      'thinkingmachines/inkling-small': 'thinkingmachines/Inkling-Small',
    };
    expect(await response.json()).toEqual({
      data: BASETEN_CATALOG_CURRENT.map(entry =>
        entry.id in withHub
          ? { ...entry, hugging_face_id: withHub[entry.id] }
          : entry,
      ),
    });
  });

  it.each([
    'deepseek-ai/DeepSeek-V3.1',
    'zai-org/GLM-5',
    'moonshotai/Kimi-K2-Thinking',
    'zai-org/GLM-4.6',
  ])(
    '%s (earlier listing or recordings) answers chat though GET /v1/models no longer lists it',
    async model => {
      expect(BASETEN_CATALOG_CURRENT.some(entry => entry.id === model)).toBe(
        false,
      );
      expect((await generate({ model, messages: user('Hi') })).model).toBe(
        model,
      );
    },
  );
});
