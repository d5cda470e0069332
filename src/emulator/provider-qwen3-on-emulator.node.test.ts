import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APICallError } from '@ai-sdk/provider';
import { transcribe } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBaseten } from '../index';
import { dump } from '../test/secret-canary';
import { pcmToWav } from '../baseten-wav';
import {
  qwen3SpeechPCM,
  startBasetenEmulator,
  type BasetenEmulator,
} from './index';

// transcriptionModel('qwen3-asr'), driven by ai@7, against the emulator's Qwen3-ASR presets.
const KEY = 'qwen3-provider-key.7777';
let emulator: BasetenEmulator;
let files: Server;
let filesOrigin: string;
const SPEECH = pcmToWav(
  new Uint8Array(
    Buffer.concat([
      qwen3SpeechPCM('Good morning, Marta.'),
      qwen3SpeechPCM('The call is at nine.'),
    ]),
  ),
  24_000,
);

beforeAll(async () => {
  emulator = await startBasetenEmulator({
    apiKey: KEY,
    voiceDeployments: {
      'deployment/q3bat001': 'qwen3-asr-batch',
      'deployment/q3cht001': 'qwen3-asr-chat',
    },
  });
  files = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'audio/wav' });
    response.end(SPEECH);
  });
  await new Promise<void>(resolve => files.listen(0, '127.0.0.1', resolve));
  filesOrigin = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterEach(() => {
  emulator.requests.length = 0;
});
afterAll(async () => {
  await emulator.close();
  await new Promise(resolve => files.close(resolve));
});

const qwen3 = (deployment: string) =>
  createBaseten({
    apiKey: KEY,
    modelURL: `${emulator.origin}/deployment/${deployment}/sync/v1`,
  }).transcriptionModel('qwen3-asr');

describe('Qwen3-ASR batch through the provider against the emulator', () => {
  it('"Deploy Batch": one multipart upload, the transcript of the Qwen3 speech', async () => {
    const result = await transcribe({
      model: qwen3('q3bat001'),
      audio: SPEECH,
    });
    expect(result.text).toBe('Good morning, Marta. The call is at nine.');
    expect(result.durationInSeconds).toBe(4);
    expect(emulator.requests.map(r => [r.method, r.path])).toEqual([
      ['POST', '/deployment/q3bat001/sync/v1/audio/transcriptions'],
    ]);
    expect(emulator.requests[0].headers['content-type']).toMatch(
      /^multipart\/form-data/,
    );
    const metadata = result.providerMetadata.baseten;
    expect(metadata.route).toBe('transcriptions');
    expect(metadata.requestId).toMatch(/\S/);
  });

  it('the older chat-route preset: the upload answers 404, the chat route transcribes, the language prefix becomes `language`', async () => {
    const model = qwen3('q3cht001');
    const result = await transcribe({ model, audio: SPEECH });
    expect(result.text).toBe('Good morning, Marta. The call is at nine.');
    expect(result.language).toBe('en');
    expect(emulator.requests.map(r => r.path)).toEqual([
      '/deployment/q3cht001/sync/v1/audio/transcriptions',
      '/deployment/q3cht001/sync/v1/chat/completions',
    ]);
    await transcribe({ model, audio: SPEECH });
    expect(emulator.requests).toHaveLength(3);
  });

  it('a URL goes to the chat route as is; the deployment downloads it', async () => {
    const result = await transcribe({
      model: qwen3('q3bat001'),
      audio: new URL(`${filesOrigin}/call.wav`),
    });
    expect(result.text).toBe('Good morning, Marta. The call is at nine.');
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0].body).toEqual({
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'audio_url',
              audio_url: { url: `${filesOrigin}/call.wav` },
            },
          ],
        },
      ],
    });
  });

  it('a served model name the deployment does not serve is a 404 naming the setting, without the key', async () => {
    const error = await transcribe({
      model: qwen3('q3bat001'),
      audio: SPEECH,
      providerOptions: { baseten: { servedModelName: 'Qwen/Qwen3-ASR-0.6B' } },
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^The model `Qwen\/Qwen3-ASR-0\.6B` does not exist\. \(set providerOptions\.baseten\.servedModelName/,
    );
    expect(dump(error)).not.toContain(KEY);
  });
});
