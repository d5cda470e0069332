import {
  createBaseten,
  type BasetenProviderSettings,
} from './baseten-provider';
import type {
  BasetenWakeOptions,
  BasetenWakeResult,
} from './deployment/baseten-wake';

/** Settings of `wakeDeployment`: the provider's key, headers and fetch, and the call's options. */
export interface WakeDeploymentOptions extends Pick<
  BasetenProviderSettings,
  'apiKey' | 'headers' | 'fetch'
> {
  abortSignal?: BasetenWakeOptions['abortSignal'];
}

/**
 * Starts a scaled-to-zero deployment before traffic arrives (e.g. when a user opens a voice
 * call page): `POST …/wake` on the deployment any of its URLs names. Resolves on Baseten's
 * 202, before the deployment is ready.
 */
export function wakeDeployment(
  modelURL: string,
  options: WakeDeploymentOptions = {},
): Promise<BasetenWakeResult> {
  const { apiKey, headers, fetch, abortSignal } = options;
  return createBaseten({ apiKey, headers, fetch, modelURL }).wake({
    abortSignal,
  });
}
