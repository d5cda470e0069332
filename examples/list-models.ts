// List the Model APIs catalog: limits, prices and what each model takes.
// Needs BASETEN_API_KEY; BASETEN_BASE_URL optionally overrides the Model APIs base URL.
import { createBaseten } from 'ai-sdk-provider-baseten';

const baseten = createBaseten({ baseURL: process.env.BASETEN_BASE_URL });

const { models } = await baseten.getAvailableModels();

const perMillion = (usdPerToken: string | undefined) =>
  usdPerToken === undefined
    ? '?'
    : `$${(Number(usdPerToken) * 1e6).toFixed(2)}`;

for (const model of models) {
  const language = model.capabilities.language;
  const takes = [
    language?.inputs.image === true ? 'images' : undefined,
    language?.tools.usage === true ? 'tools' : undefined,
    language?.reasoning.support === true ? 'reasoning' : undefined,
  ].filter(Boolean);
  console.log(
    `${model.id}: context ${model.contextLength ?? '?'}, ` +
      `${perMillion(model.pricing?.input)} / ${perMillion(model.pricing?.output)} per 1M tokens` +
      (takes.length > 0 ? `; ${takes.join(', ')}` : ''),
  );
}
console.log(`${models.length} models`);
