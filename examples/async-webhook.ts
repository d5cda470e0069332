// Async inference: enqueue a batch of requests on a deployment, then receive and
// verify the signed results on a local webhook server, showing progress as they arrive.
// Needs BASETEN_API_KEY, BASETEN_ASYNC_MODEL_URL (any URL of the deployment, e.g.
// https://model-abcd1234.api.baseten.co/environments/production/predict) and
// BASETEN_WEBHOOK_SECRET (Settings → Secrets → webhook secret, whsec_…). Against
// Baseten, set BASETEN_WEBHOOK_ENDPOINT to a public https:// URL that forwards to
// this machine's port 8787; against the emulator the local URL is used as is.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BasetenWebhookError,
  createBaseten,
  verifyBasetenWebhook,
  type BasetenWebhookPayload,
} from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_ASYNC_MODEL_URL;
const secret = process.env.BASETEN_WEBHOOK_SECRET;
if (!modelURL || !secret) {
  console.error('Set BASETEN_ASYNC_MODEL_URL and BASETEN_WEBHOOK_SECRET.');
  process.exit(1);
}

const prompts = [
  'Summarize the plot of Hamlet in one line.',
  'Name three uses of a paperclip.',
  'Translate "good morning" into French.',
  'Give a haiku about queues.',
  'What is 17 times 23?',
  'Suggest a name for a grey cat.',
  'List two prime numbers above 100.',
  'Describe the colour blue to a robot.',
];

const results = new Map<string, BasetenWebhookPayload>();
let allArrived: () => void = () => {};
const arrived = new Promise<void>(resolve => (allArrived = resolve));

// The webhook receiver: verify the raw body before trusting anything in it.
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    try {
      const payload = await verifyBasetenWebhook({
        rawBody: Buffer.concat(chunks),
        headers: request.headers,
        secrets: secret,
      });
      response.writeHead(200).end();
      // a delivery can arrive twice: keep the first one per request id
      if (results.has(payload.requestId)) return;
      results.set(payload.requestId, payload);
      // one line rewritten in a terminal, one line per result in a log
      const start = process.stdout.isTTY ? '\r' : '\n';
      process.stdout.write(
        `${start}results received: ${results.size}/${prompts.length}`,
      );
      if (results.size === prompts.length) allArrived();
    } catch (error) {
      if (!BasetenWebhookError.isInstance(error)) throw error;
      console.warn(`\nrefused a webhook: ${error.reason}`);
      response.writeHead(401).end();
    }
  });
});
const port = process.env.BASETEN_WEBHOOK_ENDPOINT ? 8787 : 0;
await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
const { port: listening } = server.address() as AddressInfo;
const webhookEndpoint =
  process.env.BASETEN_WEBHOOK_ENDPOINT ??
  `http://127.0.0.1:${listening}/hooks/baseten`;

const deployment = createBaseten({ modelURL }).asyncInference();
const enqueued = await Promise.all(
  prompts.map(prompt =>
    deployment.enqueue(
      { prompt },
      { webhookEndpoint, priority: 1, maxTimeInQueueSeconds: 600 },
    ),
  ),
);
console.log(`enqueued ${enqueued.length} requests`);
const queue = await deployment.queueStatus();
console.log(
  `queue: ${queue.numQueuedRequests} queued, ${queue.numInProgressRequests} in progress`,
);

const timeout = setTimeout(() => {
  console.error(`\nonly ${results.size}/${prompts.length} results arrived`);
  process.exit(1);
}, 60_000);
await arrived;
clearTimeout(timeout);
server.close();

console.log();
for (const [index, { requestId }] of enqueued.entries()) {
  const result = results.get(requestId);
  const output = result?.errors.length
    ? `failed: ${result.errors.map(error => error.code).join(', ')}`
    : JSON.stringify(result?.data);
  console.log(`${prompts[index]}\n  → ${output}`);
}
const status = await deployment.status(enqueued[0].requestId);
console.log(`first request: ${status.status}, webhook ${status.webhookStatus}`);
