import { InvalidArgumentError } from '@ai-sdk/provider';
import { checkPlaintextURL, parseHttpURL, parseModelURL } from '../baseten-url';

/** The URLs of Baseten's async inference for one deployment or chain. */
export interface AsyncEndpoints {
  /** Whether `modelURL` is a chain (`chain-{id}` host or a `…/run_remote` path). */
  readonly isChain: boolean;
  /** `POST …/async_predict` (models) or `…/async_run_remote` (chains). */
  readonly enqueueURL: string;
  /** `GET …/async_queue_status` on the same deployment target. */
  readonly queueStatusURL: string;
  /** `GET`/`DELETE {host}/async_request/{id}`: no environment or deployment segment. */
  readonly requestURL: (requestId: string) => string;
}

const ASYNC_URL_FORMS =
  ' An async modelURL is any URL of the deployment or chain: https://model-{id}.api.baseten.co/{prefix}/… or https://chain-{id}.api.baseten.co/{prefix}/…, where {prefix} is environments/{name}, production, development or deployment/{id}; or a regional host https://model-{id}-{environment}.api.baseten.co.';

/** The last path segments that name an endpoint rather than the deployment target. */
const ENDPOINT_SEGMENTS = new Set([
  'predict',
  'async_predict',
  'run_remote',
  'async_run_remote',
  'async_queue_status',
  'websocket',
  'wake',
]);

/** `model-{id}` / `chain-{id}` with an optional `-{environment}` (regional host). */
const BASETEN_HOST =
  /^(model|chain)-([a-z0-9]{4,32})(?:-([A-Za-z0-9][A-Za-z0-9_-]*))?\.api\.baseten\.co$/;

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'modelURL', message });
}

/** The deployment target part of a URL: everything before its endpoint. */
function targetRoot(url: URL): string {
  const parsed = parseModelURL(url.href);
  if (parsed.endpoint !== 'other') return parsed.deploymentRoot;
  const segments = url.pathname.split('/').filter(segment => segment !== '');
  const last = segments[segments.length - 1];
  const kept = ENDPOINT_SEGMENTS.has(last) ? segments.slice(0, -1) : segments;
  return `${url.origin}${kept.length === 0 ? '' : '/' + kept.join('/')}`;
}

/**
 * Resolves any deployment or chain `modelURL` (`…/sync/v1`, `…/predict`, `…/run_remote`,
 * `…/async_predict`, a regional host…) into its async inference URLs.
 */
export function resolveAsyncEndpoints(
  modelURL: unknown,
  allowInsecureHttp?: boolean,
): AsyncEndpoints {
  if (modelURL == null) {
    throw invalid(
      `No model URL provided for async inference. Create the provider with createBaseten({ modelURL }) pointing at your deployment or chain.${ASYNC_URL_FORMS}`,
    );
  }
  const url = parseHttpURL('modelURL', modelURL);
  checkPlaintextURL(
    'modelURL',
    modelURL,
    url,
    allowInsecureHttp,
    ASYNC_URL_FORMS,
  );
  const root = targetRoot(url);
  const path = root.slice(url.origin.length);
  const host = BASETEN_HOST.exec(url.hostname);
  const isRegional = host?.[3] !== undefined;
  if (host !== null && !isRegional && path === '') {
    throw invalid(
      `Invalid modelURL ${JSON.stringify(modelURL)}: it names no deployment target. Add one, e.g. ${url.origin}/environments/production.${ASYNC_URL_FORMS}`,
    );
  }
  const lastSegment = url.pathname.split('/').filter(Boolean).pop();
  const isChain =
    host?.[1] === 'chain' ||
    lastSegment === 'run_remote' ||
    lastSegment === 'async_run_remote';
  // Status and cancel are documented on the non-regional host only.
  const requestOrigin = isRegional
    ? `https://${host[1]}-${host[2]}.api.baseten.co`
    : url.origin;
  return {
    isChain,
    enqueueURL: `${root}/${isChain ? 'async_run_remote' : 'async_predict'}`,
    queueStatusURL: `${root}/async_queue_status`,
    requestURL: requestId =>
      `${requestOrigin}/async_request/${encodeURIComponent(requestId)}`,
  };
}
