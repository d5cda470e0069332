import { APICallError } from '@ai-sdk/provider';
import {
  extractResponseHeaders,
  postJsonToApi,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import {
  basetenResponseMetadata,
  type BasetenResponseMetadata,
} from '../baseten-response-metadata';
import {
  callDeployment,
  type BasetenDeploymentConfig,
} from './baseten-deployment-config';

const utf8 = new TextDecoder();

/** One JSON request to a deployment. */
export interface DeploymentPost<T> {
  /** The full URL, e.g. `…/environments/production/predict`. */
  readonly url: string;
  /** The JSON body. */
  readonly body: unknown;
  /** Reads a 2xx answer: `createJsonResponseHandler(schema)`, `createBinaryResponseHandler()`… */
  readonly successfulResponseHandler: ResponseHandler<T>;
  /** The call's headers (`options.headers`). */
  readonly headers?: Record<string, string | undefined>;
  readonly abortSignal?: AbortSignal;
}

/** The answer of a deployment request. */
export interface DeploymentAnswer<T> {
  readonly value: T;
  /** The body as received, when the handler gives it. */
  readonly rawValue?: unknown;
  readonly responseHeaders?: Record<string, string>;
  /** Request id and model ids from the response headers, when sent. */
  readonly responseMetadata?: BasetenResponseMetadata;
}

/**
 * Posts one JSON body to a deployment (key, headers, user agent, custom fetch). Errors carry
 * Baseten's message and request id, never the key; 429/5xx are retryable by the AI SDK.
 */
export async function postToDeployment<T>(
  config: BasetenDeploymentConfig,
  post: DeploymentPost<T>,
): Promise<DeploymentAnswer<T>> {
  const answer = await callDeployment(config, post.headers, base =>
    postJsonToApi({
      ...base,
      url: post.url,
      body: post.body,
      successfulResponseHandler: post.successfulResponseHandler,
      abortSignal: post.abortSignal,
    }),
  );
  return {
    ...answer,
    responseMetadata: basetenResponseMetadata(answer.responseHeaders),
  };
}

/** Reads a 2xx body once, from its bytes with `readBody` (no whole-body string), else as JSON. */
export function jsonBytesResponseHandler(
  readBody: ((bytes: Uint8Array) => unknown) | undefined,
): ResponseHandler<unknown> {
  return async ({ response, url, requestBodyValues }) => {
    const responseHeaders = extractResponseHeaders(response);
    const bytes = new Uint8Array(await response.arrayBuffer());
    try {
      const value: unknown = readBody
        ? readBody(bytes)
        : JSON.parse(utf8.decode(bytes));
      return { value, responseHeaders };
    } catch (cause) {
      throw new APICallError({
        message: `Baseten answered HTTP ${response.status} with a body that is not JSON.`,
        url,
        requestBodyValues,
        statusCode: response.status,
        responseHeaders,
        responseBody: utf8.decode(bytes.subarray(0, 1000)),
        cause,
        isRetryable: false,
      });
    }
  };
}
