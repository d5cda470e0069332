// The benchmark's load server, run in its own process so the client's CPU is
// measured alone. Serves, on one 127.0.0.1 port, HTTP/1.1 and HTTP/2 with prior
// knowledge (the native performance client speaks h2c):
//   POST …/sync/v1/embeddings  simulated GPU time per request, DIMS-dim vectors,
//                              ≤128 inputs (413 above), float or base64
//   POST …/sync/rerank         simulated GPU time per request, one score per text (≤128)
//   POST /v1/chat/completions  one stream of CHUNKS chunks, as fast as it can
// Element 0 of each vector is the input's number (inputs are "text-<n>"), so
// clients can check order. Exits when its parent goes away or after MAX_LIFE_MS.
import { createServer as createHttp1Server } from 'node:http';
import { createServer as createHttp2Server } from 'node:http2';
import { createServer as createTcpServer } from 'node:net';

const GPU_MS = Number(process.env.BENCH_GPU_MS ?? 25);
const DIMS = Number(process.env.BENCH_DIMS ?? 1024);
const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 20000);
const MAX_LIFE_MS = Number(process.env.BENCH_MAX_LIFE_MS ?? 20 * 60 * 1000);
const MAX_BATCH = 128;

const template = new Float32Array(DIMS);
for (let i = 0; i < DIMS; i++) template[i] = Math.sin(i + 1) * 0.05;
const floatTail = Array.from(template.subarray(1), v => v.toPrecision(8)).join(
  ',',
);

function numberOf(text) {
  const n = Number(String(text).slice(String(text).lastIndexOf('-') + 1));
  return Number.isFinite(n) ? n : 0;
}

// Base64 of a vector: only its first 6 bytes (8 characters) depend on element 0, so the
// rest is encoded once, and base64 bodies are written as bytes: the bytes sent are the same,
// and the server's CPU stays off the client's cores.
const base64Tail = Buffer.from(
  Buffer.from(template.buffer, 6).toString('base64'),
  'latin1',
);
const head = Buffer.from(template.buffer.slice(0, 6));
const headView = new Float32Array(head.buffer, 0, 1);

function base64Body(input) {
  const tokens = input.length * 4;
  const parts = ['{"object":"list","model":"bench","data":['];
  input.forEach((text, index) => {
    headView[0] = numberOf(text);
    const start = `${index ? ',' : ''}{"object":"embedding","index":${index},"embedding":"`;
    parts.push(`${start}${head.toString('base64')}`, base64Tail, '"}');
  });
  parts.push(`],"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}}`);
  const bytes = parts.map(part =>
    typeof part === 'string' ? Buffer.from(part, 'latin1') : part,
  );
  return Buffer.concat(bytes);
}

function embeddingsBody(input, format) {
  if (format === 'base64') return base64Body(input);
  const items = input.map(
    (text, index) =>
      `{"object":"embedding","index":${index},"embedding":[${numberOf(text)},${floatTail}]}`,
  );
  const tokens = input.length * 4;
  return `{"object":"list","model":"bench","data":[${items.join(',')}],"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}}`;
}

function chunk(i, count, content, usage) {
  return `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763900000,"model":"bench","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":${i === count - 1 ? '"stop"' : 'null'}}],"usage":${usage}}\n\n`;
}

// `max_tokens` in the request, when given, is the number of chunks.
function streamChat(res, count = CHUNKS) {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
  });
  let i = 0;
  const usageOf = n =>
    `{"prompt_tokens":10,"completion_tokens":${n},"total_tokens":${10 + n}}`;
  const pump = () => {
    while (i < count) {
      let batch = '';
      for (const end = Math.min(count, i + 200); i < end; i++)
        batch += chunk(i, count, `t${i} `, usageOf(i + 1));
      if (!res.write(batch)) return res.once('drain', pump);
    }
    res.end(
      `data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1763900000,"model":"bench","choices":[],"usage":${usageOf(count)}}\n\ndata: [DONE]\n\n`,
    );
  };
  pump();
}

function handle(req, res) {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', part => (body += part));
  req.on('end', () => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'POST' && path.endsWith('/v1/embeddings')) {
      const { input, encoding_format: format } = JSON.parse(body);
      if (input.length > MAX_BATCH) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: `batch size ${input.length} > maximum allowed batch size ${MAX_BATCH}`,
              type: 'PayloadTooLarge',
              code: 413,
            },
          }),
        );
        return;
      }
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(embeddingsBody(input, format));
      }, GPU_MS);
      return;
    }
    if (req.method === 'POST' && path.endsWith('/sync/rerank')) {
      const { texts } = JSON.parse(body);
      if (texts.length > MAX_BATCH) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              message: `batch size ${texts.length} > maximum allowed batch size ${MAX_BATCH}`,
              type: 'Validation',
              code: 413,
            },
          }),
        );
        return;
      }
      // score: the text's number scaled into (0, 1), unsorted as BEI answers
      const scores = texts.map((text, index) => ({
        index,
        score: 1 / (2 + numberOf(text)),
        text: null,
      }));
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(scores.reverse()));
      }, GPU_MS);
      return;
    }
    if (req.method === 'POST' && path.endsWith('/chat/completions'))
      return streamChat(res, JSON.parse(body).max_tokens ?? CHUNKS);
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
}

const http1 = createHttp1Server({ keepAliveTimeout: 60_000 }, handle);
const http2 = createHttp2Server(
  { settings: { maxConcurrentStreams: 1000 } },
  handle,
);
const PREFACE = 'PRI * HTTP/2.0';
// Sniff the first bytes without resuming the socket (http2 must see them).
const tcp = createTcpServer(socket => {
  const onReadable = () => {
    const head = socket.read();
    if (head == null) return;
    socket.unshift(head);
    const text = head.toString('latin1', 0, PREFACE.length);
    if (head.length < PREFACE.length && PREFACE.startsWith(text)) return; // wait for more
    socket.off('readable', onReadable);
    (text === PREFACE ? http2 : http1).emit('connection', socket);
  };
  socket.on('readable', onReadable);
  socket.on('error', () => socket.destroy());
});
tcp.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: tcp.address().port })}\n`);
});
const stop = () => process.exit(0);
process.stdin.on('end', stop).on('close', stop).resume();
setTimeout(stop, MAX_LIFE_MS).unref();
