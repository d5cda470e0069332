import type { AssistantTurn } from '../chat/emulator-chat';
import {
  completionBody,
  completionToolCalls,
  renderCompletion as renderTrtllmCompletion,
  renderStreamChunks as renderTrtllmStream,
  toolCallText,
  type CompletionIdentity,
} from '../chat/emulator-chat-wire';
import { deploymentError } from '../edge/emulator-errors';
import { countTokens, digest, splitEvenly } from '../edge/emulator-text';

// How the OpenAI-compatible engines Baseten deploys answer under `/sync/v1`
// (read from their public servers' protocol code, for facts only):
// - vLLM (`vllm/entrypoints/openai`): the priming delta `{role, content: ""}`,
//   a tool call opened by one delta with id, type and `function.name`, then
//   deltas with only `index` and `function.arguments`; usage only on a final
//   `choices: []` chunk when `stream_options.include_usage` is asked (on every
//   chunk with `continuous_usage_stats`); errors `{"error": {message, type, param, code}}`.
// - SGLang (`sglang/srt/entrypoints/openai`): the same order, but every delta and
//   chunk serialises its unset fields as null (`reasoning_content`, `tool_calls`,
//   `usage`, `matched_stop`), tool-call ids `call_` + 24 hex; errors flat
//   `{"object": "error", message, type, param, code}`.
// - TensorRT-LLM (Engine-Builder): the name and the first argument fragment in one
//   event, a fresh id on every continuation delta (baseten-api.md §3.1);
//   errors flat like SGLang's.

/** An OpenAI-compatible engine behind a dedicated deployment's `/sync/v1`. */
export type EmulatorEngine = 'vllm' | 'sglang' | 'trtllm';

/** The engines the emulator can stand for; the first is the default. */
export const EMULATOR_ENGINES: readonly EmulatorEngine[] = [
  'vllm',
  'sglang',
  'trtllm',
];

/** Whether the engine answers 404 to a `model` other than its served model name. */
export function checksServedModelName(engine: EmulatorEngine): boolean {
  return engine !== 'trtllm';
}

/** What the request asks of usage in a stream. */
export interface StreamUsage {
  readonly includeUsage: boolean;
  readonly continuousUsage: boolean;
}

/** Usage as the engine reports it: the three totals (SGLang adds `prompt_tokens_details: null`). */
function engineUsage(
  engine: EmulatorEngine,
  promptTokens: number,
  completionTokens: number,
): Record<string, unknown> {
  return {
    prompt_tokens: promptTokens,
    total_tokens: promptTokens + completionTokens,
    completion_tokens: completionTokens,
    ...(engine === 'sglang' ? { prompt_tokens_details: null } : {}),
  };
}

/** A tool-call id as the engine makes one. */
export function engineToolCallId(engine: EmulatorEngine, seed: string): string {
  const hex = digest(engine, seed);
  return engine === 'sglang'
    ? `call_${hex.slice(0, 24)}`
    : `chatcmpl-tool-${hex.slice(0, 32)}`;
}

/** A deployment's non-streamed `chat.completion`, as the engine writes it. */
export function renderEngineCompletion(
  turn: AssistantTurn,
  identity: CompletionIdentity,
  engine: EmulatorEngine,
): Record<string, unknown> {
  if (engine === 'trtllm') return renderTrtllmCompletion(turn, identity);
  const content = turn.contentPieces.join('');
  const reasoning = turn.reasoningPieces.join('');
  const hasCalls = turn.toolCalls.length > 0;
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: hasCalls || turn.contentPieces.length === 0 ? null : content,
    reasoning_content: reasoning === '' ? null : reasoning,
    tool_calls: completionToolCalls(turn.toolCalls),
  };
  if (engine === 'vllm') {
    message.refusal = null;
    message.function_call = null;
  }
  const usage = engineUsage(
    engine,
    turn.promptTokens,
    countTokens(reasoning) +
      countTokens(content + toolCallText(turn.toolCalls)),
  );
  const stopField =
    engine === 'sglang' ? { matched_stop: null } : { stop_reason: null };
  return completionBody(
    identity,
    {
      message,
      logprobs: null,
      finish_reason: turn.finishReason,
      ...stopField,
    },
    usage,
  );
}

/** One delta before framing, and the tokens it adds. */
interface Step {
  readonly delta: Record<string, unknown>;
  readonly reasoningTokens: number;
  readonly otherTokens: number;
}

function stepsOf(turn: AssistantTurn, engine: EmulatorEngine): Step[] {
  const text = (key: string, piece: string, reasoning: boolean): Step => ({
    delta: { [key]: piece },
    reasoningTokens: reasoning ? countTokens(piece) : 0,
    otherTokens: reasoning ? 0 : countTokens(piece),
  });
  const calls = turn.toolCalls.flatMap((call, index): Step[] => {
    const opening: Step = {
      delta: {
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function:
              engine === 'sglang'
                ? { name: call.name, arguments: '' }
                : { name: call.name },
          },
        ],
      },
      reasoningTokens: 0,
      otherTokens: countTokens(call.name),
    };
    const fragments = splitEvenly(call.arguments, 3).map((fragment): Step => ({
      delta: {
        tool_calls: [
          engine === 'sglang'
            ? {
                index,
                id: null,
                type: null,
                function: { name: null, arguments: fragment },
              }
            : { index, function: { arguments: fragment } },
        ],
      },
      reasoningTokens: 0,
      otherTokens: countTokens(fragment),
    }));
    return [opening, ...fragments];
  });
  return [
    {
      delta: { role: 'assistant', content: '' },
      reasoningTokens: 0,
      otherTokens: 0,
    },
    ...turn.reasoningPieces.map(piece =>
      text('reasoning_content', piece, true),
    ),
    ...turn.contentPieces.map(piece => text('content', piece, false)),
    ...calls,
  ];
}

/** SGLang writes every delta field, null when unset. */
function sglangDelta(delta: Record<string, unknown>): Record<string, unknown> {
  return {
    role: null,
    content: null,
    reasoning_content: null,
    tool_calls: null,
    ...delta,
  };
}

/**
 * A deployment's SSE payloads, in order, without the `[DONE]` terminator
 * (which every engine sends).
 */
export function renderEngineStream(
  turn: AssistantTurn,
  identity: CompletionIdentity,
  engine: EmulatorEngine,
  usage: StreamUsage,
): Record<string, unknown>[] {
  if (engine === 'trtllm')
    return renderTrtllmStream(turn, identity, {
      includeUsage: usage.includeUsage,
    });
  const head = {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
  };
  const sglang = engine === 'sglang';
  let reasoningTokens = 0;
  let otherTokens = 0;
  const usageSoFar = () =>
    engineUsage(engine, turn.promptTokens, reasoningTokens + otherTokens);
  const usageField = () =>
    usage.includeUsage && usage.continuousUsage
      ? { usage: usageSoFar() }
      : sglang
        ? { usage: null }
        : {};
  const chunk = (
    delta: Record<string, unknown>,
    finish: Record<string, unknown>,
  ) => ({
    ...head,
    choices: [
      {
        index: 0,
        delta: sglang ? sglangDelta(delta) : delta,
        logprobs: null,
        finish_reason: null,
        ...finish,
      },
    ],
    ...usageField(),
  });

  const events = stepsOf(turn, engine).map(step => {
    reasoningTokens += step.reasoningTokens;
    otherTokens += step.otherTokens;
    return chunk(step.delta, sglang ? { matched_stop: null } : {});
  });
  const stopField = sglang ? { matched_stop: null } : { stop_reason: null };
  events.push(
    chunk(sglang ? {} : { content: '' }, {
      finish_reason: turn.finishReason,
      ...stopField,
    }),
  );
  if (usage.includeUsage) {
    events.push({ ...head, choices: [], usage: usageSoFar() });
  }
  return events;
}

/** An engine's error body: vLLM's nested object, or SGLang's and TensorRT-LLM's flat one. */
export function engineError(
  engine: EmulatorEngine,
  status: number,
  message: string,
  param: string | null = null,
): unknown {
  const nested = deploymentError(status, message, param);
  return engine === 'vllm' ? nested : { object: 'error', ...nested.error };
}
