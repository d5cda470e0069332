/**
 * The error envelopes Baseten answers with. Model APIs (as recorded live): a
 * string under `error` for 403/404/500, and two 400 shapes, a pretty-printed
 * nested `{"error": {"code", "message", "type"}}` and a flat
 * `{"message", "type", "code"}`. Dedicated deployments pass their
 * OpenAI-style server's object through.
 */

/** Model APIs / edge envelope: `{"error": "message"}`. */
export function edgeError(message: string): { error: string } {
  return { error: message };
}

/** The live 400 envelopes of Model APIs. */
export type BadRequestEnvelope = 'nested' | 'flat';

/** A Model APIs 400 body, as text (the nested one arrives pretty-printed). */
export function badRequestText(
  envelope: BadRequestEnvelope,
  message: string,
): string {
  // The nested one is indented with tabs and ends with a newline, as recorded.
  return envelope === 'nested'
    ? `${JSON.stringify(
        { error: { code: 400, message, type: 'Bad Request' } },
        null,
        '\t',
      )}\n`
    : JSON.stringify({ message, type: 'Bad Request', code: 400 });
}

/** The live answers of Model APIs' edge, word for word. */
export const LIVE_MESSAGES = {
  forbiddenKey: 'please check the api-key you provided',
  unknownModel: 'please check the model you provided',
  internalError: 'Internal Server Error',
  noAuthorization: 'No Authorization header provided',
} as const;

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
      type:
        ERROR_TYPES[status] ??
        (status >= 500 ? 'InternalServerError' : 'BadRequestError'),
      param,
      code: status,
    },
  };
}

/** Which envelope a route answers errors with. */
export type ErrorSurface = 'edge' | 'deployment';

export function errorBody(
  surface: ErrorSurface,
  status: number,
  message: string,
): unknown {
  return surface === 'edge'
    ? edgeError(message)
    : deploymentError(status, message);
}

/**
 * A request a route refuses: the status, message and parameter at fault, and
 * for a Model APIs 400 which live envelope carries it (default `nested`).
 */
export class EmulatorRequestError extends Error {
  readonly status: number;
  readonly param: string | null;
  readonly envelope: BadRequestEnvelope;
  constructor(
    status: number,
    message: string,
    param: string | null = null,
    envelope: BadRequestEnvelope = 'nested',
  ) {
    super(message);
    this.status = status;
    this.param = param;
    this.envelope = envelope;
  }
}
