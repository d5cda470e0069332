import { InvalidArgumentError, NoSuchModelError } from '@ai-sdk/provider';
import { generateSpeech, transcribe } from 'ai';
import { describe, expect, it } from 'vitest';
import { createBaseten } from './baseten-provider';
import { json, useTestServer } from './test/msw-server';
import twoSegments from './transcription/__fixtures__/whisper-predict-two-segments.json';

const ROOT = 'https://model-f4m1l135.api.baseten.co/environments/production';
const KEY = 'test-key.families.0789';
const AUDIO = new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0]);

const server = useTestServer();

function provider(modelURL: string) {
  return createBaseten({ apiKey: KEY, modelURL });
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('voice model families chosen by the model id', () => {
  it("transcriptionModel('whisper') is the default: the same Whisper body to /predict", async () => {
    server.onPost(`${ROOT}/predict`, () => json(twoSegments));
    const byDefault = provider(`${ROOT}/predict`).transcriptionModel();
    const named = provider(`${ROOT}/predict`).transcriptionModel('whisper');
    expect(named.modelId).toBe('whisper');
    expect(byDefault.modelId).toBe('whisper');
    await transcribe({ model: byDefault, audio: AUDIO });
    await transcribe({ model: named, audio: AUDIO });
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].body).toEqual(server.requests[0].body);
    expect(server.requests[1].url).toBe(`${ROOT}/predict`);
  });

  it("speechModel('orpheus') is the default", () => {
    expect(provider(`${ROOT}/predict`).speechModel().modelId).toBe('orpheus');
    expect(provider(`${ROOT}/predict`).speechModel('orpheus').modelId).toBe(
      'orpheus',
    );
  });

  it('an unknown transcription id throws NoSuchModelError naming the choices', () => {
    const error = thrown(() =>
      provider(`${ROOT}/predict`).transcriptionModel('whisper-large-v3'),
    );
    expect(NoSuchModelError.isInstance(error)).toBe(true);
    expect((error as NoSuchModelError).modelType).toBe('transcriptionModel');
    expect((error as Error).message).toBe(
      `Unknown transcriptionModel id "whisper-large-v3": baseten.transcriptionModel() takes 'whisper' (Baseten's Whisper deployments, the default) or 'qwen3-asr' (Qwen3-ASR). The id picks the protocol the deployment at modelURL speaks; the URL picks the deployment.`,
    );
  });

  it('an unknown speech id throws NoSuchModelError naming the choices', () => {
    const error = thrown(() =>
      provider(`${ROOT}/websocket`).speech('qwen3-tts-1.7b'),
    );
    expect(NoSuchModelError.isInstance(error)).toBe(true);
    expect((error as NoSuchModelError).modelType).toBe('speechModel');
    expect((error as Error).message).toMatch(
      /takes 'orpheus' \(Orpheus TTS, the default\) or 'qwen3-tts' \(Qwen3-TTS\)/,
    );
  });

  it("'qwen3-asr' takes a …/sync/v1 URL, which a Whisper model refuses", () => {
    const url = `${ROOT}/sync/v1`;
    expect(provider(url).transcriptionModel('qwen3-asr').modelId).toBe(
      'qwen3-asr',
    );
    expect(
      InvalidArgumentError.isInstance(
        thrown(() => provider(url).transcriptionModel()),
      ),
    ).toBe(true);
  });

  it("'qwen3-asr' refuses a chain's …/run_remote and a URL with a route appended, naming its forms", () => {
    for (const url of [
      'https://chain-abcd1234.api.baseten.co/environments/production/run_remote',
      `${ROOT}/sync/v1/audio/transcriptions`,
    ]) {
      const error = thrown(() => provider(url).transcriptionModel('qwen3-asr'));
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /A Qwen3-ASR modelURL is https:\/\/model-\{id\}\.api\.baseten\.co\/\{prefix\}\/sync\/v1 \(batch\) or wss:/,
      );
    }
  });

  it("'qwen3-tts' speaks Qwen3-TTS' protocol, never Orpheus': without a voice it refuses before any request", async () => {
    const model = provider(`${ROOT}/websocket`).speechModel('qwen3-tts');
    expect(model.modelId).toBe('qwen3-tts');
    const error = await generateSpeech({ model, text: 'Hello.' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/Qwen3-TTS/);
    expect(server.requests).toHaveLength(0);
  });
});
