import {
  extractResponseHeaders,
  postToApi,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import { basetenResponseMetadata } from '../baseten-response-metadata';
import {
  callDeployment,
  type BasetenDeploymentConfig,
} from './baseten-deployment-config';
import { throwIfAborted } from './baseten-deployment-run';

/** Per-call options of `wake()`. */
export interface BasetenWakeOptions {
  /** Extra headers for this request. */
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
}

/** What Baseten said to a wake request. */
export interface BasetenWakeResult {
  /** The `…/wake` URL that was called. */
  readonly url: string;
  /** The HTTP status (Baseten documents 202 Accepted: the deployment is starting). */
  readonly status: number;
  /** `x-baseten-request-id`, when sent. */
  readonly requestId?: string;
  readonly responseHeaders: Record<string, string>;
}

/** Any 2xx: the body (none is documented) is read and dropped. */
const acceptedHandler: ResponseHandler<number> = async ({ response }) => {
  await response.arrayBuffer();
  return {
    value: response.status,
    responseHeaders: extractResponseHeaders(response),
  };
};

/**
 * `POST {target}/wake`: asks Baseten to start a scaled-to-zero deployment and returns at once
 * (202), before it is ready. Errors carry Baseten's message and request id, never the key.
 */
export async function wakeAt(
  config: BasetenDeploymentConfig,
  url: string,
  options: BasetenWakeOptions = {},
): Promise<BasetenWakeResult> {
  throwIfAborted(options.abortSignal);
  const { value, responseHeaders = {} } = await callDeployment(
    config,
    options.headers,
    base =>
      postToApi({
        ...base,
        url,
        body: { content: '', values: undefined },
        successfulResponseHandler: acceptedHandler,
        abortSignal: options.abortSignal,
      }),
  );
  const requestId = basetenResponseMetadata(responseHeaders)?.requestId;
  return {
    url,
    status: value,
    ...(requestId !== undefined && { requestId }),
    responseHeaders,
  };
}
