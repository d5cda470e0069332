/**
 * Runs what a streaming call does before its stream exists (options, format, key); when that
 * fails, the caller's input stream (text or audio) is cancelled, as it will never be read.
 */
export async function cancelInputOnFailure<T>(
  input: ReadableStream<unknown>,
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    void input.cancel().catch(() => {});
    throw error;
  }
}
