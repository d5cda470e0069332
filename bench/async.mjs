// `npm run bench:async`: async inference under load. Starts the emulator in its own
// process (rate limit on enqueues, signed webhooks), enqueues BENCH_ASYNC_COUNT
// (10,000) requests through the provider with bounded concurrency (429s honoured with
// the server's retry-after), receives and verifies every signed webhook on a local
// server, and writes bench/ASYNC-RESULTS.md: throughput, 429s, and memory (RSS) at
// start, along the way and at the end. Build first (`npm run bench:async` does).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const COUNT = Number(process.env.BENCH_ASYNC_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_ASYNC_CONCURRENCY ?? 64);
// Baseten's current docs: 12,000 async requests per minute per organization.
const RATE = Number(process.env.BENCH_ASYNC_RATE ?? 200);
const DEADLINE_MS = Number(process.env.BENCH_ASYNC_DEADLINE_MS ?? 300_000);
const SECRET = 'whsec_benchAsyncSecret0123456789';

const { createBaseten, verifyBasetenWebhook } = await import(
  join(dist, 'index.js')
);

/** The emulator in a child process, so its memory and CPU are not ours. */
function startEmulator() {
  const script = `
    const { startBasetenEmulator } = await import(${JSON.stringify(join(dist, 'emulator', 'index.js'))});
    const emulator = await startBasetenEmulator({
      webhookSecrets: ${JSON.stringify(SECRET)},
      asyncEnqueuesPerSecond: ${RATE},
      asyncConcurrency: 64,
    });
    // no request log: 10,000 enqueues would otherwise be kept in it
    setInterval(() => { emulator.requests.length = 0; }, 200).unref();
    const { rss: rssStart, heapUsed: heapStart } = process.memoryUsage();
    console.log(JSON.stringify({ origin: emulator.origin }));
    process.stdin.resume();
    process.stdin.on('end', async () => {
      await emulator.asyncQueue.settled();
      console.log(JSON.stringify({ rssStart, rssEnd: process.memoryUsage().rss }));
      await emulator.close();
      process.exit(0);
    });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = () =>
    new Promise((resolve, reject) => {
      lines.once('line', line => resolve(JSON.parse(line)));
      child.once('exit', code =>
        reject(new Error(`emulator exited with ${code}`)),
      );
    });
  return next().then(({ origin }) => ({ child, origin, next }));
}

const mb = bytes => Math.round((bytes / 1024 / 1024) * 10) / 10;

const deadline = setTimeout(() => {
  console.error(`bench/async.mjs did not finish within ${DEADLINE_MS} ms`);
  process.exit(1);
}, DEADLINE_MS);

const { rss: rssStart, heapUsed: heapStart } = process.memoryUsage();
const emulator = await startEmulator();

// The webhook receiver: verify, deduplicate on request id, count.
const verified = new Set();
let refused = 0;
const rssAt = {};
let allVerified = () => {};
const done = new Promise(resolve => (allVerified = resolve));
let lastWebhookAt = 0;
const receiver = createServer((request, response) => {
  const chunks = [];
  request.on('data', chunk => chunks.push(chunk));
  request.on('end', () => {
    verifyBasetenWebhook({
      rawBody: Buffer.concat(chunks),
      headers: request.headers,
      secrets: SECRET,
    }).then(
      payload => {
        response.writeHead(200).end();
        verified.add(payload.requestId);
        lastWebhookAt = performance.now();
        for (const share of [10, 50, 100]) {
          if (verified.size === Math.ceil((COUNT * share) / 100))
            rssAt[share] = process.memoryUsage();
        }
        if (verified.size === COUNT) allVerified();
      },
      () => {
        refused++;
        response.writeHead(401).end();
      },
    );
  });
});
await new Promise(resolve => receiver.listen(0, '127.0.0.1', resolve));
const webhookEndpoint = `http://127.0.0.1:${receiver.address().port}/hook`;

// Count what the client sees on the wire (the 429s it backs off from).
let rateLimited = 0;
let sent = 0;
const countingFetch = async (url, init) => {
  sent++;
  const response = await fetch(url, init);
  if (response.status === 429) rateLimited++;
  return response;
};
const deployment = createBaseten({
  apiKey: 'bench-key',
  modelURL: `${emulator.origin}/environments/production/predict`,
  fetch: countingFetch,
}).asyncInference({ maxRetries: 10 });

let maxRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  maxRss = Math.max(maxRss, process.memoryUsage().rss);
}, 100);

const started = performance.now();
let nextIndex = 0;
const requestIds = [];
async function worker() {
  while (nextIndex < COUNT) {
    const index = nextIndex++;
    const { requestId } = await deployment.enqueue(
      { prompt: `request ${index}` },
      { webhookEndpoint, priority: 1 },
    );
    requestIds.push(requestId);
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const enqueuedAt = performance.now();
await done;
clearInterval(sampler);
clearTimeout(deadline);
receiver.close();

emulator.child.stdin.end();
const emulatorMemory = await emulator.next();

const missing = requestIds.filter(id => !verified.has(id)).length;
const enqueueSeconds = (enqueuedAt - started) / 1000;
const totalSeconds = (lastWebhookAt - started) / 1000;
const result = {
  count: COUNT,
  concurrency: CONCURRENCY,
  emulatorRatePerSecond: RATE,
  enqueueRequestsSent: sent,
  rateLimited429: rateLimited,
  webhooksVerified: verified.size,
  webhooksRefused: refused,
  missing,
  enqueueSeconds: Math.round(enqueueSeconds * 100) / 100,
  enqueuesPerSecond: Math.round(COUNT / enqueueSeconds),
  totalSeconds: Math.round(totalSeconds * 100) / 100,
  webhooksPerSecond: Math.round(verified.size / totalSeconds),
  clientRssMB: {
    start: mb(rssStart),
    at10: mb(rssAt[10].rss),
    at50: mb(rssAt[50].rss),
    at100: mb(rssAt[100].rss),
    max: mb(maxRss),
  },
  clientHeapUsedMB: {
    start: mb(heapStart),
    at10: mb(rssAt[10].heapUsed),
    at50: mb(rssAt[50].heapUsed),
    at100: mb(rssAt[100].heapUsed),
  },
  emulatorRssMB: {
    start: mb(emulatorMemory.rssStart),
    end: mb(emulatorMemory.rssEnd),
  },
};
console.log(JSON.stringify(result, null, 2));
if (missing > 0 || verified.size !== COUNT || refused > 0) {
  console.error('FAILED: not every request was delivered and verified once');
  process.exit(1);
}

const date = new Date().toISOString().slice(0, 10);
writeFileSync(
  join(here, 'ASYNC-RESULTS.md'),
  `# Async inference benchmark

\`npm run bench:async\` (bench/async.mjs): ${COUNT.toLocaleString('en')} requests enqueued through
\`baseten.asyncInference()\` against the local emulator (its own process; enqueues limited to
${RATE}/s${RATE === 200 ? ", Baseten's documented 12,000 per minute" : ''}, 429 with \`retry-after-ms\` above it), ${CONCURRENCY} enqueues in flight, every result
delivered as a signed webhook to a local server and checked with \`verifyBasetenWebhook\`.
Node ${process.version}, ${date}. The machine is shared and noisy: one run, read orders of
magnitude.

| Measure | value |
|---|---|
| Requests enqueued / webhooks verified / refused / missing | ${COUNT} / ${verified.size} / ${refused} / ${missing} |
| Enqueue requests sent (429s backed off and retried) | ${sent} (${rateLimited} × 429) |
| Enqueue throughput | ${result.enqueuesPerSecond} requests/s (${result.enqueueSeconds} s) |
| End to end (first enqueue → last verified webhook) | ${result.webhooksPerSecond} webhooks/s (${result.totalSeconds} s) |
| Client RSS: start / at 10 % / 50 % / 100 % verified / max, MB | ${result.clientRssMB.start} / ${result.clientRssMB.at10} / ${result.clientRssMB.at50} / ${result.clientRssMB.at100} / ${result.clientRssMB.max} |
| Client heap used: start / at 10 % / 50 % / 100 % verified, MB | ${result.clientHeapUsedMB.start} / ${result.clientHeapUsedMB.at10} / ${result.clientHeapUsedMB.at50} / ${result.clientHeapUsedMB.at100} |
| Emulator RSS: start / end (it keeps the last 10,000 finished statuses, as Baseten keeps them for an hour), MB | ${result.emulatorRssMB.start} / ${result.emulatorRssMB.end} |
`,
);
console.log('wrote bench/ASYNC-RESULTS.md');
process.exit(0);
