// Rank documents against a query on a reranker deployment (Baseten
// Embeddings Inference). Needs BASETEN_API_KEY and BASETEN_RERANK_MODEL_URL,
// e.g. https://model-wxyz5678.api.baseten.co/environments/production/sync
import { rerank } from 'ai';
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_RERANK_MODEL_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_RERANK_MODEL_URL to your reranker deployment URL ending in /sync or /sync/v1.',
  );
  process.exit(1);
}

const baseten = createBaseten({ modelURL });

const documents = [
  'Invoices are emailed on the first day of each month.',
  'To rotate an API key, create a new key, update your services, then revoke the old key.',
  'Deployments scaled to zero take longer to answer their first request.',
  'A revoked API key stops working within a minute.',
  'Replicas are billed by the minute while they are active.',
];

const { ranking, providerMetadata } = await rerank({
  model: baseten.rerankingModel(),
  query: 'How do I rotate an API key?',
  documents, // any number: sent 128 per request, ranked together
  topN: 3,
});

for (const { originalIndex, score, document } of ranking) {
  console.log(`${score.toFixed(3)}  [${originalIndex}] ${document}`);
}
console.log(`transport: ${providerMetadata?.baseten?.transport}`);
