import type { SharedV4Warning } from '@ai-sdk/provider';
import {
  waitForWebSocketBufferDrain,
  type WebSocketLike,
} from '@ai-sdk/provider-utils';
import { deploymentHeaders } from './baseten-deployment-config';
import type { BasetenVoiceConfig } from './baseten-voice-config';
import { VoiceSession, voiceResponseMetadata } from './baseten-voice-session';
import { resolveWebSocket } from './baseten-websocket';
import { cancelInputOnFailure } from './baseten-voice-input';

/** A frame a protocol sends: text (JSON or words) or binary (audio). */
export type VoiceFrame = string | Uint8Array;

/** What a protocol may do with the session while it reads the server's messages. */
export interface VoiceSessionControls<PART> {
  /** Queues a part (error and raw parts with the key redacted). */
  push(part: PART): void;
  /** The server said it finished: ends the stream with `part` and closes the socket (1000). */
  finish(part: PART): void;
  /** Fails the stream after the parts so far and ends the socket. */
  fail(error: unknown): void;
  /** The error for an error the server reported in a message (push it as an error part, or fail with it). */
  serverError(message: string, data: unknown): unknown;
  /** The server is still answering after the end of the input: the end timeout starts again. */
  extendEnd(): void;
  /** True once the stream has ended. */
  readonly ended: boolean;
}

/**
 * One voice protocol, as a small object: how to open (the first frame), how to frame the caller's
 * input, how to end it, and how to read the server's messages into parts. `runVoiceProtocol`
 * drives it; the socket, back-pressure, abort, timeouts, redaction and error mapping are the
 * runner's (`VoiceSession`).
 */
export interface VoiceProtocol<INPUT, PART> {
  /** Names the server in errors, e.g. `The Whisper deployment`. */
  readonly serverName: string;
  /** The first frame (sent as JSON); also what errors and `request.body` report. */
  readonly opening: unknown;
  /** `opening` already serialized, sent as is (a large opening is not serialized twice). */
  readonly openingFrame?: string;
  /** Frames for one piece of the caller's input, in order. */
  frames(
    input: INPUT,
    session: VoiceSessionControls<PART>,
  ): Iterable<VoiceFrame>;
  /** What goes out after the input ended: frames still held, then the end-of-input frame. */
  end(session: VoiceSessionControls<PART>): {
    readonly frames: Iterable<VoiceFrame>;
    readonly end: string;
  };
  /** Waits before a frame goes out (real-time pacing); none by default. */
  beforeSend?(frame: VoiceFrame, abortSignal?: AbortSignal): Promise<void>;
  /** Unsent bytes the socket may hold before the input is read again (default 1 MiB). */
  readonly sendHighWaterMark?: number;
  /** A text frame from the server. */
  readText(
    text: string,
    session: VoiceSessionControls<PART>,
  ): void | Promise<void>;
  /**
   * A binary frame from the server. With it, frames are handled as they arrive, in order, so
   * `readText` should do its work before it returns.
   */
  readBinary?(bytes: Uint8Array, session: VoiceSessionControls<PART>): void;
  /** How long the server may take to finish after the end of the input. */
  readonly endTimeoutMs: number;
  /** The last part when `endTimeoutMs` passes (a complete answer); without it the stream fails. */
  endTimeoutPart?(): PART;
  /**
   * The last part when the server closes cleanly after the end of the input; throws to fail the
   * stream instead (a close that came before the protocol's own end).
   */
  closed(): PART;
  /**
   * A frame sent while the caller's input is slow, so that the server's idle limit does not end
   * the session: sent after `everyMs` without a frame, until the end of the input.
   */
  readonly keepAlive?: { readonly everyMs: number; readonly frame: string };
}

/** What `runVoiceProtocol` needs of the call. */
export interface VoiceCall<INPUT> {
  readonly input: ReadableStream<INPUT>;
  readonly headers?: Record<string, string | undefined>;
  readonly abortSignal?: AbortSignal;
}

const DEFAULT_HIGH_WATER_MARK = 1024 * 1024;

/**
 * Runs one voice session over the deployment's WebSocket with `protocol`: connects with the key
 * on the upgrade, sends the opening frame, the input as the protocol frames it (paced by the
 * socket's send buffer and the protocol), and the end, and hands out the protocol's parts after
 * a `stream-start` part with `warnings`. Anything that fails before connecting cancels the input
 * and throws.
 */
export async function runVoiceProtocol<INPUT, PART>(args: {
  readonly config: BasetenVoiceConfig;
  readonly modelId: string;
  readonly call: VoiceCall<INPUT>;
  readonly warnings: SharedV4Warning[];
  /** Built here, so that a protocol that throws (a bad option) also cancels the input. */
  readonly protocol: () => VoiceProtocol<INPUT, PART>;
  /** The `stream-start` part. */
  readonly streamStart: (warnings: SharedV4Warning[]) => PART;
}): Promise<{
  stream: ReadableStream<PART>;
  request: { body: unknown };
  response: { timestamp: Date; modelId: string };
}> {
  const { config, modelId, call, warnings } = args;
  const { protocol, apiKey, headers, choice } = await cancelInputOnFailure(
    call.input,
    async () => {
      const protocol = args.protocol();
      const apiKey = config.apiKey();
      return {
        protocol,
        apiKey,
        headers: deploymentHeaders(config, call.headers, apiKey),
        choice: await resolveWebSocket(config.webSocket),
      };
    },
  );
  const url = config.endpoints.webSocketURL;
  const timestamp = config.currentDate?.() ?? new Date();
  const highWaterMark = protocol.sendHighWaterMark ?? DEFAULT_HIGH_WATER_MARK;

  const controls: VoiceSessionControls<PART> = {
    push: part => session.push(part),
    finish: part => session.finishWith(part),
    fail: error => session.fail(error),
    serverError: (message, data) => session.serverError(message, data),
    extendEnd: () => session.extendEnd(),
    get ended() {
      return session.ended;
    },
  };

  // keep-alive: a frame whenever `everyMs` pass without one, until the end of the input
  let keepAliveTimer: ReturnType<typeof setTimeout> | undefined;
  const armKeepAlive = (socket: WebSocketLike) => {
    const { keepAlive } = protocol;
    if (keepAlive === undefined) return;
    clearTimeout(keepAliveTimer);
    keepAliveTimer = setTimeout(() => {
      if (session.ended || socket.readyState !== 1) return;
      socket.send(keepAlive.frame);
      armKeepAlive(socket);
    }, keepAlive.everyMs);
    (keepAliveTimer as { unref?: () => void }).unref?.();
  };
  const stopKeepAlive = () => clearTimeout(keepAliveTimer);

  const send = async (socket: WebSocketLike, frame: VoiceFrame) => {
    if (protocol.beforeSend !== undefined)
      await protocol.beforeSend(frame, call.abortSignal);
    if (session.ended) return;
    socket.send(frame);
    armKeepAlive(socket);
    await waitForWebSocketBufferDrain(socket, {
      highWaterMark,
      abortSignal: call.abortSignal,
    });
  };

  const sendInput = async (socket: WebSocketLike) => {
    try {
      await sendAll(socket);
    } finally {
      stopKeepAlive();
    }
  };

  const sendAll = async (socket: WebSocketLike) => {
    socket.send(protocol.openingFrame ?? JSON.stringify(protocol.opening));
    armKeepAlive(socket);
    const reader = session.inputReader<INPUT>();
    while (!session.ended) {
      const { done, value } = await reader.read();
      if (done || session.ended) break;
      for (const frame of protocol.frames(value, controls)) {
        if (session.ended) return;
        await send(socket, frame);
      }
    }
    if (session.ended) return;
    const { frames, end } = protocol.end(controls);
    for (const frame of frames) {
      if (session.ended) return;
      await send(socket, frame);
    }
    if (session.ended) return;
    session.inputDone();
    session.sendEnd(socket, end);
  };

  const readBinary = protocol.readBinary?.bind(protocol);
  const endTimeoutPart = protocol.endTimeoutPart?.bind(protocol);
  const session: VoiceSession<PART> = new VoiceSession<PART>({
    url,
    headers,
    choice,
    abortSignal: call.abortSignal,
    apiKey,
    requestBodyValues: protocol.opening,
    input: call.input,
    serverName: protocol.serverName,
    endTimeoutMs: protocol.endTimeoutMs,
    ...(endTimeoutPart !== undefined ? { endTimeoutPart } : {}),
    responseMetadata: voiceResponseMetadata(timestamp, modelId) as (
      headers: Record<string, string> | undefined,
    ) => PART,
    onOpen: sendInput,
    onText: text => protocol.readText(text, controls),
    ...(readBinary !== undefined
      ? { onBinary: (bytes: Uint8Array) => readBinary(bytes, controls) }
      : {}),
    finish: () => protocol.closed(),
  });
  session.push(args.streamStart(warnings));
  session.start();
  return {
    stream: session.queue.stream,
    request: { body: protocol.opening },
    response: { timestamp, modelId },
  };
}
