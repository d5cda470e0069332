import type { EmulatorCatalogModel } from './emulator-catalog';
import type { AssistantTurn, EmulatedToolCall } from './emulator-chat';
import {
  completionToolCalls,
  toolCallText,
  type CompletionIdentity,
} from './emulator-chat-wire';
import { countTokens, digest, splitEvenly } from './emulator-text';

// How Baseten's live Model APIs frame chat answers (recorded traffic, not the
// docs); which model does what is in emulator-model-habits.ts.

/** `service_tier` and `system_fingerprint`, on the models whose framing repeats them. */
function fingerprintFields(model: EmulatorCatalogModel): Record<string, null> {
  return model.framing === 'repeating'
    ? { service_tier: null, system_fingerprint: null }
    : {};
}

/** A delta as the model frames it: `repeating` adds `role` and the placeholders to every delta, `lean` the role to the first only. */
function framedDelta(
  delta: Record<string, unknown>,
  model: EmulatorCatalogModel,
  first: boolean,
): Record<string, unknown> {
  if (model.framing === 'lean')
    return first ? { role: 'assistant', ...delta } : delta;
  return {
    role: 'assistant',
    ...delta,
    tool_calls: delta.tool_calls ?? [],
    function_call: null,
    refusal: null,
  };
}

/** Usage as the live API sends it: always both detail objects. */
export interface LiveUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { audio_tokens: number; cached_tokens: number };
  completion_tokens_details: {
    accepted_prediction_tokens: number;
    audio_tokens: number;
    reasoning_tokens: number;
    rejected_prediction_tokens: number;
  };
}

function liveUsage(
  promptTokens: number,
  reasoningTokens: number,
  otherTokens: number,
): LiveUsage {
  const completion = reasoningTokens + otherTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    prompt_tokens_details: { audio_tokens: 0, cached_tokens: 0 },
    completion_tokens_details: {
      accepted_prediction_tokens: 0,
      audio_tokens: 0,
      reasoning_tokens: reasoningTokens,
      rejected_prediction_tokens: 0,
    },
  };
}

// GLM 5.2's end-of-turn token id as its integer `stop_reason` (a stand-in value).
const GLM_STOP_TOKEN_ID = 154827;

/** A tool-call id: `chatcmpl-tool-` + 32 hex, or Kimi's `functions.NAME:INDEX`. */
export function toolCallIdFor(
  model: EmulatorCatalogModel,
  seed: string,
  name: string,
  index: number,
): string {
  if (model.toolCallIds === 'kimi') {
    return `functions.${name}:${model.repeatsParallelToolCallIds ? 0 : index}`;
  }
  return `chatcmpl-tool-${digest(model.id, seed, name, String(index)).slice(0, 32)}`;
}

/** True when this answer carries no `finish_reason` anywhere (GLM 5 in JSON mode). */
function omitsFinishReason(
  turn: AssistantTurn,
  model: EmulatorCatalogModel,
): boolean {
  return turn.jsonMode && model.jsonModeWithoutFinishReason;
}

function finishFields(
  turn: AssistantTurn,
  model: EmulatorCatalogModel,
): Record<string, unknown> {
  if (omitsFinishReason(turn, model)) return {};
  return {
    finish_reason: turn.finishReason,
    ...(model.integerStopReason ? { stop_reason: GLM_STOP_TOKEN_ID } : {}),
  };
}

/** The non-streamed `chat.completion` body. */
export function renderModelAPIsCompletion(
  turn: AssistantTurn,
  identity: CompletionIdentity,
  model: EmulatorCatalogModel,
): Record<string, unknown> {
  const content = turn.contentPieces.join('');
  const reasoning = turn.reasoningPieces.join('');
  const message: Record<string, unknown> = { role: 'assistant' };
  // Tool-call answers and reasoning-only answers cut by max_tokens have no `content` key.
  if (turn.toolCalls.length === 0 && turn.contentPieces.length > 0)
    message.content = content;
  if (reasoning !== '') {
    message.reasoning_content = reasoning;
    if (model.copiesReasoning) message.reasoning = reasoning;
  }
  if (turn.toolCalls.length > 0) {
    message.tool_calls = completionToolCalls(turn.toolCalls);
  }
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, ...finishFields(turn, model) }],
    usage: liveUsage(
      turn.promptTokens,
      countTokens(reasoning),
      countTokens(content + toolCallText(turn.toolCalls)),
    ),
    ...fingerprintFields(model),
  };
}

/** One streamed delta before framing, and the tokens it adds to the completion. */
interface Step {
  readonly delta: Record<string, unknown>;
  readonly reasoningTokens: number;
  readonly otherTokens: number;
}

function toolCallSteps(
  call: EmulatedToolCall,
  index: number,
  model: EmulatorCatalogModel,
): Step[] {
  // Later deltas carry `name: ""`, or no name at all in the lean framing.
  const entry = (id: string, name: string, args: string) => ({
    delta: {
      tool_calls: [
        {
          index,
          id,
          type: 'function',
          function:
            name === '' && model.framing === 'lean'
              ? { arguments: args }
              : { name, arguments: args },
        },
      ],
    },
    reasoningTokens: 0,
    otherTokens: countTokens(`${name} ${args}`),
  });
  if (model.toolCallDeltas === 'whole-call')
    return [entry(call.id, call.name, call.arguments)];
  // A fresh id on every delta after the first (GLM 5, MiniMax M2.5), else the call's own id.
  const idOf = (n: number) =>
    model.toolCallDeltas === 'fresh-id' && n > 0
      ? `chatcmpl-tool-${digest(call.id, String(n)).slice(0, 32)}`
      : call.id;
  const fragments = splitEvenly(call.arguments, 3).map((fragment, n) =>
    entry(idOf(n + 1), '', fragment),
  );
  return [entry(idOf(0), call.name, ''), ...fragments];
}

function stepsOf(turn: AssistantTurn, model: EmulatorCatalogModel): Step[] {
  const text = (key: string, piece: string, reasoning: boolean): Step => ({
    delta: { [key]: piece },
    reasoningTokens: reasoning ? countTokens(piece) : 0,
    otherTokens: reasoning ? 0 : countTokens(piece),
  });
  return [
    text('content', '', false),
    ...turn.reasoningPieces.map(piece =>
      text('reasoning_content', piece, true),
    ),
    ...turn.contentPieces.map(piece => text('content', piece, false)),
    ...turn.toolCalls.flatMap((call, index) =>
      toolCallSteps(call, index, model),
    ),
  ];
}

/** A streamed completion: its SSE payloads in order, and whether `data: [DONE]` follows them. */
export interface ModelAPIsStream {
  readonly events: readonly Record<string, unknown>[];
  readonly done: boolean;
}

/**
 * The live stream: every delta framed as the model frames it, only
 * the last choice has a `finish_reason` (and carries the last piece), every
 * chunk has the cumulative usage when `include_usage` is asked, then a
 * usage-only chunk and `[DONE]` — except that a matched `stop` string ends
 * the body without `[DONE]` (and without the usage-only chunk on GLM 5.1/5.2),
 * and DeepSeek V4 Pro sends one more empty text chunk after the finish chunk.
 */
export function renderModelAPIsStream(
  turn: AssistantTurn,
  identity: CompletionIdentity,
  model: EmulatorCatalogModel,
  includeUsage: boolean,
): ModelAPIsStream {
  const head = {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
  };
  const tail = fingerprintFields(model);
  let reasoningTokens = 0;
  let otherTokens = 0;
  const usage = () =>
    includeUsage
      ? { usage: liveUsage(turn.promptTokens, reasoningTokens, otherTokens) }
      : {};

  const steps = stepsOf(turn, model);
  const events: Record<string, unknown>[] = steps.map((step, at) => {
    reasoningTokens += step.reasoningTokens;
    otherTokens += step.otherTokens;
    const choice: Record<string, unknown> = {
      index: 0,
      delta: framedDelta(step.delta, model, at === 0),
      ...(at === steps.length - 1 ? finishFields(turn, model) : {}),
    };
    return { ...head, choices: [choice], ...tail, ...usage() };
  });
  const noFinish = omitsFinishReason(turn, model);
  if (model.chunkAfterFinish && !noFinish) {
    const delta = framedDelta({ content: '' }, model, false);
    events.push({
      ...head,
      choices: [{ index: 0, delta }],
      ...tail,
      usage: null,
    });
  }
  const skipsUsageChunk =
    noFinish || (turn.stopMatched && model.stopStreamWithoutUsageChunk);
  if (includeUsage && !skipsUsageChunk)
    events.push({ ...head, choices: [], ...tail, ...usage() });
  return { events, done: noFinish || !turn.stopMatched };
}
