import { InvalidResponseDataError } from '@ai-sdk/provider';
import {
  experimental_streamTranscribe as streamTranscribe,
  transcribe,
} from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import { captureLogCalls, dump, streamOutcome } from '../test/secret-canary';
import { ScriptedSocket } from '../test/scripted-socket';

// A server that answers 200 (or a well-formed socket message) but echoes the key in a body
// that is not a transcript: the errors made from those bodies must not carry it either.
const CANARY = 'sk-canary-echo-9b2f61d4a7';
const PREDICT =
  'https://model-w1sp3r00.api.baseten.co/environments/production/predict';
const WEBSOCKET =
  'wss://model-w1sp3r00.api.baseten.co/environments/production/websocket';

const loggedCalls = captureLogCalls();
afterEach(() => {
  ScriptedSocket.instances = [];
});

function answering(body: unknown) {
  return createBaseten({
    apiKey: CANARY,
    modelURL: PREDICT,
    fetch: () => Promise.resolve(Response.json(body)),
  }).transcription();
}

describe('a 2xx answer that echoes the key', () => {
  it.each([
    ['without segments', { detail: `token ${CANARY} accepted` }],
    [
      'with a segment of the wrong shape',
      { segments: [{ text: CANARY, start_time: 'zero', end_time: 1 }] },
    ],
  ])(
    'batch: a body %s is an InvalidResponseDataError with the key redacted',
    async (_name, body) => {
      const error = await transcribe({
        model: answering(body),
        audio: new Uint8Array([1, 2, 3, 4]),
      }).catch((caught: unknown) => caught);
      expect(InvalidResponseDataError.isInstance(error)).toBe(true);
      expect(dump(error)).not.toContain(CANARY);
      expect(dump(error)).toContain('[redacted]');
    },
  );

  it('streaming: a malformed transcription message and the raw parts are redacted', async () => {
    const result = streamTranscribe({
      model: createBaseten({
        apiKey: CANARY,
        modelURL: WEBSOCKET,
        webSocket: ScriptedSocket,
      }).transcription(),
      audio: new ReadableStream({ start: controller => controller.close() }),
      inputAudioFormat: { type: 'audio/pcm' },
      includeRawChunks: true,
    });
    const outcome = streamOutcome(result.fullStream, [
      result.text,
      result.warnings,
      result.providerMetadata,
    ]);
    await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
    const socket = ScriptedSocket.instances[0];
    socket.open();
    await expect.poll(() => socket.sent.at(-1)).toBe('{"type":"end_audio"}');
    socket.message({ type: 'transcription', is_final: 'yes', echo: CANARY });
    socket.message({ type: 'status', note: `session for ${CANARY}` });
    socket.serverClose(1000);
    const seen = await outcome;
    const text = dump(seen);
    expect(text).not.toContain(CANARY);
    // both messages came through, redacted, not dropped
    expect(text.split('[redacted]').length - 1).toBeGreaterThanOrEqual(3);
    expect(text).toContain('does not have the Whisper streaming shape');
    expect(dump(loggedCalls)).not.toContain(CANARY);
  });
});

describe('a key a header cannot hold', () => {
  // a line break inside the key: building the upgrade headers fails, quoting the value
  const BROKEN = 'sk-canary-line\nbreak-5d2e8c1f';

  it('streaming transcription: the error is redacted and the audio cancelled', async () => {
    let cancelled = false;
    const model = createBaseten({
      apiKey: BROKEN,
      modelURL: WEBSOCKET,
      webSocket: ScriptedSocket,
    }).transcription();
    if (model.doStream === undefined) throw new Error('no doStream');
    const error = await Promise.resolve(
      model.doStream({
        audio: new ReadableStream({
          cancel: () => {
            cancelled = true;
          },
        }),
        inputAudioFormat: { type: 'audio/pcm' },
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(dump(error)).not.toContain(BROKEN);
    expect(dump(error)).not.toContain('break-5d2e8c1f');
    expect(cancelled).toBe(true);
    expect(ScriptedSocket.instances).toHaveLength(0);
  });

  it('streaming speech: the error is redacted and the text cancelled', async () => {
    let cancelled = false;
    const model = createBaseten({
      apiKey: BROKEN,
      modelURL: WEBSOCKET.replace('w1sp3r00', '0rph3u50'),
      webSocket: ScriptedSocket,
    }).speech();
    if (model.doStream === undefined) throw new Error('no doStream');
    const error = await Promise.resolve(
      model.doStream({
        text: new ReadableStream({
          cancel: () => {
            cancelled = true;
          },
        }),
      }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(dump(error)).not.toContain('break-5d2e8c1f');
    expect(cancelled).toBe(true);
    expect(ScriptedSocket.instances).toHaveLength(0);
  });
});
