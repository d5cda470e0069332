import { z } from 'zod/v4';
import { builtOnce } from '../baseten-built-once';

/** vLLM's transcription route under a deployment's `…/sync/v1`. */
export const QWEN3_TRANSCRIPTIONS_PATH = 'audio/transcriptions';
/** vLLM's chat route under a deployment's `…/sync/v1` (the older preset's only route). */
export const QWEN3_CHAT_PATH = 'chat/completions';

/** The body of a chat-route transcription: an optional context, then one `audio_url` part. */
export interface Qwen3ChatTranscriptionBody {
  readonly model?: string;
  readonly messages: readonly (
    | { readonly role: 'system'; readonly content: string }
    | {
        readonly role: 'user';
        readonly content: readonly {
          readonly type: 'audio_url';
          readonly audio_url: { readonly url: string };
        }[];
      }
  )[];
}

// Built on first use, not at import: zod's set-up costs a few ms.
function buildQwen3Schemas() {
  return {
    /** vLLM's `/v1/audio/transcriptions` answer (`response_format` json). */
    transcription: z.looseObject({
      text: z.string(),
      usage: z.looseObject({ type: z.string(), seconds: z.number() }).nullish(),
    }),
    /** A vLLM chat completion: the raw model output in the first choice. */
    chat: z.looseObject({
      id: z.string().nullish(),
      model: z.string().nullish(),
      choices: z
        .array(
          z.looseObject({
            message: z.looseObject({ content: z.string().nullish() }),
            finish_reason: z.string().nullish(),
          }),
        )
        .min(1),
      usage: z
        .looseObject({
          prompt_tokens: z.number().nullish(),
          completion_tokens: z.number().nullish(),
          total_tokens: z.number().nullish(),
        })
        .nullish(),
    }),
  };
}

/** The schemas of Qwen3-ASR's batch answers. */
export const getQwen3Schemas = builtOnce(buildQwen3Schemas);

type Qwen3Schemas = ReturnType<typeof buildQwen3Schemas>;
/** A transcription-route answer, parsed. */
export type Qwen3TranscriptionResponse = z.infer<Qwen3Schemas['transcription']>;
/** A chat-route answer, parsed. */
export type Qwen3ChatResponse = z.infer<Qwen3Schemas['chat']>;

const ASR_TEXT_TAG = '<asr_text>';

/**
 * Splits Qwen3-ASR's raw output `language English<asr_text>text` into the
 * language name and the text. `language None` means no speech was heard;
 * output without the tag is all text.
 */
export function splitAsrOutput(raw: string): {
  languageName?: string;
  text: string;
} {
  const at = raw.indexOf(ASR_TEXT_TAG);
  if (at === -1) return { text: raw.trim() };
  const meta = raw.slice(0, at).trim();
  const text = raw.slice(at + ASR_TEXT_TAG.length).trim();
  const match = /^language\s+(.+)$/i.exec(meta);
  const name = match?.[1].trim();
  return name === undefined || name.toLowerCase() === 'none'
    ? { text }
    : { languageName: name, text };
}

/** Whether a 404 body is vLLM refusing the `model` name (not a missing route). */
export function isUnknownModelError(body: string): boolean {
  return /\bmodel\b.*\bdoes not exist\b/i.test(body);
}
