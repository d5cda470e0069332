import { InvalidArgumentError } from '@ai-sdk/provider';

/** Default base URL of Baseten Model APIs (OpenAI-compatible). */
export const BASETEN_MODEL_APIS_URL = 'https://inference.baseten.co/v1';

export const CHAT_PREDICT_MESSAGE =
  'Not supported. You must use a /sync/v1 endpoint for chat models.';
export const EMBEDDINGS_NO_URL_MESSAGE =
  'No model URL provided for embeddings. Please set modelURL option for embeddings.';
export const EMBEDDINGS_NOT_SYNC_MESSAGE =
  'Not supported. You must use a /sync or /sync/v1 endpoint for embeddings.';
export const RERANKING_NO_URL_MESSAGE =
  'No model URL provided for reranking. Please set modelURL option to your reranker deployment (ending in /sync or /sync/v1).';
export const RERANKING_NOT_SYNC_MESSAGE =
  'Not supported. You must use a /sync or /sync/v1 endpoint for reranking.';

/** Which kind of model a deployment URL is resolved for (it picks the error wording). */
export type DeploymentPurpose = 'embeddings' | 'reranking';

const DEPLOYMENT_URL_MESSAGES: Record<
  DeploymentPurpose,
  { noURL: string; notSync: string }
> = {
  embeddings: {
    noURL: EMBEDDINGS_NO_URL_MESSAGE,
    notSync: EMBEDDINGS_NOT_SYNC_MESSAGE,
  },
  reranking: {
    noURL: RERANKING_NO_URL_MESSAGE,
    notSync: RERANKING_NOT_SYNC_MESSAGE,
  },
};

const EXAMPLE_MODEL_URL =
  'https://model-abcd1234.api.baseten.co/environments/production/sync/v1';
const EXAMPLE_SYNC_URL =
  'https://model-abcd1234.api.baseten.co/environments/production/sync';

/** What every modelURL error ends with: the forms a deployment URL takes. */
const ACCEPTED_MODEL_URL_FORMS =
  ' A modelURL is https://model-{id}.api.baseten.co/{prefix}/sync/v1 (or /sync), where {prefix} is environments/{name}, production, development or deployment/{id}.';

function hint(setting: string): string {
  return setting === 'modelURL' ? ACCEPTED_MODEL_URL_FORMS : '';
}

/** What a dedicated-deployment URL ends in, after its deployment prefix. */
export type BasetenEndpointKind =
  | 'sync'
  | 'sync/v1'
  | 'predict'
  | 'async_predict'
  | 'websocket'
  | 'run_remote'
  | 'other';

/** A dedicated-deployment URL split into the part before `/sync` and its endpoint. */
export interface ParsedModelURL {
  /** Everything before the endpoint, without a trailing slash. */
  readonly deploymentRoot: string;
  readonly endpoint: BasetenEndpointKind;
  /** The path segments after `/sync/v1` or `/sync` (e.g. `['chat', 'completions']`). */
  readonly trailing: readonly string[];
}

function invalid(argument: string, message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message });
}

/**
 * Parses an http(s) URL setting with `new URL()` and rejects what no Baseten
 * endpoint can be: other schemes, credentials, query strings and fragments.
 */
export function parseHttpURL(setting: string, value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(
      setting,
      `Invalid ${setting}: expected a non-empty http(s) URL string, got ${describe(value)}.${hint(setting)}`,
    );
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalid(
      setting,
      `Invalid ${setting}: "${value}" is not a URL. Use an absolute http(s) URL such as ${
        setting === 'baseURL' ? BASETEN_MODEL_APIS_URL : EXAMPLE_MODEL_URL
      }.${hint(setting)}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(
      setting,
      `Invalid ${setting}: scheme "${url.protocol}" is not supported. Use an https:// (or http:// for a local server) URL.${hint(setting)}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(
      setting,
      `Invalid ${setting}: credentials in the URL are not supported. Remove them from the URL and pass the key as the apiKey setting.${hint(setting)}`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw invalid(
      setting,
      `Invalid ${setting}: remove the query string or fragment (${url.origin}${url.pathname} is the form expected); request paths are appended to ${setting}.${hint(setting)}`,
    );
  }
  return url;
}

function describe(value: unknown): string {
  if (typeof value === 'string')
    return value === '' ? 'an empty string' : 'a blank string';
  return value === null ? 'null' : typeof value;
}

function segmentsOf(url: URL): string[] {
  return url.pathname.split('/').filter(segment => segment !== '');
}

/**
 * Splits a dedicated-deployment URL at its endpoint segment. Only the path is
 * inspected, segment by segment; the host is not (proxies and local servers
 * are valid).
 */
export function parseModelURL(modelURL: unknown): ParsedModelURL {
  const url = parseHttpURL('modelURL', modelURL);
  const segments = segmentsOf(url);
  const root = (count: number) =>
    `${url.origin}${count === 0 ? '' : '/' + segments.slice(0, count).join('/')}`;

  // A path ending in /predict is the predict endpoint wherever it sits (even
  // …/sync/predict), so it gets the documented /predict message.
  const last = segments[segments.length - 1];
  if (
    last === 'predict' ||
    last === 'async_predict' ||
    last === 'websocket' ||
    last === 'run_remote'
  ) {
    return {
      deploymentRoot: root(segments.length - 1),
      endpoint: last,
      trailing: [],
    };
  }

  const syncAt = segments.lastIndexOf('sync');
  if (syncAt !== -1) {
    const afterSync = segments.slice(syncAt + 1);
    if (afterSync[0] === 'v1') {
      return {
        deploymentRoot: root(syncAt),
        endpoint: 'sync/v1',
        trailing: afterSync.slice(1),
      };
    }
    return {
      deploymentRoot: root(syncAt),
      endpoint: 'sync',
      trailing: afterSync,
    };
  }

  return {
    deploymentRoot: root(segments.length),
    endpoint: 'other',
    trailing: [],
  };
}

/**
 * The OpenAI-compatible root (`…/sync/v1`) a chat model posts
 * `/chat/completions` to. `/sync` means `/sync/v1`.
 */
export function resolveChatBaseURL(modelURL: unknown): string {
  const parsed = parseModelURL(modelURL);
  if (parsed.endpoint === 'predict') {
    throw invalid('modelURL', CHAT_PREDICT_MESSAGE);
  }
  if (
    (parsed.endpoint === 'sync' || parsed.endpoint === 'sync/v1') &&
    parsed.trailing.length === 0
  ) {
    return `${parsed.deploymentRoot}/sync/v1`;
  }
  throw invalid(
    'modelURL',
    `Invalid modelURL for a chat model: "${String(modelURL)}". ` +
      describeTrailing(parsed) +
      `Use the deployment's OpenAI-compatible root ending in /sync/v1 (or /sync), for example ${EXAMPLE_MODEL_URL}; ` +
      'the deployment prefix may be /environments/{name}, /production, /development or /deployment/{id}.',
  );
}

function describeTrailing(parsed: ParsedModelURL): string {
  if (parsed.endpoint === 'async_predict') {
    return '/async_predict is an asynchronous queue, not an OpenAI-compatible endpoint. ';
  }
  if (parsed.trailing.length > 0) {
    return `Remove "/${parsed.trailing.join('/')}": request paths are appended for you. `;
  }
  return '';
}

/**
 * The deployment's `…/sync` root for embeddings and reranking (the native
 * performance client appends `/v1/embeddings` and `/rerank` to it).
 */
export function resolveSyncBaseURL(
  modelURL: unknown,
  purpose: DeploymentPurpose = 'embeddings',
): string {
  const messages = DEPLOYMENT_URL_MESSAGES[purpose];
  if (modelURL == null) {
    // @ai-sdk/baseten's wording first (drop-in), then an example
    throw invalid(
      'modelURL',
      `${messages.noURL} For example: createBaseten({ modelURL: '${EXAMPLE_SYNC_URL}' }).${ACCEPTED_MODEL_URL_FORMS}`,
    );
  }
  const parsed = parseModelURL(modelURL);
  if (
    (parsed.endpoint === 'sync' || parsed.endpoint === 'sync/v1') &&
    parsed.trailing.length === 0
  ) {
    return `${parsed.deploymentRoot}/sync`;
  }
  throw invalid('modelURL', messages.notSync);
}

/** Validates `baseURL` and returns it without a trailing slash. */
export function resolveModelAPIsBaseURL(baseURL: unknown): string {
  if (baseURL === undefined) return BASETEN_MODEL_APIS_URL;
  const url = parseHttpURL('baseURL', baseURL);
  return url.href.replace(/\/+$/, '');
}

/** The System One path under the Model APIs base URL (the most likely one; Baseten's pages do not name it). */
const DECISION_PATH = 'systemone';

/**
 * Where decision models post: `decisionURL` as given (plaintext only to loopback unless
 * `allowInsecureHttp`), else `${baseURL}/systemone` (the base URL is checked where it is resolved).
 */
export function resolveDecisionURL(
  modelAPIsBaseURL: () => string,
  decisionURL: unknown,
  allowInsecureHttp: boolean | undefined,
): string {
  if (decisionURL === undefined)
    return `${modelAPIsBaseURL()}/${DECISION_PATH}`;
  const url = parseHttpURL('decisionURL', decisionURL);
  checkPlaintextURL('decisionURL', decisionURL, url, allowInsecureHttp);
  return url.href;
}

/** The URLs embeddings and reranking post to on a dedicated deployment. */
export interface DeploymentEndpoints {
  /** The `…/sync` root (what the native performance client is built with). */
  readonly syncBaseURL: string;
  /** `…/sync/v1/embeddings`, whichever of `/sync` or `/sync/v1` was given. */
  readonly embeddingsURL: string;
  /** `…/sync/rerank` (Baseten Embeddings Inference rerankers). */
  readonly rerankURL: string;
}

/** The embeddings path under a deployment's `…/sync` root (the native client takes it as is). */
export const EMBEDDINGS_PATH = 'v1/embeddings';
/** The rerank path under a deployment's `…/sync` root. */
export const RERANK_PATH = 'rerank';

/**
 * Resolves a `modelURL` for embeddings or reranking. Both `/sync` and
 * `/sync/v1` are accepted; the result never doubles `/v1`.
 */
export function resolveDeploymentEndpoints(
  modelURL: unknown,
  purpose: DeploymentPurpose = 'embeddings',
): DeploymentEndpoints {
  const syncBaseURL = resolveSyncBaseURL(modelURL, purpose);
  return {
    syncBaseURL,
    embeddingsURL: `${syncBaseURL}/${EMBEDDINGS_PATH}`,
    rerankURL: `${syncBaseURL}/${RERANK_PATH}`,
  };
}

/** The endpoint a `basetenModelURL` ends in. */
export type BasetenURLEndpoint =
  | 'sync/v1'
  | 'sync'
  | 'predict'
  | 'websocket'
  | 'async_predict'
  | 'async_queue_status'
  | 'wake'
  | 'run_remote'
  | 'async_run_remote';

export const CLASSIFICATION_NO_URL_MESSAGE =
  "No model URL provided for classification. Set the modelURL setting to your BEI classifier deployment's URL ending in /sync (or /sync/v1, /sync/predict, /sync/predict_tokens).";
export const CLASSIFICATION_NOT_SYNC_MESSAGE =
  "Not supported. Classification calls BEI's own /predict and /predict_tokens through the /sync pass-through: use a modelURL ending in /sync (or /sync/v1, /sync/predict, /sync/predict_tokens), not the Truss …/predict URL.";

/** BEI's classification path under a deployment's `…/sync` root. */
export const CLASSIFY_PATH = 'predict';
/** BEI-Bert's token classification (NER) path under a deployment's `…/sync` root. */
export const CLASSIFY_TOKENS_PATH = 'predict_tokens';

/** The URLs a classifier posts to on a BEI deployment. */
export interface ClassificationEndpoints {
  /** The `…/sync` root (what the native performance client is built with). */
  readonly syncBaseURL: string;
  /** `…/sync/predict`: sequence classification. */
  readonly classifyURL: string;
  /** `…/sync/predict_tokens`: token classification (NER, BEI-Bert only). */
  readonly classifyTokensURL: string;
}

/**
 * Resolves a classifier's `modelURL`: `…/sync`, `…/sync/v1`, `…/sync/predict` or
 * `…/sync/predict_tokens` all name the same BEI server.
 */
export function resolveClassificationEndpoints(
  modelURL: unknown,
): ClassificationEndpoints {
  if (modelURL == null) {
    throw invalid('modelURL', CLASSIFICATION_NO_URL_MESSAGE);
  }
  const parsed = parseModelURL(modelURL);
  const { deploymentRoot, endpoint, trailing } = parsed;
  const isSyncRoot =
    (endpoint === 'sync' || endpoint === 'sync/v1') && trailing.length === 0;
  const isRoute =
    endpoint === 'sync' &&
    trailing.length === 1 &&
    trailing[0] === CLASSIFY_TOKENS_PATH;
  // parseModelURL reads …/sync/predict as the predict endpoint of the root …/sync
  const isSyncPredict =
    endpoint === 'predict' && deploymentRoot.endsWith('/sync');
  if (!isSyncRoot && !isRoute && !isSyncPredict) {
    throw invalid('modelURL', CLASSIFICATION_NOT_SYNC_MESSAGE);
  }
  const syncBaseURL = isSyncPredict ? deploymentRoot : `${deploymentRoot}/sync`;
  return {
    syncBaseURL,
    classifyURL: `${syncBaseURL}/${CLASSIFY_PATH}`,
    classifyTokensURL: `${syncBaseURL}/${CLASSIFY_TOKENS_PATH}`,
  };
}

/** Which deployment of a model (or chain) `basetenModelURL` points at. */
export interface BasetenModelURLOptions {
  /** The model ID from the Baseten dashboard, e.g. `abcd1234` (`model-{id}` host). Not together with `chainId`. */
  modelId?: string;
  /** A chain's ID (`chain-{id}` host). Not together with `modelId`. */
  chainId?: string;
  /**
   * An environment name (default `production`), or `development` for the
   * development deployment. Not together with `deploymentId`.
   */
  environment?: 'production' | 'development' | (string & {});
  /** One specific deployment, e.g. `q4wxyz9`. Not together with `environment`. */
  deploymentId?: string;
  /**
   * The regional environment hostname `model-{id}-{environment}.api.baseten.co`
   * (bare paths; needs `environment`, set up by Baseten for regional restrictions).
   * @default false
   */
  regional?: boolean;
  /**
   * What the URL ends in. Models: `sync/v1` (default; the OpenAI-compatible
   * root), `sync`, `predict` (batch voice models), `websocket` (streaming voice
   * models; a `wss://` URL), `async_predict`, `async_queue_status`, `wake`.
   * Chains: `run_remote` (default), `async_run_remote`, `websocket`,
   * `async_queue_status`. Regional hosts serve only the bare `predict`,
   * `run_remote`, `async_predict`, `async_run_remote`, `async_queue_status`
   * and `wake` (default `predict`, or `run_remote` for a chain).
   */
  endpoint?: BasetenURLEndpoint;
}

const BASETEN_ID = /^[a-z0-9]{4,32}$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** The endpoints each host kind serves (Baseten's inference API spec). */
const ENDPOINTS_OF = {
  model: [
    'sync/v1',
    'sync',
    'predict',
    'websocket',
    'async_predict',
    'async_queue_status',
    'wake',
  ],
  chain: ['run_remote', 'async_run_remote', 'websocket', 'async_queue_status'],
  regionalModel: ['predict', 'async_predict', 'async_queue_status', 'wake'],
  regionalChain: ['run_remote', 'async_run_remote', 'async_queue_status'],
} as const satisfies Record<string, readonly BasetenURLEndpoint[]>;

const ENDPOINT_HINTS: Record<keyof typeof ENDPOINTS_OF, string> = {
  model:
    'use "sync/v1" (OpenAI-compatible root), "sync", "predict" (batch voice models) or "websocket" (streaming voice models), "async_predict", "async_queue_status" or "wake"',
  chain:
    'a chain serves "run_remote", "async_run_remote", "websocket" and "async_queue_status" (Baseten documents no /sync or /wake for chains)',
  regionalModel:
    'a regional host serves the bare "predict", "async_predict", "async_queue_status" and "wake" (its /sync and /websocket are not documented; leave regional out for …/environments/{name}/sync/v1, which reaches the environment without the in-region guarantee)',
  regionalChain:
    'a regional chain host serves the bare "run_remote", "async_run_remote" and "async_queue_status"',
};

function checkId(setting: 'modelId' | 'chainId' | 'deploymentId', id: unknown) {
  if (typeof id === 'string' && BASETEN_ID.test(id)) return;
  const example = setting === 'deploymentId' ? 'q4wxyz9' : 'abcd1234';
  throw invalid(
    setting,
    `Invalid ${setting} ${JSON.stringify(id)}: a Baseten ${
      setting === 'deploymentId'
        ? 'deployment'
        : setting === 'chainId'
          ? 'chain'
          : 'model'
    } ID is short, lower-case letters and digits (e.g. "${example}"), as shown in the dashboard${
      setting === 'deploymentId'
        ? ''
        : ` and in ${setting === 'chainId' ? 'chain' : 'model'}-{id}.api.baseten.co`
    }.`,
  );
}

/** Which host `basetenModelURL` builds on: `model-{id}` or `chain-{id}`. */
function hostOf(options: BasetenModelURLOptions): {
  kind: 'model' | 'chain';
  id: string;
} {
  const { modelId, chainId } = options;
  if ((modelId === undefined) === (chainId === undefined)) {
    throw invalid(
      modelId === undefined ? 'modelId' : 'chainId',
      'Set either modelId (a model-{id}.api.baseten.co deployment) or chainId (a chain-{id}.api.baseten.co chain), exactly one.',
    );
  }
  if (modelId !== undefined) {
    checkId('modelId', modelId);
    return { kind: 'model', id: modelId };
  }
  checkId('chainId', chainId);
  return { kind: 'chain', id: chainId as string };
}

/** The path-based target: `environments/{name}`, `development` or `deployment/{id}`. */
function targetOf(options: BasetenModelURLOptions): string {
  const { environment, deploymentId } = options;
  if (environment !== undefined && deploymentId !== undefined) {
    throw invalid(
      'deploymentId',
      'Set either environment or deploymentId, not both: a URL targets an environment or one specific deployment.',
    );
  }
  if (deploymentId !== undefined) {
    checkId('deploymentId', deploymentId);
    return `deployment/${deploymentId}`;
  }
  checkEnvironment(environment);
  return environment === 'development'
    ? 'development'
    : `environments/${environment ?? 'production'}`;
}

function checkEnvironment(environment: unknown): void {
  if (
    environment === undefined ||
    (typeof environment === 'string' && ENVIRONMENT_NAME.test(environment))
  )
    return;
  throw invalid(
    'environment',
    `Invalid environment ${JSON.stringify(environment)}: use an environment name such as "production" or "staging", or "development".`,
  );
}

/** The regional host's environment: required, a name, and neither a deployment nor `development`. */
function regionalEnvironmentOf(options: BasetenModelURLOptions): string {
  const { environment, deploymentId } = options;
  if (deploymentId !== undefined || environment === undefined) {
    throw invalid(
      deploymentId !== undefined ? 'deploymentId' : 'environment',
      'A regional host is one environment\'s: set environment (e.g. "prod-us") and no deploymentId; leave regional out to target a deployment.',
    );
  }
  checkEnvironment(environment);
  if (environment === 'development') {
    throw invalid(
      'environment',
      'The development deployment has no regional host; leave regional out for …/development/….',
    );
  }
  return environment;
}

/**
 * Builds a dedicated deployment's (or chain's) URL:
 * `https://model-{modelId}.api.baseten.co/environments/production/sync/v1` by
 * default; `https://chain-{chainId}.api.baseten.co/…/run_remote` for a chain;
 * `https://model-{modelId}-{environment}.api.baseten.co/predict` on a regional host.
 */
export function basetenModelURL(options: BasetenModelURLOptions): string {
  const host = hostOf(options);
  const regional = options.regional === true;
  if (options.regional !== undefined && typeof options.regional !== 'boolean') {
    throw invalid('regional', 'regional must be true or false.');
  }
  const kind = regional
    ? host.kind === 'model'
      ? 'regionalModel'
      : 'regionalChain'
    : host.kind;
  const allowed: readonly string[] = ENDPOINTS_OF[kind];
  const endpoint = options.endpoint ?? allowed[0];
  if (!allowed.includes(endpoint)) {
    throw invalid(
      'endpoint',
      `Invalid endpoint ${JSON.stringify(endpoint)}: ${ENDPOINT_HINTS[kind]}.`,
    );
  }
  const scheme = endpoint === 'websocket' ? 'wss' : 'https';
  if (regional) {
    const environment = regionalEnvironmentOf(options);
    return `${scheme}://${host.kind}-${host.id}-${environment}.api.baseten.co/${endpoint}`;
  }
  return `${scheme}://${host.kind}-${host.id}.api.baseten.co/${targetOf(options)}/${endpoint}`;
}

/** A Baseten inference host: `model-{id}` or `chain-{id}`, with `-{environment}` when regional. */
export interface BasetenHost {
  readonly kind: 'model' | 'chain';
  readonly id: string;
  /** The environment of a regional host (`prod-us` in `model-abcd1234-prod-us.api.baseten.co`). */
  readonly environment?: string;
}

// IDs have no hyphen, so the first hyphen after the ID starts the environment (which may have more).
const BASETEN_HOST =
  /^(model|chain)-([a-z0-9]{4,32})(?:-([A-Za-z0-9][A-Za-z0-9_-]*))?\.api\.baseten\.co$/;

/** Reads `model-{id}[-{env}].api.baseten.co` or `chain-…`; undefined for any other host. */
export function parseBasetenHost(hostname: string): BasetenHost | undefined {
  const match = BASETEN_HOST.exec(hostname.toLowerCase());
  if (match === null) return undefined;
  const [, kind, id, environment] = match;
  return {
    kind: kind as BasetenHost['kind'],
    id,
    ...(environment !== undefined && { environment }),
  };
}

/** The last path segments that name an endpoint rather than the deployment target. */
const ENDPOINT_SEGMENTS: ReadonlySet<string> = new Set([
  'predict',
  'predict_tokens',
  'async_predict',
  'run_remote',
  'async_run_remote',
  'async_queue_status',
  'websocket',
  'wake',
]);

/** A deployment or chain target, whichever of its URLs named it. */
export interface DeploymentTarget {
  /** The URL up to the target (`…/environments/production`), or a regional host's origin. */
  readonly root: string;
  /** Whether it is a chain (`chain-{id}` host, or a `…/run_remote` path elsewhere). */
  readonly isChain: boolean;
  /** Whether the host is a regional environment host (bare paths). */
  readonly isRegional: boolean;
  /** The host, when it is Baseten's. */
  readonly host?: BasetenHost;
}

/** A deployment URL split at its endpoint: what names the target, and the last path segment. */
export interface DeploymentTargetSplit {
  /** The URL up to the target, without its endpoint. */
  readonly root: string;
  /** The path segments of `root`. */
  readonly kept: readonly string[];
  /** The URL's last path segment (the endpoint, when it names one). */
  readonly last: string | undefined;
}

/**
 * Cuts the endpoint (`/sync/…`, `/predict`, `/websocket`, `/wake`, …) off an
 * already parsed deployment URL, by path segments; nothing is checked.
 */
export function splitDeploymentTarget(url: URL): DeploymentTargetSplit {
  const segments = segmentsOf(url);
  const last = segments[segments.length - 1] as string | undefined;
  const syncAt = segments.lastIndexOf('sync');
  const kept =
    syncAt !== -1
      ? segments.slice(0, syncAt)
      : last !== undefined && ENDPOINT_SEGMENTS.has(last)
        ? segments.slice(0, -1)
        : segments;
  return {
    root: `${url.origin}${kept.length === 0 ? '' : '/' + kept.join('/')}`,
    kept,
    last,
  };
}

const TARGET_URL_FORMS =
  ' A modelURL is any URL of the deployment, e.g. https://model-{id}.api.baseten.co/{prefix}/sync/v1, …/predict or …/websocket, where {prefix} is environments/{name}, production, development or deployment/{id}; a regional host https://model-{id}-{environment}.api.baseten.co; or a chain https://chain-{id}.api.baseten.co/{prefix}/run_remote.';

/**
 * The deployment (or chain) a `modelURL` names, from any of its URLs (`https://`
 * or a voice model's `wss://`): the endpoint (`/sync/…`, `/predict`,
 * `/websocket`, `/wake`, …) is cut off.
 * Plaintext only to a loopback host unless `allowInsecureHttp`, since the key travels with the request.
 */
export function resolveDeploymentTarget(
  modelURL: unknown,
  allowInsecureHttp?: boolean,
): DeploymentTarget {
  // a voice deployment's wss:// URL names its deployment as well as https:// does
  const { url } = parseVoiceURL(modelURL, allowInsecureHttp, TARGET_URL_FORMS);
  const { root, kept, last } = splitDeploymentTarget(url);
  const host = parseBasetenHost(url.hostname);
  const isRegional = host?.environment !== undefined;
  if (isRegional && kept.length > 0) {
    throw invalid(
      'modelURL',
      `Invalid modelURL ${JSON.stringify(modelURL)}: a regional host serves bare paths (${url.origin}/predict), not /${kept.join('/')}/….${TARGET_URL_FORMS}`,
    );
  }
  if (host !== undefined && !isRegional && kept.length === 0) {
    throw invalid(
      'modelURL',
      `Invalid modelURL ${JSON.stringify(modelURL)}: it names no environment or deployment. Add one, e.g. ${url.origin}/environments/production.${TARGET_URL_FORMS}`,
    );
  }
  return {
    root,
    isChain:
      host?.kind === 'chain' ||
      last === 'run_remote' ||
      last === 'async_run_remote',
    isRegional,
    ...(host !== undefined && { host }),
  };
}

/** `POST {target}/wake`: starts a scaled-to-zero deployment (models only; none is documented for chains). */
export function resolveWakeURL(
  modelURL: unknown,
  allowInsecureHttp?: boolean,
): string {
  if (modelURL == null) {
    throw invalid(
      'modelURL',
      `No model URL provided to wake. Set the modelURL setting (or pass modelURL) to the deployment to start.${TARGET_URL_FORMS}`,
    );
  }
  const target = resolveDeploymentTarget(modelURL, allowInsecureHttp);
  if (target.isChain) {
    throw invalid(
      'modelURL',
      `Cannot wake ${JSON.stringify(modelURL)}: Baseten documents /wake for model deployments only, not for chains. A chain's first request (or an async request) starts it.`,
    );
  }
  return `${target.root}/wake`;
}

/** Which voice model kind a `modelURL` is resolved for (it picks the error wording). */
export type VoicePurpose = 'transcription' | 'speech';

/** The two URLs of one voice deployment: batch over HTTP, streaming over a WebSocket. */
export interface VoiceEndpoints {
  /** `https://…/predict` (or a chain's `…/run_remote`); `http://` only on loopback. */
  readonly predictURL: string;
  /** `wss://…/websocket`; `ws://` only on loopback. */
  readonly webSocketURL: string;
  /** Which of the two `modelURL` named (speech streams over HTTP when it named `predict`). */
  readonly named: 'predict' | 'websocket';
}

const VOICE_DEPLOYMENT = {
  transcription: 'Whisper deployment',
  speech: 'text-to-speech deployment',
} as const satisfies Record<VoicePurpose, string>;

const VOICE_URL_FORMS =
  ' A voice modelURL is https://model-{id}.api.baseten.co/{prefix}/predict or wss://model-{id}.api.baseten.co/{prefix}/websocket, where {prefix} is environments/{name}, production, development or deployment/{id}; a chain is https://chain-{id}.api.baseten.co/environments/{name}/run_remote.';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** Whether a URL host is this machine (the only place plaintext may go). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Refuses a plaintext `http://` or `ws://` URL to a host other than this
 * machine unless `allowInsecureHttp` is set: the API key travels on it.
 */
export function checkPlaintextURL(
  setting: string,
  value: unknown,
  url: URL,
  allowInsecureHttp: boolean | undefined,
  forms = '',
): void {
  const plaintext = url.protocol === 'http:' || url.protocol === 'ws:';
  if (!plaintext || allowInsecureHttp === true || isLoopbackHost(url.hostname))
    return;
  throw invalid(
    setting,
    `Invalid ${setting} ${JSON.stringify(value)}: plaintext http:// and ws:// are only allowed to a loopback host (localhost, 127.0.0.1, ::1), since the API key travels on the connection. Use https:// or wss://, or set allowInsecureHttp: true to send the key unencrypted to ${url.hostname}.${forms}`,
  );
}

/**
 * Parses a voice deployment's `modelURL` (`http(s)` or `ws(s)`): plaintext only
 * to a loopback host unless `allowInsecureHttp`, since the API key travels on the connection.
 */
function parseVoiceURL(
  modelURL: unknown,
  allowInsecureHttp: boolean | undefined,
  forms = VOICE_URL_FORMS,
): { url: URL; secure: boolean } {
  const text = typeof modelURL === 'string' ? modelURL.trim() : modelURL;
  // ws(s) parses like http(s); the scheme is checked on the original below.
  const asHttp =
    typeof text === 'string'
      ? text.replace(/^ws(s?):\/\//i, 'http$1://')
      : text;
  const url = parseHttpURL('modelURL', asHttp);
  checkPlaintextURL('modelURL', modelURL, url, allowInsecureHttp, forms);
  return { url, secure: url.protocol === 'https:' };
}

/**
 * Resolves a voice deployment's `modelURL` into its batch and streaming URLs.
 * Either form gives both: `…/predict` ⇄ `…/websocket` on the same deployment
 * prefix, and a chain's `…/run_remote` ⇄ `…/websocket`.
 */
export function resolveVoiceEndpoints(
  modelURL: unknown,
  purpose: VoicePurpose,
  allowInsecureHttp?: boolean,
): VoiceEndpoints {
  if (modelURL == null) {
    throw invalid(
      'modelURL',
      `No model URL provided for ${purpose}. Set the modelURL setting to your ${VOICE_DEPLOYMENT[purpose]}'s …/predict or …/websocket URL.${VOICE_URL_FORMS}`,
    );
  }
  const { url, secure } = parseVoiceURL(modelURL, allowInsecureHttp);
  const parsed = parseModelURL(url.href);
  if (
    parsed.endpoint !== 'predict' &&
    parsed.endpoint !== 'websocket' &&
    parsed.endpoint !== 'run_remote'
  ) {
    throw invalid(
      'modelURL',
      `Invalid modelURL for a ${purpose} model: ${JSON.stringify(modelURL)}. Use your ${VOICE_DEPLOYMENT[purpose]}'s URL ending in /predict (batch) or /websocket (streaming); each gives the other.${VOICE_URL_FORMS}`,
    );
  }
  const isChain =
    parsed.endpoint === 'run_remote' || url.hostname.startsWith('chain-');
  const root = parsed.deploymentRoot.slice(url.origin.length);
  const host = url.host;
  const http = secure ? 'https' : 'http';
  const ws = secure ? 'wss' : 'ws';
  return {
    predictURL: `${http}://${host}${root}/${isChain ? 'run_remote' : 'predict'}`,
    webSocketURL: `${ws}://${host}${root}/websocket`,
    named: parsed.endpoint === 'websocket' ? 'websocket' : 'predict',
  };
}

/** A Qwen3-ASR deployment's URLs: the voice pair, plus the OpenAI-style root of its batch routes. */
export interface Qwen3ASREndpoints extends VoiceEndpoints {
  /** `https://…/sync/v1` (`…/audio/transcriptions`, `…/chat/completions`); `http://` only on loopback unless `allowInsecureHttp`. */
  readonly syncV1URL: string;
}

const QWEN3_ASR_URL_FORMS =
  ' A Qwen3-ASR modelURL is https://model-{id}.api.baseten.co/{prefix}/sync/v1 (batch) or wss://model-{id}.api.baseten.co/{prefix}/websocket (streaming), where {prefix} is environments/{name}, production, development or deployment/{id}; each gives the other.';

/**
 * Resolves a Qwen3-ASR `modelURL`: `…/sync/v1` (or `…/sync`, `…/predict`) for
 * batch uploads, `…/websocket` for streaming; each gives the other.
 */
export function resolveQwen3ASREndpoints(
  modelURL: unknown,
  allowInsecureHttp?: boolean,
): Qwen3ASREndpoints {
  if (modelURL == null) {
    throw invalid(
      'modelURL',
      `No model URL provided for transcription. Set the modelURL setting to your Qwen3-ASR deployment's …/sync/v1 or …/websocket URL.${QWEN3_ASR_URL_FORMS}`,
    );
  }
  const { url, secure } = parseVoiceURL(modelURL, allowInsecureHttp);
  const parsed = parseModelURL(url.href);
  const isSync =
    (parsed.endpoint === 'sync' || parsed.endpoint === 'sync/v1') &&
    parsed.trailing.length === 0;
  if (
    !isSync &&
    parsed.endpoint !== 'predict' &&
    parsed.endpoint !== 'websocket'
  ) {
    throw invalid(
      'modelURL',
      `Invalid modelURL for a Qwen3-ASR model: ${JSON.stringify(modelURL)}. ${describeTrailing(parsed)}Use the deployment's URL ending in /sync/v1 (batch) or /websocket (streaming).${QWEN3_ASR_URL_FORMS}`,
    );
  }
  const root = `${url.host}${parsed.deploymentRoot.slice(url.origin.length)}`;
  const http = secure ? 'https' : 'http';
  return {
    syncV1URL: `${http}://${root}/sync/v1`,
    predictURL: `${http}://${root}/predict`,
    webSocketURL: `${secure ? 'wss' : 'ws'}://${root}/websocket`,
    named: parsed.endpoint === 'websocket' ? 'websocket' : 'predict',
  };
}
