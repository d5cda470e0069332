// Address a dedicated deployment by its model ID instead of a full URL.
// With BASETEN_API_KEY and BASETEN_MODEL_ID set it also chats with the
// production environment of that model.
import { generateText } from 'ai';
import { basetenModelURL, createBaseten } from 'ai-sdk-provider-baseten';

const modelId = process.env.BASETEN_MODEL_ID ?? 'abcd1234';

console.log('production: ', basetenModelURL({ modelId }));
console.log(
  'staging:    ',
  basetenModelURL({ modelId, environment: 'staging' }),
);
console.log(
  'development:',
  basetenModelURL({ modelId, environment: 'development' }),
);
console.log(
  'deployment: ',
  basetenModelURL({ modelId, deploymentId: 'q4wxyz9' }),
);
console.log('sync root:  ', basetenModelURL({ modelId, endpoint: 'sync' }));

try {
  basetenModelURL({ modelId: 'Model-ABCD' });
} catch (error) {
  console.log(`a bad ID fails before any request: ${(error as Error).message}`);
}

if (process.env.BASETEN_API_KEY && process.env.BASETEN_MODEL_ID) {
  const deployment = createBaseten({ modelURL: basetenModelURL({ modelId }) });
  const { text } = await generateText({
    model: deployment(),
    prompt: 'Say hello.',
  });
  console.log(text);
} else {
  console.log(
    '(set BASETEN_API_KEY and BASETEN_MODEL_ID to call the deployment)',
  );
}
