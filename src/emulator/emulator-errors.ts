/**
 * The two error envelopes Baseten answers with: its edge and Model APIs put a
 * string under `error`; dedicated deployments pass their OpenAI-style server's
 * object through.
 */

/** Model APIs / edge envelope: `{"error": "message"}`. */
export function edgeError(message: string): { error: string } {
  return { error: message };
}

/** Dedicated-deployment envelope, as vLLM, TensorRT-LLM and BEI servers write it. */
export interface DeploymentErrorBody {
  error: { message: string; type: string; param: string | null; code: number };
}

const ERROR_TYPES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  404: 'NotFoundError',
  413: 'PayloadTooLargeError',
  429: 'RateLimitError',
  500: 'InternalServerError',
  503: 'ServiceUnavailableError',
  504: 'GatewayTimeoutError',
};

export function deploymentError(
  status: number,
  message: string,
  param: string | null = null,
): DeploymentErrorBody {
  return {
    error: {
      message,
      type: ERROR_TYPES[status] ?? (status >= 500 ? 'InternalServerError' : 'BadRequestError'),
      param,
      code: status,
    },
  };
}

/** Which envelope a route answers errors with. */
export type ErrorSurface = 'edge' | 'deployment';

export function errorBody(surface: ErrorSurface, status: number, message: string): unknown {
  return surface === 'edge' ? edgeError(message) : deploymentError(status, message);
}

/** A request a route refuses: the status, message and parameter at fault. */
export class EmulatorRequestError extends Error {
  readonly status: number;
  readonly param: string | null;
  constructor(status: number, message: string, param: string | null = null) {
    super(message);
    this.status = status;
    this.param = param;
  }
}
