import { lazySchema, zodSchema } from '@ai-sdk/provider-utils';
import { z } from 'zod/v4';
import { optionNames } from '../baseten-options';
import type { DeploymentOptionsDescription } from '../deployment/baseten-deployment-options';

/** `providerOptions.baseten` of `experimental_transcribe` with `transcriptionModel('qwen3-asr')`. */
export interface BasetenQwen3ASRProviderOptions {
  /**
   * Spoken language, as an ISO code (`'en'`) or a Qwen3 name (`'English'`);
   * forces the transcript's language. Unset or `'auto'`, the model detects it.
   */
  language?: string;
  /** Names or terms that bias spelling (`prompt` on the upload route; the system message on the chat route). */
  prompt?: string;
  /**
   * The deployment's served model name (vLLM's `--served-model-name`, e.g.
   * `'Qwen/Qwen3-ASR-1.7B'`), sent as `model`. Unset, no `model` is sent: vLLM
   * refuses names it does not serve.
   */
  servedModelName?: string;
  /**
   * Batch route: `'transcriptions'` (the file upload), `'chat'` (the older
   * preset's chat completion), or `'auto'`: the upload, then the chat route if
   * the deployment answers 404. A URL input always takes the chat route.
   * @default 'auto'
   */
  batchRoute?: 'auto' | 'transcriptions' | 'chat';
}

/** The schema of `BasetenQwen3ASRProviderOptions`; other keys are kept for the caller to report. */
export const basetenQwen3ASRProviderOptionsSchema = lazySchema(() =>
  zodSchema(
    z.looseObject({
      language: z.string().trim().min(1).optional(),
      prompt: z.string().optional(),
      servedModelName: z.string().trim().min(1).optional(),
      batchRoute: z.enum(['auto', 'transcriptions', 'chat']).optional(),
    }),
  ),
);

/** The typed options and any keys the schema does not know. */
export type ParsedQwen3ASROptions = BasetenQwen3ASRProviderOptions &
  Record<string, unknown>;

/** How the Qwen3-ASR model parses its options and names them in errors and warnings. */
export const QWEN3_ASR_OPTIONS: DeploymentOptionsDescription<ParsedQwen3ASROptions> =
  {
    schema: basetenQwen3ASRProviderOptionsSchema,
    acceptedNames: optionNames<BasetenQwen3ASRProviderOptions>({
      language: true,
      prompt: true,
      servedModelName: true,
      batchRoute: true,
    }),
    purpose: 'Qwen3-ASR transcription',
    models: 'Qwen3-ASR models',
    typeName: 'BasetenQwen3ASRProviderOptions',
  };
