import type { ResponseWriter } from '../edge/emulator-exchange';
import { wait } from '../edge/emulator-exchange';
import type { EmulatorFault } from '../faults/emulator-faults';

/** Writes SSE events (then `data: [DONE]` when `done`), applying the stream faults. */
export async function writeEventStream(
  chunks: readonly Record<string, unknown>[],
  done: boolean,
  writer: ResponseWriter,
  fault: EmulatorFault | undefined,
  chunkDelayMs: number,
): Promise<void> {
  const events = chunks.map(chunk => JSON.stringify(chunk));
  writer.startEventStream();
  for (const [index, event] of events.entries()) {
    if (
      fault?.dropAfterChunks !== undefined &&
      index >= fault.dropAfterChunks
    ) {
      writer.drop();
      return;
    }
    // A truncated payload: what a proxy cutting a line in half would leave.
    const payload =
      fault?.malformedChunkAt === index + 1
        ? event.slice(0, Math.ceil(event.length / 2))
        : event;
    await writer.write(`data: ${payload}\n\n`);
    if (writer.closed) return;
    if (chunkDelayMs > 0 && !(await wait(chunkDelayMs, writer))) return;
  }
  if (fault?.dropAfterChunks !== undefined) {
    writer.drop();
    return;
  }
  if (done) await writer.write('data: [DONE]\n\n');
  writer.end();
}
