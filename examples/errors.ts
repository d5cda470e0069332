// Catch what a failed call throws: a model slug that Model APIs does not serve.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { APICallError, RetryError, generateText } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

try {
  await generateText({
    model: baseten('no-such-org/no-such-model'),
    prompt: 'Hi',
  });
  throw new Error('expected the call to fail');
} catch (error) {
  // 429 and 5xx are retried (maxRetries, default 2); if they keep failing the
  // last error arrives wrapped in a RetryError. Other 4xx fail at once.
  const last = RetryError.isInstance(error) ? error.lastError : error;
  if (!APICallError.isInstance(last)) throw error;
  console.log(`status ${last.statusCode}, retryable: ${last.isRetryable}`);
  console.log(`message: ${last.message}`);
}
