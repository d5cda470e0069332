import { createHash } from 'node:crypto';
import type { WebSocket as WsSocket } from 'ws';
import type { EmulatorFault } from '../faults/emulator-faults';
import type { EmulatorVoiceDeployment } from './emulator-voice-deployments';
import { Qwen3ASRStreamingSession } from './emulator-voice-qwen3-asr';
import { Qwen3TTSSession } from './emulator-voice-qwen3-tts';
import {
  bytesOf,
  FaultySender,
  type EmulatorWebSocketLog,
} from './emulator-voice-websocket';

/** Whether a deployment serves a WebSocket: the streaming presets do, the batch ones do not. */
export function servesQwen3WebSocket(
  deployment: EmulatorVoiceDeployment,
): boolean {
  return (
    deployment.protocol === 'qwen3-asr' || deployment.protocol === 'qwen3-tts'
  );
}

/**
 * Runs a Qwen3 session on an accepted socket, with the voice routes' logging
 * and faults (drop or close after N messages, hang).
 */
export function runQwen3Session(
  ws: WsSocket,
  log: EmulatorWebSocketLog,
  fault: EmulatorFault | undefined,
  deployment: EmulatorVoiceDeployment,
  hangTimeoutMs: number,
): void {
  const sender = new FaultySender(ws, log, fault);
  const digest = createHash('sha256');
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  if (fault?.hang === true) {
    hangTimer = setTimeout(
      () => sender.close(1011, 'emulated hang timed out'),
      hangTimeoutMs,
    );
  }
  // a hung session says nothing, not even its own timeouts
  const session =
    fault?.hang === true
      ? undefined
      : deployment.protocol === 'qwen3-tts'
        ? new Qwen3TTSSession(deployment, {
            send: message => sender.send(message),
            end: code => sender.close(code),
          })
        : new Qwen3ASRStreamingSession(deployment, message =>
            sender.send(message),
          );
  const stop = () => {
    if (session instanceof Qwen3TTSSession) session.closed();
  };
  ws.on('close', code => {
    clearTimeout(hangTimer);
    stop();
    log.binarySha256 = digest.digest('hex');
    log.closed ??= { code, by: 'client' };
  });
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    const bytes = bytesOf(data);
    if (isBinary) {
      log.received.push(bytes.byteLength);
      log.binaryBytes += bytes.byteLength;
      digest.update(bytes);
    } else {
      log.received.push(new TextDecoder().decode(bytes));
    }
    if (session === undefined || sender.ended) return stop();
    if (isBinary) session.binary();
    else session.text(log.received[log.received.length - 1] as string);
  });
}
