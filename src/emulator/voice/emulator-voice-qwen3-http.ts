import { deploymentError, EmulatorRequestError } from '../edge/emulator-errors';
import type { ResponseWriter } from '../edge/emulator-exchange';
import type { EmulatorFault } from '../faults/emulator-faults';
import type { EmulatorVoiceDeployment } from './emulator-voice-deployments';
import {
  answerQwen3Chat,
  answerQwen3Transcription,
  type Qwen3HttpAnswer,
} from './emulator-voice-qwen3-asr';

/** One HTTP request to a Qwen3 voice deployment, as the emulator received it. */
export interface Qwen3HttpRequest {
  readonly method: string;
  /** The path after the deployment target, e.g. `sync/v1/audio/transcriptions`. */
  readonly rest: string;
  readonly raw: Uint8Array;
  readonly contentType?: string;
  /** The body parsed as JSON, when it is JSON. */
  readonly body: unknown;
  readonly json: boolean;
}

const NOT_FOUND: Qwen3HttpAnswer = {
  status: 404,
  body: { detail: 'Not Found' },
};

async function answerOf(
  deployment: EmulatorVoiceDeployment,
  request: Qwen3HttpRequest,
): Promise<Qwen3HttpAnswer> {
  // each preset's /predict is its server's predict_endpoint
  const route =
    request.rest === 'predict'
      ? deployment.protocol === 'qwen3-asr-batch'
        ? 'sync/v1/audio/transcriptions'
        : 'sync/v1/chat/completions'
      : request.rest;
  if (
    route !== 'sync/v1/audio/transcriptions' &&
    route !== 'sync/v1/chat/completions'
  )
    return NOT_FOUND;
  if (request.method !== 'POST')
    return { status: 405, body: { detail: 'Method Not Allowed' } };
  if (route === 'sync/v1/audio/transcriptions')
    return answerQwen3Transcription(
      deployment,
      request.raw,
      request.contentType,
    );
  if (!request.json)
    return {
      status: 400,
      body: deploymentError(400, 'The request body is not valid JSON.'),
    };
  return answerQwen3Chat(deployment, request.body);
}

/**
 * Answers an HTTP request to a Qwen3 voice deployment (the WebSocket is
 * served elsewhere); `dropAfterChunks` cuts the connection before any answer.
 */
export async function answerQwen3Http(
  deployment: EmulatorVoiceDeployment,
  request: Qwen3HttpRequest,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
): Promise<void> {
  if (fault?.dropAfterChunks !== undefined) return writer.drop();
  if (request.rest === 'websocket') {
    writer.json(
      400,
      deploymentError(
        400,
        `…/websocket takes WebSocket connections (a GET with Upgrade: websocket).`,
      ),
    );
    return;
  }
  try {
    const answer = await answerOf(deployment, request);
    if (answer.text === true)
      writer.send(answer.status, String(answer.body), {
        'content-type': 'text/plain; charset=utf-8',
      });
    else writer.json(answer.status, answer.body);
  } catch (error) {
    if (!(error instanceof EmulatorRequestError)) throw error;
    writer.json(
      error.status,
      deploymentError(error.status, error.message, error.param),
    );
  }
}
