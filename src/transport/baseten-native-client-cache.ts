import type {
  PerformanceClientConstructor,
  PerformanceClientInstance,
} from './baseten-native-client';

/** One native client per model (it opens 64 connections), new for another class or key. */
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
  get(
    clientClass: PerformanceClientConstructor,
    apiKey: string,
  ): PerformanceClientInstance {
    if (
      this.cached?.clientClass !== clientClass ||
      this.cached.apiKey !== apiKey
    ) {
      // an explicit key stops the client from reading BASETEN_API_KEY or OPENAI_API_KEY itself
      this.cached = {
        clientClass,
        apiKey,
        instance: new clientClass(this.syncBaseURL, apiKey),
      };
    }
    return this.cached.instance;
  }
}
