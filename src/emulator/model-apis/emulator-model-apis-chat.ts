import {
  findCatalogModel,
  type EmulatorCatalogModel,
} from './emulator-catalog';
import {
  hasImageParts,
  parseChatRequest,
  planAssistantTurn,
  type ChatRequest,
  thinkingFlag,
} from '../chat/emulator-chat';
import { completionIdentity } from '../chat/emulator-chat-wire';
import { EmulatorRequestError, LIVE_MESSAGES } from '../edge/emulator-errors';
import { writeEventStream } from '../chat/emulator-event-stream';
import type { ResponseWriter } from '../edge/emulator-exchange';
import type { EmulatorFault } from '../faults/emulator-faults';
import { isRecord } from '../edge/emulator-is-record';
import {
  renderModelAPIsCompletion,
  renderModelAPIsStream,
  toolCallIdFor,
} from './emulator-model-apis-wire';

/** Whether a Model APIs model reasons on this request: its default, or what the request asks. */
function reasonsOn(
  model: EmulatorCatalogModel,
  body: Record<string, unknown>,
): boolean {
  const flag = thinkingFlag(body.chat_template_args);
  if (model.reasoning === 'opt-in') return flag === true;
  return flag !== false && body.reasoning_effort !== 'none';
}

/** Whether the request asks for log probabilities. */
function asksLogprobs(body: Record<string, unknown>): boolean {
  return (
    (body.logprobs !== undefined && body.logprobs !== false) ||
    body.top_logprobs !== undefined
  );
}

/** What the live Model APIs refuse before generating, in the model's 400 envelope and words. */
function checkModelAPIsRequest(
  chat: ChatRequest,
  model: EmulatorCatalogModel,
): void {
  const { body } = chat;
  const refuse = (message: string, param: string) =>
    new EmulatorRequestError(400, message, param, model.badRequestEnvelope);
  // Models that take logprobs answer without them (gpt-oss-120b, DeepSeek V4 Pro, GLM 5.1).
  if (model.logprobs === 'refused' && asksLogprobs(body)) {
    const field = body.top_logprobs !== undefined ? 'top_logprobs' : 'logprobs';
    throw refuse(model.logprobsMessage, field);
  }
  if (
    !model.inputModalities.includes('image') &&
    hasImageParts(chat.messages)
  ) {
    throw refuse(model.imageMessage, 'messages');
  }
  const format = body.response_format;
  const schema =
    isRecord(format) && format.type === 'json_schema'
      ? format.json_schema
      : undefined;
  const unnamed =
    isRecord(schema) && (typeof schema.name !== 'string' || schema.name === '');
  if (model.requiresSchemaName && unnamed) {
    throw refuse(
      'Validation: `response_format.json_schema.name` cannot be empty',
      'response_format',
    );
  }
}

/** Answers `POST /v1/chat/completions` as the live Model APIs answer the requested slug. */
export async function answerModelAPIsChat(
  body: unknown,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  chunkDelayMs: number,
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
    ignoresStop: model.ignoresStop,
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
  await writeEventStream(
    stream.events,
    stream.done,
    writer,
    fault,
    chunkDelayMs,
  );
}
