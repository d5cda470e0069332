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

/** Whether bytes already are a RIFF/WAVE file. */
export function isWav(bytes: Uint8Array): boolean {
  const tag = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return bytes.length >= 12 && tag(0) === 'RIFF' && tag(8) === 'WAVE';
}

/** A WAV file (16-bit mono PCM at `sampleRate`) around raw samples. */
export function pcmToWav(
  pcm: Uint8Array,
  sampleRate: number = ORPHEUS_SAMPLE_RATE,
): Uint8Array {
  const wav = new Uint8Array(44 + pcm.length);
  const view = new DataView(wav.buffer);
  const tag = (offset: number, text: string) => {
    for (let index = 0; index < 4; index++)
      wav[offset + index] = text.charCodeAt(index);
  };
  tag(0, 'RIFF');
  view.setUint32(4, 36 + pcm.length, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  tag(36, 'data');
  view.setUint32(40, pcm.length, true);
  wav.set(pcm, 44);
  return wav;
}
