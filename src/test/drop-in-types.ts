// Code written for @ai-sdk/baseten 2.x must type-check against this package
// with only the import changed. This file imports every export of
// @ai-sdk/baseten (installed as `baseten-anchor`) from ours and hands our
// types values typed with the anchor's. It is never run: `npm run typecheck`
// compiles it against src, scripts/consumer-check.sh against the packed
// tarball (as ESM and as CommonJS). src/drop-in.node.test.ts checks that the
// import list below covers every anchor export.
import type * as Anchor from 'baseten-anchor';
import {
  VERSION,
  baseten,
  createBaseten,
  type BasetenChatModelId,
  type BasetenEmbeddingModelOptions,
  type BasetenErrorData,
  type BasetenPerformanceClient,
  type BasetenPerformanceClientConstructor,
  type BasetenProvider,
  type BasetenProviderSettings,
} from 'ai-sdk-provider-baseten';

declare const anchorSettings: Anchor.BasetenProviderSettings;
declare const anchorConstructor: Anchor.BasetenPerformanceClientConstructor;
declare const anchorClient: Anchor.BasetenPerformanceClient;
declare const anchorEmbeddingOptions: Anchor.BasetenEmbeddingModelOptions;
declare const anchorChatModelId: Anchor.BasetenChatModelId;
declare const anchorErrorData: Anchor.BasetenErrorData;

// The anchor's values where ours are expected.
export const settings: BasetenProviderSettings = anchorSettings;
export const constructor: BasetenPerformanceClientConstructor =
  anchorConstructor;
export const client: BasetenPerformanceClient = anchorClient;
export const embeddingOptions: BasetenEmbeddingModelOptions =
  anchorEmbeddingOptions;
export const chatModelId: BasetenChatModelId = anchorChatModelId;
export const errorData: BasetenErrorData = anchorErrorData;
export const version: string = VERSION;

// The anchor's settings, and a client class written to its types (embed
// only, key optional), as createBaseten takes them.
class EmbedOnlyClient implements Anchor.BasetenPerformanceClient {
  constructor(
    readonly baseUrl: string,
    readonly apiKey?: string,
  ) {}
  embed(input: string[], model: string) {
    return Promise.resolve({
      data: input.map(() => ({ embedding: [model.length] })),
    });
  }
}
export const fromSettings: BasetenProvider = createBaseten(anchorSettings);
export const withConstructor: BasetenProvider = createBaseten({
  modelURL:
    'https://model-abcd1234.api.baseten.co/environments/production/sync',
  performanceClient: anchorConstructor,
});
export const withClass = createBaseten({ performanceClient: EmbedOnlyClient });
export const embeddingModel = baseten.embeddingModel('embeddings');
export const providerOptions = { baseten: anchorEmbeddingOptions } satisfies {
  baseten: BasetenEmbeddingModelOptions;
};

// Our settings where the anchor's are expected. (Our provider is not checked
// against the anchor's: the two are typed with different @ai-sdk/provider
// releases, whose model result types differ.)
export const asAnchorSettings: Anchor.BasetenProviderSettings = {
  apiKey: 'key',
  modelURL:
    'https://model-abcd1234.api.baseten.co/environments/production/sync',
  headers: { 'x-team': 'search' },
} satisfies BasetenProviderSettings;
