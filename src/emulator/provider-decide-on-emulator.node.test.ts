import { APICallError } from '@ai-sdk/provider';
import { experimental_decide as decide } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten, wakeDeployment } from '../index';
import { startBasetenEmulator, type BasetenEmulator } from './index';

// Decision models, BEI classification and NER, and wake, through the provider against the
// emulator over real sockets.
let emulator: BasetenEmulator;
let baseten: ReturnType<typeof createBaseten>;
const KEY = 'emulator-key';
beforeAll(async () => {
  emulator = await startBasetenEmulator();
  baseten = createBaseten({ apiKey: KEY, baseURL: emulator.baseURL });
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const TICKET =
  'I was charged twice for my invoice and need a refund of the duplicate charge today.';
const QUESTIONS = {
  refund: {
    type: 'boolean',
    instructions: 'Does the customer ask for a refund?',
  },
  team: {
    type: 'choice',
    instructions: 'Which team should answer?',
    criteria: {
      billing: 'charged, invoice, refund',
      technical: 'bug, outage, error',
    },
  },
  urgency: {
    type: 'score',
    instructions: 'How urgent is it?',
    criteria: ['next month', 'this week', 'today'],
  },
} as const;

describe('decision models on the emulator', () => {
  it('answers every question in System One shape, passing the AI SDK checks, the same each time', async () => {
    const first = await decide({
      model: baseten.decisionModel('decision-models/laya'),
      state: TICKET,
      questions: QUESTIONS,
    });
    const second = await decide({
      model: baseten.decisionModel(),
      state: TICKET,
      questions: QUESTIONS,
    });
    expect(second.answers).toEqual(first.answers);
    expect(first.answers.team).toMatchObject({
      type: 'choice',
      choice: 'billing',
    });
    expect(first.answers.refund.type).toBe('boolean');
    expect(first.answers.urgency).toMatchObject({ type: 'score' });
    expect(first.usage.outputTokens).toBe(0);
    expect(first.usage.inputTokens).toBeGreaterThan(0);
    expect(first.providerMetadata?.baseten).toMatchObject({
      requestId: expect.any(String) as unknown,
      answers: {
        urgency: {
          legend: { '0': 'next month', '1': 'this week', '2': 'today' },
        },
      },
    });
    const [request] = emulator.requests;
    expect(request.path).toBe('/v1/systemone');
    expect(request.body).toMatchObject({
      questions: { refund: { type: 'noul' } },
    });
  });

  it('answers an unknown decision model with 404, as Model APIs do', async () => {
    const error = await decide({
      model: baseten.decisionModel('decision-models/nope'),
      state: TICKET,
      questions: { refund: QUESTIONS.refund },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(404);
    expect((error as APICallError).message).toMatch(
      /^please check the model you provided \(request id /,
    );
  });

  it('refuses a question type System One does not have (sent without the provider)', async () => {
    const response = await fetch(`${emulator.baseURL}/systemone`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` },
      body: JSON.stringify({
        model: 'decision-models/laya',
        state: 'x',
        questions: { where: { type: 'box', instructions: 'Where?' } },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/unsupported question type "box"/);
  });

  it('applies injected faults: a 503 is a retryable APICallError', async () => {
    emulator.faults.enqueue({ status: 503 }, { path: '/systemone' });
    const error = await decide({
      model: baseten.decisionModel(),
      state: TICKET,
      questions: { refund: QUESTIONS.refund },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect((error as APICallError).statusCode).toBe(503);
    expect((error as APICallError).isRetryable).toBe(true);
  });
});

describe('BEI classification and NER on the emulator', () => {
  const classifier = () =>
    createBaseten({
      apiKey: KEY,
      modelURL: `${emulator.origin}/environments/production/sync`,
      performanceClient: false,
    }).classifier();

  it('classify: labels for each text, in order, over several requests', async () => {
    const texts = Array.from({ length: 130 }, (_, i) =>
      i === 0
        ? 'I love it: great, excellent and really good'
        : `plain text ${i}`,
    );
    const { classifications, providerMetadata } = await classifier().classify(
      texts,
      { batchSize: 64 },
    );
    expect(classifications).toHaveLength(130);
    expect(classifications[0][0].label).toBe('positive');
    expect(providerMetadata).toMatchObject({ baseten: { requests: 3 } });
    expect(emulator.requests.map(r => r.path)).toEqual([
      '/environments/production/sync/predict',
      '/environments/production/sync/predict',
      '/environments/production/sync/predict',
    ]);
  });

  it('classifyTokens: entity spans whose offsets cut the input', async () => {
    const text = 'Yesterday Ada Lovelace visited Baseten in London.';
    const { entities } = await classifier().classifyTokens([text], {
      aggregationStrategy: 'max',
    });
    expect(entities[0].map(({ start, end }) => text.slice(start, end))).toEqual(
      ['Yesterday Ada Lovelace', 'Baseten', 'London'],
    );
    expect(entities[0].map(e => e.token)).toEqual([
      'Yesterday Ada Lovelace',
      'Baseten',
      'London',
    ]);
    const none = await classifier().classifyTokens([text], {
      aggregationStrategy: 'none',
    });
    expect(none.entities[0]).toHaveLength(7);
    expect(Object.keys(none.entities[0][0].scores)).toContain('B-PER');
  });

  it("classifyTokens refuses an unknown strategy at the server too (400, BEI's envelope)", async () => {
    const response = await fetch(
      `${emulator.origin}/environments/production/sync/predict_tokens`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}` },
        body: JSON.stringify({ inputs: [['x']], aggregation_strategy: 'mean' }),
      },
    );
    expect(response.status).toBe(400);
  });
});

describe('wake on the emulator', () => {
  it('wakes a deployment from its predict or websocket URL (202)', async () => {
    const result = await createBaseten({
      apiKey: KEY,
      modelURL: `${emulator.origin.replace('http', 'ws')}/deployment/q4wxyz9/websocket`,
    }).wake();
    expect(result.status).toBe(202);
    expect(emulator.requests[0]).toMatchObject({
      method: 'POST',
      path: '/deployment/q4wxyz9/wake',
    });
  });

  it("wakes a regional host's bare /wake", async () => {
    const result = await wakeDeployment(`${emulator.origin}/predict`, {
      apiKey: KEY,
    });
    expect(result.status).toBe(202);
    expect(emulator.requests[0].path).toBe('/wake');
  });

  it('surfaces an injected fault as an APICallError', async () => {
    emulator.faults.enqueue({ status: 500 }, { path: '/wake' });
    const error = await wakeDeployment(
      `${emulator.origin}/environments/production/predict`,
      { apiKey: KEY },
    ).catch((caught: unknown) => caught);
    expect((error as APICallError).statusCode).toBe(500);
  });
});
