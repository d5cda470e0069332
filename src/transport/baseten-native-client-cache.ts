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
        readonly clientClass: PerformanceClientConstructor;
        readonly apiKey: string;
        readonly instance: PerformanceClientInstance;
      }
    | undefined;

  constructor(private readonly syncBaseURL: string) {}

  /** The client of `clientClass`, created on first use with the key passed explicitly. */
  get(clientClass: PerformanceClientConstructor, apiKey: string): PerformanceClientInstance {
    if (this.cached?.clientClass !== clientClass || this.cached.apiKey !== apiKey) {
      // an explicit key stops the client from reading BASETEN_API_KEY or OPENAI_API_KEY itself
      this.cached = { clientClass, apiKey, instance: new clientClass(this.syncBaseURL, apiKey) };
    }
    return this.cached.instance;
  }
}
