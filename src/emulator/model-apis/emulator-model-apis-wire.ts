import type { EmulatorCatalogModel } from './emulator-catalog';
import type { AssistantTurn, EmulatedToolCall } from '../chat/emulator-chat';
import {
  completionBody,
  completionToolCalls,
  toolCallText,
  type CompletionIdentity,
} from '../chat/emulator-chat-wire';
import { countTokens, digest, splitEvenly } from '../edge/emulator-text';

// How Baseten's live Model APIs frame chat answers (recorded traffic, not the
// docs); which model does what is in emulator-model-habits.ts.

/** `service_tier` and `system_fingerprint` (both null) on every chunk, except in the lean framing. */
function fingerprintFields(model: EmulatorCatalogModel): Record<string, null> {
  return model.framing === 'lean'
    ? {}
    : { service_tier: null, system_fingerprint: null };
}

/**
 * A delta as the model frames it (see `EmulatorChunkFraming`): the
 * placeholder framings add `role`, `content`, `tool_calls`, `function_call`
 * and `refusal` to every delta, the lean one `role` to the first only.
 */
function framedDelta(
  delta: Record<string, unknown>,
  model: EmulatorCatalogModel,
  first: boolean,
): Record<string, unknown> {
  if (model.framing === 'lean')
    return first ? { role: 'assistant', ...delta } : delta;
  const empty = model.framing === 'placeholders-empty';
  const role =
    first || model.framing !== 'placeholders-null-role-once'
      ? 'assistant'
      : null;
  return {
    role,
    ...delta,
    content: delta.content ?? (empty ? '' : null),
    tool_calls: delta.tool_calls ?? (empty ? [] : null),
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

/** Usage; reasoning counts in `completion_tokens`, and in `reasoning_tokens` only on the models that report it. */
function liveUsage(
  model: EmulatorCatalogModel,
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
      reasoning_tokens: model.reportsReasoningTokens ? reasoningTokens : 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** GLM 5.1 / 5.2's integer `stop_reason`: the token that ended the turn (none on `length`). */
const GLM_STOP_TOKEN_IDS: Partial<
  Record<AssistantTurn['finishReason'], number>
> = { stop: 154827, tool_calls: 154829 };

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
  const stopReason = model.integerStopReason
    ? GLM_STOP_TOKEN_IDS[turn.finishReason]
    : undefined;
  return {
    finish_reason: turn.finishReason,
    ...(stopReason === undefined ? {} : { stop_reason: stopReason }),
  };
}

/** The non-streamed `chat.completion` body (no model sends `service_tier` / `system_fingerprint` here). */
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
  return completionBody(
    identity,
    { message, ...finishFields(turn, model) },
    liveUsage(
      model,
      turn.promptTokens,
      countTokens(reasoning),
      countTokens(content + toolCallText(turn.toolCalls)),
    ),
  );
}

/** One streamed delta before framing, and the tokens it adds to the completion. */
interface Step {
  readonly delta: Record<string, unknown>;
  readonly reasoningTokens: number;
  readonly otherTokens: number;
}

/** The `function` of a tool-call delta after the first: `name` as the framing writes it. */
function laterFunction(
  model: EmulatorCatalogModel,
  args: string,
): Record<string, unknown> {
  if (model.framing === 'lean') return { arguments: args };
  const name = model.framing === 'placeholders-empty' ? '' : null;
  return { name, arguments: args };
}

function toolCallSteps(
  call: EmulatedToolCall,
  index: number,
  model: EmulatorCatalogModel,
): Step[] {
  const entry = (id: string, fn: Record<string, unknown>, args: string) => ({
    delta: { tool_calls: [{ index, id, type: 'function', function: fn }] },
    reasoningTokens: 0,
    otherTokens: countTokens(
      `${typeof fn.name === 'string' ? fn.name : ''} ${args}`,
    ),
  });
  if (model.toolCallDeltas === 'whole-call') {
    const fn = { name: call.name, arguments: call.arguments };
    return [entry(call.id, fn, call.arguments)];
  }
  // A fresh id on every delta after the first (GLM 5, MiniMax M2.5), else the call's own id.
  const idOf = (n: number) =>
    model.toolCallDeltas === 'fresh-id' && n > 0
      ? `chatcmpl-tool-${digest(call.id, String(n)).slice(0, 32)}`
      : call.id;
  const fragments = splitEvenly(call.arguments, 3);
  // GLM 5.1 / 5.2 send the first fragment with the name; the others open with `arguments: ""`.
  const opening =
    model.firstToolDelta === 'name-and-arguments'
      ? (fragments.shift() ?? '')
      : '';
  return [
    entry(idOf(0), { name: call.name, arguments: opening }, opening),
    ...fragments.map((fragment, n) =>
      entry(idOf(n + 1), laterFunction(model, fragment), fragment),
    ),
  ];
}

function stepsOf(turn: AssistantTurn, model: EmulatorCatalogModel): Step[] {
  const text = (key: string, piece: string, reasoning: boolean): Step => ({
    delta: { [key]: piece },
    reasoningTokens: reasoning ? countTokens(piece) : 0,
    otherTokens: reasoning ? 0 : countTokens(piece),
  });
  const empty: Step = { delta: {}, reasoningTokens: 0, otherTokens: 0 };
  const pieces = [
    ...turn.reasoningPieces.map(piece =>
      text('reasoning_content', piece, true),
    ),
    ...turn.contentPieces.map(piece => text('content', piece, false)),
    ...turn.toolCalls.flatMap((call, index) =>
      toolCallSteps(call, index, model),
    ),
  ];
  const finish =
    turn.toolCalls.length > 0 ? model.toolFinish : model.textFinish;
  return [
    // gpt-oss-120b opens with a delta that carries no text.
    ...(model.firstChunk === 'priming' ? [empty] : []),
    ...pieces,
    // The finish on a chunk of its own: an empty delta with the placeholders.
    ...(finish === 'own-chunk' || pieces.length === 0 ? [empty] : []),
  ];
}

/** A streamed completion: its SSE payloads in order, and whether `data: [DONE]` follows them. */
export interface ModelAPIsStream {
  readonly events: readonly Record<string, unknown>[];
  readonly done: boolean;
}

/**
 * The live stream: every delta framed as the model frames it, only the
 * finish chunk (the last piece's, or one of its own) has a `finish_reason`,
 * every chunk has the cumulative usage when `include_usage` is asked, then a
 * usage-only chunk and `[DONE]` — except that a matched `stop` string ends
 * the body without `[DONE]` (and without the usage-only chunk on GLM 5.1/5.2),
 * and DeepSeek V4 Pro sends one more text chunk after the finish chunk.
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
      ? {
          usage: liveUsage(
            model,
            turn.promptTokens,
            reasoningTokens,
            otherTokens,
          ),
        }
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
  return {
    events,
    done: noFinish || !turn.stopMatched || model.doneAfterStop,
  };
}
