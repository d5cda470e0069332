// The checks the runtime matrix runs in every runtime (Node, Bun, Deno,
// workerd, Vercel's edge runtime), through the package's public API only,
// against the local Baseten emulator. Plain JavaScript with no Node built-ins,
// so one file serves every runtime (bundled for workerd and the edge runtime).
import {
  embedMany,
  experimental_streamSpeech as streamSpeech,
  experimental_streamTranscribe as streamTranscribe,
  generateText,
  streamText,
} from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

/** What a runtime is given: the emulator's origin, its key, and what to check. */
// config: { origin, apiKey, speechPCM?: Uint8Array, spokenText?: string, webSocketModes?: ('unset' | 'own')[] }

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function chatChecks({ origin, apiKey }) {
  const baseten = createBaseten({ apiKey, baseURL: `${origin}/v1` });
  const model = baseten('openai/gpt-oss-120b');
  const generated = await generateText({ model, prompt: 'Say hello.' });
  check(generated.text.length > 0, 'generateText returned no text');
  check(
    generated.usage.inputTokens > 0,
    'generateText returned no input tokens',
  );
  const streamed = streamText({ model, prompt: 'Say hello.' });
  let text = '';
  for await (const delta of streamed.textStream) text += delta;
  const usage = await streamed.usage;
  check(text.length > 0, 'streamText streamed no text');
  check(
    text === (await streamed.text),
    'streamText text differs from its deltas',
  );
  check(
    usage.inputTokens > 0 && usage.outputTokens > 0,
    `streamText usage is missing: ${JSON.stringify(usage)}`,
  );
  return { generateText: 'ok', 'streamText (text and usage)': 'ok' };
}

async function embeddingChecks({ origin, apiKey }) {
  const model = createBaseten({
    apiKey,
    modelURL: `${origin}/environments/production/sync`,
  }).embeddingModel();
  const values = ['one', 'two', 'three'];
  const plain = await embedMany({ model, values });
  check(
    plain.embeddings.length === 3 && plain.embeddings[0].length > 0,
    'embedMany returned no embeddings',
  );
  const withSignal = await embedMany({
    model,
    values,
    abortSignal: new AbortController().signal,
  });
  check(
    JSON.stringify(withSignal.embeddings) === JSON.stringify(plain.embeddings),
    'embedMany with an abort signal returned other embeddings',
  );
  const aborted = new AbortController();
  aborted.abort(new Error('stopped by the matrix'));
  const failure = await embedMany({
    model,
    values,
    abortSignal: aborted.signal,
    maxRetries: 0,
  }).then(
    () => undefined,
    error => error,
  );
  check(failure !== undefined, 'embedMany with an aborted signal succeeded');
  return {
    embedMany: 'ok',
    'embedMany with an abort signal': 'ok',
  };
}

function audioStream(bytes) {
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 3200)
        controller.enqueue(bytes.slice(at, at + 3200));
      controller.close();
    },
  });
}

async function voiceChecks({ origin, apiKey, speechPCM, spokenText }, mode) {
  const webSocketURL = `${origin.replace('http', 'ws')}/environments/production/websocket`;
  const settings = {
    apiKey,
    modelURL: webSocketURL,
    ...(mode === 'own' ? { webSocket: globalThis.WebSocket } : {}),
  };
  const baseten = createBaseten(settings);
  const transcript = streamTranscribe({
    model: baseten.transcriptionModel(),
    audio: audioStream(speechPCM),
    inputAudioFormat: { type: 'audio/pcm', rate: 16000 },
  });
  const text = await transcript.text;
  check(
    text.trim() === spokenText,
    `streamed transcription heard ${JSON.stringify(text)}, not ${JSON.stringify(spokenText)}`,
  );
  const speech = streamSpeech({
    model: baseten.speechModel(),
    text: (async function* () {
      yield 'Hello from the ';
      yield 'runtime matrix.';
    })(),
    voice: 'tara',
  });
  let bytes = 0;
  for await (const part of speech.fullStream) {
    if (part.type === 'audio' && typeof part.audio !== 'string')
      bytes += part.audio.length;
    if (part.type === 'error') throw part.error;
  }
  check(bytes > 0, 'streamed speech returned no audio');
  // the emulator checks the key: a wrong one must be refused on the upgrade
  const refused = await streamTranscribe({
    model: createBaseten({
      ...settings,
      apiKey: `${apiKey}-wrong`,
    }).transcriptionModel(),
    audio: audioStream(speechPCM),
    inputAudioFormat: { type: 'audio/pcm', rate: 16000 },
  }).text.then(
    () => undefined,
    error => error,
  );
  check(refused !== undefined, 'a wrong key was not refused by the emulator');
  const label = mode === 'own' ? 'webSocket: WebSocket' : 'webSocket unset';
  return {
    [`streamed transcription (${label})`]: 'ok',
    [`streamed speech (${label})`]: 'ok',
    [`wrong key refused (${label})`]: 'ok',
  };
}

/** Runs every check; resolves to { results: { name: 'ok' | error message }, ok }. */
export async function runChecks(config) {
  const results = {};
  const run = async (name, checks) => {
    try {
      Object.assign(results, await checks());
    } catch (error) {
      results[name] = `FAILED: ${error?.stack ?? error}`;
    }
  };
  await run('chat', () => chatChecks(config));
  await run('embeddings', () => embeddingChecks(config));
  for (const mode of config.webSocketModes ?? [])
    await run(`voice (${mode})`, () => voiceChecks(config, mode));
  const ok = Object.values(results).every(value => value === 'ok');
  return { ok, results };
}
