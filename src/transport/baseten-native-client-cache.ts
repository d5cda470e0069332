import type {
  PerformanceClientConstructor,
  PerformanceClientInstance,
} from './baseten-native-client';

/**
 * Holds one native client per model: the client builds a pool of 64 HTTP
 * connections when constructed, so it is made once and reused. A different
 * `PerformanceClient` class (another copy of the package) or a different key
 * (`BASETEN_API_KEY` rotated while the process runs) gets a new one.
 */
export class NativeClientCache {
  private cached:
    | {
        readonly constructor: PerformanceClientConstructor;
        readonly apiKey: string;
        readonly instance: PerformanceClientInstance;
      }
    | undefined;

  constructor(private readonly syncBaseURL: string) {}

  /** The client for `constructor`, created on first use with the key passed explicitly. */
  get(constructor: PerformanceClientConstructor, apiKey: string): PerformanceClientInstance {
    if (this.cached?.constructor !== constructor || this.cached.apiKey !== apiKey) {
      // an explicit key stops the client from reading BASETEN_API_KEY or OPENAI_API_KEY itself
      this.cached = { constructor, apiKey, instance: new constructor(this.syncBaseURL, apiKey) };
    }
    return this.cached.instance;
  }
}
