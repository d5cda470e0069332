// Label texts and find named entities on a Baseten Embeddings Inference (BEI)
// classifier. Needs BASETEN_API_KEY and BASETEN_CLASSIFIER_MODEL_URL, e.g.
// https://model-abcd1234.api.baseten.co/environments/production/sync
// (classifyTokens needs a BEI-Bert token classification deployment).
import { createBaseten } from 'ai-sdk-provider-baseten';

const modelURL = process.env.BASETEN_CLASSIFIER_MODEL_URL;
if (!modelURL) {
  console.error(
    'Set BASETEN_CLASSIFIER_MODEL_URL to your BEI deployment URL ending in /sync.',
  );
  process.exit(1);
}

const classifier = createBaseten({ modelURL }).classifier();

const { classifications } = await classifier.classify(
  ['Thanks, the fix works great!', 'Still broken after the update.'],
  { truncate: true },
);
for (const [top] of classifications) {
  console.log(`${top.label} (${top.score.toFixed(3)})`);
}

const text = 'Ada Lovelace met the Baseten team in London.';
const { entities } = await classifier.classifyTokens([text], {
  aggregationStrategy: 'max',
});
for (const { start, end, scores } of entities[0]) {
  const [label, score] = Object.entries(scores)[0];
  console.log(`${text.slice(start, end)}: ${label} (${score.toFixed(3)})`);
}
