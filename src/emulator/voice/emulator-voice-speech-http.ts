import { wait, type ResponseWriter } from '../edge/emulator-exchange';
import type { EmulatorFault } from '../faults/emulator-faults';
import { randomUUID } from 'node:crypto';
import { inputCharacters, orpheusPredictAudio } from './emulator-voice-orpheus';

/**
 * Orpheus' `/predict`: raw 24 kHz 16-bit mono PCM, streamed in 4,096-byte
 * pieces, labelled `audio/wav` as Baseten's Orpheus labels it, with the
 * prompt's character count in `X-Baseten-Input-Tokens` (Orpheus counts
 * characters under that name). Keys it does not read are ignored, and any
 * voice is spoken (Orpheus only puts it before the prompt, never checks it);
 * a prompt that is not a string fails as the model does (500, text/plain).
 * `dropAfterChunks` cuts the body.
 */
export async function answerOrpheusPredict(
  body: { prompt: unknown; voice?: unknown },
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  chunkDelayMs: number,
): Promise<void> {
  if (typeof body.prompt !== 'string') {
    writer.send(
      500,
      `An internal server error occurred while processing your request ${randomUUID()}`,
      {
        'content-type': 'text/plain; charset=utf-8',
        'x-baseten-error-source': '04',
        'x-baseten-error-code': '700',
      },
    );
    return;
  }
  const chunks = orpheusPredictAudio(body.prompt);
  writer.startStream(200, {
    'content-type': 'audio/wav',
    'x-baseten-input-tokens': String(inputCharacters(body.prompt)),
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
