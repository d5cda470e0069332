import { EmulatorRequestError } from './emulator-errors';
import { wait, type ResponseWriter } from './emulator-exchange';
import type { EmulatorFault } from './emulator-faults';
import {
  inputTokens,
  orpheusPredictAudio,
  orpheusVoiceError,
} from './emulator-voice-orpheus';

/**
 * Orpheus' `/predict`: raw 24 kHz 16-bit mono PCM, streamed in 0.1 s pieces,
 * labelled `audio/wav` as Baseten's Orpheus labels it, with the prompt's
 * token count in `X-Baseten-Input-Tokens`. `dropAfterChunks` cuts the body.
 */
export async function answerOrpheusPredict(
  body: { prompt: string; voice?: unknown },
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  chunkDelayMs: number,
): Promise<void> {
  const voiceError = orpheusVoiceError(body.voice);
  if (voiceError !== undefined)
    throw new EmulatorRequestError(400, voiceError, 'voice');
  const chunks = orpheusPredictAudio(body.prompt);
  writer.startStream(200, {
    'content-type': 'audio/wav',
    'x-baseten-input-tokens': String(inputTokens(body.prompt)),
  });
  for (const [index, chunk] of chunks.entries()) {
    if (fault?.dropAfterChunks !== undefined && index >= fault.dropAfterChunks)
      return writer.drop();
    await writer.write(chunk);
    if (writer.closed) return;
    if (chunkDelayMs > 0) await wait(chunkDelayMs, writer);
  }
  writer.end();
}
