import { createHash, type Hash } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type {
  WebSocket as WsSocket,
  WebSocketServer as WsServer,
  RawData,
} from 'ws';
import { deploymentError, edgeError } from '../edge/emulator-errors';
import { requestHeaders } from '../edge/emulator-headers';
import {
  retryHeaders,
  type EmulatorFault,
  type FaultQueue,
} from '../faults/emulator-faults';
import { routeOf } from '../edge/emulator-routes';
import {
  END_OF_TEXT,
  isOrpheusStreamingMetadata,
  OrpheusStreamingSession,
  TRUSS_MODEL_ERROR,
} from './emulator-voice-orpheus';
import { isRecord } from '../edge/emulator-is-record';
import {
  isEndAudio,
  isWhisperStreamingMetadata,
  WhisperStreamingSession,
  type WhisperServerMessage,
} from './emulator-voice-whisper';
import { edgeCheck, headersOf } from '../edge/emulator-edge';
import type { EmulatorVoiceDeployment } from './emulator-voice-deployments';
import {
  runQwen3Session,
  servesQwen3WebSocket,
} from './emulator-voice-qwen3-session';

/** What the emulator saw on one WebSocket session. */
export interface EmulatorWebSocketLog {
  /** Text frames as received, binary frames as their byte length, in order. */
  readonly received: Array<string | number>;
  /** Bytes of all binary frames, in order. */
  binaryBytes: number;
  /** SHA-256 (hex) of all binary frames in order; set when the session closes. */
  binarySha256?: string;
  /** Messages the emulator sent. */
  sent: number;
  /** How the session ended: the close code, and who closed (`client` also when the socket dropped). */
  closed?: { readonly code: number; readonly by: 'client' | 'server' };
}

/** The part of the emulator a WebSocket session needs. */
export interface VoiceUpgradeContext {
  readonly apiKey?: string;
  /** The Qwen3 protocol a deployment target speaks, if it was given one. */
  readonly voiceDeployment?: (
    target: string,
  ) => EmulatorVoiceDeployment | undefined;
  readonly hangTimeoutMs: number;
  readonly faults: FaultQueue;
  /** Records the upgrade request (as GET) with its log; returns nothing. */
  readonly record: (entry: {
    path: string;
    headers: Record<string, string>;
    fault?: EmulatorFault;
    webSocket: EmulatorWebSocketLog;
  }) => void;
}

/** Refuses an upgrade with an HTTP answer on the raw socket, as a gateway does (JSON unless `body` is text). */
function refuse(
  socket: Duplex,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    `content-type: ${typeof body === 'string' ? 'text/plain' : 'application/json'}`,
    `content-length: ${Buffer.byteLength(text)}`,
    'connection: close',
    ...Object.entries({ ...requestHeaders(Date.now()), ...headers }).map(
      ([name, value]) => `${name}: ${value}`,
    ),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${text}`);
}

let server: Promise<WsServer | undefined> | undefined;

/** The `ws` package's server, loaded on the first WebSocket (it is an optional peer). */
function wsServer(): Promise<WsServer | undefined> {
  server ??= import('ws')
    .then(module => {
      const wss = new module.WebSocketServer({
        noServer: true,
        maxPayload: 16 * 1024 * 1024,
      });
      // the accepted upgrade carries Baseten's request headers too
      wss.on('headers', lines => {
        for (const [name, value] of Object.entries(requestHeaders(Date.now())))
          lines.push(`${name}: ${value}`);
      });
      return wss;
    })
    .catch(() => undefined);
  return server;
}

function wait(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Serves `…/websocket` on every deployment path: checks the key and the
 * fault for the upgrade (a refused upgrade answers HTTP with the
 * deployment's error envelope), then runs the session the first message asks for.
 */
export async function handleVoiceUpgrade(
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  context: VoiceUpgradeContext,
): Promise<void> {
  socket.on('error', () => socket.destroy());
  const path = request.url ?? '/';
  const headers = headersOf(request);
  const log: EmulatorWebSocketLog = { received: [], binaryBytes: 0, sent: 0 };
  // Baseten's edge checks the key before anything reaches a model, as on HTTP.
  const checked = edgeCheck(headers, path, context);
  const fault = 'fault' in checked ? checked.fault : undefined;
  context.record({
    path,
    headers,
    webSocket: log,
    ...(fault !== undefined ? { fault } : {}),
  });
  if ('refusal' in checked) {
    const { refusal } = checked;
    return refuse(
      socket,
      refusal.status,
      'text' in refusal ? refusal.text : refusal.json,
    );
  }
  const route = routeOf(path);
  if (route.kind !== 'deployment' || route.action !== 'websocket') {
    return refuse(
      socket,
      404,
      edgeError(`Not found: no WebSocket is served at ${path}.`),
    );
  }
  const qwen3 = context.voiceDeployment?.(route.target);
  if (qwen3 !== undefined && !servesQwen3WebSocket(qwen3)) {
    return refuse(socket, 404, { detail: 'Not Found' });
  }
  if (fault?.latencyMs !== undefined && fault.latencyMs > 0)
    await wait(fault.latencyMs);
  if (fault?.status !== undefined && fault.status >= 400) {
    const message = fault.message ?? `Emulated fault: HTTP ${fault.status}.`;
    return refuse(
      socket,
      fault.status,
      deploymentError(fault.status, message),
      retryHeaders(fault),
    );
  }
  const wss = await wsServer();
  if (wss === undefined) {
    return refuse(
      socket,
      501,
      edgeError(
        "The emulator serves WebSockets with the 'ws' package: install it (npm install ws).",
      ),
    );
  }
  wss.handleUpgrade(request, socket, head, ws =>
    qwen3 !== undefined
      ? runQwen3Session(ws, log, fault, qwen3, context.hangTimeoutMs)
      : runSession(ws, log, fault, context.hangTimeoutMs),
  );
}

/** Sends server messages, honouring a drop or close fault at its message count. */
export class FaultySender {
  private cut = false;

  constructor(
    private readonly ws: WsSocket,
    private readonly log: EmulatorWebSocketLog,
    private readonly fault: EmulatorFault | undefined,
  ) {}

  /** True once the fault has ended the session. */
  get ended(): boolean {
    return this.cut;
  }

  send(message: WhisperServerMessage | Uint8Array): void {
    if (this.cut) return;
    const limit =
      this.fault?.dropAfterChunks ??
      (this.fault?.closeCode !== undefined ? 0 : undefined);
    if (limit !== undefined && this.log.sent >= limit) {
      this.cut = true;
      if (this.fault?.closeCode !== undefined) {
        this.log.closed = { code: this.fault.closeCode, by: 'server' };
        this.ws.close(
          this.fault.closeCode,
          this.fault.message ?? 'emulated close',
        );
      } else {
        this.ws.terminate();
      }
      return;
    }
    this.log.sent += 1;
    this.ws.send(
      message instanceof Uint8Array ? message : JSON.stringify(message),
    );
  }

  /** Closes the session normally (unless a fault already ended it). */
  close(code: number, reason?: string): void {
    if (this.cut) return;
    this.cut = true;
    this.log.closed = { code, by: 'server' };
    this.ws.close(code, reason);
  }
}

/** A frame's bytes, whatever shape `ws` hands them in. */
export function bytesOf(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function runSession(
  ws: WsSocket,
  log: EmulatorWebSocketLog,
  fault: EmulatorFault | undefined,
  hangTimeoutMs: number,
): void {
  const sender = new FaultySender(ws, log, fault);
  const digest: Hash = createHash('sha256');
  let whisper: WhisperStreamingSession | undefined;
  let speech: OrpheusStreamingSession | undefined;
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  if (fault?.hang === true) {
    hangTimer = setTimeout(
      () => sender.close(1011, 'emulated hang timed out'),
      hangTimeoutMs,
    );
  }
  /** A model exception in the truss server: close 1011 with its message. */
  const modelError = () => sender.close(1011, TRUSS_MODEL_ERROR);
  const refuse = (message: string) => {
    sender.send({ type: 'error', message });
    modelError();
  };

  /**
   * The first text frame picks the protocol: Whisper's metadata blocks, else
   * Orpheus' (every JSON object: it ignores keys it does not read). Anything
   * else fails the model, as `receive_json` does in Orpheus' server.
   */
  const startSession = (parsed: unknown) => {
    if (isWhisperStreamingMetadata(parsed)) {
      const started = WhisperStreamingSession.start(parsed);
      if ('error' in started) return refuse(started.error);
      whisper = started;
      return;
    }
    // any voice: Orpheus never checks it, and its socket never sends JSON
    if (isOrpheusStreamingMetadata(parsed)) {
      speech = new OrpheusStreamingSession(parsed);
      return;
    }
    modelError();
  };

  ws.on('close', code => {
    clearTimeout(hangTimer);
    log.binarySha256 = digest.digest('hex');
    log.closed ??= { code, by: 'client' };
  });
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      const bytes = bytesOf(data);
      log.received.push(bytes.byteLength);
      log.binaryBytes += bytes.byteLength;
      digest.update(bytes);
      if (fault?.hang === true || sender.ended) return;
      // Orpheus reads text only; a binary frame (or one before the metadata) fails the model
      if (whisper === undefined) return modelError();
      for (const message of whisper.audio(bytes)) sender.send(message);
      return;
    }
    const message = new TextDecoder().decode(bytesOf(data));
    log.received.push(message);
    if (fault?.hang === true || sender.ended) return;
    if (speech !== undefined) {
      const chunks =
        message === END_OF_TEXT ? speech.end() : speech.text(message);
      for (const chunk of chunks) sender.send(chunk);
      if (message === END_OF_TEXT) sender.close(1000, '');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    if (whisper === undefined) return startSession(parsed);
    if (isEndAudio(parsed)) {
      // the socket stays open: the client closes it after `finished`
      for (const reply of whisper.end()) sender.send(reply);
      return;
    }
    if (isRecord(parsed) && parsed.type === 'health_check') return;
    sender.send({
      type: 'error',
      message:
        'Unexpected text message; audio goes in binary frames, and {"type": "end_audio"} ends it.',
    });
  });
}
