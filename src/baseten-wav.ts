// WAV containers for 16-bit mono PCM: the speech model and the emulator share them.

/** Whether bytes already are a RIFF/WAVE file. */
export function isWav(bytes: Uint8Array): boolean {
  const tag = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, offset + 4));
  return bytes.length >= 12 && tag(0) === 'RIFF' && tag(8) === 'WAVE';
}

/** A WAV file (16-bit mono PCM at `sampleRate`) around raw samples. */
export function pcmToWav(pcm: Uint8Array, sampleRate: number): Uint8Array {
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

/**
 * A WAV file's length in seconds, from its `fmt ` and `data` chunk headers (any sample format);
 * `undefined` when the bytes are not a WAV file this can read.
 */
export function decodeWavHeader(
  bytes: Uint8Array,
): { readonly seconds: number } | undefined {
  if (!isWav(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, offset + 4));
  let byteRate = 0;
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 20 <= bytes.length)
      byteRate = view.getUint32(offset + 16, true);
    else if (id === 'data') {
      if (byteRate === 0) return undefined;
      const available = Math.min(size, bytes.length - offset - 8);
      return { seconds: available / byteRate };
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
