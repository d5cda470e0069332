/**
 * Image URLs a chat model passes through for Baseten to fetch: HTTPS only, as
 * Baseten requires; the AI SDK downloads any other URL and sends its bytes as a
 * data URL.
 */
export const BASETEN_SUPPORTED_URLS: Record<string, RegExp[]> = {
  'image/*': [/^https:\/\/[^\s]+$/i],
};
