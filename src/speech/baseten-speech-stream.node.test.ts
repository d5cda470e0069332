import { APICallError } from '@ai-sdk/provider';
import {
  experimental_streamSpeech as streamSpeech,
  generateSpeech,
  transcribe,
} from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import { startBasetenEmulator, type BasetenEmulator } from '../emulator';
import { webSocketSession } from '../test/emulator-websocket';
import { VERSION } from '../version';
import { ORPHEUS_SAMPLE_RATE, pcmToWav } from './baseten-speech-api';

// Real loopback sockets: the provider's speech model against the emulator's Orpheus.
const KEY = 'emulator-key.speech';
let emulator: BasetenEmulator;
let webSocketURL: string;
let predictURL: string;

beforeAll(async () => {
  emulator = await startBasetenEmulator({ apiKey: KEY });
  webSocketURL = `${emulator.origin.replace('http', 'ws')}/environments/production/websocket`;
  predictURL = `${emulator.origin}/environments/production/predict`;
});
afterEach(() => {
  emulator.requests.length = 0;
  emulator.faults.clear();
});
afterAll(() => emulator.close());

const provider = (modelURL: string, settings: BasetenProviderSettings = {}) =>
  createBaseten({ apiKey: KEY, modelURL, ...settings });

/** Text that arrives word by word, as a model writes it. */
function* typed(text: string) {
  for (const word of text.split(/(?<= )/)) yield word;
}

/** Text that stops mid-sentence and never goes on (a model still thinking), and says whether it was cancelled. */
function endlessText() {
  const state = { cancelled: false };
  const words = ['One ', 'two ', 'three ', 'four '];
  const text = new ReadableStream<string>(
    {
      pull: controller => {
        const word = words.shift();
        if (word !== undefined) controller.enqueue(word);
        else return new Promise<void>(() => {});
      },
      cancel: () => {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { text, state };
}

async function collect(result: ReturnType<typeof streamSpeech>) {
  const audio: Uint8Array[] = [];
  const formats = new Set<string>();
  const failure = await (async () => {
    for await (const part of result.fullStream) {
      if (part.type !== 'audio') continue;
      audio.push(part.audio);
      formats.add(JSON.stringify(part.audioFormat));
    }
  })().catch((error: unknown) => error);
  const pcm = new Uint8Array(await new Blob(audio as BlobPart[]).arrayBuffer());
  return { pcm, parts: audio.length, formats: [...formats], failure };
}

const session = () => webSocketSession(emulator);

/** What the emulator's Whisper hears in 24 kHz PCM. */
async function heard(pcm: Uint8Array): Promise<string> {
  const { text } = await transcribe({
    model: provider(predictURL).transcription(),
    audio: pcmToWav(pcm, ORPHEUS_SAMPLE_RATE),
  });
  return text;
}

const SENTENCE =
  'Welcome to Baseten. Your order ships on Monday and arrives by Friday.';

describe('streamed speech over the WebSocket', () => {
  it('sends the metadata, the text as it arrives, __END__; the PCM comes back as audio parts that say the text', async () => {
    const result = streamSpeech({
      model: provider(webSocketURL, {
        headers: { 'x-team': 'voice' },
      }).speechModel(),
      text: typed(SENTENCE),
      voice: 'leah',
      providerOptions: { baseten: { bufferSize: 4, maxTokens: 1500 } },
    });
    const { pcm, parts, formats, failure } = await collect(result);
    expect(failure).toBeUndefined();
    expect(formats).toEqual([
      JSON.stringify({ type: 'audio/pcm', rate: 24_000 }),
    ]);
    expect(parts).toBeGreaterThan(3);
    expect(await heard(pcm)).toBe(SENTENCE);

    const { request, log } = session();
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    expect(request.headers['x-team']).toBe('voice');
    expect(log.received[0]).toBe(
      '{"voice":"leah","buffer_size":4,"max_tokens":1500}',
    );
    // one whole word per frame (as Baseten's call.py sends), then two whitespace frames that
    // make the server flush what it holds, then __END__
    expect(log.received.slice(1, -3)).toEqual(SENTENCE.split(' '));
    expect(log.received.slice(-3)).toEqual([' ', ' ', '__END__']);
    expect(log.closed).toEqual({ code: 1000, by: 'server' });
  });

  /** A 200-word reply: sentences of 3 to 31 words, the last one longer than any buffer_size here. */
  const REPLY = (() => {
    const lengths = [12, 3, 31, 7, 18, 5, 26, 9, 14, 4, 22, 49];
    let word = 0;
    return lengths
      .map(length => {
        const words = Array.from({ length }, () => `word${++word}`);
        return `${words.join(' ')}.`;
      })
      .join(' ');
  })();

  /** Sub-word deltas, as an LLM's tokens split words: 1 to 4 characters each. */
  function* tokens(text: string) {
    for (
      let offset = 0, size = 1;
      offset < text.length;
      size = (size % 4) + 1
    ) {
      yield text.slice(offset, offset + size);
      offset += size;
    }
  }

  it.each([
    ['one string', () => REPLY],
    ['sentence deltas', () => REPLY.split(/(?<=\. )/)],
    ['sub-word token deltas', () => [...tokens(REPLY)]],
  ] as const)(
    'a 200-word reply as %s: every word is spoken, in order, on a server with Orpheus’ real flush rule',
    async (_, text) => {
      expect(REPLY.split(' ')).toHaveLength(200);
      for (const bufferSize of [undefined, 5]) {
        emulator.requests.length = 0;
        const result = streamSpeech({
          model: provider(webSocketURL).speechModel(),
          text: text(),
          providerOptions: { baseten: { bufferSize } },
        });
        const { pcm, failure } = await collect(result);
        expect(failure).toBeUndefined();
        expect(await heard(pcm)).toBe(REPLY);
        // a word split across deltas went out whole
        const { log } = session();
        expect(log.received.slice(1, -3)).toEqual(REPLY.split(' '));
      }
    },
  );

  it('a refused upgrade is an APICallError with the status and message; the text is released', async () => {
    emulator.faults.enqueue(
      { status: 503, message: 'No replica is ready' },
      { path: '/websocket' },
    );
    const { text, state } = endlessText();
    const { failure } = await collect(
      streamSpeech({ model: provider(webSocketURL).speech(), text }),
    );
    expect(APICallError.isInstance(failure)).toBe(true);
    expect((failure as APICallError).statusCode).toBe(503);
    expect((failure as APICallError).message).toMatch(/^No replica is ready/);
    expect(state.cancelled).toBe(true);
  });

  it('a close with an error code, or a drop, is an error after the audio so far', async () => {
    emulator.faults.enqueue(
      { dropAfterChunks: 3, closeCode: 1011, message: 'vocoder crashed' },
      { path: '/websocket' },
    );
    const closed = await collect(
      streamSpeech({
        model: provider(webSocketURL).speech(),
        text: SENTENCE,
        providerOptions: { baseten: { bufferSize: 2 } },
      }),
    );
    expect(closed.parts).toBe(3);
    expect((closed.failure as Error).message).toBe(
      'Baseten closed the WebSocket with code 1011 (vocoder crashed) before the stream finished.',
    );
    emulator.faults.enqueue({ dropAfterChunks: 2 }, { path: '/websocket' });
    const dropped = await collect(
      streamSpeech({
        model: provider(webSocketURL).speech(),
        text: SENTENCE,
        providerOptions: { baseten: { bufferSize: 2 } },
      }),
    );
    expect(dropped.parts).toBe(2);
    expect((dropped.failure as Error).message).toMatch(
      /was dropped before the stream finished/,
    );
  });

  it('an abort ends the socket at once and releases the text', async () => {
    const controller = new AbortController();
    const { text, state } = endlessText();
    const result = streamSpeech({
      model: provider(webSocketURL).speech(),
      text,
      abortSignal: controller.signal,
      providerOptions: { baseten: { bufferSize: 2 } },
    });
    const failure = await (async () => {
      for await (const part of result.fullStream) {
        if (part.type === 'audio')
          controller.abort(new Error('caller hung up'));
      }
    })().catch((error: unknown) => error);
    expect((failure as Error).message).toBe('caller hung up');
    await expect.poll(() => session().log.closed?.by).toBe('client');
    expect(state.cancelled).toBe(true);
  });

  it('a consumer that stops reading ends the socket', async () => {
    const { text, state } = endlessText();
    const result = streamSpeech({
      model: provider(webSocketURL).speech(),
      text,
      providerOptions: { baseten: { bufferSize: 2 } },
    });
    for await (const part of result.fullStream) {
      if (part.type === 'audio') break;
    }
    await expect.poll(() => session().log.closed?.by).toBe('client');
    await expect.poll(() => state.cancelled).toBe(true);
  });
});

describe('speech over /predict on the emulator', () => {
  it('generateSpeech returns a WAV file that says the text', async () => {
    const { audio, providerMetadata } = await generateSpeech({
      model: provider(predictURL).speech(),
      text: SENTENCE,
    });
    expect(audio.mediaType).toBe('audio/wav');
    const { text } = await transcribe({
      model: provider(predictURL).transcription(),
      audio: audio.uint8Array,
    });
    expect(text).toBe(SENTENCE);
    expect(providerMetadata.baseten).toMatchObject({
      sampleRate: 24_000,
      promptCharacters: SENTENCE.length,
    });
  });

  it('streamed from a /predict URL: audio parts as the body arrives; a body cut mid-way is an error after them', async () => {
    const whole = await collect(
      streamSpeech({
        model: provider(predictURL).speech(),
        text: typed(SENTENCE),
      }),
    );
    expect(whole.failure).toBeUndefined();
    expect(await heard(whole.pcm)).toBe(SENTENCE);
    expect(emulator.requests.at(-2)?.body).toEqual({
      prompt: SENTENCE,
      voice: 'tara',
    });

    emulator.faults.enqueue({ dropAfterChunks: 4 }, { path: '/predict' });
    const cut = await collect(
      streamSpeech({ model: provider(predictURL).speech(), text: SENTENCE }),
    );
    expect(cut.pcm.length).toBeGreaterThan(0);
    expect(cut.pcm.length).toBeLessThan(whole.pcm.length);
    expect(APICallError.isInstance(cut.failure)).toBe(true);
    expect((cut.failure as Error).message).toMatch(
      /was cut off before it ended/,
    );
  });
});
