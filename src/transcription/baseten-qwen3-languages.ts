/**
 * The 30 languages Qwen3-ASR names (its model card), by name and ISO code. Qwen3
 * says names ("English") where the AI SDK says codes ("en"): the ASR output
 * prefix and streaming `language_code`, and the streaming and TTS `language`.
 */
const QWEN3_LANGUAGES: readonly (readonly [name: string, code: string])[] = [
  ['Chinese', 'zh'],
  ['English', 'en'],
  ['Cantonese', 'yue'],
  ['Arabic', 'ar'],
  ['German', 'de'],
  ['French', 'fr'],
  ['Spanish', 'es'],
  ['Portuguese', 'pt'],
  ['Indonesian', 'id'],
  ['Italian', 'it'],
  ['Korean', 'ko'],
  ['Russian', 'ru'],
  ['Thai', 'th'],
  ['Vietnamese', 'vi'],
  ['Japanese', 'ja'],
  ['Turkish', 'tr'],
  ['Hindi', 'hi'],
  ['Malay', 'ms'],
  ['Dutch', 'nl'],
  ['Swedish', 'sv'],
  ['Danish', 'da'],
  ['Finnish', 'fi'],
  ['Polish', 'pl'],
  ['Czech', 'cs'],
  ['Filipino', 'fil'],
  ['Persian', 'fa'],
  ['Greek', 'el'],
  ['Hungarian', 'hu'],
  ['Macedonian', 'mk'],
  ['Romanian', 'ro'],
];

const CODE_BY_NAME = new Map(
  QWEN3_LANGUAGES.map(([name, code]) => [name.toLowerCase(), code]),
);
const NAME_BY_CODE = new Map(
  QWEN3_LANGUAGES.map(([name, code]) => [code, name]),
);

/** The ISO code of a Qwen3 language name ("English" → "en"), any case; `undefined` if unknown. */
export function qwen3LanguageCode(name: string): string | undefined {
  return CODE_BY_NAME.get(name.trim().toLowerCase());
}

/**
 * The Qwen3 name of an ISO code ("en" → "English"; a region such as "en-US"
 * counts as its language); `undefined` if Qwen3-ASR does not list it.
 */
export function qwen3LanguageName(code: string): string | undefined {
  const lower = code.trim().toLowerCase();
  return NAME_BY_CODE.get(lower) ?? NAME_BY_CODE.get(lower.split(/[-_]/)[0]);
}

/** A language given as an ISO code or a Qwen3 name, as its ISO code; `undefined` if neither. */
export function asQwen3LanguageCode(language: string): string | undefined {
  return qwen3LanguageName(language) !== undefined
    ? language.trim().toLowerCase().split(/[-_]/)[0]
    : qwen3LanguageCode(language);
}
