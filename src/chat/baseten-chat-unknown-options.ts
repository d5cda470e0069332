import type { SharedV4Warning } from '@ai-sdk/provider';
import { editDistance } from '../baseten-edit-distance';
import { PROVIDER_OPTIONS_KEY } from '../baseten-options';
import { BASETEN_WIRE_NAMES } from './baseten-chat-options';

/** The typed chat options (`BasetenChatProviderOptions`), camelCase and wire names. */
const TYPED_OPTIONS: readonly string[] = [
  'reasoningEffort',
  'reasoning_effort',
  'user',
  'strictJsonSchema',
  'structuredOutputs',
  'textVerbosity', // the OpenAI-compatible model's, sent as `verbosity`
  ...Object.keys(BASETEN_WIRE_NAMES),
  ...Object.values(BASETEN_WIRE_NAMES),
];

/**
 * Request fields Baseten's engines (vLLM, SGLang, TensorRT-LLM) take beyond
 * the typed options: passed through without a warning.
 */
const BASETEN_PASS_THROUGH_FIELDS: readonly string[] = [
  'documents',
  'chat_template',
  'add_generation_prompt',
  'continue_final_message',
  'add_special_tokens',
  'include_stop_str_in_output',
  'spaces_between_special_tokens',
  'best_of',
  'use_beam_search',
  'early_stopping',
  'truncate_prompt_tokens',
  'guided_json',
  'guided_regex',
  'guided_choice',
  'guided_grammar',
  'guided_decoding_backend',
  'structured_outputs',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'prompt_logprobs',
  'n',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'parallel_tool_calls',
  'max_completion_tokens',
  'stream_options',
  'priority',
  'mm_processor_kwargs',
  'thinking',
  'enable_thinking',
  'verbosity',
];

const KNOWN = new Set([...TYPED_OPTIONS, ...BASETEN_PASS_THROUGH_FIELDS]);

/** The typed option a misspelt key most likely meant, if one is close. */
function nearestTypedOption(key: string): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of TYPED_OPTIONS) {
    const distance = editDistance(lower, name.toLowerCase());
    if (distance < (best?.distance ?? Infinity)) best = { name, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, lower.length / 4)
    ? best.name
    : undefined;
}

/**
 * An `other` warning for each `providerOptions.baseten` key that is neither a
 * typed option nor a field Baseten's engines are known to take: it is still
 * sent as is (the server may take it), but a misspelling is not silent.
 */
export function unknownChatOptionWarnings(raw: unknown): SharedV4Warning[] {
  if (raw == null || typeof raw !== 'object') return [];
  return Object.keys(raw)
    .filter(key => !KNOWN.has(key))
    .map(key => {
      const nearest = nearestTypedOption(key);
      return {
        type: 'other',
        message: `providerOptions.${PROVIDER_OPTIONS_KEY}.${key} is not a known Baseten chat option; it is sent in the request body as is.${
          nearest !== undefined ? ` Did you mean ${nearest}?` : ''
        }`,
      };
    });
}
