import { parseChatRequest } from '../chat/emulator-chat';
import { completionIdentity } from '../chat/emulator-chat-wire';
import {
  checksServedModelName,
  engineToolCallId,
  renderEngineCompletion,
  renderEngineStream,
  type EmulatorEngine,
} from './emulator-deployment-engines';
import { EmulatorRequestError } from '../edge/emulator-errors';
import { writeEventStream } from '../chat/emulator-event-stream';
import type { ResponseWriter } from '../edge/emulator-exchange';
import type { EmulatorFault } from '../faults/emulator-faults';
import { isRecord } from '../edge/emulator-is-record';
import { planAssistantTurn } from '../chat/emulator-chat';
import { thinkingFlag } from '../chat/emulator-chat';

/** How one deployment's chat answers. */
export interface DeploymentChatSettings {
  readonly engine: EmulatorEngine;
  readonly servedModelName?: string;
  readonly chunkDelayMs: number;
}

/** Answers `…/sync/v1/chat/completions` as the deployment's engine does. */
export async function answerDeploymentChat(
  body: unknown,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  settings: DeploymentChatSettings,
): Promise<void> {
  const chat = parseChatRequest(body);
  const { engine, servedModelName } = settings;
  if (
    servedModelName !== undefined &&
    checksServedModelName(engine) &&
    chat.model !== servedModelName
  ) {
    throw new EmulatorRequestError(
      404,
      `The model \`${chat.model}\` does not exist.`,
      'model',
    );
  }
  const seed = JSON.stringify(chat.messages);
  const turn = planAssistantTurn(chat, {
    reasoning:
      thinkingFlag(chat.body.chat_template_kwargs) === true ||
      thinkingFlag(chat.body.chat_template_args) === true,
    toolCallId: (name, index) =>
      engineToolCallId(engine, `${chat.model} ${seed} ${name} ${index}`),
  });
  const identity = completionIdentity(chat.model, seed);
  if (!chat.stream) {
    writer.json(200, renderEngineCompletion(turn, identity, engine));
    return;
  }
  const options = chat.body.stream_options;
  const events = renderEngineStream(turn, identity, engine, {
    includeUsage: chat.includeUsage,
    continuousUsage:
      isRecord(options) && options.continuous_usage_stats === true,
  });
  await writeEventStream(events, true, writer, fault, settings.chunkDelayMs);
}
