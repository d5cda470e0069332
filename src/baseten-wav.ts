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

/**
 * The samples of a 16-bit PCM WAV file (the first channel of several) and its rate; `undefined`
 * when the bytes are not such a file.
 */
export function wavSamples(
  bytes: Uint8Array,
): { readonly pcm: Uint8Array; readonly sampleRate: number } | undefined {
  if (!isWav(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) =>
    String.fromCharCode(...bytes.subarray(offset, offset + 4));
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  for (let offset = 12; offset + 8 <= bytes.length;) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === 'fmt ' && offset + 24 <= bytes.length) {
      format = view.getUint16(offset + 8, true);
      channels = view.getUint16(offset + 10, true);
      sampleRate = view.getUint32(offset + 12, true);
      bits = view.getUint16(offset + 22, true);
    } else if (id === 'data') {
      // PCM (1) or WAVE_FORMAT_EXTENSIBLE (0xfffe) with 16-bit samples
      if ((format !== 1 && format !== 0xfffe) || bits !== 16 || channels < 1)
        return undefined;
      const data = bytes.subarray(
        offset + 8,
        Math.min(bytes.length, offset + 8 + size),
      );
      if (channels === 1) return { pcm: data, sampleRate };
      const frames = Math.floor(data.length / (2 * channels));
      const pcm = new Uint8Array(frames * 2);
      for (let frame = 0; frame < frames; frame++) {
        pcm[frame * 2] = data[frame * 2 * channels];
        pcm[frame * 2 + 1] = data[frame * 2 * channels + 1];
      }
      return { pcm, sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
