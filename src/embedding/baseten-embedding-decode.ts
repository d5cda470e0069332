import { convertBase64ToUint8Array } from '@ai-sdk/provider-utils';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface NodeBufferInstance extends Uint8Array {
  write(
    text: string,
    offset: number,
    length: number,
    encoding: 'base64',
  ): number;
}
interface NodeBufferClass {
  allocUnsafeSlow(size: number): NodeBufferInstance;
}

// Node's Buffer decodes base64 natively; edge runtimes fall back to atob.
const NodeBuffer = (globalThis as { Buffer?: NodeBufferClass }).Buffer;

// One reusable, 4-byte-aligned scratch buffer: decoding allocates nothing per vector.
let scratch: NodeBufferInstance | undefined;

function base64ToBytes(text: string): Uint8Array {
  if (NodeBuffer == null) return convertBase64ToUint8Array(text);
  const needed = Math.ceil((text.length * 3) / 4);
  if (scratch == null || scratch.byteLength < needed) {
    scratch = NodeBuffer.allocUnsafeSlow(Math.max(needed, 16_384));
  }
  const written = scratch.write(text, 0, scratch.byteLength, 'base64');
  return scratch.subarray(0, written);
}

/** Decodes one base64 float32 (little-endian) embedding; undefined if not whole floats. */
export function decodeBase64Embedding(text: string): number[] | undefined {
  const bytes = base64ToBytes(text);
  if (bytes.byteLength % 4 !== 0) return undefined;
  const length = bytes.byteLength / 4;
  const out = new Array<number>(length);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    const floats = new Float32Array(bytes.buffer, bytes.byteOffset, length);
    for (let i = 0; i < length; i++) out[i] = floats[i];
  } else {
    // unaligned (pooled) or big-endian memory: read through a DataView
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < length; i++) out[i] = view.getFloat32(i * 4, true);
  }
  return out;
}

/** The JSON embedding itself (no copy) when it holds only finite numbers, else undefined. */
export function checkFloatEmbedding(values: unknown[]): number[] | undefined {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  }
  return values as number[];
}
