import type { AssistantTurn, EmulatedToolCall } from './emulator-chat';
import { countTokens, digest, splitEvenly } from '../edge/emulator-text';

// Shared chat pieces, and the TensorRT-LLM (Engine-Builder) deployment framing;
// vLLM and SGLang: emulator-deployment-engines.ts; Model APIs: emulator-model-apis-wire.ts.

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  completion_tokens_details?: { reasoning_tokens: number };
}

function usageOf(promptTokens: number, reasoning: string, rest: string): Usage {
  const reasoningTokens = countTokens(reasoning);
  const completion = reasoningTokens + countTokens(rest);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completion,
    total_tokens: promptTokens + completion,
    ...(reasoningTokens > 0
      ? { completion_tokens_details: { reasoning_tokens: reasoningTokens } }
      : {}),
  };
}

/** The text the tool calls are counted as, in completion tokens. */
export function toolCallText(calls: readonly EmulatedToolCall[]): string {
  return calls.map(call => `${call.name} ${call.arguments}`).join(' ');
}

/** `message.tool_calls` of a non-streamed `chat.completion`. */
export function completionToolCalls(
  calls: readonly EmulatedToolCall[],
): Record<string, unknown>[] {
  return calls.map(call => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
}

/** Identity of one completion, shared by all its chunks. */
export interface CompletionIdentity {
  readonly id: string;
  readonly model: string;
  readonly created: number;
}

export function completionIdentity(
  model: string,
  seed: string,
): CompletionIdentity {
  const created = Math.floor(Date.now() / 1000);
  return { id: `chatcmpl-${digest(model, seed).slice(0, 32)}`, model, created };
}

/** A non-streamed `chat.completion` body with one choice (index 0). */
export function completionBody(
  identity: CompletionIdentity,
  choice: Record<string, unknown>,
  usage: unknown,
): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, ...choice }],
    usage,
  };
}

/** A TensorRT-LLM deployment's non-streamed `chat.completion` body. */
export function renderCompletion(
  turn: AssistantTurn,
  identity: CompletionIdentity,
): Record<string, unknown> {
  const content = turn.contentPieces.join('');
  const reasoning = turn.reasoningPieces.join('');
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: turn.toolCalls.length > 0 ? null : content,
  };
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (turn.toolCalls.length > 0) {
    message.tool_calls = completionToolCalls(turn.toolCalls);
  }
  return completionBody(
    identity,
    { message, finish_reason: turn.finishReason, stop_reason: null },
    usageOf(
      turn.promptTokens,
      reasoning,
      content + toolCallText(turn.toolCalls),
    ),
  );
}

/**
 * A TensorRT-LLM deployment's SSE events, in order, without the `[DONE]` terminator. With
 * `includeUsage`, every chunk carries the usage so far and a final usage-only
 * chunk (`choices: []`) repeats the totals.
 */
export function renderStreamChunks(
  turn: AssistantTurn,
  identity: CompletionIdentity,
  options: { includeUsage: boolean },
): Record<string, unknown>[] {
  const chunks: Record<string, unknown>[] = [];
  let reasoningSoFar = '';
  let restSoFar = '';
  const push = (
    delta: Record<string, unknown>,
    finishReason: string | null = null,
  ) => {
    const choice: Record<string, unknown> = {
      index: 0,
      delta,
      finish_reason: finishReason,
    };
    if (finishReason !== null) choice.stop_reason = null;
    chunks.push({
      id: identity.id,
      object: 'chat.completion.chunk',
      created: identity.created,
      model: identity.model,
      choices: [choice],
      ...(options.includeUsage
        ? { usage: usageOf(turn.promptTokens, reasoningSoFar, restSoFar) }
        : {}),
    });
  };

  push({ role: 'assistant', content: '' });
  for (const piece of turn.reasoningPieces) {
    reasoningSoFar += piece;
    push({ reasoning_content: piece });
  }
  for (const piece of turn.contentPieces) {
    restSoFar += piece;
    push({ content: piece });
  }
  turn.toolCalls.forEach((call, index) => {
    const fragments = splitEvenly(call.arguments, 3);
    restSoFar += `${index > 0 ? ' ' : ''}${call.name} `;
    // TensorRT-LLM: the name and the first fragment share one event, and each
    // delta has its own id (only the first is the call's id).
    const freshId = (n: number) =>
      `chatcmpl-tool-${digest(call.id, String(n)).slice(0, 16)}`;
    const [first, ...others] = fragments;
    restSoFar += first;
    push({
      tool_calls: [
        {
          index,
          id: call.id,
          type: 'function',
          function: { name: call.name, arguments: '' },
        },
        {
          index,
          id: freshId(1),
          type: 'function',
          function: { arguments: first },
        },
      ],
    });
    others.forEach((fragment, n) => {
      restSoFar += fragment;
      push({
        tool_calls: [
          {
            index,
            id: freshId(n + 2),
            type: 'function',
            function: { arguments: fragment },
          },
        ],
      });
    });
  });
  push({}, turn.finishReason);
  if (options.includeUsage) {
    chunks.push({
      id: identity.id,
      object: 'chat.completion.chunk',
      created: identity.created,
      model: identity.model,
      choices: [],
      usage: usageOf(turn.promptTokens, reasoningSoFar, restSoFar),
    });
  }
  return chunks;
}
