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

/** The first text frame of an Orpheus WebSocket session. */
export interface OrpheusStreamingMetadata {
  readonly voice: string;
  readonly max_tokens: number;
  readonly buffer_size: number;
}

export { isWav, pcmToWav } from '../baseten-wav';

/** Orpheus' input token count from `X-Baseten-Input-Tokens`, when sent. */
export function inputTokensOf(
  headers: Record<string, string> | undefined,
): number | undefined {
  const count = Number(headers?.['x-baseten-input-tokens']);
  return Number.isFinite(count) ? count : undefined;
}
