import { InvalidArgumentError } from '@ai-sdk/provider';
import {
  checkPlaintextURL,
  parseBasetenHost,
  parseHttpURL,
  splitDeploymentTarget,
} from '../baseten-url';

/** The URLs of Baseten's async inference for one deployment or chain. */
export interface AsyncEndpoints {
  /** `POST …/async_predict` (models) or `…/async_run_remote` (chains). */
  readonly enqueueURL: string;
  /** `GET …/async_queue_status` on the same deployment target. */
  readonly queueStatusURL: string;
  /** `GET`/`DELETE {host}/async_request/{id}`: no environment or deployment segment. */
  readonly requestURL: (requestId: string) => string;
}

const ASYNC_URL_FORMS =
  ' An async modelURL is any URL of the deployment or chain: https://model-{id}.api.baseten.co/{prefix}/… or https://chain-{id}.api.baseten.co/{prefix}/…, where {prefix} is environments/{name}, production, development or deployment/{id}; or a regional host https://model-{id}-{environment}.api.baseten.co.';

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'modelURL', message });
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
  const { root, kept, last } = splitDeploymentTarget(url);
  const host = parseBasetenHost(url.hostname);
  const isRegional = host?.environment !== undefined;
  if (host !== undefined && !isRegional && kept.length === 0) {
    throw invalid(
      `Invalid modelURL ${JSON.stringify(modelURL)}: it names no deployment target. Add one, e.g. ${url.origin}/environments/production.${ASYNC_URL_FORMS}`,
    );
  }
  const isChain =
    host?.kind === 'chain' ||
    last === 'run_remote' ||
    last === 'async_run_remote';
  // Status and cancel are documented on the non-regional host only.
  const requestOrigin = isRegional
    ? `https://${host.kind}-${host.id}.api.baseten.co`
    : url.origin;
  return {
    enqueueURL: `${root}/${isChain ? 'async_run_remote' : 'async_predict'}`,
    queueStatusURL: `${root}/async_queue_status`,
    requestURL: requestId =>
      `${requestOrigin}/async_request/${encodeURIComponent(requestId)}`,
  };
}
