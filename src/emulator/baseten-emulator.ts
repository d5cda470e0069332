import { BASETEN_CATALOG_CURRENT } from '../catalog/baseten-catalog-snapshot';
import {
  findCatalogModel,
  type EmulatorCatalogModel,
} from './emulator-catalog';
import {
  hasImageParts,
  parseChatRequest,
  planAssistantTurn,
  type ChatRequest,
} from './emulator-chat';
import {
  completionIdentity,
  renderCompletion,
  renderStreamChunks,
} from './emulator-chat-wire';
import { answerEmbeddings } from './emulator-embeddings';
import {
  EmulatorRequestError,
  LIVE_MESSAGES,
  badRequestText,
  deploymentError,
  edgeError,
  errorBody,
  type ErrorSurface,
} from './emulator-errors';
import { readBody, ResponseWriter, wait } from './emulator-exchange';
import {
  FaultQueue,
  retryHeaders,
  type EmulatorFault,
  type EmulatorFaultQueue,
} from './emulator-faults';
import {
  listenDualProtocol,
  type AnyRequest,
  type AnyResponse,
  type EmulatorProtocol,
} from './emulator-listener';
import { modelHeaders, requestHeaders } from './emulator-headers';
import {
  renderModelAPIsCompletion,
  renderModelAPIsStream,
  toolCallIdFor,
} from './emulator-model-apis-wire';
import { answerPredict } from './emulator-predict';
import { answerRerank } from './emulator-rerank';
import { answerOrpheusPredict } from './emulator-voice-speech-http';
import { isOrpheusPredict } from './emulator-voice-orpheus';
import {
  answerWhisperPredict,
  isWhisperPredict,
} from './emulator-voice-whisper';
import {
  handleVoiceUpgrade,
  type EmulatorWebSocketLog,
} from './emulator-voice-websocket';
import { methodOf, routeOf, type EmulatorRoute } from './emulator-routes';
import {
  voiceDeploymentLookup,
  type EmulatorVoiceDeployment,
  type EmulatorVoiceDeployments,
} from './emulator-voice-deployments';
import { answerQwen3Http } from './emulator-voice-qwen3-http';
import { digest } from './emulator-text';
import { isRecord } from './emulator-is-record';
import { edgeCheck, headersOf } from './emulator-edge';

/** Options of `startBasetenEmulator`. */
export interface BasetenEmulatorOptions {
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
    close: () => listener.close(),
  };
}

interface Context {
  readonly settings: Settings;
  readonly requests: EmulatorRequest[];
  readonly faults: FaultQueue;
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
  return route.kind === 'deployment' && route.action !== 'unknown'
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
  const { body, json } = parseBody(raw.toString('utf8'));
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

  writer.addHeaders(requestHeaders(receivedAt));
  // Baseten's edge checks the key before anything reaches a model.
  const checked = edgeCheck(headers, path, {
    apiKey: context.settings.apiKey,
    faults: context.faults,
  });
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

  const route = routeOf(path);
  const surface = surfaceOf(route);
  const model = modelHeadersFor(route, body);
  if (model !== undefined) writer.addHeaders(model);
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
        deploymentError(error.status, error.message, error.param),
      );
    } else if (error.status === 400) {
      const text = badRequestText(error.envelope, error.message);
      writer.send(400, text, { 'content-type': 'application/json' });
    } else {
      writer.json(error.status, edgeError(error.message));
    }
  }
}

/** The model-id headers of the deployment behind a request, when the request names one. */
function modelHeadersFor(
  route: EmulatorRoute,
  body: unknown,
): Record<string, string> | undefined {
  if (route.kind === 'deployment') {
    if (route.action === 'unknown') return undefined;
    const [, kind, id] = route.target.split('/');
    return modelHeaders(
      `deployment ${route.target}`,
      kind === 'deployment' ? id : undefined,
    );
  }
  if (route.kind !== 'model-apis-chat') return undefined;
  const slug = isRecord(body) ? body.model : undefined;
  return findCatalogModel(slug) === undefined
    ? undefined
    : modelHeaders(String(slug));
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
      writer.json(200, { data: BASETEN_CATALOG_CURRENT });
      return;
    case 'model-apis-chat':
      return answerModelAPIsChat(body, writer, fault, settings);
    case 'not-found':
      return;
  }
  switch (route.action) {
    case 'chat':
      return answerDeploymentChat(body, writer, fault, settings);
    case 'embeddings':
      writer.json(200, answerEmbeddings(body, settings.embeddingDimensions));
      return;
    case 'rerank':
      writer.json(200, answerRerank(body));
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
      return;
  }
}

function thinkingFlag(args: unknown): boolean | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const flag = (args as { enable_thinking?: unknown }).enable_thinking;
  return typeof flag === 'boolean' ? flag : undefined;
}

/** Whether a Model APIs model reasons on this request: its default, or what the request asks. */
function reasonsOn(
  model: EmulatorCatalogModel,
  body: Record<string, unknown>,
): boolean {
  const flag = thinkingFlag(body.chat_template_args);
  if (model.reasoning === 'opt-in') return flag === true;
  return flag !== false && body.reasoning_effort !== 'none';
}

/** What the live Model APIs refuse before generating, each in the envelope it comes in. */
function checkModelAPIsRequest(
  chat: ChatRequest,
  model: EmulatorCatalogModel,
): void {
  const { body } = chat;
  if (
    (body.logprobs !== undefined && body.logprobs !== false) ||
    body.top_logprobs !== undefined
  ) {
    const field = body.top_logprobs !== undefined ? 'top_logprobs' : 'logprobs';
    const message = `\`${field}\` is not supported by ${model.id}`;
    throw new EmulatorRequestError(400, message, field, 'flat');
  }
  if (
    !model.inputModalities.includes('image') &&
    hasImageParts(chat.messages)
  ) {
    throw new EmulatorRequestError(
      400,
      `${model.id} does not support image inputs; send text only or use a model whose ` +
        'input_modalities include image',
      'messages',
      'flat',
    );
  }
  const format = body.response_format;
  const schema =
    isRecord(format) && format.type === 'json_schema'
      ? format.json_schema
      : undefined;
  const unnamed =
    isRecord(schema) && (typeof schema.name !== 'string' || schema.name === '');
  if (model.requiresSchemaName && unnamed) {
    const message =
      'Validation: `response_format.json_schema.name` cannot be empty';
    throw new EmulatorRequestError(400, message, 'response_format');
  }
}

async function answerModelAPIsChat(
  body: unknown,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  settings: Settings,
): Promise<void> {
  const chat = parseChatRequest(body);
  const model = findCatalogModel(chat.model);
  if (model === undefined)
    throw new EmulatorRequestError(404, LIVE_MESSAGES.unknownModel, 'model');
  checkModelAPIsRequest(chat, model);
  const seed = JSON.stringify(chat.messages);
  const turn = planAssistantTurn(chat, {
    reasoning: reasonsOn(model, chat.body),
    toolCallId: (name, index) => toolCallIdFor(model, seed, name, index),
    callsLoneToolTwice: model.repeatsParallelToolCallIds,
    ignoresRequiredToolChoice: model.ignoresRequiredToolChoice,
  });
  const identity = completionIdentity(chat.model, seed);
  if (!chat.stream) {
    writer.json(200, renderModelAPIsCompletion(turn, identity, model));
    return;
  }
  const stream = renderModelAPIsStream(
    turn,
    identity,
    model,
    chat.includeUsage,
  );
  await writeEventStream(stream.events, stream.done, writer, fault, settings);
}

async function answerDeploymentChat(
  body: unknown,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  settings: Settings,
): Promise<void> {
  const chat = parseChatRequest(body);
  if (
    settings.servedModelName !== undefined &&
    chat.model !== settings.servedModelName
  ) {
    throw new EmulatorRequestError(
      404,
      `The model \`${chat.model}\` does not exist here; this deployment serves \`${settings.servedModelName}\`.`,
      'model',
    );
  }
  const seed = JSON.stringify(chat.messages);
  const turn = planAssistantTurn(chat, {
    reasoning:
      thinkingFlag(chat.body.chat_template_kwargs) === true ||
      thinkingFlag(chat.body.chat_template_args) === true,
    toolCallId: (name, index) =>
      `call_${digest(chat.model, seed, name, String(index)).slice(0, 24)}`,
  });
  const identity = completionIdentity(chat.model, seed);
  if (!chat.stream) {
    writer.json(200, renderCompletion(turn, identity));
    return;
  }
  const events = renderStreamChunks(turn, identity, {
    includeUsage: chat.includeUsage,
  });
  await writeEventStream(events, true, writer, fault, settings);
}

/** Writes SSE events (then `data: [DONE]` when `done`), applying the stream faults. */
async function writeEventStream(
  chunks: readonly Record<string, unknown>[],
  done: boolean,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  settings: Settings,
): Promise<void> {
  const events = chunks.map(chunk => JSON.stringify(chunk));
  writer.startEventStream();
  for (const [index, event] of events.entries()) {
    if (
      fault?.dropAfterChunks !== undefined &&
      index >= fault.dropAfterChunks
    ) {
      writer.drop();
      return;
    }
    // A truncated payload: what a proxy cutting a line in half would leave.
    const payload =
      fault?.malformedChunkAt === index + 1
        ? event.slice(0, Math.ceil(event.length / 2))
        : event;
    await writer.write(`data: ${payload}\n\n`);
    if (writer.closed) return;
    if (
      settings.chunkDelayMs > 0 &&
      !(await wait(settings.chunkDelayMs, writer))
    )
      return;
  }
  if (fault?.dropAfterChunks !== undefined) {
    writer.drop();
    return;
  }
  if (done) await writer.write('data: [DONE]\n\n');
  writer.end();
}
