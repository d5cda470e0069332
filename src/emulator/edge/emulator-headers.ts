import { randomBytes } from 'node:crypto';
import { digest } from './emulator-text';

/**
 * The `X-Baseten-*` headers of every live answer: a fresh request id (the one
 * Baseten support asks for) with an equal session id, the acceptance time and
 * the prediction attempts.
 */
export function requestHeaders(acceptedAt: number): Record<string, string> {
  const requestId = randomBytes(16).toString('hex');
  return {
    'x-baseten-request-id': requestId,
    'x-baseten-session-id': requestId,
    'x-baseten-accepted-at': String(acceptedAt),
    'x-baseten-model-prediction-attempts': '1',
  };
}

/** Lower-case base-36 characters derived from `seed`, like Baseten's model and deployment ids. */
function idFrom(seed: string, length: number): string {
  return BigInt(`0x${digest(seed).slice(0, 16)}`)
    .toString(36)
    .padStart(length, '0')
    .slice(0, length);
}

/** The backing deployment's ids: an 8-character model id and a version (deployment) id. */
export function modelHeaders(
  model: string,
  version?: string,
): Record<string, string> {
  return {
    'x-baseten-model-id': idFrom(`model ${model}`, 8),
    'x-baseten-model-version-id': version ?? idFrom(`version ${model}`, 7),
  };
}
