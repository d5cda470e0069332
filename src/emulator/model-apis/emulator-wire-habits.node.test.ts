import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../test/read-json';
import glm47Text from './__fixtures__/model-apis-glm-4.7-placeholders-empty-text.chunks.txt?raw';
import glm47Tool from './__fixtures__/model-apis-glm-4.7-whole-call-finish-on-tool-delta.chunks.txt?raw';
import glm51Tool from './__fixtures__/model-apis-glm-5.1-null-placeholders-tool-call.chunks.txt?raw';
import glm52Tool from './__fixtures__/model-apis-glm-5.2-lean-tool-call.chunks.txt?raw';
import gptOssText from './__fixtures__/model-apis-gpt-oss-120b-priming-null-placeholders-own-finish.chunks.txt?raw';
import deepseekTool from './__fixtures__/model-apis-deepseek-v3.1-whole-call-own-finish.chunks.txt?raw';
import nestedBadRequest from './__fixtures__/model-apis-400-nested-tab-indented.txt?raw';
import flatBadRequest from './__fixtures__/model-apis-400-flat-glm-5.2-logprobs.json';
import headerNames from './__fixtures__/model-apis-response-header-names.json';
import glm51Completion from './__fixtures__/model-apis-glm-5.1-integer-stop-reason.json';
import reasoningCut from './__fixtures__/model-apis-reasoning-cut-by-max-tokens-no-content.json';
import vllmTool from '../deployments/__fixtures__/deployment-vllm-tool-call-include-usage.chunks.txt?raw';
import sglangTool from '../deployments/__fixtures__/deployment-sglang-tool-call-include-usage.chunks.txt?raw';
import vllmNotFound from '../deployments/__fixtures__/deployment-vllm-error-model-not-found.json';
import sglangBadRequest from '../deployments/__fixtures__/deployment-sglang-error-bad-request.json';
import {
  EMULATOR_MODEL_APIS_CATALOG,
  startBasetenEmulator,
  type BasetenEmulator,
} from '../index';

// Per-model habits of the Model APIs and the engines' framing on deployments,
// held against fixtures written in the recorded / engine shapes: the emulator
// must use exactly the chunk shapes the fixture has (keys and value types;
// `object`, `role`, `type` and `finish_reason` compared by value).
let emulator: BasetenEmulator;
beforeAll(async () => {
  emulator = await startBasetenEmulator({
    servedModelName: 'my-model',
    deploymentEngines: { '/environments/sglang': 'sglang' },
  });
});
afterAll(() => emulator.close());

type Json = Record<string, unknown>;
const LITERAL_KEYS = new Set(['object', 'role', 'type', 'finish_reason']);

/** A value's structure: keys kept, leaves replaced by their type (literal keys by their value). */
function shapeOf(value: unknown, key = ''): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(item => shapeOf(item));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Json)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v, k)]),
    );
  }
  return LITERAL_KEYS.has(key) ? value : typeof value;
}

/** The distinct shapes of a stream's chunks, in first-seen order. */
function chunkShapes(chunks: readonly unknown[]): string[] {
  return [...new Set(chunks.map(chunk => JSON.stringify(shapeOf(chunk))))];
}

function parseEvents(text: string): { chunks: Json[]; done: boolean } {
  const payloads = text
    .split('\n')
    .filter(line => line.startsWith('data: '))
    .map(line => line.slice('data: '.length));
  return {
    chunks: payloads
      .filter(payload => payload !== '[DONE]')
      .map(payload => JSON.parse(payload) as Json),
    done: payloads.at(-1) === '[DONE]',
  };
}

function post(path: string, body: Json): Promise<Response> {
  return fetch(`${emulator.origin}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function streamed(path: string, body: Json) {
  const response = await post(path, { ...body, stream: true });
  expect(response.status).toBe(200);
  return parseEvents(await response.text());
}

const weather = {
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
const user = (content: string) => [{ role: 'user', content }];
const includeUsage = { stream_options: { include_usage: true } };
const MODEL_APIS = '/v1/chat/completions';
const VLLM = '/environments/production/sync/v1/chat/completions';
const SGLANG = '/environments/sglang/sync/v1/chat/completions';

describe('Model APIs habits, per model', () => {
  it.each([
    {
      what: 'GLM 5.2: lean framing (role on the first delta only, no placeholders or service_tier), the name with the first fragment, later deltas without name, finish and integer stop_reason on the last tool delta',
      model: 'zai-org/GLM-5.2',
      fixture: glm52Tool,
      tools: true,
    },
    {
      what: 'GLM 5.1: null placeholders and role on every delta, the name with the first fragment, later name null, finish with integer stop_reason on a chunk of its own',
      model: 'zai-org/GLM-5.1',
      fixture: glm51Tool,
      tools: true,
    },
    {
      what: 'GLM 4.7: the whole call in one delta, which also carries the finish',
      model: 'zai-org/GLM-4.7',
      fixture: glm47Tool,
      tools: true,
    },
    {
      what: 'DeepSeek V3.1: the whole call in one delta, then a finish chunk of its own with tool_calls: []',
      model: 'deepseek-ai/DeepSeek-V3.1',
      fixture: deepseekTool,
      tools: true,
    },
    {
      what: 'GLM 4.7: empty placeholders on every delta, text from the first chunk, the finish with the last piece',
      model: 'zai-org/GLM-4.7',
      fixture: glm47Text,
      tools: false,
    },
    {
      what: 'gpt-oss-120b: a priming chunk, null placeholders with role on the first delta only, the finish on a chunk of its own',
      model: 'openai/gpt-oss-120b',
      fixture: gptOssText,
      tools: false,
    },
  ])('$what', async ({ model, fixture, tools }) => {
    const expected = parseEvents(fixture);
    const actual = await streamed(MODEL_APIS, {
      model,
      messages: user('Weather in Paris?'),
      ...(tools ? { tools: [weather] } : {}),
      ...includeUsage,
    });
    expect(chunkShapes(actual.chunks)).toEqual(chunkShapes(expected.chunks));
    expect(actual.done).toBe(expected.done);
  });

  it('GLM 5.1 answers with an integer stop_reason on the choice', async () => {
    const response = await post(MODEL_APIS, {
      model: 'zai-org/GLM-5.1',
      messages: user('Weather in Paris?'),
    });
    expect(shapeOf(await readJson<Json>(response))).toEqual(
      shapeOf(glm51Completion),
    );
  });

  it('a reasoning model cut by max_tokens while reasoning answers with no content key', async () => {
    const response = await post(MODEL_APIS, {
      model: 'openai/gpt-oss-120b',
      messages: user('What is the tallest mountain in Europe?'),
      max_tokens: 4,
    });
    const body = await readJson<Json>(response);
    expect(shapeOf(body)).toEqual(shapeOf(reasoningCut));
  });

  it('GLM 5.3, the slug Baseten docs now use, answers chat with GLM 5.2 framing but is not listed', async () => {
    const actual = await streamed(MODEL_APIS, {
      model: 'zai-org/GLM-5.3',
      messages: user('Weather in Paris?'),
      tools: [weather],
      ...includeUsage,
    });
    expect(chunkShapes(actual.chunks)).toEqual(
      chunkShapes(parseEvents(glm52Tool).chunks),
    );
    const listing = await readJson<{ data: { id: string }[] }>(
      await fetch(`${emulator.baseURL}/models`, {
        headers: { authorization: 'Bearer k' },
      }),
    );
    expect(listing.data.map(entry => entry.id)).not.toContain(
      'zai-org/GLM-5.3',
    );
    expect(
      EMULATOR_MODEL_APIS_CATALOG.find(model => model.id === 'zai-org/GLM-5.3'),
    ).toMatchObject({
      listed: false,
      framing: 'lean',
      reasoning: 'default-on',
    });
  });
});

describe('Model APIs stop strings, per model', () => {
  it('gpt-oss-120b ignores stop: the text runs past it, finish stop, then [DONE]; GLM 4.7 honours it and ends without [DONE]', async () => {
    const ask = { messages: user('Weather in Paris?'), stop: ['Paris'] };
    const ignored = await streamed(MODEL_APIS, {
      model: 'openai/gpt-oss-120b',
      ...ask,
    });
    const honoured = await streamed(MODEL_APIS, {
      model: 'zai-org/GLM-4.7',
      ...ask,
    });
    const text = (chunks: Json[]) =>
      chunks
        .flatMap(chunk => chunk.choices as { delta: Json }[])
        .map(choice =>
          typeof choice.delta.content === 'string' ? choice.delta.content : '',
        )
        .join('');
    expect(text(ignored.chunks)).toContain('Weather in Paris?');
    expect(ignored.done).toBe(true);
    expect(text(honoured.chunks)).not.toContain('Paris');
    expect(honoured.done).toBe(false);
  });
  it.each([
    ['zai-org/GLM-5.2', false],
    ['MiniMaxAI/MiniMax-M2.5', false],
    ['deepseek-ai/DeepSeek-V4-Pro', true],
  ] as const)(
    '%s: a stop string in the reasoning ends the turn there, with no content (then [DONE]: %s)',
    async (model, done) => {
      const ask = { model, messages: user('Weather in Paris?'), stop: ['so'] };
      const answer = await readJson<{ choices: Json[] }>(
        await post(MODEL_APIS, ask),
      );
      expect(answer.choices[0]).toMatchObject({ finish_reason: 'stop' });
      const message = answer.choices[0].message as Json;
      expect(message).not.toHaveProperty('content');
      expect(message.reasoning_content).not.toContain('so');
      const stream = await streamed(MODEL_APIS, ask);
      expect(stream.done).toBe(done);
      expect(
        stream.chunks
          .flatMap(chunk => chunk.choices as { delta: Json }[])
          .every(
            choice =>
              typeof choice.delta.content !== 'string' ||
              choice.delta.content === '',
          ),
      ).toBe(true);
    },
  );
});

describe('Model APIs errors and headers, per model', () => {
  const logprobs = { logprobs: true, top_logprobs: 2 };

  it.each(['deepseek-ai/DeepSeek-V3.1', 'moonshotai/Kimi-K2-Instruct-0905'])(
    '%s refuses logprobs in the nested, tab-indented envelope, streamed or not',
    async model => {
      for (const stream of [false, true]) {
        const response = await post(MODEL_APIS, {
          model,
          messages: user('x'),
          stream,
          ...logprobs,
        });
        expect(response.status).toBe(400);
        expect(await response.text()).toBe(nestedBadRequest);
      }
    },
  );

  it('GLM 5.2 refuses logprobs in the flat envelope with its own words, streamed or not', async () => {
    for (const stream of [false, true]) {
      const response = await post(MODEL_APIS, {
        model: 'zai-org/GLM-5.2',
        messages: user('x'),
        stream,
        ...logprobs,
      });
      expect(response.status).toBe(400);
      expect(await readJson<Json>(response)).toEqual(flatBadRequest);
    }
  });

  it.each([
    'openai/gpt-oss-120b',
    'deepseek-ai/DeepSeek-V4-Pro',
    'zai-org/GLM-5.1',
  ])('%s takes logprobs and answers without them', async model => {
    const response = await post(MODEL_APIS, {
      model,
      messages: user('x'),
      ...logprobs,
    });
    expect(response.status).toBe(200);
    const body = await readJson<{ choices: Json[] }>(response);
    expect(body.choices[0]).not.toHaveProperty('logprobs');
  });

  it.each([
    ['zai-org/GLM-5.2', 'flat'],
    ['zai-org/GLM-5.1', 'nested'],
  ] as const)(
    '%s refuses image parts with the multimodal message, %s',
    async (model, envelope) => {
      const response = await post(MODEL_APIS, {
        model,
        messages: user([
          {
            type: 'image_url',
            image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' },
          },
        ] as unknown as string),
      });
      expect(response.status).toBe(400);
      const message =
        'This model does not support multimodal (image/video/audio) inputs.';
      const body = await readJson<Json>(response);
      expect(body).toEqual(
        envelope === 'flat'
          ? { message, type: 'Bad Request', code: 400 }
          : { error: { code: 400, message, type: 'Bad Request' } },
      );
    },
  );

  it.each([
    ['openai/gpt-oss-120b', 'full'],
    ['deepseek-ai/DeepSeek-V4-Pro', 'full'],
    ['zai-org/GLM-5.1', 'full'],
    ['moonshotai/Kimi-K2-Thinking', 'full'],
    ['zai-org/GLM-5.2', 'accepted-at-with-hsts'],
    ['zai-org/GLM-4.7', 'accepted-at'],
    ['zai-org/GLM-5', 'accepted-at'],
    ['MiniMaxAI/MiniMax-M2.5', 'accepted-at'],
    ['moonshotai/Kimi-K2.5', 'accepted-at'],
  ] as const)(
    '%s answers with the %s header set, on 200 and 400 alike',
    async (model, set) => {
      const answers = [
        await post(MODEL_APIS, { model, messages: user('x') }),
        await post(MODEL_APIS, {
          model,
          messages: user('x'),
          response_format: { type: 'json_schema', json_schema: {} },
          top_logprobs: 2,
          logprobs: true,
        }),
      ];
      for (const answer of answers) {
        const names = [...answer.headers.keys()].filter(
          name =>
            name.startsWith('x-baseten-') ||
            name === 'strict-transport-security' ||
            name === 'content-type',
        );
        expect(names.sort()).toEqual(headerNames[set]);
        await answer.body?.cancel();
      }
    },
  );
});

describe('dedicated deployments answer as their engine', () => {
  it('vLLM (the default): the priming delta, id and name on the first tool-call delta, arguments after, usage only on the final chunk', async () => {
    const expected = parseEvents(vllmTool);
    const actual = await streamed(VLLM, {
      model: 'my-model',
      messages: user('Weather in Paris?'),
      tools: [weather],
      ...includeUsage,
    });
    expect(chunkShapes(actual.chunks)).toEqual(chunkShapes(expected.chunks));
    expect(actual.done).toBe(true);
  });

  it('SGLang: the same order, every unset field written as null, call_ ids', async () => {
    const expected = parseEvents(sglangTool);
    const actual = await streamed(SGLANG, {
      model: 'my-model',
      messages: user('Weather in Paris?'),
      tools: [weather],
      ...includeUsage,
    });
    expect(chunkShapes(actual.chunks)).toEqual(chunkShapes(expected.chunks));
    const opening = actual.chunks
      .flatMap(chunk => (chunk.choices as { delta: Json }[]) ?? [])
      .map(choice => choice.delta.tool_calls as Json[] | null)
      .find(calls => calls !== null && calls !== undefined);
    expect(opening?.[0].id).toMatch(/^call_[0-9a-f]{24}$/);
  });

  it.each([
    ['vLLM', VLLM, (chunk: Json) => !('usage' in chunk)],
    ['SGLang', SGLANG, (chunk: Json) => chunk.usage === null],
  ])(
    '%s sends no usage in a stream without stream_options.include_usage',
    async (_, path, hasNoUsage) => {
      const { chunks } = await streamed(path, {
        model: 'my-model',
        messages: user('Hi'),
      });
      expect(chunks.every(hasNoUsage)).toBe(true);
      expect(chunks.every(chunk => (chunk.choices as []).length > 0)).toBe(
        true,
      );
    },
  );

  it('vLLM answers an unknown model in its nested error object', async () => {
    const response = await post(VLLM, {
      model: 'other',
      messages: user('Hi'),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(vllmNotFound);
  });

  it('SGLang answers a bad request in its flat error object', async () => {
    const response = await post(SGLANG, { model: 'my-model', messages: [] });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(sglangBadRequest);
  });

  it('refuses an engine it does not know, naming the option', async () => {
    await expect(
      startBasetenEmulator({
        deploymentEngines: { '/environments/x': 'tgi' as 'vllm' },
      }),
    ).rejects.toThrow(
      "deploymentEngines['/environments/x'] must be one of 'vllm', 'sglang', 'trtllm'",
    );
    await expect(
      startBasetenEmulator({ deploymentEngines: { staging: 'vllm' } }),
    ).rejects.toThrow(/deploymentEngines keys are deployment targets/);
  });
});

describe('JSON mode follows the schema in the prompt', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      age: { type: 'integer', minimum: 18 },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['name', 'age', 'tags'],
    additionalProperties: false,
  };

  it('json_object with a schema in the system message (as the AI SDK writes it): a value that fits it, the same every time', async () => {
    const request = {
      model: 'zai-org/GLM-4.7',
      response_format: { type: 'json_object' },
      messages: [
        {
          role: 'system',
          content: `JSON schema:\n${JSON.stringify(schema)}\nYou MUST answer with a JSON object that matches the JSON schema above.`,
        },
        { role: 'user', content: 'Describe a person.' },
      ],
    };
    const answers = await Promise.all(
      [1, 2].map(async () => {
        const body = await readJson<{
          choices: { message: { content: string } }[];
        }>(await post(MODEL_APIS, request));
        return JSON.parse(body.choices[0].message.content) as Json;
      }),
    );
    expect(answers[0]).toEqual(answers[1]);
    expect(Object.keys(answers[0]).sort()).toEqual(['age', 'name', 'tags']);
    expect(answers[0]).toMatchObject({
      name: expect.any(String) as string,
      tags: expect.any(Array) as unknown[],
    });
    expect(Number.isInteger(answers[0].age)).toBe(true);
    expect(answers[0].age).toBeGreaterThanOrEqual(18);
  });

  it('json_object with a schema in a fenced block, on a deployment', async () => {
    const body = await readJson<{
      choices: { message: { content: string } }[];
    }>(
      await post(VLLM, {
        model: 'my-model',
        response_format: { type: 'json_object' },
        messages: user(
          'Answer as JSON:\n```json\n{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"]}\n```',
        ),
      }),
    );
    expect(JSON.parse(body.choices[0].message.content)).toEqual({
      ok: expect.any(Boolean) as boolean,
    });
  });

  it('json_object with no schema in the messages answers as before: {"reply": …}', async () => {
    const body = await readJson<{
      choices: { message: { content: string } }[];
    }>(
      await post(MODEL_APIS, {
        model: 'zai-org/GLM-4.7',
        response_format: { type: 'json_object' },
        messages: user('Say hi as JSON {like this}'),
      }),
    );
    expect(JSON.parse(body.choices[0].message.content)).toEqual({
      reply: 'Say hi as JSON {like this}',
    });
  });
});
