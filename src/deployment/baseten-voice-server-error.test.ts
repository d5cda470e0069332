import { describe, expect, it } from 'vitest';
import { voiceServerErrorMessage } from './baseten-voice-session';

// What a Whisper or Orpheus socket message says when it reports an error, for both voice models.
describe('voiceServerErrorMessage', () => {
  it.each([
    [{ error: 'GPU busy, retrying' }, 'GPU busy, retrying'],
    [
      { error: { message: 'voice "max" is unknown' } },
      'voice "max" is unknown',
    ],
    [
      { type: 'error', message: 'audio_language "xx" is not supported' },
      'audio_language "xx" is not supported',
    ],
  ])('reads %j as an error: %s', (value, message) => {
    expect(voiceServerErrorMessage(value, JSON.stringify(value))).toBe(message);
  });

  it('a {"type": "error"} without a message is the message as received', () => {
    const text = '{"type":"error","code":4003}';
    expect(voiceServerErrorMessage(JSON.parse(text), text)).toBe(text);
  });

  it.each([
    [{ type: 'transcription', is_final: false }],
    [{ type: 'status', state: 'ready' }],
    [{ error: null }],
    ['plain text'],
    [null],
  ])('%j is not an error', value => {
    expect(
      voiceServerErrorMessage(value, JSON.stringify(value)),
    ).toBeUndefined();
  });
});
