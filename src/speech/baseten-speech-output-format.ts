import type { SharedV4AudioFormat, SharedV4Warning } from '@ai-sdk/provider';

/** A speech server whose audio is 16-bit PCM at one rate. */
export interface PcmSpeechServer {
  /** Its name in warnings, e.g. `Orpheus`. */
  readonly name: string;
  /** How it gives PCM, e.g. `answers` or `is read as`. */
  readonly gives: string;
  readonly sampleRate: number;
}

/**
 * A one-shot call's `outputFormat`, trimmed and lowercased: `wav` and `pcm` are served, anything
 * else gets an `unsupported` warning (the audio is then a WAV file).
 */
export function generateOutputFormat(
  outputFormat: string | undefined,
  server: PcmSpeechServer,
  warnings: SharedV4Warning[],
): string | undefined {
  const format = outputFormat?.trim().toLowerCase();
  if (format !== undefined && format !== 'wav' && format !== 'pcm') {
    warnings.push({
      type: 'unsupported',
      feature: 'outputFormat',
      details: `${server.name} ${server.gives} 16-bit PCM at ${server.sampleRate} Hz: the audio is a WAV file ("wav"), or the raw samples with "pcm".`,
    });
  }
  return format;
}

/** An `unsupported` warning when a streaming call asks for other audio than the server's PCM. */
export function streamOutputFormatWarning(
  outputFormat: SharedV4AudioFormat | undefined,
  server: PcmSpeechServer,
  warnings: SharedV4Warning[],
): void {
  if (
    outputFormat === undefined ||
    (outputFormat.type === 'audio/pcm' &&
      (outputFormat.rate === undefined ||
        outputFormat.rate === server.sampleRate))
  )
    return;
  warnings.push({
    type: 'unsupported',
    feature: 'outputFormat',
    details: `${server.name} streams audio/pcm at ${server.sampleRate} Hz; the audio parts are in that format.`,
  });
}
