// Embed many texts on a dedicated embeddings deployment (e.g. Baseten
// Embeddings Inference). Needs BASETEN_API_KEY and BASETEN_EMBEDDING_MODEL_URL,
// e.g. https://model-abcd1234.api.baseten.co/environments/production/sync
import { cosineSimilarity, embedMany } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_EMBEDDING_MODEL_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_EMBEDDING_MODEL_URL to your deployment URL ending in /sync or /sync/v1.',
  );
  process.exit(1);
}

const baseten = createBaseten({ modelURL });

const values = Array.from(
  { length: 2000 },
  (_, i) => `Support ticket ${i}: the dashboard is slow today.`,
);
values[1] = 'Billing question about my last invoice.';

const started = performance.now();
const { embeddings, usage, providerMetadata } = await embedMany({
  model: baseten.embeddingModel(),
  values, // any number: batched 128 per request, 32 requests in flight
});
const seconds = (performance.now() - started) / 1000;

console.log(
  `${embeddings.length} embeddings of ${embeddings[0].length} dimensions in ${seconds.toFixed(2)} s`,
);
console.log(
  `tokens: ${usage.tokens}; transport: ${providerMetadata?.baseten?.transport}`,
);
console.log(
  `similarity(ticket 0, ticket 2) = ${cosineSimilarity(embeddings[0], embeddings[2]).toFixed(3)}`,
);
console.log(
  `similarity(ticket 0, billing)  = ${cosineSimilarity(embeddings[0], embeddings[1]).toFixed(3)}`,
);
