import {
  APICallError,
  InvalidArgumentError,
  InvalidResponseDataError,
} from '@ai-sdk/provider';
import { transcribe } from 'ai';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { pcmToWav } from '../baseten-wav';
import { json, useTestServer } from '../test/msw-server';
import { dump } from '../test/secret-canary';
import chatGerman from './__fixtures__/qwen3-asr-chat-completion-language-prefix.json';
import chatNoSpeech from './__fixtures__/qwen3-asr-chat-completion-no-speech.json';
import uploadAnswer from './__fixtures__/qwen3-asr-transcriptions-vllm.json';
import modelDoesNotExist from './__fixtures__/vllm-404-model-does-not-exist.json';
import routeNotFound from './__fixtures__/vllm-404-route-not-found.json';

const ROOT = 'https://model-qw3n45r0.api.baseten.co/environments/production';
const SYNC_V1 = `${ROOT}/sync/v1`;
const TRANSCRIPTIONS = `${SYNC_V1}/audio/transcriptions`;
const CHAT = `${SYNC_V1}/chat/completions`;
const KEY = 'test-key.qwen3asr.4242';
// a real (tiny) WAV file: 16 kHz mono, eight samples
const WAV = pcmToWav(
  new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0]),
  16_000,
);
const WAV_B64 = Buffer.from(WAV).toString('base64');
const BASETEN_HEADERS = {
  'x-baseten-request-id': 'req-9b2e71',
  'x-baseten-model-id': 'qw3n45r0',
};

const server = useTestServer();

interface Upload {
  readonly headers: Record<string, string>;
  readonly fields: Record<string, string>;
  readonly file?: { name: string; type: string; bytes: Uint8Array };
}
const uploads: Upload[] = [];

/** Answers the upload route with `respond`, recording each multipart body. */
function onUpload(respond: () => Response) {
  uploads.length = 0;
  server.use(
    http.post(TRANSCRIPTIONS, async ({ request }) => {
      const form = await request.formData();
      const fields: Record<string, string> = {};
      let file: Upload['file'];
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') fields[name] = value;
        else
          file = {
            name: value.name,
            type: value.type,
            bytes: new Uint8Array(await value.arrayBuffer()),
          };
      }
      uploads.push({
        headers: Object.fromEntries(request.headers.entries()),
        fields,
        file,
      });
      return respond();
    }),
  );
}

function qwen3(modelURL = SYNC_V1) {
  return createBaseten({ apiKey: KEY, modelURL }).transcriptionModel(
    'qwen3-asr',
  );
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('Qwen3-ASR batch: the upload route (Model Library "Deploy Batch")', () => {
  it('uploads the bytes as multipart `file` to …/sync/v1/audio/transcriptions, no model, and reads `text`', async () => {
    onUpload(() =>
      HttpResponse.json(uploadAnswer, { headers: BASETEN_HEADERS }),
    );
    const result = await transcribe({ model: qwen3(), audio: WAV });
    expect(uploads).toHaveLength(1);
    const [upload] = uploads;
    expect(upload.headers['content-type']).toMatch(
      /^multipart\/form-data; boundary=/,
    );
    expect(upload.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(upload.headers['user-agent']).toMatch(/ai-sdk-provider-baseten\//);
    // vLLM refuses model names it does not serve: none is sent unless given
    expect(upload.fields).toEqual({});
    expect(upload.file).toEqual({
      name: 'audio.wav',
      type: 'audio/wav',
      bytes: WAV,
    });
    expect(result.text).toBe(
      'Thanks for calling the Lisbon office. Marta will be back on Thursday at nine.',
    );
    expect(result.durationInSeconds).toBe(6);
    expect(result.language).toBeUndefined();
    expect(result.segments).toEqual([]);
    expect(result.providerMetadata.baseten).toEqual({
      route: 'transcriptions',
      requestId: 'req-9b2e71',
      modelId: 'qw3n45r0',
    });
    expect(result.responses[0].modelId).toBe('qwen3-asr');
  });

  it('sends `language` as an ISO code (a Qwen3 name is mapped), `prompt`, and `model` only when servedModelName is set', async () => {
    onUpload(() => json(uploadAnswer));
    const result = await transcribe({
      model: qwen3(),
      audio: WAV,
      providerOptions: {
        baseten: {
          language: 'English',
          prompt: 'Names: Marta, Lisbon',
          servedModelName: 'Qwen/Qwen3-ASR-1.7B',
        },
      },
    });
    expect(uploads[0].fields).toEqual({
      model: 'Qwen/Qwen3-ASR-1.7B',
      language: 'en',
      prompt: 'Names: Marta, Lisbon',
    });
    expect(result.language).toBe('en');
    expect(result.warnings).toEqual([]);
  });

  it('a base64 string input is uploaded as its bytes', async () => {
    onUpload(() => json(uploadAnswer));
    await transcribe({ model: qwen3(), audio: WAV_B64 });
    expect(uploads[0].file?.bytes).toEqual(WAV);
  });

  it('a …/predict or …/sync modelURL uploads to the same deployment’s …/sync/v1', async () => {
    onUpload(() => json(uploadAnswer));
    await transcribe({ model: qwen3(`${ROOT}/predict`), audio: WAV });
    await transcribe({ model: qwen3(`${ROOT}/sync`), audio: WAV });
    expect(uploads).toHaveLength(2);
  });

  it('an unknown language is refused before any request, naming the setting', async () => {
    const error = await failure(
      transcribe({
        model: qwen3(),
        audio: WAV,
        providerOptions: { baseten: { language: 'Klingon' } },
      }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Invalid providerOptions\.baseten\.language "Klingon": Qwen3-ASR takes an ISO code/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('timestampGranularities warn: the batch routes have no timings', async () => {
    onUpload(() => json(uploadAnswer));
    const result = await transcribe({
      model: qwen3(),
      audio: WAV,
      timestampGranularities: ['word'],
      providerOptions: { baseten: { wordTimestamps: true } },
    });
    // wordTimestamps is a streaming option (the socket's show_word_timestamps)
    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'timestampGranularities',
        details:
          "Qwen3-ASR's batch routes answer the text only: no segment or word timings.",
      },
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.wordTimestamps',
        details:
          'It applies to Qwen3-ASR streaming transcription only; it was not sent.',
      },
    ]);
  });

  it('a vLLM 404 for the model name is an error naming servedModelName, with no chat fallback', async () => {
    onUpload(() =>
      HttpResponse.json(modelDoesNotExist, {
        status: 404,
        headers: BASETEN_HEADERS,
      }),
    );
    const error = await failure(
      transcribe({
        model: qwen3(),
        audio: WAV,
        providerOptions: { baseten: { servedModelName: 'whisper-1' } },
      }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(404);
    expect((error as Error).message).toBe(
      "The model `whisper-1` does not exist. (set providerOptions.baseten.servedModelName to the deployment's served model name (vLLM's --served-model-name, e.g. Qwen/Qwen3-ASR-1.7B), or leave it out to send no model) (request id req-9b2e71)",
    );
    expect(uploads).toHaveLength(1);
    expect(server.requests).toHaveLength(0);
  });

  it('a 500 that echoes the key is an APICallError without the key', async () => {
    onUpload(() =>
      json({ error: `upstream rejected Authorization: Bearer ${KEY}` }, 500),
    );
    const error = await failure(
      transcribe({ model: qwen3(), audio: WAV, maxRetries: 0 }),
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(true);
    expect(dump(error)).not.toContain(KEY);
  });

  it('an answer without `text` is an InvalidResponseDataError', async () => {
    onUpload(() => json({ transcript: 'hello' }));
    const error = await failure(transcribe({ model: qwen3(), audio: WAV }));
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Baseten's response to the upload to .*\/sync\/v1\/audio\/transcriptions is not a transcription/,
    );
  });
});

describe('Qwen3-ASR batch: the chat route (older preset)', () => {
  it('on a 404 of the upload route, sends the bytes as one audio_url data: URI and splits the language prefix off', async () => {
    onUpload(() => json(routeNotFound, 404));
    server.onPost(CHAT, () =>
      HttpResponse.json(chatGerman, { headers: BASETEN_HEADERS }),
    );
    const model = qwen3();
    const result = await transcribe({ model, audio: WAV });
    expect(uploads).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0].body).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'audio_url',
              audio_url: { url: `data:audio/wav;base64,${WAV_B64}` },
            },
          ],
        },
      ],
    });
    expect(result.text).toBe(
      'Guten Morgen, hier ist Marta aus dem Büro in Lissabon.',
    );
    expect(result.language).toBe('de');
    expect(result.providerMetadata.baseten).toEqual({
      route: 'chat',
      languageName: 'German',
      usage: { promptTokens: 112, completionTokens: 19 },
      requestId: 'req-9b2e71',
      modelId: 'qw3n45r0',
    });

    // the model remembers the deployment has no upload route
    await transcribe({ model, audio: WAV });
    expect(uploads).toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('a URL input goes to the chat route as is: never downloaded, never uploaded', async () => {
    onUpload(() => json(uploadAnswer));
    server.onPost(CHAT, () => json(chatGerman));
    const result = await transcribe({
      model: qwen3(),
      audio: new URL('https://cdn.example.com/calls/lisbon-0412.wav'),
      providerOptions: {
        baseten: {
          servedModelName: 'Qwen/Qwen3-ASR-1.7B',
          prompt: 'Names: Marta',
        },
      },
    });
    expect(uploads).toHaveLength(0);
    expect(server.requests[0].body).toEqual({
      model: 'Qwen/Qwen3-ASR-1.7B',
      messages: [
        { role: 'system', content: 'Names: Marta' },
        {
          role: 'user',
          content: [
            {
              type: 'audio_url',
              audio_url: {
                url: 'https://cdn.example.com/calls/lisbon-0412.wav',
              },
            },
          ],
        },
      ],
    });
    expect(result.text).toMatch(/^Guten Morgen/);
  });

  it("batchRoute 'chat' skips the upload; a language cannot be forced there and warns", async () => {
    onUpload(() => json(uploadAnswer));
    server.onPost(CHAT, () => json(chatGerman));
    const result = await transcribe({
      model: qwen3(),
      audio: WAV,
      providerOptions: { baseten: { batchRoute: 'chat', language: 'de' } },
    });
    expect(uploads).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
    expect(result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.language',
        details:
          'The chat route has no language setting, so the model detected the language; the upload route (…/sync/v1/audio/transcriptions, byte input) forces it.',
      },
    ]);
  });

  it("batchRoute 'transcriptions' does not fall back on a 404", async () => {
    onUpload(() => json(routeNotFound, 404));
    const error = await failure(
      transcribe({
        model: qwen3(),
        audio: WAV,
        providerOptions: { baseten: { batchRoute: 'transcriptions' } },
      }),
    );
    expect((error as APICallError).statusCode).toBe(404);
    expect(server.requests).toHaveLength(0);
  });

  it('"language None" (no speech) is an empty transcript with no language', async () => {
    server.onPost(CHAT, () => json(chatNoSpeech));
    const result = await qwen3().doGenerate({
      audio: WAV,
      mediaType: 'audio/wav',
      providerOptions: { baseten: { batchRoute: 'chat' } },
    });
    expect(result.text).toBe('');
    expect(result.language).toBeUndefined();
    expect(result.providerMetadata?.baseten).toEqual({
      route: 'chat',
      usage: { promptTokens: 47, completionTokens: 5 },
    });
    // the request body in telemetry does not carry the audio
    expect(result.request?.body).toBe(
      JSON.stringify({
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'audio_url',
                audio_url: {
                  url: `[data: URI, ${`data:audio/wav;base64,${WAV_B64}`.length} characters]`,
                },
              },
            ],
          },
        ],
      }),
    );
  });
});

describe('Qwen3-ASR batch with a …/websocket modelURL', () => {
  // the socket path itself is tested on the emulator (baseten-qwen3-asr-stream.node.test.ts)
  it('audio the socket cannot carry (not 16-bit PCM) is refused before connecting, naming the fix', async () => {
    const mp3 = new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
    const error = await failure(
      transcribe({ model: qwen3(`${ROOT}/websocket`), audio: mp3 }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /streaming socket takes 16-bit PCM: .*or use the deployment's …\/sync\/v1 URL/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('with a …/websocket modelURL a URL input is not sent to the chat route (the socket takes samples)', async () => {
    const model = qwen3(`${ROOT}/websocket`) as {
      doGenerateFromUrl?: (options: { audio: URL }) => Promise<unknown>;
    };
    // undefined: the AI SDK downloads the file, and the bytes go through the socket
    expect(
      await model.doGenerateFromUrl?.({
        audio: new URL('https://cdn.example.com/calls/lisbon-0412.wav'),
      }),
    ).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });
});
