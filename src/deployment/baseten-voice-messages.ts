import type { VoiceSessionControls } from './baseten-voice-protocol';
import { voiceServerErrorMessage } from './baseten-voice-session';

/** A server's text message as JSON, or the text itself when it is not JSON. */
export function parseJSONOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Pushes an error part when a voice server's message reports an error (`text`: the message as
 * received); says whether it did.
 */
export function pushServerError(
  value: unknown,
  text: string,
  session: VoiceSessionControls<{ type: 'error'; error: unknown }>,
): boolean {
  const message = voiceServerErrorMessage(value, text);
  if (message === undefined) return false;
  session.push({ type: 'error', error: session.serverError(message, value) });
  return true;
}
