// One measurement, in a fresh process: `node client.mjs <case> <size> <origin>`.
// Prints one JSON line: wall and CPU time of the measured work, peak RSS, and
// what was checked.
import { performance } from 'node:perf_hooks';

const [caseName, sizeArg, origin] = process.argv.slice(2);
const size = Number(sizeArg);
const KEY = 'bench-key';
const MODEL_URL = `${origin}/environments/production/sync`;

function texts(n) {
  return Array.from({ length: n }, (_, i) => `text-${i}`);
}

function checkEmbeddings(embeddings, n) {
  if (embeddings.length !== n) throw new Error(`expected ${n} vectors, got ${embeddings.length}`);
  for (let i = 0; i < n; i++) {
    const v = embeddings[i];
    if (v.length !== 1024 || v[0] !== i) throw new Error(`vector ${i} out of order or wrong length (${v[0]}, ${v.length})`);
  }
  return `${n} vectors in order`;
}

async function embedWith(model) {
  const { embedMany } = await import('ai');
  const values = texts(size);
  const start = mark();
  const { embeddings } = await embedMany({ model, values, maxRetries: 0 });
  const end = mark();
  return { start, end, checked: checkEmbeddings(embeddings, size) };
}

function decodeBase64Floats(b64) {
  const bytes = Buffer.from(b64, 'base64');
  const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const out = new Array(floats.length);
  for (let i = 0; i < floats.length; i++) out[i] = floats[i];
  return out;
}

async function rawFetchFloor() {
  const values = texts(size);
  const start = mark();
  const batches = [];
  for (let at = 0; at < values.length; at += 128) batches.push(values.slice(at, at + 128));
  const results = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = next++;
      const res = await fetch(`${MODEL_URL}/v1/embeddings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'bench', input: batches[b], encoding_format: 'base64' }),
      });
      const json = await res.json();
      results[b] = json.data.map(d => decodeBase64Floats(d.embedding));
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const end = mark();
  return { start, end, checked: checkEmbeddings(results.flat(), size) };
}

async function streamWith(model, { doStreamOnly = false } = {}) {
  const { streamText } = await import('ai');
  let first = 0;
  let chunks = 0;
  const start = mark();
  if (doStreamOnly) {
    const { stream } = await model.doStream({ prompt: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }] });
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === 'text-delta') {
        if (chunks === 0) first = performance.now();
        chunks++;
      }
    }
  } else {
    const result = streamText({ model, prompt: 'go', maxRetries: 0 });
    for await (const delta of result.textStream) {
      if (chunks === 0) first = performance.now();
      if (delta) chunks++;
    }
    const usage = await result.usage;
    if (usage.outputTokens !== size) throw new Error(`usage ${usage.outputTokens} != ${size}`);
  }
  const end = mark();
  if (chunks !== size) throw new Error(`expected ${size} text chunks, got ${chunks}`);
  return { start, end, ttftMs: first - start.wall, checked: `${chunks} chunks` };
}

function mark() {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

async function ours(settings = {}) {
  const { createBaseten } = await import('../dist/index.js');
  return createBaseten({ apiKey: KEY, ...settings });
}

async function theirs(settings = {}) {
  const { createBaseten } = await import('baseten-anchor');
  return createBaseten({ apiKey: KEY, ...settings });
}

const cases = {
  'embed:ours': async () => embedWith((await ours({ modelURL: MODEL_URL, performanceClient: false })).embeddingModel()),
  'embed:ours-native': async () => embedWith((await ours({ modelURL: MODEL_URL, performanceClient: true })).embeddingModel()),
  'embed:theirs': async () => embedWith((await theirs({ modelURL: MODEL_URL })).embeddingModel()),
  'embed:theirs-native': async () => {
    const { PerformanceClient } = await import('@basetenlabs/performance-client');
    return embedWith((await theirs({ modelURL: MODEL_URL, performanceClient: PerformanceClient })).embeddingModel());
  },
  'embed:raw-fetch': rawFetchFloor,
  'stream:ours': async () => streamWith((await ours({ baseURL: `${origin}/v1` }))('bench')),
  'stream:theirs': async () => streamWith((await theirs({ baseURL: `${origin}/v1` }))('bench')),
  'stream:ours-doStream': async () => streamWith((await ours({ baseURL: `${origin}/v1` }))('bench'), { doStreamOnly: true }),
  'stream:theirs-doStream': async () => streamWith((await theirs({ baseURL: `${origin}/v1` }))('bench'), { doStreamOnly: true }),
  'import:ours': async () => importOnly('../dist/index.js'),
  'import:theirs': async () => importOnly('baseten-anchor'),
};

async function importOnly(specifier) {
  const start = mark();
  const mod = await import(specifier);
  const end = mark();
  if (typeof mod.createBaseten !== 'function') throw new Error('no createBaseten');
  return { start, end, checked: 'createBaseten exported' };
}

const run = cases[caseName];
if (run == null) throw new Error(`unknown case ${caseName}`);
const { start, end, checked, ttftMs } = await run();
const cpu = end.cpu;
const cpuMs = (cpu.user + cpu.system - start.cpu.user - start.cpu.system) / 1000;
process.stdout.write(
  `${JSON.stringify({
    case: caseName,
    size,
    wallMs: end.wall - start.wall,
    cpuMs,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    ttftMs,
    checked,
  })}\n`,
);
process.exit(0);
