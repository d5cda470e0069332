import { EmulatorRequestError } from '../edge/emulator-errors';
import { schemaInMessages } from './emulator-json-mode';
import { sampleFromSchema } from './emulator-json-schema';
import { countTokens, splitIntoPieces } from '../edge/emulator-text';
import { isRecord } from '../edge/emulator-is-record';

/** What the emulated model says in one assistant turn, before it is put on the wire. */
export interface AssistantTurn {
  /** Reasoning pieces in stream order (empty when the model does not reason). */
  readonly reasoningPieces: readonly string[];
  /** Text pieces in stream order (their concatenation is the content). */
  readonly contentPieces: readonly string[];
  readonly toolCalls: readonly EmulatedToolCall[];
  readonly finishReason: 'stop' | 'length' | 'tool_calls';
  /** A `stop` string ended the text (live Model APIs then end the stream without `[DONE]`). */
  readonly stopMatched: boolean;
  /** The answer is JSON asked for by `response_format`. */
  readonly jsonMode: boolean;
  readonly promptTokens: number;
}

export interface EmulatedToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text of the arguments. */
  readonly arguments: string;
}

/** Model habits that change what the turn says (not how it is framed). */
export interface TurnOptions {
  readonly reasoning: boolean;
  /** The id of the `index`th call, to tool `name`. */
  readonly toolCallId: (name: string, index: number) => string;
  /** Calls a lone tool twice under `parallel_tool_calls: true` (Kimi K2 Thinking). */
  readonly callsLoneToolTwice?: boolean;
  /** Answers `tool_choice: "required"` with text (GLM 4.6). */
  readonly ignoresRequiredToolChoice?: boolean;
  /** Takes `stop` and ignores it: the text runs on past the stop strings (gpt-oss-120b). */
  readonly ignoresStop?: boolean;
}

/** A chat request that passed validation. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly body: Record<string, unknown>;
}

interface ChatMessage {
  readonly role: string;
  readonly content?: unknown;
  readonly tool_calls?: unknown;
  readonly tool_call_id?: unknown;
}

/** Validates the parts of a chat completions body the emulator relies on. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isRecord(body))
    throw new EmulatorRequestError(
      400,
      'the request body must be a JSON object',
      null,
    );
  const { model, messages, stream, stream_options: streamOptions } = body;
  if (typeof model !== 'string' || model === '') {
    throw new EmulatorRequestError(
      400,
      '"model" is required and must be a string',
      'model',
    );
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new EmulatorRequestError(
      400,
      '"messages" must be a non-empty array',
      'messages',
    );
  }
  messages.forEach((message, index) => {
    if (!isRecord(message) || typeof message.role !== 'string') {
      throw new EmulatorRequestError(
        400,
        `messages[${index}] needs a string "role"`,
        `messages.${index}.role`,
      );
    }
  });
  return {
    model,
    messages: messages as ChatMessage[],
    stream: stream === true,
    includeUsage:
      isRecord(streamOptions) && streamOptions.include_usage === true,
    body,
  };
}

/** The text of a message's content (a string or an array of parts). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(part =>
      isRecord(part) && typeof part.text === 'string' ? part.text : '',
    )
    .filter(text => text !== '')
    .join(' ');
}

interface ToolDefinition {
  readonly name: string;
  readonly parameters: unknown;
}

function toolsOf(body: Record<string, unknown>): ToolDefinition[] {
  if (!Array.isArray(body.tools)) return [];
  return body.tools.flatMap(tool => {
    const fn = isRecord(tool) ? tool.function : undefined;
    return isRecord(fn) && typeof fn.name === 'string'
      ? [
          {
            name: fn.name,
            parameters: fn.parameters ?? { type: 'object', properties: {} },
          },
        ]
      : [];
  });
}

/** The tools this turn calls: none, the named `tool_choice`, the first tool, or all with `parallel_tool_calls: true`. */
function chosenTools(
  body: Record<string, unknown>,
  options: TurnOptions,
): ToolDefinition[] {
  const tools = toolsOf(body);
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === 'none') return [];
  if (choice === 'required' && options.ignoresRequiredToolChoice === true)
    return [];
  if (isRecord(choice)) {
    const name = isRecord(choice.function) ? choice.function.name : undefined;
    const named = tools.find(tool => tool.name === name);
    if (named === undefined) {
      throw new EmulatorRequestError(
        400,
        `tool_choice names "${String(name)}", which is not in "tools"`,
        'tool_choice',
      );
    }
    return [named];
  }
  if (body.parallel_tool_calls !== true) return [tools[0]];
  return tools.length === 1 && options.callsLoneToolTwice === true
    ? [tools[0], tools[0]]
    : tools;
}

/** The tool name behind a tool result, from the assistant message that called it. */
function toolNameFor(
  messages: readonly ChatMessage[],
  toolCallId: unknown,
): string {
  for (const message of messages) {
    if (!Array.isArray(message.tool_calls)) continue;
    for (const call of message.tool_calls) {
      if (isRecord(call) && call.id === toolCallId && isRecord(call.function)) {
        return String(call.function.name);
      }
    }
  }
  return 'tool';
}

function promptTokensOf(messages: readonly ChatMessage[]): number {
  let tokens = 0;
  for (const message of messages) {
    tokens += 3 + countTokens(textOf(message.content));
    if (Array.isArray(message.tool_calls))
      tokens += countTokens(JSON.stringify(message.tool_calls));
  }
  return tokens;
}

/** Keeps the pieces that fit in `budget` tokens; `cut` when some did not. */
function limitTo(
  pieces: readonly string[],
  budget: number,
): { pieces: string[]; cut: boolean; used: number } {
  const kept: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    const tokens = countTokens(piece);
    if (used + tokens > budget) return { pieces: kept, cut: true, used };
    kept.push(piece);
    used += tokens;
  }
  return { pieces: kept, cut: false, used };
}

function stopStringsOf(body: Record<string, unknown>): string[] {
  const { stop: value } = body;
  const stop =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
  return stop.filter(
    (item): item is string => typeof item === 'string' && item !== '',
  );
}

/** The text before the earliest `stop` string (not output itself), and whether one matched. */
function applyStop(
  text: string,
  stops: readonly string[],
): { text: string; matched: boolean } {
  let at = -1;
  for (const stop of stops) {
    const found = text.indexOf(stop);
    if (found !== -1 && (at === -1 || found < at)) at = found;
  }
  return at === -1
    ? { text, matched: false }
    : { text: text.slice(0, at), matched: true };
}

function maxTokensOf(body: Record<string, unknown>): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function responseSchema(
  body: Record<string, unknown>,
): { kind: 'schema'; schema: unknown } | { kind: 'object' } | undefined {
  const format = body.response_format;
  if (!isRecord(format)) return undefined;
  if (format.type === 'json_schema' && isRecord(format.json_schema)) {
    return { kind: 'schema', schema: format.json_schema.schema ?? {} };
  }
  return format.type === 'json_object' ? { kind: 'object' } : undefined;
}

/**
 * Decides the emulated assistant turn. Everything derives from the request,
 * so the same request always gets the same answer:
 * - after a tool result: a sentence that quotes the result;
 * - with tools: a call to the chosen tool, arguments sampled from its schema;
 * - with a `json_schema` response format, or `json_object` with a JSON schema
 *   in the messages: a JSON value valid against it (else `{"reply": …}`);
 * - otherwise: an echo of the last user message.
 * Reasoning or text ends before the first `stop` string; reasoning and text together stay
 * within `max_tokens` (reasoning first, as on the live API).
 */
export function planAssistantTurn(
  request: ChatRequest,
  options: TurnOptions,
): AssistantTurn {
  const { body, messages } = request;
  const promptTokens = promptTokensOf(messages);
  const last = messages[messages.length - 1];
  const lastUser = [...messages]
    .reverse()
    .find(message => message.role === 'user');
  const userText = textOf(lastUser?.content).trim();
  const budget = maxTokensOf(body) ?? Number.POSITIVE_INFINITY;
  const none = {
    contentPieces: [],
    toolCalls: [],
    stopMatched: false,
    jsonMode: false,
    promptTokens,
  };

  const reasoningText = options.reasoning
    ? `The user wrote ${countTokens(userText)} tokens, so I will answer by echoing them back.`
    : '';
  const stops = options.ignoresStop === true ? [] : stopStringsOf(body);
  // A stop string ends the turn wherever it appears, reasoning included.
  const thought = applyStop(reasoningText, stops);
  const reasoning = limitTo(thought.text.match(/\S+\s*/gu) ?? [], budget);
  // Cut while reasoning (by max_tokens or a stop string): only reasoning_content comes back.
  if (reasoning.cut || thought.matched)
    return {
      ...none,
      reasoningPieces: reasoning.pieces,
      finishReason: reasoning.cut ? 'length' : 'stop',
      stopMatched: !reasoning.cut,
    };
  const left = budget - reasoning.used;
  const reasoningPieces = reasoning.pieces;

  if (last.role !== 'tool') {
    const tools = chosenTools(body, options);
    if (tools.length > 0) {
      return {
        ...none,
        reasoningPieces,
        toolCalls: tools.map((tool, index) => ({
          id: options.toolCallId(tool.name, index),
          name: tool.name,
          // A repeated tool's second call gets ordinal 2, so its arguments differ.
          arguments: JSON.stringify(
            sampleFromSchema(
              tool.parameters,
              'value',
              index + 1 - tools.indexOf(tool),
            ),
          ),
        })),
        finishReason: 'tool_calls',
      };
    }
  }

  const format = responseSchema(body);
  const jsonMode = format !== undefined && last.role !== 'tool';
  let text: string;
  if (jsonMode) {
    const schema =
      format.kind === 'schema' ? format.schema : schemaInMessages(messages);
    const value =
      schema !== undefined ? sampleFromSchema(schema) : { reply: userText };
    text = JSON.stringify(value);
  } else if (last.role === 'tool') {
    const name = toolNameFor(messages, last.tool_call_id);
    text = `The ${name} tool returned ${textOf(last.content)} — that is the answer ✨`;
  } else {
    const said = userText === '' ? '(nothing)' : userText;
    text = `Hello from the Baseten emulator ✨ You said: ${said}`;
  }
  const stopped = applyStop(text, stops);
  // JSON is one piece per top-level comma so it streams in several chunks.
  const pieces = jsonMode
    ? stopped.text.split(/(?<=,)/u)
    : splitIntoPieces(stopped.text);
  const content = limitTo(pieces, left);
  return {
    ...none,
    reasoningPieces,
    contentPieces: content.pieces,
    finishReason: content.cut ? 'length' : 'stop',
    stopMatched: stopped.matched && !content.cut,
    jsonMode,
  };
}

/** True when a message carries an image part (`image_url`), which text-only models refuse. */
export function hasImageParts(messages: readonly ChatMessage[]): boolean {
  return messages.some(
    message =>
      Array.isArray(message.content) &&
      message.content.some(
        part =>
          isRecord(part) &&
          (part.type === 'image_url' || part.type === 'image'),
      ),
  );
}

/** `enable_thinking` of a `chat_template_args` / `chat_template_kwargs` object, when it is a boolean. */
export function thinkingFlag(args: unknown): boolean | undefined {
  if (!isRecord(args)) return undefined;
  const flag = args.enable_thinking;
  return typeof flag === 'boolean' ? flag : undefined;
}
