/** What a request path asks the emulator for. */
export type EmulatorRoute =
  | { readonly kind: 'model-apis-models' }
  | { readonly kind: 'model-apis-chat' }
  | { readonly kind: 'model-apis-decision' }
  | {
      readonly kind: 'deployment';
      readonly action:
        | 'chat'
        | 'embeddings'
        | 'rerank'
        | 'predict'
        | 'predict_tokens'
        | 'wake'
        | 'websocket'
        | 'models'
        | 'async-predict'
        | 'async-run-remote'
        | 'async-queue-status'
        | 'unknown';
      /** The path up to and including the deployment target, e.g. `/environments/production` (`''` for a regional host's bare paths). */
      readonly target: string;
    }
  /** `/async_request/{id}` on the host: async status (GET) and cancel (DELETE). */
  | { readonly kind: 'async-request'; readonly requestId: string }
  | { readonly kind: 'not-found' };

/** The HTTP method a route answers; `undefined` for paths nothing is served at. */
export function methodOf(route: EmulatorRoute): 'GET' | 'POST' | undefined {
  if (route.kind === 'not-found') return undefined;
  if (route.kind === 'model-apis-models') return 'GET';
  if (route.kind === 'model-apis-chat' || route.kind === 'model-apis-decision')
    return 'POST';
  if (route.kind === 'async-request') return 'GET';
  if (route.action === 'unknown') return undefined;
  return route.action === 'models' ||
    route.action === 'websocket' ||
    route.action === 'async-queue-status'
    ? 'GET'
    : 'POST';
}

/** The bare paths of a regional host the emulator serves, and what each is. */
const REGIONAL_PATHS: ReadonlyMap<
  string,
  | 'predict'
  | 'wake'
  | 'async-predict'
  | 'async-run-remote'
  | 'async-queue-status'
> = new Map([
  ['predict', 'predict'],
  ['run_remote', 'predict'],
  ['wake', 'wake'],
  ['async_predict', 'async-predict'],
  ['async_run_remote', 'async-run-remote'],
  ['async_queue_status', 'async-queue-status'],
]);

/** Splits off a dedicated-deployment target: `/environments/{env}`, `/production`, `/development` or `/deployment/{id}`. */
function splitTarget(
  segments: readonly string[],
): { target: string; rest: readonly string[] } | undefined {
  const [first, second] = segments;
  if (
    (first === 'environments' || first === 'deployment') &&
    second !== undefined
  ) {
    return { target: `/${first}/${second}`, rest: segments.slice(2) };
  }
  if (first === 'production' || first === 'development') {
    return { target: `/${first}`, rest: segments.slice(1) };
  }
  return undefined;
}

const ASYNC_ACTIONS: Record<
  string,
  'async-predict' | 'async-run-remote' | 'async-queue-status'
> = {
  async_predict: 'async-predict',
  async_run_remote: 'async-run-remote',
  async_queue_status: 'async-queue-status',
};

/**
 * Routes a path the way Baseten's hosts do: Model APIs under `/v1`, dedicated
 * deployments at the root (the emulator stands for both `inference.baseten.co`
 * and `model-{id}.api.baseten.co`).
 */
export function routeOf(path: string): EmulatorRoute {
  const segments = path
    .split('?')[0]
    .split('/')
    .filter(segment => segment !== '');
  const joined = segments.join('/');
  if (joined === 'v1/models') return { kind: 'model-apis-models' };
  if (joined === 'v1/chat/completions') return { kind: 'model-apis-chat' };
  if (joined === 'v1/systemone') return { kind: 'model-apis-decision' };
  if (segments.length === 2 && segments[0] === 'async_request')
    return { kind: 'async-request', requestId: segments[1] };
  // a regional host (model-{id}-{env}.api.baseten.co) serves bare paths
  const regional = REGIONAL_PATHS.get(joined);
  if (regional !== undefined)
    return { kind: 'deployment', action: regional, target: '' };

  const split = splitTarget(segments);
  if (split === undefined) return { kind: 'not-found' };
  const rest = split.rest.join('/');
  const action =
    rest === 'sync/v1/chat/completions'
      ? 'chat'
      : rest === 'sync/v1/embeddings'
        ? 'embeddings'
        : rest === 'sync/rerank'
          ? 'rerank'
          : rest === 'sync/predict_tokens'
            ? 'predict_tokens'
            : rest === 'wake'
              ? 'wake'
              : rest === 'predict' ||
                  rest === 'sync/predict' ||
                  rest === 'run_remote'
                ? 'predict'
                : rest === 'websocket'
                  ? 'websocket'
                  : rest === 'sync/v1/models'
                    ? 'models'
                    : (ASYNC_ACTIONS[rest] ?? 'unknown');
  return { kind: 'deployment', action, target: split.target };
}
