/** Orpheus' audio: 16-bit signed little-endian mono PCM at this rate, without a WAV header. */
export const ORPHEUS_SAMPLE_RATE = 24_000;

/** The AI SDK format of that audio. */
export const ORPHEUS_AUDIO_FORMAT = {
  type: 'audio/pcm',
  rate: ORPHEUS_SAMPLE_RATE,
} as const;

/** The text frame that ends a WebSocket session's text. */
export const END_OF_TEXT_MESSAGE = '__END__';

/** The body of an Orpheus `/predict` call. */
export interface OrpheusPredictBody {
  readonly prompt: string;
  readonly voice: string;
  readonly max_tokens?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly repetition_penalty?: number;
  readonly request_id?: string;
}

/**
 * The first text frame of an Orpheus WebSocket session (truss-examples `orpheus-3b-websockets`
 * reads these keys; server defaults: max_tokens 6144, temperature 0.6, top_p 0.8,
 * repetition_penalty 1.3, buffer_size 10).
 */
export interface OrpheusStreamingMetadata {
  readonly voice: string;
  readonly buffer_size: number;
  readonly max_tokens?: number;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly repetition_penalty?: number;
}

export { isWav, pcmToWav } from '../baseten-wav';

/**
 * `X-Baseten-Input-Tokens`, when sent: Orpheus puts the prompt's length in **characters** there
 * (`len(prompt)`), so it is reported as `promptCharacters`, never as tokens.
 */
export function promptCharactersOf(
  headers: Record<string, string> | undefined,
): number | undefined {
  const header = headers?.['x-baseten-input-tokens'];
  const count = Number(header);
  return header !== undefined && header.trim() !== '' && Number.isFinite(count)
    ? count
    : undefined;
}
