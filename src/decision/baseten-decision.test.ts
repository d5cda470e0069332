import {
  APICallError,
  Experimental_DecisionUnsupportedQuestionTypeError,
  InvalidArgumentError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { experimental_decide as decide } from 'ai';
import { describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import { expectInvalidResponseData } from '../test/expect-errors';
import { json, useTestServer } from '../test/msw-server';
import { VERSION } from '../version';
import missingAnswer from './__fixtures__/systemone-missing-answer.json';
import unknownModel from './__fixtures__/model-apis-unknown-model-404.json';
import ticketTriage from './__fixtures__/systemone-ticket-triage.json';
import unrounded from './__fixtures__/systemone-unrounded.json';

const KEY = 'dec1sion.0123456789abcdef';
const URL = 'https://inference.baseten.co/v1/systemone';
const server = useTestServer();

const provider = (settings: BasetenProviderSettings = {}) =>
  createBaseten({ apiKey: KEY, ...settings });

const TICKET =
  'Order 4411: you charged my card twice this morning. I want the duplicate refunded before the weekend.';

const TRIAGE = {
  wants_refund: {
    type: 'boolean',
    instructions: 'Is the customer asking for money back?',
  },
  team: {
    type: 'choice',
    instructions: 'Which team should take this ticket?',
    criteria: {
      billing: 'charges, invoices, refunds',
      technical: 'bugs and outages',
      sales: null,
    },
  },
  urgency: {
    type: 'score',
    instructions: 'How soon does this need an answer?',
    criteria: ['can wait a week', 'this week', 'today'],
  },
} as const;

describe('decision models: the wire', () => {
  it('posts state and questions to ${baseURL}/systemone, boolean sent as noul', async () => {
    server.onPost(URL, () =>
      json(ticketTriage, 200, { 'x-baseten-request-id': 'req-7f3a' }),
    );
    await decide({
      model: provider().decisionModel('decision-models/laya'),
      state: TICKET,
      questions: TRIAGE,
      headers: { 'x-trace': 'abc' },
    });

    const [request] = server.requests;
    expect(request.url).toBe(URL);
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['x-trace']).toBe('abc');
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    expect(request.body).toEqual({
      model: 'decision-models/laya',
      state: TICKET,
      questions: {
        wants_refund: {
          type: 'noul',
          instructions: 'Is the customer asking for money back?',
        },
        team: TRIAGE.team,
        urgency: TRIAGE.urgency,
      },
    });
  });

  it('sends a boolean question without instructions with its true/false criteria', async () => {
    server.onPost(URL, () =>
      json({
        answers: { spam: { type: 'noul', noul: 0.02 } },
        usage: { input_tokens: 12, output_tokens: 0 },
      }),
    );
    const { answers } = await decide({
      model: provider().decisionModel(),
      state: { subject: 'Invoice 2291', body: 'Attached is March.' },
      questions: {
        spam: {
          type: 'boolean',
          criteria: { true: 'unsolicited advertising', false: null },
        },
      },
    });
    expect(server.requests[0].body).toMatchObject({
      model: 'decision-models/laya',
      state: { subject: 'Invoice 2291', body: 'Attached is March.' },
      questions: {
        spam: {
          type: 'noul',
          criteria: { true: 'unsolicited advertising', false: null },
        },
      },
    });
    expect(answers.spam).toEqual({ type: 'boolean', probability: 0.02 });
  });

  it('sends several state parts as one JSON array, in order', async () => {
    server.onPost(URL, () =>
      json({ answers: { spam: { type: 'noul', noul: 0.5 } } }),
    );
    await decide({
      model: provider().decisionModel(),
      state: [
        { type: 'text', text: 'First message.' },
        { type: 'json', value: { channel: 'email' } },
      ],
      questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
    });
    expect((server.requests[0].body as { state: unknown }).state).toEqual([
      'First message.',
      { channel: 'email' },
    ]);
  });

  it('posts to the decisionURL setting when it is set', async () => {
    const custom = 'https://gateway.example.com/baseten/v1/decide';
    server.onPost(custom, () =>
      json({ answers: { spam: { type: 'noul', noul: 0.5 } } }),
    );
    await decide({
      model: provider({ decisionURL: custom }).decisionModel(),
      state: 'hello',
      questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
    });
    expect(server.requests[0].url).toBe(custom);
  });

  it('posts to a custom baseURL + /systemone', async () => {
    const base = 'https://gateway.example.com/baseten/v1';
    server.onPost(`${base}/systemone`, () =>
      json({ answers: { spam: { type: 'noul', noul: 0.5 } } }),
    );
    await decide({
      model: provider({ baseURL: `${base}/` }).decisionModel(),
      state: 'hello',
      questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
    });
    expect(server.requests[0].url).toBe(`${base}/systemone`);
  });
});

describe('decision models: answers', () => {
  it('maps every answer type, keeps probabilities, confidence, legend, usage and request id', async () => {
    server.onPost(URL, () =>
      json(ticketTriage, 200, { 'x-baseten-request-id': 'req-7f3a' }),
    );
    const result = await decide({
      model: provider().decisionModel('decision-models/laya'),
      state: TICKET,
      questions: TRIAGE,
    });
    expect(result.answers).toEqual({
      wants_refund: { type: 'boolean', probability: 0.97 },
      team: {
        type: 'choice',
        choice: 'billing',
        probabilities: { billing: 0.96, technical: 0.03, sales: 0.01 },
      },
      urgency: {
        type: 'score',
        score: 1.55,
        probabilities: { '0': 0.1, '1': 0.25, '2': 0.65 },
      },
    });
    expect(result.usage).toEqual({
      inputTokens: 57,
      outputTokens: 0,
      totalTokens: 57,
    });
    expect(result.providerMetadata?.baseten).toEqual({
      requestId: 'req-7f3a',
      model: 'decision-models/laya',
      answers: {
        team: { confidence: 0.94 },
        urgency: {
          confidence: 0.71,
          legend: { '0': 'can wait a week', '1': 'this week', '2': 'today' },
        },
      },
    });
    expect(result.response.id).toBe('so_6b1f0c2e9d3a4e57');
    expect(result.response.modelId).toBe('decision-models/laya');
    // two decimals on the wire: the AI SDK is told, so its sum checks allow for it
    expect(result.rounding).toEqual({
      probabilityDecimals: 2,
      scoreDecimals: 2,
    });
  });

  it('reports no rounding for full-precision probabilities', async () => {
    server.onPost(URL, () => json(unrounded));
    const result = await decide({
      model: provider().decisionModel(),
      state: 'The dashboard shows a 500 error since the last deploy.',
      questions: { team: TRIAGE.team },
    });
    expect(result.answers.team).toEqual({
      type: 'choice',
      choice: 'technical',
      probabilities: unrounded.answers.team.probabilities,
    });
    expect(result.rounding).toBeUndefined();
    expect(result.providerMetadata?.baseten).toMatchObject({
      answers: { team: { confidence: 0.8815247416496277 } },
    });
  });

  it('refuses a response that leaves a question unanswered', async () => {
    server.onPost(URL, () => json(missingAnswer));
    const error = await decide({
      model: provider().decisionModel(),
      state: TICKET,
      questions: {
        wants_refund: TRIAGE.wants_refund,
        team: TRIAGE.team,
      },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expectInvalidResponseData(error, /no answer to "team"/);
  });

  it('refuses an answer of another type than its question', async () => {
    server.onPost(URL, () =>
      json({ answers: { team: { type: 'noul', noul: 0.4 } } }),
    );
    const error = await decide({
      model: provider().decisionModel(),
      state: TICKET,
      questions: { team: TRIAGE.team },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expectInvalidResponseData(
      error,
      /question "team" \(a choice question\) with a noul answer/,
    );
  });

  it('refuses a body that is not System One answers, naming the field', async () => {
    server.onPost(URL, () => json({ data: [{ answers: {} }] }));
    const error = await decide({
      model: provider().decisionModel(),
      state: TICKET,
      questions: { team: TRIAGE.team },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expectInvalidResponseData(error, /answers/);
  });
});

describe('decision models: refused before sending', () => {
  it('declares choice, score and boolean; a box question never reaches Baseten', async () => {
    const model = provider().decisionModel();
    expect(model.supportedQuestionTypes).toEqual([
      'choice',
      'score',
      'boolean',
    ]);
    await expect(
      model.doDecide({
        state: [{ type: 'text', text: 'a photo' }],
        questions: { face: { type: 'box', instructions: 'Where is it?' } },
      }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        Experimental_DecisionUnsupportedQuestionTypeError.isInstance(error) &&
        error.questionId === 'face' &&
        error.questionType === 'box',
    );
    expect(server.requests).toHaveLength(0);
  });

  it('refuses image state (Laya reads text and JSON)', async () => {
    await expect(
      provider()
        .decisionModel()
        .doDecide({
          state: [
            {
              type: 'file',
              mediaType: 'image/png',
              data: { type: 'data', data: new Uint8Array([137, 80, 78, 71]) },
            },
          ],
          questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
        }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        UnsupportedFunctionalityError.isInstance(error) &&
        /text and JSON state only, not image\/png/.test(error.message),
    );
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a decisionURL that is not an http(s) URL, naming the setting', () => {
    expect(() => provider({ decisionURL: 'ftp://x/systemone' })).not.toThrow();
    expect(() =>
      provider({ decisionURL: 'ftp://x/systemone' }).decisionModel(),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      provider({ decisionURL: 'ftp://x/systemone' }).decisionModel(),
    ).toThrow(/Invalid decisionURL/);
  });

  it('warns about maxOutputTokens, reasoning and provider options it does not use', async () => {
    server.onPost(URL, () =>
      json({ answers: { spam: { type: 'noul', noul: 0.5 } } }),
    );
    const { warnings } = await decide({
      model: provider().decisionModel(),
      state: 'hello',
      questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
      maxOutputTokens: 16,
      reasoning: 'high',
      providerOptions: { baseten: { temperature: 0 } },
    });
    expect(warnings.map(warning => warning.type)).toEqual([
      'unsupported',
      'unsupported',
      'unsupported',
    ]);
    expect(JSON.stringify(warnings)).toMatch(/maxOutputTokens/);
    expect(JSON.stringify(warnings)).toMatch(
      /providerOptions.baseten.temperature/,
    );
  });
});

describe('decision models: errors', () => {
  it("reads Model APIs' error envelope, with the request id and without the key", async () => {
    server.onPost(URL, () =>
      json({ ...unknownModel, echoed: `Bearer ${KEY}` }, 404, {
        'x-baseten-request-id': 'req-404',
      }),
    );
    const error = await decide({
      model: provider().decisionModel('decision-models/nope'),
      state: 'hello',
      questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.statusCode).toBe(404);
    expect(apiError.isRetryable).toBe(false);
    expect(apiError.message).toBe(
      'please check the model you provided (request id req-404)',
    );
    expect(
      JSON.stringify({ ...apiError, message: apiError.message }),
    ).not.toContain(KEY);
  });

  it('marks a 429 retryable (the AI SDK retries it)', async () => {
    server.onPost(URL, () => json({ error: 'rate limit exceeded' }, 429));
    const error = await decide({
      model: provider().decisionModel(),
      state: 'hello',
      questions: { spam: { type: 'boolean', instructions: 'Spam?' } },
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).message).toBe('rate limit exceeded');
  });
});
