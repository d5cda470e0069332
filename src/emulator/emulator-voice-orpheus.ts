import { emulatorSpeechPCM } from './emulator-voice-audio';
import { isRecord } from './emulator-is-record';

/** Orpheus' rate: the emulator's speech is 16-bit mono PCM at 24 kHz, without a WAV header. */
export const ORPHEUS_RATE = 24_000;
/** Bytes per streamed piece of audio: 0.1 s. */
export const AUDIO_CHUNK_BYTES = (ORPHEUS_RATE / 10) * 2;
/** Words the WebSocket gathers before it speaks, unless the session sets `buffer_size`. */
const DEFAULT_BUFFER_SIZE = 10;
/** The text frame that ends a session's text. */
export const END_OF_TEXT = '__END__';

const ORPHEUS_FIELDS = new Set([
  'prompt',
  'voice',
  'max_tokens',
  'temperature',
  'top_p',
  'repetition_penalty',
  'request_id',
]);
const ORPHEUS_VOICES = new Set([
  'tara',
  'leah',
  'jess',
  'leo',
  'dan',
  'mia',
  'zac',
  'zoe',
]);

/** Whether a `/predict` body is an Orpheus request (a `prompt` string, no other model's fields). */
export function isOrpheusPredict(
  body: unknown,
): body is { prompt: string; voice?: unknown } {
  return (
    isRecord(body) &&
    typeof body.prompt === 'string' &&
    Object.keys(body).every(key => ORPHEUS_FIELDS.has(key))
  );
}

/** Why the emulator refuses an Orpheus request, if it does (an unknown voice). */
export function orpheusVoiceError(voice: unknown): string | undefined {
  if (
    voice === undefined ||
    (typeof voice === 'string' && ORPHEUS_VOICES.has(voice))
  )
    return undefined;
  return `Unknown voice ${JSON.stringify(voice)}; Orpheus speaks ${[...ORPHEUS_VOICES].join(', ')}.`;
}

/** Orpheus' prompt token count, as the emulator counts it (about 4 characters a token). */
export function inputTokens(prompt: string): number {
  return Math.ceil(new TextEncoder().encode(prompt).length / 4) + 2;
}

/** Audio in streamed pieces of `AUDIO_CHUNK_BYTES`. */
export function audioChunks(pcm: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < pcm.length; offset += AUDIO_CHUNK_BYTES) {
    chunks.push(pcm.subarray(offset, offset + AUDIO_CHUNK_BYTES));
  }
  return chunks;
}

/** The emulator's Orpheus audio of a text, as `/predict` and the WebSocket send it (see `emulator-voice-audio.ts`). */
export function orpheusPredictAudio(prompt: string): Uint8Array[] {
  return audioChunks(emulatorSpeechPCM(prompt, ORPHEUS_RATE));
}

/** Whether a session's first message asks for speech (`voice`, `max_tokens`, `buffer_size`). */
export function isOrpheusStreamingMetadata(
  value: unknown,
): value is Record<string, unknown> {
  return (
    isRecord(value) &&
    (typeof value.voice === 'string' ||
      'buffer_size' in value ||
      'max_tokens' in value)
  );
}

/**
 * One Orpheus WebSocket session: text arrives in any split; each time
 * `buffer_size` words are complete they are spoken as one piece of audio,
 * and `__END__` speaks the rest. Each piece transcribes back to its words.
 */
export class OrpheusStreamingSession {
  private pending = '';
  private readonly bufferSize: number;

  constructor(metadata: Record<string, unknown>) {
    const size = metadata.buffer_size;
    this.bufferSize =
      typeof size === 'number' && Number.isInteger(size) && size > 0
        ? size
        : DEFAULT_BUFFER_SIZE;
  }

  /** A text frame: the audio of every complete group of `buffer_size` words. */
  text(text: string): Uint8Array[] {
    this.pending += text;
    const words = this.pending.split(/\s+/);
    // the last token may be a word still being typed, unless the text ends with a space
    const complete = /\s$/.test(this.pending)
      ? words.filter(word => word !== '')
      : words.slice(0, -1).filter(word => word !== '');
    if (complete.length < this.bufferSize) return [];
    const spoken = complete.slice(
      0,
      complete.length - (complete.length % this.bufferSize),
    );
    const rest = words.filter(word => word !== '').slice(spoken.length);
    this.pending =
      rest.join(' ') + (/\s$/.test(this.pending) && rest.length > 0 ? ' ' : '');
    const chunks: Uint8Array[] = [];
    for (let index = 0; index < spoken.length; index += this.bufferSize) {
      chunks.push(
        ...orpheusPredictAudio(
          spoken.slice(index, index + this.bufferSize).join(' '),
        ),
      );
    }
    return chunks;
  }

  /** `__END__`: the audio of the words still waiting. */
  end(): Uint8Array[] {
    const words = this.pending.split(/\s+/).filter(word => word !== '');
    this.pending = '';
    return words.length === 0 ? [] : orpheusPredictAudio(words.join(' '));
  }
}
