import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import {
  experimental_streamSpeech as streamSpeech,
  generateSpeech,
  NoSpeechGeneratedError,
} from 'ai';
import { HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  createBaseten,
  type BasetenProviderSettings,
} from '../baseten-provider';
import { json, useTestServer } from '../test/msw-server';
import { VERSION } from '../version';
import orpheus from './__fixtures__/orpheus-predict-raw-pcm-24k.json';

const ROOT = 'https://model-0rph3u50.api.baseten.co/environments/production';
const PREDICT = `${ROOT}/predict`;
const KEY = 'test-key.speech.0456';
const PCM = Uint8Array.from(atob(orpheus.bodyBase64), char =>
  char.charCodeAt(0),
);

const server = useTestServer();

function orpheusModel(settings: BasetenProviderSettings = {}) {
  return createBaseten({
    apiKey: KEY,
    modelURL: PREDICT,
    ...settings,
  }).speechModel();
}

/** Orpheus' answer: the raw samples, labelled audio/wav, sent in pieces of `size` bytes. */
function orpheusAnswer(bytes: Uint8Array = PCM, size = 700): Response {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
  return new HttpResponse(body, { headers: orpheus.headers });
}

function wavFields(wav: Uint8Array) {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const tag = (at: number) =>
    new TextDecoder().decode(wav.subarray(at, at + 4));
  return {
    riff: tag(0),
    wave: tag(8),
    format: view.getUint16(20, true),
    channels: view.getUint16(22, true),
    sampleRate: view.getUint32(24, true),
    bitsPerSample: view.getUint16(34, true),
    data: tag(36),
    dataBytes: view.getUint32(40, true),
  };
}

/** Reads the whole stream, whatever its end. */
async function drain(result: ReturnType<typeof streamSpeech>): Promise<void> {
  try {
    for await (const part of result.fullStream) void part;
  } catch {
    // the test checks what was sent
  }
}

describe('batch speech over /predict', () => {
  it('posts prompt and voice (tara by default) and returns a valid WAV file around the raw PCM', async () => {
    server.onPost(PREDICT, () => orpheusAnswer());
    const result = await generateSpeech({
      model: orpheusModel(),
      text: 'Hello from Baseten.',
    });
    expect(server.requests[0].body).toEqual({
      prompt: 'Hello from Baseten.',
      voice: 'tara',
    });
    expect(result.audio.mediaType).toBe('audio/wav');
    const wav = result.audio.uint8Array;
    expect(wavFields(wav)).toEqual({
      riff: 'RIFF',
      wave: 'WAVE',
      format: 1,
      channels: 1,
      sampleRate: 24_000,
      bitsPerSample: 16,
      data: 'data',
      dataBytes: PCM.length,
    });
    expect(wav.subarray(44)).toEqual(PCM);
    expect(result.providerMetadata.baseten).toEqual({
      requestId: '3f0a9b7c2d1e4f5a6b7c8d9e0f1a2b3c',
      sampleRate: 24_000,
      // X-Baseten-Input-Tokens counts characters on Orpheus: reported as such, never as tokens
      promptCharacters: 19,
    });
    expect(result.warnings).toEqual([]);
  });

  it('maps the voice and the typed options; sends the key, user agent and headers', async () => {
    server.onPost(PREDICT, () => orpheusAnswer());
    await generateSpeech({
      model: orpheusModel({ headers: { 'x-team': 'voice' } }),
      text: 'Hi',
      voice: 'leo',
      providerOptions: {
        baseten: {
          maxTokens: 2000,
          temperature: 0.5,
          topP: 0.9,
          repetitionPenalty: 1.2,
          requestId: 'call-42',
        },
      },
    });
    const [request] = server.requests;
    expect(request.body).toEqual({
      prompt: 'Hi',
      voice: 'leo',
      max_tokens: 2000,
      temperature: 0.5,
      top_p: 0.9,
      repetition_penalty: 1.2,
      request_id: 'call-42',
    });
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.headers['user-agent']).toContain(
      `ai-sdk-provider-baseten/${VERSION}`,
    );
    expect(request.headers['x-team']).toBe('voice');
  });

  it("outputFormat 'pcm' returns the raw samples as audio/pcm", async () => {
    server.onPost(PREDICT, () => orpheusAnswer());
    const result = await generateSpeech({
      model: orpheusModel(),
      text: 'Hi',
      outputFormat: 'pcm',
    });
    expect(result.audio.uint8Array).toEqual(PCM);
    expect(result.audio.mediaType).toBe('audio/pcm');
  });

  it('a body that already is a WAV file passes unchanged', async () => {
    const wav = (
      await generateSpeech({
        model: (server.onPost(PREDICT, () => orpheusAnswer()), orpheusModel()),
        text: 'x',
      })
    ).audio.uint8Array;
    server.onPost(PREDICT, () => orpheusAnswer(wav));
    const again = await generateSpeech({ model: orpheusModel(), text: 'x' });
    expect(again.audio.uint8Array).toEqual(wav);
  });

  it('warns about what Orpheus cannot honour', async () => {
    server.onPost(PREDICT, () => orpheusAnswer());
    const result = await generateSpeech({
      model: orpheusModel(),
      text: 'Hi',
      speed: 1.5,
      instructions: 'Whisper it',
      language: 'de',
      outputFormat: 'mp3',
      providerOptions: { baseten: { bufferSize: 5, style: 'calm' } },
    });
    expect(
      result.warnings.map(warning =>
        'feature' in warning ? warning.feature : warning.type,
      ),
    ).toEqual([
      'providerOptions.baseten.style',
      'speed',
      'instructions',
      'language',
      'providerOptions.baseten.bufferSize',
      'outputFormat',
    ]);
    expect(server.requests[0].body).toEqual({ prompt: 'Hi', voice: 'tara' });
    expect(result.audio.mediaType).toBe('audio/wav');
  });

  it('an empty body is no speech, not an empty WAV file', async () => {
    server.onPost(
      PREDICT,
      () => new HttpResponse(new Uint8Array(0), { headers: orpheus.headers }),
    );
    const error = await generateSpeech({
      model: orpheusModel(),
      text: 'Hi',
    }).catch((caught: unknown) => caught);
    expect(NoSpeechGeneratedError.isInstance(error)).toBe(true);
  });

  it('retries 5xx per maxRetries; a 400 is an APICallError with the message', async () => {
    let calls = 0;
    server.onPost(PREDICT, () =>
      ++calls === 1
        ? HttpResponse.json(
            { error: 'Internal Server Error' },
            { status: 503, headers: { 'retry-after-ms': '1' } },
          )
        : orpheusAnswer(),
    );
    await generateSpeech({ model: orpheusModel(), text: 'Hi', maxRetries: 1 });
    expect(server.requests).toHaveLength(2);
    // a 4xx as the truss server sends it (reference §0.4; Orpheus never checks the voice)
    server.onPost(PREDICT, () =>
      json(
        {
          error:
            'Invalid JSON payload: Expecting value: line 1 column 1 (char 0)',
        },
        400,
      ),
    );
    const error = await generateSpeech({
      model: orpheusModel(),
      text: 'Hi',
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      'Invalid JSON payload: Expecting value: line 1 column 1 (char 0)',
    );
    expect(server.requests).toHaveLength(3);
  });

  it('rejects a bad option before any request, naming the setting', async () => {
    const error = await generateSpeech({
      model: orpheusModel(),
      text: 'Hi',
      providerOptions: { baseten: { maxTokens: -1 } },
    }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^Invalid providerOptions\.baseten for speech: maxTokens/,
    );
    expect(server.requests).toHaveLength(0);
  });
});

function* words(...parts: string[]) {
  for (const part of parts) yield part;
}

async function collect(result: ReturnType<typeof streamSpeech>) {
  const audio: Uint8Array[] = [];
  const types: string[] = [];
  const failure = await (async () => {
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'audio') audio.push(part.audio);
    }
  })().catch((error: unknown) => error);
  const bytes = new Uint8Array(
    audio.reduce((sum, chunk) => sum + chunk.length, 0),
  );
  audio.reduce(
    (offset, chunk) => (bytes.set(chunk, offset), offset + chunk.length),
    0,
  );
  return { types, bytes, parts: audio.length, failure };
}

describe('streamed speech with a /predict URL', () => {
  it('gathers the text, posts it once, and hands the body out as audio parts as it arrives', async () => {
    // the rest of the body is sent only once the first audio part has been read
    let release: () => void = () => {};
    const firstPartRead = new Promise<void>(resolve => (release = resolve));
    server.onPost(PREDICT, () => {
      let step = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          step += 1;
          if (step === 1) return controller.enqueue(PCM.slice(0, 1000));
          await firstPartRead;
          controller.enqueue(PCM.slice(1000));
          controller.close();
        },
      });
      return new HttpResponse(body, { headers: orpheus.headers });
    });
    const result = streamSpeech({
      model: orpheusModel(),
      text: words('Good ', 'morn', 'ing, Ada.'),
      voice: 'mia',
    });
    const audio: Uint8Array[] = [];
    const formats = new Set<string>();
    for await (const part of result.fullStream) {
      if (part.type !== 'audio') continue;
      audio.push(part.audio);
      formats.add(JSON.stringify(part.audioFormat));
      release();
    }
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].body).toEqual({
      prompt: 'Good morning, Ada.',
      voice: 'mia',
    });
    expect(audio[0]).toEqual(PCM.slice(0, 1000));
    expect(await result.providerMetadata).toEqual({
      baseten: {
        requestId: '3f0a9b7c2d1e4f5a6b7c8d9e0f1a2b3c',
        promptCharacters: 19,
      },
    });
    // X-Baseten-Input-Tokens counts characters: never usage as tokens
    expect(await result.usage).toEqual({ inputCharacters: 18 });
    expect(
      new Uint8Array(await new Blob(audio as BlobPart[]).arrayBuffer()),
    ).toEqual(PCM);
    expect([...formats]).toEqual([
      JSON.stringify({ type: 'audio/pcm', rate: 24_000 }),
    ]);
  });

  it('sends every option the batch call sends; bufferSize, which only the WebSocket reads, is a warning', async () => {
    server.onPost(PREDICT, () => orpheusAnswer());
    const result = streamSpeech({
      model: orpheusModel(),
      text: words('Hi ', 'there.'),
      voice: 'leo',
      providerOptions: {
        baseten: {
          maxTokens: 2000,
          temperature: 0.5,
          topP: 0.9,
          repetitionPenalty: 1.2,
          requestId: 'call-42',
          bufferSize: 4,
        },
      },
    });
    await drain(result);
    expect(server.requests[0].body).toEqual({
      prompt: 'Hi there.',
      voice: 'leo',
      max_tokens: 2000,
      temperature: 0.5,
      top_p: 0.9,
      repetition_penalty: 1.2,
      request_id: 'call-42',
    });
    expect(await result.warnings).toEqual([
      {
        type: 'unsupported',
        feature: 'providerOptions.baseten.bufferSize',
        details:
          'It applies to the WebSocket only (a …/websocket modelURL); it was not sent.',
      },
    ]);
  });

  it('strips a WAV header a server sends at the start', async () => {
    const wav = new Uint8Array(44 + PCM.length);
    wav.set(new TextEncoder().encode('RIFF'), 0);
    wav.set(new TextEncoder().encode('WAVEfmt '), 8);
    new DataView(wav.buffer).setUint32(16, 16, true);
    wav.set(new TextEncoder().encode('data'), 36);
    new DataView(wav.buffer).setUint32(40, PCM.length, true);
    wav.set(PCM, 44);
    server.onPost(PREDICT, () => orpheusAnswer(wav, 10));
    const { bytes } = await collect(
      streamSpeech({ model: orpheusModel(), text: 'Hi' }),
    );
    expect(bytes).toEqual(PCM);
  });

  it('a text part in another voice fails the stream before anything is sent', async () => {
    const result = streamSpeech({
      model: orpheusModel(),
      text: [{ type: 'text' as const, text: 'Hi ', voice: 'leo' }],
      voice: 'tara',
    });
    const { failure } = await collect(result);
    expect(InvalidArgumentError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(
      /asks for voice "leo" but the stream speaks "tara"/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
