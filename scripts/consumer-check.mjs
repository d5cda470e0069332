// ESM consumer: the published entry points, used as @ai-sdk/baseten users use
// them, plus the emulator entry and the baseten-emulator bin. Every server
// here binds 127.0.0.1 and is stopped before the script ends.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import { embedMany, generateText } from 'ai';
import { createBaseten, VERSION } from 'ai-sdk-provider-baseten';
import { startBasetenEmulator } from 'ai-sdk-provider-baseten/emulator';

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// 1. A plain OpenAI-compatible server: the request path and the user-agent.
{
  let userAgent;
  const server = createServer((req, res) => {
    userAgent = req.headers['user-agent'];
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const { model } = JSON.parse(body);
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion',
          created: 1,
          model,
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: `ok from ${req.url}` },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
        }),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  try {
    const baseten = createBaseten({
      apiKey: 'consumer-key',
      baseURL: `http://127.0.0.1:${port}/v1`,
    });
    const { text, usage } = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'hi',
    });
    check(
      text === 'ok from /v1/chat/completions' && usage.totalTokens === 3,
      `unexpected result: ${text} ${JSON.stringify(usage)}`,
    );
    check(
      userAgent?.includes(`ai-sdk-provider-baseten/${VERSION}`),
      `user-agent does not name the package: ${userAgent}`,
    );
    console.log(
      `ESM consumer ok (ai-sdk-provider-baseten ${VERSION}): ${text}; user-agent: ${userAgent}`,
    );
  } finally {
    server.close();
  }
}

// 2. The emulator entry: chat on Model APIs and embeddings on a deployment.
{
  const emulator = await startBasetenEmulator({
    host: '127.0.0.1',
    embeddingDimensions: 8,
  });
  try {
    check(
      emulator.origin.startsWith('http://127.0.0.1:'),
      `emulator not on 127.0.0.1: ${emulator.origin}`,
    );
    const chat = createBaseten({
      apiKey: 'consumer-key',
      baseURL: emulator.baseURL,
    });
    const { text } = await generateText({
      model: chat('openai/gpt-oss-120b'),
      prompt: 'Hi',
    });
    check(text.includes('You said: Hi'), `unexpected emulator answer: ${text}`);

    // The native client is not installed here: embeddings go over HTTP.
    const deployment = createBaseten({
      apiKey: 'consumer-key',
      modelURL: `${emulator.origin}/environments/production/sync`,
    });
    const { embeddings, providerMetadata } = await embedMany({
      model: deployment.embeddingModel(),
      values: Array.from({ length: 200 }, (_, i) => `text ${i}`),
    });
    check(
      embeddings.length === 200 &&
        embeddings.every(vector => vector.length === 8),
      'embeddings missing or of the wrong size',
    );
    check(
      providerMetadata?.baseten?.transport === 'http',
      `unexpected transport: ${JSON.stringify(providerMetadata)}`,
    );
    const paths = emulator.requests.map(request => request.path);
    check(
      JSON.stringify(paths) ===
        JSON.stringify([
          '/v1/chat/completions',
          ...Array(2).fill('/environments/production/sync/v1/embeddings'),
        ]),
      `unexpected requests: ${paths.join(', ')}`,
    );
    console.log(
      `ESM emulator entry ok: chat "${text}", ${embeddings.length} embeddings in ${paths.length - 1} requests`,
    );
  } finally {
    await emulator.close();
  }
}

// 3. The baseten-emulator bin: started, called, and stopped with SIGTERM (it
// would stop by itself after --exit-after otherwise).
{
  const bin = spawn(
    'node_modules/.bin/baseten-emulator',
    ['--host', '127.0.0.1', '--exit-after', '60'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = once(bin, 'exit');
  let output = '';
  try {
    const lines = createInterface({ input: bin.stdout });
    let baseURL;
    for await (const line of lines) {
      output += `${line}\n`;
      baseURL = /Model APIs baseURL:\s+(\S+)/.exec(line)?.[1];
      if (baseURL) break;
    }
    check(
      baseURL?.startsWith('http://127.0.0.1:'),
      `the bin printed no 127.0.0.1 baseURL:\n${output}`,
    );
    bin.stdout.on('data', chunk => (output += chunk));
    const baseten = createBaseten({ apiKey: 'consumer-key', baseURL });
    const { text } = await generateText({
      model: baseten('openai/gpt-oss-120b'),
      prompt: 'from the bin',
    });
    check(
      text.includes('You said: from the bin'),
      `unexpected answer from the bin: ${text}`,
    );
  } finally {
    bin.kill('SIGTERM');
  }
  const [code] = await exited;
  check(code === 0, `the bin exited with ${code}:\n${output}`);
  check(
    output.includes('Stopping the Baseten emulator (SIGTERM)'),
    `the bin did not report stopping:\n${output}`,
  );
  console.log(
    'baseten-emulator bin ok: started on 127.0.0.1, answered, stopped',
  );
}
