import { listedEntries } from './model-apis/emulator-catalog';
import { answerDeploymentChat } from './deployments/emulator-deployment-chat';
import {
  engineError,
  type EmulatorEngine,
} from './deployments/emulator-deployment-engines';
import { answerDecision } from './model-apis/emulator-decision';
import { answerEmbeddings } from './deployments/emulator-embeddings';
import {
  EmulatorRequestError,
  LIVE_MESSAGES,
  badRequestText,
  deploymentError,
  edgeError,
  errorBody,
  type ErrorSurface,
} from './edge/emulator-errors';
import { readBody, ResponseWriter, wait } from './edge/emulator-exchange';
import {
  FaultQueue,
  retryHeaders,
  type EmulatorFault,
  type EmulatorFaultQueue,
} from './faults/emulator-faults';
import {
  listenDualProtocol,
  type AnyRequest,
  type AnyResponse,
  type EmulatorProtocol,
} from './edge/emulator-listener';
import { answerHeaders } from './model-apis/emulator-live-headers';
import { answerModelAPIsChat } from './model-apis/emulator-model-apis-chat';
import { answerPredict } from './deployments/emulator-predict';
import { answerRerank } from './deployments/emulator-rerank';
import { answerPredictTokens } from './deployments/emulator-token-classification';
import { answerOrpheusPredict } from './voice/emulator-voice-speech-http';
import { isOrpheusPredict } from './voice/emulator-voice-orpheus';
import {
  answerWhisperPredict,
  isWhisperPredict,
} from './voice/emulator-voice-whisper';
import {
  handleVoiceUpgrade,
  type EmulatorWebSocketLog,
} from './voice/emulator-voice-websocket';
import { methodOf, routeOf, type EmulatorRoute } from './edge/emulator-routes';
import {
  AsyncQueueEmulator,
  isAsyncRoute,
  type EmulatorAsyncOptions,
  type EmulatorAsyncQueue,
} from './async/emulator-async-queue';
import {
  voiceDeploymentLookup,
  type EmulatorVoiceDeployment,
  type EmulatorVoiceDeployments,
} from './voice/emulator-voice-deployments';
import { answerQwen3Http } from './voice/emulator-voice-qwen3-http';
import { edgeCheck, headersOf } from './edge/emulator-edge';
import {
  engineAnswers,
  engineChoice,
  engineFor,
  type EngineChoice,
} from './deployments/emulator-engine-choice';

/** Options of `startBasetenEmulator`. */
export interface BasetenEmulatorOptions extends EmulatorAsyncOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to bind; defaults to `127.0.0.1`. */
  host?: string;
  /** The only API key accepted (others get 403); by default every non-empty key is. */
  apiKey?: string;
  /** Embedding size when a request sets no `dimensions` (default 1024). */
  embeddingDimensions?: number;
  /** Pause between streamed chunks, in milliseconds (default 0). */
  chunkDelayMs?: number;
  /** How long a `hang` fault holds a request before answering 504 (default 30 000 ms). */
  hangTimeoutMs?: number;
  /** Makes deployment chat answer 404 for any other `model`, as a vLLM server checks its served model name. */
  servedModelName?: string;
  /**
   * The engine every dedicated deployment's `/sync/v1` chat stands for:
   * `vllm` (the default), `sglang` or `trtllm` (TensorRT-LLM Engine-Builder).
   */
  engine?: EmulatorEngine;
  /** Per-deployment engines, keyed by target: `{'/deployment/abc123': 'trtllm', '/environments/staging': 'sglang'}`. */
  deploymentEngines?: Readonly<Record<string, EmulatorEngine>>;
  /**
   * Voice deployments that speak a Qwen3 protocol, by deployment target, e.g.
   * `{ 'deployment/q3asr001': 'qwen3-asr', 'deployment/q3tts001': 'qwen3-tts' }`
   * (see `EmulatorVoiceProtocol`). Other targets answer as Whisper or Orpheus.
   */
  voiceDeployments?: EmulatorVoiceDeployments;
}

/** A request the emulator received, as it arrived. */
export interface EmulatorRequest {
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** Path with query string, e.g. `/v1/chat/completions`. */
  readonly path: string;
  /** `http/1.1` for fetch, `h2` for the native performance client. */
  readonly protocol: EmulatorProtocol;
  /** Request headers, names lower-cased (HTTP/2 pseudo-headers left out). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON; the raw text if it is not JSON; `undefined` if empty. */
  readonly body: unknown;
  /** When the request arrived (`Date.now()` milliseconds), e.g. to measure retry delays. */
  readonly receivedAt: number;
  /** The fault applied to this request, if any. */
  readonly fault?: EmulatorFault;
  /** For a WebSocket (`…/websocket`): what the session received and how it ended, updated live. */
  readonly webSocket?: EmulatorWebSocketLog;
}

/** A running emulator. */
export interface BasetenEmulator {
  /** `http://127.0.0.1:PORT`; dedicated-deployment paths are served here. */
  readonly origin: string;
  /** Model APIs base URL: `${origin}/v1` (the `baseURL` setting). */
  readonly baseURL: string;
  /** A dedicated deployment's chat URL: `${origin}/environments/production/sync/v1` (the `modelURL` setting). */
  readonly modelURL: string;
  /** Every request received, in arrival order (clear it with `requests.length = 0`). */
  readonly requests: EmulatorRequest[];
  /** Scripted faults for the next matching requests. */
  readonly faults: EmulatorFaultQueue;
  /** The async inference queue (`…/async_predict`): pause, resume, settle, look up. */
  readonly asyncQueue: EmulatorAsyncQueue;
  /** Closes every connection (hanging ones too) and stops listening. */
  close(): Promise<void>;
}

const DEFAULT_EMBEDDING_DIMENSIONS = 1024;
const DEFAULT_HANG_TIMEOUT_MS = 30_000;

interface Settings {
  readonly apiKey?: string;
  readonly embeddingDimensions: number;
  readonly chunkDelayMs: number;
  readonly hangTimeoutMs: number;
  readonly servedModelName?: string;
  readonly engines: EngineChoice;
  readonly voiceDeployment: (
    target: string,
  ) => EmulatorVoiceDeployment | undefined;
}

/** Starts a local emulator of Baseten's inference APIs on one port (HTTP/1.1 and h2c). */
export async function startBasetenEmulator(
  options: BasetenEmulatorOptions = {},
): Promise<BasetenEmulator> {
  const settings: Settings = {
    apiKey: options.apiKey,
    embeddingDimensions:
      options.embeddingDimensions ?? DEFAULT_EMBEDDING_DIMENSIONS,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    hangTimeoutMs: options.hangTimeoutMs ?? DEFAULT_HANG_TIMEOUT_MS,
    servedModelName: options.servedModelName,
    engines: engineChoice(options.engine, options.deploymentEngines),
    voiceDeployment: voiceDeploymentLookup(options.voiceDeployments),
  };
  if (
    !Number.isInteger(settings.embeddingDimensions) ||
    settings.embeddingDimensions < 1
  ) {
    throw new RangeError(
      `embeddingDimensions must be a positive integer, got ${settings.embeddingDimensions}`,
    );
  }
  if (options.apiKey !== undefined && options.apiKey.trim() === '') {
    throw new RangeError(
      'apiKey must not be blank; leave it out to accept any key',
    );
  }
  const requests: EmulatorRequest[] = [];
  const faults = new FaultQueue();
  const asyncQueue = new AsyncQueueEmulator(options);
  const host = options.host ?? '127.0.0.1';

  const onRequest = (
    request: AnyRequest,
    response: AnyResponse,
    protocol: EmulatorProtocol,
  ) => {
    void handle(request, response, protocol, {
      settings,
      requests,
      faults,
      asyncQueue,
    }).catch((error: unknown) => {
      // An emulator bug: say so in a 500 rather than leave the client hanging.
      if (response.headersSent) response.destroy();
      else
        new ResponseWriter(response).json(
          500,
          edgeError(`Baseten emulator error: ${String(error)}`),
        );
    });
  };
  const voice = {
    apiKey: settings.apiKey,
    voiceDeployment: settings.voiceDeployment,
    hangTimeoutMs: settings.hangTimeoutMs,
    faults,
    record: (entry: {
      path: string;
      headers: Record<string, string>;
      fault?: EmulatorFault;
      webSocket: EmulatorWebSocketLog;
    }) =>
      requests.push({
        method: 'GET',
        protocol: 'http/1.1',
        body: undefined,
        receivedAt: Date.now(),
        ...entry,
      }),
  };
  const listener = await listenDualProtocol(
    host,
    options.port ?? 0,
    onRequest,
    (request, socket, head) => {
      void handleVoiceUpgrade(request, socket, head, voice).catch(() =>
        socket.destroy(),
      );
    },
  );

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${urlHost}:${listener.port}`;
  return {
    origin,
    baseURL: `${origin}/v1`,
    modelURL: `${origin}/environments/production/sync/v1`,
    requests,
    faults,
    asyncQueue,
    close: () => {
      asyncQueue.close();
      return listener.close();
    },
  };
}

interface Context {
  readonly settings: Settings;
  readonly requests: EmulatorRequest[];
  readonly faults: FaultQueue;
  readonly asyncQueue: AsyncQueueEmulator;
}

function parseBody(text: string): { body: unknown; json: boolean } {
  if (text === '') return { body: undefined, json: true };
  try {
    return { body: JSON.parse(text) as unknown, json: true };
  } catch {
    return { body: text, json: false };
  }
}

function surfaceOf(route: EmulatorRoute): ErrorSurface {
  // the async API answers errors as {error, error_code}, like the edge
  return route.kind === 'deployment' &&
    route.action !== 'unknown' &&
    !isAsyncRoute(route)
    ? 'deployment'
    : 'edge';
}

async function handle(
  request: AnyRequest,
  response: AnyResponse,
  protocol: EmulatorProtocol,
  context: Context,
): Promise<void> {
  const receivedAt = Date.now();
  const writer = new ResponseWriter(response);
  const method = request.method ?? 'GET';
  const path = request.url ?? '/';
  const headers = headersOf(request);
  const raw = await readBody(request);
  const text = raw.toString('utf8');
  const { body, json } = parseBody(text);
  const record: { -readonly [K in keyof EmulatorRequest]: EmulatorRequest[K] } =
    {
      method,
      path,
      protocol,
      headers,
      body,
      receivedAt,
    };
  context.requests.push(record);

  // Baseten's edge checks the key before anything reaches a model.
  const checked = edgeCheck(headers, path, {
    apiKey: context.settings.apiKey,
    faults: context.faults,
  });
  const route = routeOf(path);
  // A refused key (401/403) is answered before routing: no X-Baseten-* headers.
  if (!('refusal' in checked) || checked.refusal.status === 400)
    writer.addHeaders(answerHeaders(route, body, receivedAt));
  if ('refusal' in checked) {
    const { refusal } = checked;
    if ('text' in refusal)
      writer.send(refusal.status, refusal.text, {
        'content-type': 'text/plain',
      });
    else writer.json(refusal.status, refusal.json);
    return;
  }
  const { fault } = checked;
  if (fault !== undefined) record.fault = fault;

  const surface = surfaceOf(route);
  if (fault !== undefined) {
    const handled = await applyFault(fault, writer, surface, context.settings);
    if (handled) return;
  }
  const qwen3 =
    route.kind === 'deployment'
      ? context.settings.voiceDeployment(route.target)
      : undefined;
  if (qwen3 !== undefined && route.kind === 'deployment') {
    const rest = path
      .split('?')[0]
      .slice(route.target.length)
      .replace(/^\/+|\/+$/g, '');
    return answerQwen3Http(
      qwen3,
      {
        method,
        rest,
        raw,
        contentType: headers['content-type'],
        body,
        json,
      },
      writer,
      fault,
    );
  }

  if (isAsyncRoute(route)) {
    const bytes = raw.length;
    context.asyncQueue.answer(route, method, { body, json, bytes }, writer);
    return;
  }
  try {
    await answer(
      route,
      method,
      path,
      body,
      json,
      writer,
      fault,
      context.settings,
    );
  } catch (error) {
    if (!(error instanceof EmulatorRequestError)) throw error;
    if (surface === 'deployment') {
      writer.json(
        error.status,
        engineAnswers(route)
          ? engineError(
              engineFor(context.settings.engines, route.target),
              error.status,
              error.message,
              error.param,
            )
          : deploymentError(error.status, error.message, error.param),
      );
    } else if (error.status === 400) {
      const text = badRequestText(error.envelope, error.message);
      writer.send(400, text, { 'content-type': 'application/json' });
    } else {
      writer.json(error.status, edgeError(error.message));
    }
  }
}

/** Applies the parts of a fault that come before the answer; true when the exchange is over. */
async function applyFault(
  fault: EmulatorFault,
  writer: ResponseWriter,
  surface: ErrorSurface,
  settings: Settings,
): Promise<boolean> {
  if (fault.latencyMs !== undefined && fault.latencyMs > 0) {
    if (!(await wait(fault.latencyMs, writer))) return true;
  }
  if (fault.hang === true) {
    if (await wait(settings.hangTimeoutMs, writer)) {
      writer.json(
        504,
        errorBody(
          surface,
          504,
          `The request hung for ${settings.hangTimeoutMs} ms (emulated hang) and timed out.`,
        ),
      );
    }
    return true;
  }
  if (fault.status !== undefined && fault.status >= 400) {
    // A bare 500 on Model APIs reads as the live one does.
    const liveDefault =
      surface === 'edge' && fault.status === 500
        ? LIVE_MESSAGES.internalError
        : undefined;
    const message =
      fault.message ?? liveDefault ?? `Emulated fault: HTTP ${fault.status}.`;
    writer.json(
      fault.status,
      errorBody(surface, fault.status, message),
      retryHeaders(fault),
    );
    return true;
  }
  return false;
}

async function answer(
  route: EmulatorRoute,
  method: string,
  path: string,
  body: unknown,
  json: boolean,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  settings: Settings,
): Promise<void> {
  const expected = methodOf(route);
  if (expected === undefined) {
    throw new EmulatorRequestError(
      404,
      `Not found: nothing is served at ${path}.`,
    );
  }
  if (route.kind === 'deployment' && route.action === 'websocket') {
    throw new EmulatorRequestError(
      400,
      `${path} takes WebSocket connections (a GET with Upgrade: websocket).`,
    );
  }
  if (method !== expected) {
    throw new EmulatorRequestError(
      405,
      `Method ${method} is not allowed here; use ${expected}.`,
    );
  }
  if (!json)
    throw new EmulatorRequestError(400, 'The request body is not valid JSON.');

  const isStreamedChat =
    (route.kind === 'model-apis-chat' ||
      (route.kind === 'deployment' && route.action === 'chat')) &&
    typeof body === 'object' &&
    body !== null &&
    (body as { stream?: unknown }).stream === true;
  const isSpeech =
    route.kind === 'deployment' &&
    route.action === 'predict' &&
    isOrpheusPredict(body);
  if (fault?.dropAfterChunks !== undefined && !isStreamedChat && !isSpeech) {
    // Nothing is streamed, so the connection goes before any answer does.
    writer.drop();
    return;
  }

  switch (route.kind) {
    case 'model-apis-models':
      writer.json(200, { data: listedEntries() });
      return;
    case 'model-apis-chat':
      return answerModelAPIsChat(body, writer, fault, settings.chunkDelayMs);
    case 'model-apis-decision':
      writer.json(200, answerDecision(body));
      return;
    case 'not-found':
    case 'async-request':
      return;
  }
  switch (route.action) {
    case 'chat':
      return answerDeploymentChat(body, writer, fault, {
        engine: engineFor(settings.engines, route.target),
        servedModelName: settings.servedModelName,
        chunkDelayMs: settings.chunkDelayMs,
      });
    case 'embeddings':
      writer.json(200, answerEmbeddings(body, settings.embeddingDimensions));
      return;
    case 'rerank':
      writer.json(200, answerRerank(body));
      return;
    case 'predict_tokens':
      writer.json(200, answerPredictTokens(body));
      return;
    case 'wake':
      // 202 Accepted, no body: the deployment starts in the background
      writer.send(202, '', {});
      return;
    case 'predict':
      if (isOrpheusPredict(body))
        return answerOrpheusPredict(body, writer, fault, settings.chunkDelayMs);
      writer.json(
        200,
        isWhisperPredict(body)
          ? await answerWhisperPredict(body)
          : answerPredict(body),
      );
      return;
    case 'models':
      writer.json(200, {
        object: 'list',
        data: [
          {
            id: settings.servedModelName ?? 'placeholder',
            object: 'model',
            created: 0,
            owned_by: 'baseten',
          },
        ],
      });
      return;
    case 'unknown':
    case 'async-predict':
    case 'async-run-remote':
    case 'async-queue-status':
      // answered by the async queue before this switch
      return;
  }
}
