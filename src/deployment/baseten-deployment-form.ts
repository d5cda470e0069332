import {
  postFormDataToApi,
  type ResponseHandler,
} from '@ai-sdk/provider-utils';
import { basetenResponseMetadata } from '../baseten-response-metadata';
import {
  callDeployment,
  type BasetenDeploymentConfig,
} from './baseten-deployment-config';
import type { DeploymentAnswer } from './baseten-deployment-post';

/** One multipart upload to a deployment (an OpenAI-style file route). */
export interface DeploymentForm<T> {
  readonly url: string;
  readonly formData: FormData;
  /** Reads a 2xx answer, e.g. `jsonBytesResponseHandler(undefined)`. */
  readonly successfulResponseHandler: ResponseHandler<T>;
  readonly headers?: Record<string, string | undefined>;
  readonly abortSignal?: AbortSignal;
}

/**
 * Posts a multipart form to a deployment, as `postToDeployment` posts JSON: the key, headers
 * and user agent; errors with Baseten's message and request id, never the key.
 */
export async function postFormToDeployment<T>(
  config: BasetenDeploymentConfig,
  form: DeploymentForm<T>,
): Promise<DeploymentAnswer<T>> {
  const answer = await callDeployment(config, form.headers, base =>
    postFormDataToApi({
      ...base,
      url: form.url,
      formData: form.formData,
      successfulResponseHandler: form.successfulResponseHandler,
      abortSignal: form.abortSignal,
    }),
  );
  return {
    ...answer,
    responseMetadata: basetenResponseMetadata(answer.responseHeaders),
  };
}
