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
  if (embeddings.length !== n)
    throw new Error(`expected ${n} vectors, got ${embeddings.length}`);
  for (let i = 0; i < n; i++) {
    const v = embeddings[i];
    if (v.length !== 1024 || v[0] !== i)
      throw new Error(
        `vector ${i} out of order or wrong length (${v[0]}, ${v.length})`,
      );
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

// Ranks `size` documents; the score falls with the document's number, so the best is doc 0.
async function rerankWith(model) {
  const { rerank } = await import('ai');
  const documents = texts(size);
  const start = mark();
  const { ranking } = await rerank({
    model,
    query: 'q',
    documents,
    topN: 10,
    maxRetries: 0,
  });
  const end = mark();
  const order = ranking.map(r => r.originalIndex).join(',');
  if (order !== '0,1,2,3,4,5,6,7,8,9')
    throw new Error(`ranking out of order: ${order}`);
  return { start, end, checked: `top 10 of ${size} in order` };
}

function decodeBase64Floats(b64) {
  const bytes = Buffer.from(b64, 'base64');
  const floats = new Float32Array(
    bytes.buffer,
    bytes.byteOffset,
    bytes.byteLength / 4,
  );
  const out = new Array(floats.length);
  for (let i = 0; i < floats.length; i++) out[i] = floats[i];
  return out;
}

async function rawFetchFloor() {
  const values = texts(size);
  const start = mark();
  const batches = [];
  for (let at = 0; at < values.length; at += 128)
    batches.push(values.slice(at, at + 128));
  const results = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = next++;
      const res = await fetch(`${MODEL_URL}/v1/embeddings`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${KEY}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          model: 'bench',
          input: batches[b],
          encoding_format: 'base64',
        }),
      });
      const json = await res.json();
      results[b] = json.data.map(d => decodeBase64Floats(d.embedding));
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const end = mark();
  return { start, end, checked: checkEmbeddings(results.flat(), size) };
}

// The raw node:http loop: the same requests as the fetch loop, bodies read as bytes.
async function rawHttpFloor() {
  const { request, Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const post = body =>
    new Promise((resolve, reject) => {
      const req = request(
        `${MODEL_URL}/v1/embeddings`,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${KEY}`,
            'content-type': 'application/json',
          },
        },
        res => {
          const parts = [];
          res.on('data', part => parts.push(part));
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(parts))
              : reject(new Error(`HTTP ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const values = texts(size);
  const start = mark();
  const batches = [];
  for (let at = 0; at < values.length; at += 128)
    batches.push(values.slice(at, at + 128));
  const results = new Array(batches.length);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const b = next++;
      const bytes = await post(
        JSON.stringify({
          model: 'bench',
          input: batches[b],
          encoding_format: 'base64',
        }),
      );
      results[b] = JSON.parse(bytes.toString('utf8')).data.map(d =>
        decodeBase64Floats(d.embedding),
      );
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const end = mark();
  agent.destroy();
  return { start, end, checked: checkEmbeddings(results.flat(), size) };
}

// The in-process floor: the exact bodies the load server sends, fetched before timing; timed is
// only finding each base64 vector in the bytes, decoding it and building the number[] arrays.
async function inProcessFloor() {
  const values = texts(size);
  const bodies = [];
  for (let at = 0; at < values.length; at += 128) {
    const res = await fetch(`${MODEL_URL}/v1/embeddings`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        model: 'bench',
        input: values.slice(at, at + 128),
        encoding_format: 'base64',
      }),
    });
    bodies.push(Buffer.from(await res.arrayBuffer()));
  }
  const scratch = Buffer.allocUnsafeSlow(16_384);
  const key = Buffer.from('"embedding":"');
  const start = mark();
  const vectors = [];
  for (const body of bodies) {
    for (let at = body.indexOf(key); at !== -1; at = body.indexOf(key, at)) {
      const from = at + key.length;
      const to = body.indexOf(0x22, from);
      const written = scratch.write(
        body.toString('latin1', from, to),
        0,
        'base64',
      );
      const floats = new Float32Array(
        scratch.buffer,
        scratch.byteOffset,
        written / 4,
      );
      const out = new Array(floats.length);
      for (let i = 0; i < floats.length; i++) out[i] = floats[i];
      vectors.push(out);
      at = to + 1;
    }
  }
  const end = mark();
  return { start, end, checked: checkEmbeddings(vectors, size) };
}

async function streamWith(model, { doStreamOnly = false } = {}) {
  const { streamText } = await import('ai');
  let first = 0;
  let chunks = 0;
  const start = mark();
  if (doStreamOnly) {
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'go' }] }],
    });
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
    if (usage.outputTokens !== size)
      throw new Error(`usage ${usage.outputTokens} != ${size}`);
  }
  const end = mark();
  if (chunks !== size)
    throw new Error(`expected ${size} text chunks, got ${chunks}`);
  return {
    start,
    end,
    ttftMs: first - start.wall,
    checked: `${chunks} chunks`,
  };
}

const median = xs => [...xs].sort((a, b) => a - b)[xs.length >> 1];

// Time to first token on a warm process: what each call costs a running app.
// Five warm-up calls, then WARM_CALLS calls of 50 chunks, one at a time; the
// median of their times to first token.
const WARM_CALLS = 30;
async function warmFirstToken(model) {
  const { streamText } = await import('ai');
  const call = async () => {
    const before = performance.now();
    let first = 0;
    let chunks = 0;
    const result = streamText({
      model,
      prompt: 'go',
      maxOutputTokens: 50,
      maxRetries: 0,
    });
    for await (const delta of result.textStream) {
      if (chunks === 0) first = performance.now();
      if (delta) chunks++;
    }
    if (chunks !== 50)
      throw new Error(`expected 50 text chunks, got ${chunks}`);
    return first - before;
  };
  for (let i = 0; i < 5; i++) await call();
  const start = mark();
  const times = [];
  for (let i = 0; i < WARM_CALLS; i++) times.push(await call());
  const end = mark();
  return {
    start,
    end,
    ttftMs: median(times),
    checked: `${WARM_CALLS} calls of 50 chunks`,
  };
}

// CPU per chunk on a warm process, ours and theirs interleaved in one process
// (the order flips every round) so both meet the same machine state: after 3 warm-up streams
// each, the median main-thread CPU of 10 streams of 5,000 chunks each.
const PAIRED_CHUNKS = 5000;
async function pairedStreams(models) {
  const { streamText } = await import('ai');
  const one = async model => {
    const before = process.threadCpuUsage();
    const result = streamText({
      model,
      prompt: 'go',
      maxOutputTokens: PAIRED_CHUNKS,
      maxRetries: 0,
    });
    let chunks = 0;
    for await (const delta of result.textStream) if (delta) chunks++;
    const after = process.threadCpuUsage();
    if (chunks !== PAIRED_CHUNKS)
      throw new Error(`expected ${PAIRED_CHUNKS} text chunks, got ${chunks}`);
    return (
      (after.user + after.system - before.user - before.system) / PAIRED_CHUNKS
    );
  };
  for (let i = 0; i < 3; i++)
    for (const model of Object.values(models)) await one(model);
  const start = mark();
  const us = { ours: [], theirs: [] };
  for (let i = 0; i < 10; i++) {
    for (const name of i % 2 ? ['ours', 'theirs'] : ['theirs', 'ours'])
      us[name].push(await one(models[name]));
  }
  const end = mark();
  return {
    start,
    end,
    pairedUs: { ours: median(us.ours), theirs: median(us.theirs) },
    checked: `2 × 10 streams of ${PAIRED_CHUNKS} chunks`,
  };
}

function mark() {
  // process CPU counts every thread (GC helpers, libuv's pool); main-thread
  // CPU is the JavaScript that ran, with less noise from collector timing
  const hrUs = Number(process.hrtime.bigint() / 1000n); // to cut a --cpu-prof to the window
  return {
    wall: performance.now(),
    hrUs,
    cpu: process.cpuUsage(),
    mainCpu: process.threadCpuUsage(),
  };
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
  // as a user gets it: performanceClient unset (the native client is installed here)
  'embed:ours': async () =>
    embedWith((await ours({ modelURL: MODEL_URL })).embeddingModel()),
  'embed:ours-http': async () =>
    embedWith(
      (
        await ours({ modelURL: MODEL_URL, performanceClient: false })
      ).embeddingModel(),
    ),
  'embed:ours-native': async () =>
    embedWith(
      (
        await ours({ modelURL: MODEL_URL, performanceClient: true })
      ).embeddingModel(),
    ),
  'embed:theirs': async () =>
    embedWith((await theirs({ modelURL: MODEL_URL })).embeddingModel()),
  'embed:theirs-native': async () => {
    const { PerformanceClient } =
      await import('@basetenlabs/performance-client');
    return embedWith(
      (
        await theirs({
          modelURL: MODEL_URL,
          performanceClient: PerformanceClient,
        })
      ).embeddingModel(),
    );
  },
  'rerank:ours': async () =>
    rerankWith((await ours({ modelURL: MODEL_URL })).rerankingModel()),
  'rerank:ours-http': async () =>
    rerankWith(
      (
        await ours({ modelURL: MODEL_URL, performanceClient: false })
      ).rerankingModel(),
    ),
  'embed:raw-fetch': rawFetchFloor,
  'embed:raw-http': rawHttpFloor,
  'embed:floor': inProcessFloor,
  'stream:ours': async () =>
    streamWith((await ours({ baseURL: `${origin}/v1` }))('bench')),
  'stream:theirs': async () =>
    streamWith((await theirs({ baseURL: `${origin}/v1` }))('bench')),
  'stream:ours-doStream': async () =>
    streamWith((await ours({ baseURL: `${origin}/v1` }))('bench'), {
      doStreamOnly: true,
    }),
  'stream:theirs-doStream': async () =>
    streamWith((await theirs({ baseURL: `${origin}/v1` }))('bench'), {
      doStreamOnly: true,
    }),
  'stream:paired': async () =>
    pairedStreams({
      ours: (await ours({ baseURL: `${origin}/v1` }))('bench'),
      theirs: (await theirs({ baseURL: `${origin}/v1` }))('bench'),
    }),
  'ttft:ours': async () =>
    warmFirstToken((await ours({ baseURL: `${origin}/v1` }))('bench')),
  'ttft:theirs': async () =>
    warmFirstToken((await theirs({ baseURL: `${origin}/v1` }))('bench')),
  'import:ours': async () => importOnly('../dist/index.js'),
  'import:theirs': async () => importOnly('baseten-anchor'),
};

async function importOnly(specifier) {
  const start = mark();
  const mod = await import(specifier);
  const end = mark();
  if (typeof mod.createBaseten !== 'function')
    throw new Error('no createBaseten');
  return { start, end, checked: 'createBaseten exported' };
}

const run = cases[caseName];
if (run == null) throw new Error(`unknown case ${caseName}`);
const { start, end, checked, ttftMs, pairedUs } = await run();
const cpu = end.cpu;
const cpuMs =
  (cpu.user + cpu.system - start.cpu.user - start.cpu.system) / 1000;
const mainCpuMs =
  (end.mainCpu.user +
    end.mainCpu.system -
    start.mainCpu.user -
    start.mainCpu.system) /
  1000;
process.stdout.write(
  `${JSON.stringify({
    case: caseName,
    size,
    wallMs: end.wall - start.wall,
    cpuMs,
    mainCpuMs,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    windowUs: [start.hrUs, end.hrUs],
    ttftMs,
    pairedUs,
    checked,
  })}\n`,
);
process.exit(0);
