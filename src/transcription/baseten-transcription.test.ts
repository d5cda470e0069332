import {
  APICallError,
  InvalidArgumentError,
  InvalidResponseDataError,
  LoadAPIKeyError,
} from '@ai-sdk/provider';
import { transcribe } from 'ai';
import { HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import { json, useTestServer } from '../test/msw-server';
import { VERSION } from '../version';
import languageOnly from './__fixtures__/whisper-language-detection-only.json';
import notWhisper from './__fixtures__/truss-output-not-whisper.json';
import twoSegments from './__fixtures__/whisper-predict-two-segments.json';
import withWords from './__fixtures__/whisper-predict-word-timestamps.json';

const ROOT = 'https://model-w1sp3r00.api.baseten.co/environments/production';
const PREDICT = `${ROOT}/predict`;
const KEY = 'test-key.whisper.0123';
// a tiny WAV header and four samples: what the SDK sends is only base64 of these bytes
const AUDIO = new Uint8Array([
  ...new TextEncoder().encode('RIFF'),
  44,
  0,
  0,
  0,
  ...new TextEncoder().encode('WAVEfmt '),
  16,
  0,
  0,
  0,
  1,
  0,
  1,
  0,
  128,
  62,
  0,
  0,
  0,
  125,
  0,
  0,
  2,
  0,
  16,
  0,
  ...new TextEncoder().encode('data'),
  8,
  0,
  0,
  0,
  1,
  0,
  2,
  0,
  3,
  0,
  4,
  0,
]);
const AUDIO_B64 = btoa(String.fromCharCode(...AUDIO));

const server = useTestServer();

function whisper(settings: BasetenProviderSettings = {}) {
  return createBaseten({
    apiKey: KEY,
    modelURL: PREDICT,
    ...settings,
  }).transcriptionModel();
}

function bodyOf(index = 0) {
  return server.requests[index].body as {
    whisper_input: { audio: unknown; whisper_params: unknown };
  };
}

describe('batch transcription over /predict', () => {
  it('posts whisper_input with the audio as base64 and maps segments, language and duration', async () => {
    server.onPost(PREDICT, () => json(twoSegments, 200));
    const result = await transcribe({ model: whisper(), audio: AUDIO });
    expect(server.requests).toHaveLength(1);
    expect(bodyOf()).toEqual({
      whisper_input: { audio: { audio_b64: AUDIO_B64 }, whisper_params: {} },
    });
    expect(result.text).toBe(
      "That's one small step for man, one giant leap for mankind.",
    );
    expect(result.segments).toEqual([
      {
        text: "That's one small step for man,",
        startSecond: 0,
        endSecond: 4.72,
      },
      {
        text: 'one giant leap for mankind.',
        startSecond: 4.72,
        endSecond: 9.92,
      },
    ]);
    expect(result.language).toBe('en');
    expect(result.durationInSeconds).toBe(9.92);
    expect(result.providerMetadata.baseten).toEqual({
      segments: [
        {
          text: "That's one small step for man,",
          startSecond: 0,
          endSecond: 4.72,
          logProb: -0.8644908666610718,
        },
        {
          text: 'one giant leap for mankind.',
          startSecond: 4.72,
          endSecond: 9.92,
          logProb: -0.31259870529174805,
        },
      ],
    });
  });

  it('sends the key as a Bearer token, the user-agent suffix and custom headers; call headers win', async () => {
    server.onPost(PREDICT, () => json(twoSegments));
    await transcribe({
      model: whisper({ headers: { 'x-team': 'voice', 'x-over': 'provider' } }),
      audio: AUDIO,
      headers: { 'x-over': 'call' },
    });
    const headers = server.requests[0].headers;
    expect(headers.authorization).toBe(`Bearer ${KEY}`);
    // once, after the AI SDK's part and before provider-utils' (as vercel/ai's providers order it)
    expect(headers['user-agent']).toMatch(
      new RegExp(
        `^ai/\\S+ ai-sdk-provider-baseten/${VERSION.replaceAll('.', '\\.')} ai-sdk-provider-utils/\\S+( |$)`,
      ),
    );
    expect(
      headers['user-agent']?.split('ai-sdk-provider-baseten/'),
    ).toHaveLength(2);
    expect(headers['x-team']).toBe('voice');
    expect(headers['x-over']).toBe('call');
  });

  it('puts the request id, language probability and word timings in providerMetadata', async () => {
    server.onPost(PREDICT, () =>
      HttpResponse.json(withWords, {
        headers: {
          'x-baseten-request-id': 'req-7f3a9c',
          'x-baseten-model-id': 'w1sp3r00',
          'x-baseten-model-version-id': 'qv4k8z2',
        },
      }),
    );
    const result = await transcribe({
      model: whisper(),
      audio: AUDIO,
      timestampGranularities: ['word'],
    });
    expect(bodyOf().whisper_input.whisper_params).toEqual({
      show_word_timestamps: true,
    });
    expect(result.language).toBe('de');
    expect(result.providerMetadata.baseten).toMatchObject({
      requestId: 'req-7f3a9c',
      modelId: 'w1sp3r00',
      modelVersionId: 'qv4k8z2',
      languageProbability: 0.9871,
      segments: [
        {
          text: 'Guten Morgen, Ada.',
          logProb: -0.2011,
          words: [
            { text: 'Guten', startSecond: 0.32, endSecond: 0.7 },
            { text: 'Morgen,', startSecond: 0.7, endSecond: 1.22 },
            { text: 'Ada.', startSecond: 1.3, endSecond: 1.86 },
          ],
        },
      ],
    });
  });

  it('a modelURL ending in /websocket posts to the same deployment’s /predict', async () => {
    server.onPost(PREDICT, () => json(twoSegments));
    const model = createBaseten({
      apiKey: KEY,
      modelURL: `${ROOT.replace('https', 'wss')}/websocket`,
    }).transcription();
    await transcribe({ model, audio: AUDIO });
    expect(server.requests[0].url).toBe(PREDICT);
  });

  it('with a URL as audio, sends the URL and lets Baseten download it (no local download)', async () => {
    server.onPost(PREDICT, () => json(twoSegments));
    // msw fails any request it has no handler for, so a local download would fail the call
    const result = await transcribe({
      model: whisper(),
      audio: new URL('https://cdn.example.com/apollo11.mp3'),
    });
    expect(server.requests).toHaveLength(1);
    expect(bodyOf().whisper_input.audio).toEqual({
      url: 'https://cdn.example.com/apollo11.mp3',
    });
    expect(result.text).toMatch(/^That's one small step/);
  });
});

describe('provider options', () => {
  it('maps the typed options onto whisper_params', async () => {
    server.onPost(PREDICT, () => json(twoSegments));
    await transcribe({
      model: whisper(),
      audio: AUDIO,
      providerOptions: {
        baseten: {
          language: 'auto',
          languageOptions: ['en', 'de'],
          prompt: 'Names: Ada Lovelace',
          wordTimestamps: false,
          useDynamicPreprocessing: true,
        },
      },
      timestampGranularities: ['word'],
    });
    expect(bodyOf().whisper_input.whisper_params).toEqual({
      audio_language: 'auto',
      language_options: ['en', 'de'],
      prompt: 'Names: Ada Lovelace',
      // the explicit option wins over timestampGranularities
      show_word_timestamps: false,
      use_dynamic_preprocessing: true,
    });
  });

  it('passes unknown keys through into whisper_params with a warning; streaming-only keys are not sent', async () => {
    server.onPost(PREDICT, () => json(twoSegments));
    const result = await transcribe({
      model: whisper(),
      audio: AUDIO,
      providerOptions: { baseten: { beam_size: 5, vadThreshold: 0.4 } },
    });
    expect(bodyOf().whisper_input.whisper_params).toEqual({ beam_size: 5 });
    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.vadThreshold',
        details: 'It applies to streaming transcription only and was not sent.',
      },
      {
        type: 'other',
        message:
          'providerOptions.baseten.beam_size is not a known Whisper option; it was sent as whisper_params.beam_size as given.',
      },
    ]);
  });

  it('language detection only: the language, an empty transcript', async () => {
    server.onPost(PREDICT, () => json(languageOnly));
    const result = await transcribe({
      model: whisper(),
      audio: AUDIO,
      providerOptions: { baseten: { languageDetectionOnly: true } },
    });
    expect(bodyOf().whisper_input.whisper_params).toEqual({
      language_detection_only: true,
    });
    expect(result.language).toBe('fr');
    expect(result.text).toBe('');
    expect(result.segments).toEqual([]);
    expect(result.providerMetadata.baseten).toEqual({
      segments: [],
      languageProbability: 0.9412,
    });
  });

  it('rejects a bad option value before any request', async () => {
    const error = await transcribe({
      model: whisper(),
      audio: AUDIO,
      providerOptions: { baseten: { wordTimestamps: 'yes' } },
    }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Invalid providerOptions\.baseten for transcription: wordTimestamps: .*See BasetenTranscriptionProviderOptions/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe('responses that are not transcripts, and errors', () => {
  it('a body without segments is an InvalidResponseDataError, not an empty transcript', async () => {
    server.onPost(PREDICT, () => json(notWhisper));
    const error = await transcribe({ model: whisper(), audio: AUDIO }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/answered without "segments"/);
  });

  it('a segment of the wrong shape is an InvalidResponseDataError naming the field', async () => {
    const [first, second] = twoSegments.segments;
    server.onPost(PREDICT, () =>
      json({ ...twoSegments, segments: [first, { ...second, text: 42 }] }),
    );
    const error = await transcribe({ model: whisper(), audio: AUDIO }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Baseten's response to the \/predict request to https:\/\/model-w1sp3r00\.api\.baseten\.co\/environments\/production\/predict is not a Whisper transcription: segments\.1\.text: /,
    );
  });

  it('a time too large for a number (1e400 parses as Infinity) is refused, not turned into Infinity', async () => {
    server.onPost(
      PREDICT,
      () =>
        new HttpResponse(
          '{"language_code":"en","segments":[{"text":" Hi.","start_time":0,"end_time":1e400}]}',
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    const error = await transcribe({ model: whisper(), audio: AUDIO }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/segments\.0\.end_time: /);
  });

  it('word timings of the wrong shape are refused too, not dropped', async () => {
    const [segment] = withWords.segments;
    const [word] = segment.word_timestamps;
    server.onPost(PREDICT, () =>
      json({
        ...withWords,
        segments: [
          { ...segment, word_timestamps: [{ ...word, start_time: '0.1' }] },
        ],
      }),
    );
    const error = await transcribe({ model: whisper(), audio: AUDIO }).catch(
      (caught: unknown) => caught,
    );
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /segments\.0\.word_timestamps\.0\.start_time: /,
    );
  });

  it('a 200 whose body is not JSON is an APICallError with the start of the body', async () => {
    server.onPost(
      PREDICT,
      () => new HttpResponse('<html>upstream reset</html>', { status: 200 }),
    );
    const error = await transcribe({ model: whisper(), audio: AUDIO }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      statusCode: 200,
      isRetryable: false,
      responseBody: '<html>upstream reset</html>',
    });
    expect((error as Error).message).toMatch(
      /^Baseten answered HTTP 200 with a body that is not JSON\./,
    );
  });

  it('retries 500 per maxRetries, then succeeds', async () => {
    let calls = 0;
    server.onPost(PREDICT, () =>
      ++calls < 3
        ? HttpResponse.json(
            { error: 'Internal Server Error' },
            { status: 500, headers: { 'retry-after-ms': '1' } },
          )
        : json(twoSegments),
    );
    const result = await transcribe({
      model: whisper(),
      audio: AUDIO,
      maxRetries: 2,
    });
    expect(server.requests).toHaveLength(3);
    expect(result.segments).toHaveLength(2);
  });

  it('honours retry-after on 429', async () => {
    let calls = 0;
    server.onPost(PREDICT, () =>
      ++calls === 1
        ? HttpResponse.json(
            { error: 'Rate limited' },
            { status: 429, headers: { 'retry-after-ms': '5' } },
          )
        : json(twoSegments),
    );
    await transcribe({ model: whisper(), audio: AUDIO, maxRetries: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('a 400 is an APICallError with the server message and is not retried', async () => {
    server.onPost(PREDICT, () =>
      json(
        {
          error: {
            message: 'Invalid audio: could not decode',
            type: 'BadRequestError',
            param: null,
            code: 400,
          },
        },
        400,
      ),
    );
    const error = await transcribe({
      model: whisper(),
      audio: AUDIO,
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(400);
    expect((error as APICallError).message).toBe(
      'Invalid audio: could not decode',
    );
    expect((error as APICallError).isRetryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it('a 403 with the edge envelope names the key problem', async () => {
    server.onPost(PREDICT, () =>
      json({ error: 'please check the api-key you provided' }, 403),
    );
    const error = await transcribe({ model: whisper(), audio: AUDIO }).catch(
      (caught: unknown) => caught,
    );
    expect((error as APICallError).statusCode).toBe(403);
    expect((error as APICallError).message).toBe(
      'please check the api-key you provided',
    );
  });

  it('uses a custom fetch', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        new Response(JSON.stringify(twoSegments), {
          headers: { 'content-type': 'application/json' },
        }),
      ),
    );
    await transcribe({ model: whisper({ fetch }), audio: AUDIO });
    expect(fetch).toHaveBeenCalledOnce();
    expect(server.requests).toHaveLength(0);
  });
});

describe('settings', () => {
  it('needs a voice modelURL, naming the setting', () => {
    expect(() => createBaseten({ apiKey: KEY }).transcriptionModel()).toThrow(
      /No model URL provided for transcription/,
    );
    expect(() =>
      createBaseten({
        apiKey: KEY,
        modelURL: `${ROOT}/sync/v1`,
      }).transcriptionModel(),
    ).toThrow(/ending in \/predict \(batch\) or \/websocket/);
  });

  it('loads BASETEN_API_KEY, never OPENAI_API_KEY', async () => {
    vi.stubEnv('BASETEN_API_KEY', '');
    vi.stubEnv('OPENAI_API_KEY', 'sk-openai-not-for-baseten');
    try {
      const model = createBaseten({ modelURL: PREDICT }).transcriptionModel();
      const error = await transcribe({ model, audio: AUDIO }).catch(
        (caught: unknown) => caught,
      );
      expect(LoadAPIKeyError.isInstance(error)).toBe(true);
      expect(server.requests).toHaveLength(0);
      vi.stubEnv('BASETEN_API_KEY', 'env-key.123');
      server.onPost(PREDICT, () => json(twoSegments));
      await transcribe({ model, audio: AUDIO });
      expect(server.requests[0].headers.authorization).toBe(
        'Bearer env-key.123',
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
