// CommonJS consumer: require() resolves the CJS builds of both entry points.
const { createBaseten, baseten, VERSION } = require('ai-sdk-provider-baseten');
const {
  startBasetenEmulator,
  EMULATOR_MODEL_APIS_CATALOG,
} = require('ai-sdk-provider-baseten/emulator');

if (typeof createBaseten !== 'function' || typeof baseten !== 'function') {
  throw new Error('CommonJS build does not export createBaseten/baseten');
}
const model = createBaseten({
  apiKey: 'consumer-key',
  modelURL:
    'https://model-abcd1234.api.baseten.co/environments/production/sync',
})();
if (model.provider !== 'baseten.chat' || model.specificationVersion !== 'v4') {
  throw new Error(
    `unexpected model: ${model.provider} ${model.specificationVersion}`,
  );
}
if (
  typeof startBasetenEmulator !== 'function' ||
  !Array.isArray(EMULATOR_MODEL_APIS_CATALOG)
) {
  throw new Error(
    'CommonJS build of the emulator entry does not export startBasetenEmulator',
  );
}
console.log(
  `CJS consumer ok (ai-sdk-provider-baseten ${VERSION}, emulator entry included)`,
);
