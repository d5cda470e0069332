import { EmulatorRequestError } from './emulator-errors';
import { sampleFromSchema } from './emulator-json-schema';
import { countTokens, digest, splitIntoPieces } from './emulator-text';

/** What the emulated model says in one assistant turn, before it is put on the wire. */
export interface AssistantTurn {
  readonly reasoning?: string;
  /** Text pieces in stream order (their concatenation is the content). */
  readonly contentPieces: readonly string[];
  readonly toolCalls: readonly EmulatedToolCall[];
  readonly finishReason: 'stop' | 'length' | 'tool_calls';
  readonly promptTokens: number;
}

export interface EmulatedToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON text of the arguments. */
  readonly arguments: string;
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


function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates the parts of a chat completions body the emulator relies on. */
export function parseChatRequest(body: unknown): ChatRequest {
  if (!isRecord(body)) throw new EmulatorRequestError(400, 'the request body must be a JSON object', null);
  const { model, messages, stream, stream_options: streamOptions } = body;
  if (typeof model !== 'string' || model === '') {
    throw new EmulatorRequestError(400, '"model" is required and must be a string', 'model');
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new EmulatorRequestError(400, '"messages" must be a non-empty array', 'messages');
  }
  messages.forEach((message, index) => {
    if (!isRecord(message) || typeof message.role !== 'string') {
      throw new EmulatorRequestError(400, `messages[${index}] needs a string "role"`, `messages.${index}.role`);
    }
  });
  return {
    model,
    messages: messages as ChatMessage[],
    stream: stream === true,
    includeUsage: isRecord(streamOptions) && streamOptions.include_usage === true,
    body,
  };
}

/** The text of a message's content (a string or an array of parts). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map(part => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
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
      ? [{ name: fn.name, parameters: fn.parameters ?? { type: 'object', properties: {} } }]
      : [];
  });
}

/** The tools this turn calls: none, the named `tool_choice`, the first tool, or all with `parallel_tool_calls: true`. */
function chosenTools(body: Record<string, unknown>): ToolDefinition[] {
  const tools = toolsOf(body);
  const choice = body.tool_choice;
  if (tools.length === 0 || choice === 'none') return [];
  if (isRecord(choice)) {
    const name = isRecord(choice.function) ? choice.function.name : undefined;
    const named = tools.find(tool => tool.name === name);
    if (named === undefined) {
      throw new EmulatorRequestError(400, `tool_choice names "${String(name)}", which is not in "tools"`, 'tool_choice');
    }
    return [named];
  }
  return body.parallel_tool_calls === true ? tools : [tools[0]];
}

/** The tool name behind a tool result, from the assistant message that called it. */
function toolNameFor(messages: readonly ChatMessage[], toolCallId: unknown): string {
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
    if (Array.isArray(message.tool_calls)) tokens += countTokens(JSON.stringify(message.tool_calls));
  }
  return tokens;
}

function limitTo(pieces: string[], maxTokens: number | undefined): { pieces: string[]; cut: boolean } {
  if (maxTokens === undefined) return { pieces, cut: false };
  const kept: string[] = [];
  let used = 0;
  for (const piece of pieces) {
    const tokens = countTokens(piece);
    if (used + tokens > maxTokens) return { pieces: kept, cut: true };
    kept.push(piece);
    used += tokens;
  }
  return { pieces: kept, cut: false };
}

function maxTokensOf(body: Record<string, unknown>): number | undefined {
  const value = body.max_completion_tokens ?? body.max_tokens;
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function responseSchema(body: Record<string, unknown>): { kind: 'schema'; schema: unknown } | { kind: 'object' } | undefined {
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
 * - with a `json_schema` response format: a JSON value valid against it;
 * - otherwise: an echo of the last user message.
 */
export function planAssistantTurn(request: ChatRequest, options: { reasoning: boolean }): AssistantTurn {
  const { body, messages, model } = request;
  const promptTokens = promptTokensOf(messages);
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find(message => message.role === 'user');
  const userText = textOf(lastUser?.content).trim();

  const reasoning = options.reasoning
    ? `The user wrote ${countTokens(userText)} tokens, so I will answer by echoing them back.`
    : undefined;

  if (last.role !== 'tool') {
    const tools = chosenTools(body);
    if (tools.length > 0) {
      return {
        reasoning,
        contentPieces: [],
        toolCalls: tools.map((tool, index) => ({
          id: `call_${digest(model, JSON.stringify(messages), tool.name, String(index)).slice(0, 24)}`,
          name: tool.name,
          arguments: JSON.stringify(sampleFromSchema(tool.parameters)),
        })),
        finishReason: 'tool_calls',
        promptTokens,
      };
    }
  }

  const format = responseSchema(body);
  if (format !== undefined && last.role !== 'tool') {
    const value = format.kind === 'schema' ? sampleFromSchema(format.schema) : { reply: userText };
    // JSON is one piece per top-level comma so it streams in several chunks.
    const json = JSON.stringify(value);
    const pieces = json.split(/(?<=,)/u);
    return { reasoning, contentPieces: pieces, toolCalls: [], finishReason: 'stop', promptTokens };
  }

  const text =
    last.role === 'tool'
      ? `The ${toolNameFor(messages, last.tool_call_id)} tool returned ${textOf(last.content)} — that is the answer ✨`
      : `Hello from the Baseten emulator ✨ You said: ${userText === '' ? '(nothing)' : userText}`;
  const { pieces, cut } = limitTo(splitIntoPieces(text), maxTokensOf(body));
  return {
    reasoning,
    contentPieces: pieces,
    toolCalls: [],
    finishReason: cut ? 'length' : 'stop',
    promptTokens,
  };
}
