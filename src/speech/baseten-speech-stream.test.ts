import { APICallError } from '@ai-sdk/provider';
import { experimental_streamSpeech as streamSpeech } from 'ai';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaseten } from '../baseten-provider';
import {
  HARD_MAX_QUEUED_PARTS,
  MAX_QUEUED_PARTS,
} from '../deployment/baseten-voice-session';
import {
  PausableScriptedSocket,
  ScriptedSocket,
} from '../test/scripted-socket';

afterEach(() => {
  ScriptedSocket.instances = [];
});

const URL_ =
  'wss://model-0rph3u50.api.baseten.co/environments/production/websocket';
const socket = () => ScriptedSocket.instances[0];

function orpheus(webSocket: typeof ScriptedSocket) {
  return createBaseten({
    apiKey: 'scripted-key.2',
    modelURL: URL_,
    webSocket,
  }).speech();
}

/** Opens the session and waits until the text has been sent, ending with `__END__`. */
async function openAndSendText() {
  await expect.poll(() => ScriptedSocket.instances.length).toBe(1);
  socket().open();
  await expect.poll(() => socket().sent.at(-1)).toBe('__END__');
}

/** Reads the whole stream, whatever its end. */
async function drain(result: ReturnType<typeof streamSpeech>): Promise<void> {
  try {
    for await (const part of result.fullStream) void part;
  } catch {
    // the test checks what was sent
  }
}

describe('the speech WebSocket, frame by frame', () => {
  it('sends the metadata, the text, __END__; binary frames become audio parts; an error message becomes an error part', async () => {
    const result = streamSpeech({
      model: orpheus(ScriptedSocket),
      text: ['Hello ', 'there.'],
      voice: 'zoe',
    });
    const parts: Array<{ type: string; audio?: unknown; error?: unknown }> = [];
    const reading = (async () => {
      for await (const part of result.fullStream) parts.push(part);
    })();
    await openAndSendText();
    expect(socket().options?.headers?.authorization).toBe(
      'Bearer scripted-key.2',
    );
    // the server's own max_tokens default (6144) stands: none is sent unless set
    expect(socket().sent).toEqual([
      '{"voice":"zoe","buffer_size":10}',
      'Hello',
      'there.',
      ' ',
      ' ',
      '__END__',
    ]);
    socket().binary(new Uint8Array([1, 0, 2, 0]));
    socket().message({ error: 'GPU busy, retrying' });
    socket().binary(new Uint8Array([3, 0]));
    socket().serverClose(1000);
    await reading;
    expect(parts.map(part => part.type)).toEqual(['audio', 'error', 'audio']);
    expect(parts[0].audio).toEqual(new Uint8Array([1, 0, 2, 0]));
    expect(APICallError.isInstance(parts[1].error)).toBe(true);
  });

  it('sends every sampling option the Orpheus WebSocket reads; requestId, which it does not, is a warning', async () => {
    const result = streamSpeech({
      model: orpheus(ScriptedSocket),
      text: ['Hi.'],
      providerOptions: {
        baseten: {
          maxTokens: 3000,
          temperature: 0.7,
          topP: 0.95,
          repetitionPenalty: 1.25,
          bufferSize: 6,
          requestId: 'call-7',
        },
      },
    });
    const reading = drain(result);
    await openAndSendText();
    expect(JSON.parse(socket().sent[0] as string)).toEqual({
      voice: 'tara',
      buffer_size: 6,
      max_tokens: 3000,
      temperature: 0.7,
      top_p: 0.95,
      repetition_penalty: 1.25,
    });
    socket().binary(new Uint8Array([1, 0]));
    socket().serverClose(1000);
    await reading;
    expect(await result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.requestId',
        details:
          'It applies to …/predict only (Orpheus’ WebSocket does not read it); it was not sent.',
      },
    ]);
  });

  it('holds a word split across deltas until it is whole; a word that reads __END__ cannot end the session', async () => {
    const result = streamSpeech({
      model: orpheus(ScriptedSocket),
      text: ['Bas', 'eten ', 'says', ' __END__', ' and goes', ' on'],
    });
    const reading = drain(result);
    await openAndSendText();
    expect(socket().sent.slice(1)).toEqual([
      'Baseten',
      'says',
      '__END__ ',
      'and',
      'goes',
      'on',
      ' ',
      ' ',
      '__END__',
    ]);
    socket().binary(new Uint8Array([1, 0]));
    socket().serverClose(1000);
    await reading;
  });

  it('pauses a socket that can pause while the reader is behind, and resumes it as the reader catches up', async () => {
    const result = streamSpeech({
      model: orpheus(PausableScriptedSocket),
      text: 'Hi.',
    });
    const reader = result.fullStream[Symbol.asyncIterator]();
    await openAndSendText();
    const paused = socket() as PausableScriptedSocket;
    for (let index = 0; index <= MAX_QUEUED_PARTS + 10; index++)
      paused.binary(new Uint8Array([index & 0xff, 0]));
    expect(paused.paused).toBe(true);
    expect(paused.pauses).toBe(1);
    for (let index = 0; index < MAX_QUEUED_PARTS; index++) await reader.next();
    expect(paused.paused).toBe(false);
    paused.serverClose(1000);
    let rest = 0;
    while (!(await reader.next()).done) rest += 1;
    expect(rest).toBe(11);
  });

  it('fails, rather than grow without bound, when a socket that cannot pause outruns the reader', async () => {
    const result = streamSpeech({
      model: orpheus(ScriptedSocket),
      text: 'Hi.',
    });
    const reader = result.fullStream[Symbol.asyncIterator]();
    await openAndSendText();
    for (let index = 0; index <= HARD_MAX_QUEUED_PARTS; index++)
      socket().binary(new Uint8Array([1, 0]));
    expect(socket().readyState).toBe(3);
    const failure = await (async () => {
      while (!(await reader.next()).done);
    })().catch((error: unknown) => error);
    expect((failure as Error).message).toMatch(
      /fell 4096 parts behind and this WebSocket cannot pause/,
    );
  });
});
