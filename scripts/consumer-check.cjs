// CommonJS consumer: require() resolves the CJS build and its types entry.
const { createBaseten, baseten, VERSION } = require('ai-sdk-provider-baseten');

if (typeof createBaseten !== 'function' || typeof baseten !== 'function') {
  throw new Error('CommonJS build does not export createBaseten/baseten');
}
const model = createBaseten({
  apiKey: 'consumer-key',
  modelURL: 'https://model-abcd1234.api.baseten.co/environments/production/sync',
})();
if (model.provider !== 'baseten.chat' || model.specificationVersion !== 'v4') {
  throw new Error(`unexpected model: ${model.provider} ${model.specificationVersion}`);
}
console.log(`CJS consumer ok (ai-sdk-provider-baseten ${VERSION})`);
