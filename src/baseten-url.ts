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
    throw invalid('modelURL', messages.noURL);
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

/** Which deployment of a model `basetenModelURL` points at. */
export interface BasetenModelURLOptions {
  /** The model ID from the Baseten dashboard, e.g. `abcd1234`. */
  modelId: string;
  /**
   * An environment name (default `production`), or `development` for the
   * development deployment. Not together with `deploymentId`.
   */
  environment?: 'production' | 'development' | (string & {});
  /** One specific deployment, e.g. `q4wxyz9`. Not together with `environment`. */
  deploymentId?: string;
  /**
   * `sync/v1` (default; the OpenAI-compatible root), `sync`, `predict` (batch
   * voice models) or `websocket` (streaming voice models; a `wss://` URL).
   */
  endpoint?: 'sync/v1' | 'sync' | 'predict' | 'websocket';
}

const BASETEN_ID = /^[a-z0-9]{4,32}$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * Builds a dedicated deployment's URL from its model ID:
 * `https://model-{modelId}.api.baseten.co/environments/production/sync/v1` by
 * default.
 */
export function basetenModelURL(options: BasetenModelURLOptions): string {
  const { modelId, environment, deploymentId, endpoint = 'sync/v1' } = options;
  if (typeof modelId !== 'string' || !BASETEN_ID.test(modelId)) {
    throw invalid(
      'modelId',
      `Invalid modelId ${JSON.stringify(modelId)}: a Baseten model ID is short, lower-case letters and digits (e.g. "abcd1234"), as shown in the dashboard and in model-{id}.api.baseten.co.`,
    );
  }
  if (environment !== undefined && deploymentId !== undefined) {
    throw invalid(
      'deploymentId',
      'Set either environment or deploymentId, not both: a URL targets an environment or one specific deployment.',
    );
  }
  if (
    deploymentId !== undefined &&
    (typeof deploymentId !== 'string' || !BASETEN_ID.test(deploymentId))
  ) {
    throw invalid(
      'deploymentId',
      `Invalid deploymentId ${JSON.stringify(deploymentId)}: a deployment ID is short, lower-case letters and digits (e.g. "q4wxyz9").`,
    );
  }
  if (
    environment !== undefined &&
    (typeof environment !== 'string' || !ENVIRONMENT_NAME.test(environment))
  ) {
    throw invalid(
      'environment',
      `Invalid environment ${JSON.stringify(environment)}: use an environment name such as "production" or "staging", or "development".`,
    );
  }
  if (!MODEL_URL_ENDPOINTS.includes(endpoint)) {
    throw invalid(
      'endpoint',
      `Invalid endpoint ${JSON.stringify(endpoint)}: use "sync/v1" (OpenAI-compatible root), "sync", "predict" (batch voice models) or "websocket" (streaming voice models).`,
    );
  }
  const target =
    deploymentId !== undefined
      ? `deployment/${deploymentId}`
      : environment === 'development'
        ? 'development'
        : `environments/${environment ?? 'production'}`;
  const scheme = endpoint === 'websocket' ? 'wss' : 'https';
  return `${scheme}://model-${modelId}.api.baseten.co/${target}/${endpoint}`;
}

const MODEL_URL_ENDPOINTS: readonly string[] = [
  'sync/v1',
  'sync',
  'predict',
  'websocket',
];

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
 * Parses a voice deployment's `modelURL` (`http(s)` or `ws(s)`): plaintext only
 * to a loopback host, since the API key travels on the connection.
 */
function parseVoiceURL(modelURL: unknown): { url: URL; secure: boolean } {
  const text = typeof modelURL === 'string' ? modelURL.trim() : modelURL;
  // ws(s) parses like http(s); the scheme is checked on the original below.
  const asHttp =
    typeof text === 'string'
      ? text.replace(/^ws(s?):\/\//i, 'http$1://')
      : text;
  const url = parseHttpURL('modelURL', asHttp);
  const secure = url.protocol === 'https:';
  if (!secure && !isLoopbackHost(url.hostname)) {
    throw invalid(
      'modelURL',
      `Invalid modelURL ${JSON.stringify(modelURL)}: plaintext http:// and ws:// are only allowed to a loopback host (localhost, 127.0.0.1, ::1), since the API key travels on the connection. Use https:// or wss://.${VOICE_URL_FORMS}`,
    );
  }
  return { url, secure };
}

/**
 * Resolves a voice deployment's `modelURL` into its batch and streaming URLs.
 * Either form gives both: `…/predict` ⇄ `…/websocket` on the same deployment
 * prefix, and a chain's `…/run_remote` ⇄ `…/websocket`.
 */
export function resolveVoiceEndpoints(
  modelURL: unknown,
  purpose: VoicePurpose,
): VoiceEndpoints {
  if (modelURL == null) {
    throw invalid(
      'modelURL',
      `No model URL provided for ${purpose}. Set the modelURL setting to your ${VOICE_DEPLOYMENT[purpose]}'s …/predict or …/websocket URL.${VOICE_URL_FORMS}`,
    );
  }
  const { url, secure } = parseVoiceURL(modelURL);
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
  /** `https://…/sync/v1` (`…/audio/transcriptions`, `…/chat/completions`); `http://` only on loopback. */
  readonly syncV1URL: string;
}

const QWEN3_ASR_URL_FORMS =
  ' A Qwen3-ASR modelURL is https://model-{id}.api.baseten.co/{prefix}/sync/v1 (batch) or wss://model-{id}.api.baseten.co/{prefix}/websocket (streaming), where {prefix} is environments/{name}, production, development or deployment/{id}; each gives the other.';

/**
 * Resolves a Qwen3-ASR `modelURL`: `…/sync/v1` (or `…/sync`, `…/predict`) for
 * batch uploads, `…/websocket` for streaming; each gives the other.
 */
export function resolveQwen3ASREndpoints(modelURL: unknown): Qwen3ASREndpoints {
  if (modelURL == null) {
    throw invalid(
      'modelURL',
      `No model URL provided for transcription. Set the modelURL setting to your Qwen3-ASR deployment's …/sync/v1 or …/websocket URL.${QWEN3_ASR_URL_FORMS}`,
    );
  }
  const { url, secure } = parseVoiceURL(modelURL);
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
