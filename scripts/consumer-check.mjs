// ESM consumer: the published entry point, used as @ai-sdk/baseten users use it.
import { createServer } from 'node:http';
import { generateText } from 'ai';
import { createBaseten, VERSION } from 'ai-sdk-provider-baseten';

const server = createServer((req, res) => {
  let body = '';
  req.on('data', chunk => (body += chunk));
  req.on('end', () => {
    const { model } = JSON.parse(body);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({
      id: 'c1', object: 'chat.completion', created: 1, model,
      choices: [{ index: 0, message: { role: 'assistant', content: `ok from ${req.url}` }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
      ua: req.headers['user-agent'],
    }));
  });
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
try {
  const baseten = createBaseten({ apiKey: 'consumer-key', baseURL: `http://127.0.0.1:${port}/v1` });
  const { text, usage } = await generateText({ model: baseten('openai/gpt-oss-120b'), prompt: 'hi' });
  if (text !== 'ok from /v1/chat/completions' || usage.totalTokens !== 3) {
    throw new Error(`unexpected result: ${text} ${JSON.stringify(usage)}`);
  }
  console.log(`ESM consumer ok (ai-sdk-provider-baseten ${VERSION}): ${text}`);
} finally {
  server.close();
}
