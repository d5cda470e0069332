import { decodeBase64Embedding } from './baseten-embedding-decode';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const KEY = new TextEncoder().encode('"embedding"');
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpaceForward(bytes: Uint8Array, at: number): number {
  while (at < bytes.length && isSpace(bytes[at])) at++;
  return at;
}

function previousNonSpace(bytes: Uint8Array, at: number): number {
  while (at >= 0 && isSpace(bytes[at])) at--;
  return at >= 0 ? bytes[at] : -1;
}

/** `indexOf` for one byte value; Node's Buffer searches natively (memchr). */
type ByteSearch = (value: number, from: number) => number;

/** Where the next `"embedding"` starts at or after `from`, or -1. */
type KeySearch = (from: number) => number;

function byteSearch(bytes: Uint8Array): ByteSearch {
  const view = NodeBuffer?.from(
    bytes.buffer,
    bytes.byteOffset,
    bytes.byteLength,
  );
  return view != null
    ? (value, from) => view.indexOf(value, from)
    : (value, from) => bytes.indexOf(value, from);
}

function keySearch(bytes: Uint8Array, search: ByteSearch): KeySearch {
  const view = NodeBuffer?.from(
    bytes.buffer,
    bytes.byteOffset,
    bytes.byteLength,
  );
  return view != null
    ? from => view.indexOf(KEY, from)
    : from => indexOfKey(bytes, search, from);
}

function indexOfKey(
  bytes: Uint8Array,
  search: ByteSearch,
  from: number,
): number {
  for (;;) {
    const at = search(QUOTE, from);
    if (at === -1 || at + KEY.length > bytes.length) return -1;
    let matches = true;
    for (let i = 1; i < KEY.length; i++) {
      if (bytes[at + i] !== KEY[i]) {
        matches = false;
        break;
      }
    }
    if (matches) return at;
    from = at + 1;
  }
}

// Vectors this parser decoded are float32 by construction and need no second check.
const decodedFromBytes = new WeakSet<number[]>();

/** Whether `vector` was decoded from base64 by `parseEmbeddingsResponseBytes`. */
export function isDecodedEmbedding(vector: unknown): vector is number[] {
  return Array.isArray(vector) && decodedFromBytes.has(vector as number[]);
}

/**
 * Parses an embeddings body from its bytes, decoding base64 vectors in place (bench/NOTES.md).
 * Keys count only after `{` or `,`; an escape in a base64 string falls back to `JSON.parse`.
 */
export function parseEmbeddingsResponseBytes(bytes: Uint8Array): unknown {
  // [start, end) of each base64 string's characters, flat
  const ranges: number[] = [];
  const search = byteSearch(bytes);
  const nextKey = keySearch(bytes, search);
  // the next backslash at or after the current string: found once, moved on
  // only when passed, so the whole scan stays linear
  let escapeAt = search(BACKSLASH, 0);
  let from = 0;
  for (;;) {
    const keyAt = nextKey(from);
    if (keyAt === -1) break;
    from = keyAt + KEY.length;
    const before = previousNonSpace(bytes, keyAt - 1);
    if (before !== 0x7b && before !== 0x2c) continue; // not in key position
    let at = skipSpaceForward(bytes, from);
    if (bytes[at] !== COLON) continue;
    at = skipSpaceForward(bytes, at + 1);
    if (bytes[at] !== QUOTE) continue; // a float array: left to JSON.parse
    const start = at + 1;
    const end = search(QUOTE, start);
    if (end === -1) return parseWhole(bytes);
    if (escapeAt !== -1 && escapeAt < start)
      escapeAt = search(BACKSLASH, start);
    if (escapeAt !== -1 && escapeAt < end) return parseWhole(bytes);
    ranges.push(start, end);
    from = end + 1;
  }
  if (ranges.length === 0) return parseWhole(bytes);

  const value: unknown = JSON.parse(utf8.decode(skeletonOf(bytes, ranges)));
  const data = (value as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return value;
  const asciiOf = asciiReader(bytes);
  for (const item of data) {
    const embedding = (item as { embedding?: unknown } | null)?.embedding;
    if (typeof embedding !== 'string' || embedding.charCodeAt(0) !== 0)
      continue;
    const n = 2 * Number(embedding.slice(1));
    if (!(n < ranges.length)) continue;
    const text = asciiOf(ranges[n], ranges[n + 1]);
    const vector = decodeBase64Embedding(text);
    if (vector !== undefined) decodedFromBytes.add(vector);
    // an undecodable string stays a string, so the caller reports it
    (item as { embedding: unknown }).embedding = vector ?? text;
  }
  return value;
}

/** `\u0000`, the start of each placeholder. */
const PLACEHOLDER = encoder.encode('\\u0000');

/**
 * The body with its base64 strings cut out; the nth becomes the string "\u0000<n>", which JSON
 * text cannot otherwise plausibly hold.
 */
function skeletonOf(bytes: Uint8Array, ranges: readonly number[]): Uint8Array {
  let size = bytes.length;
  for (let r = 0; r < ranges.length; r += 2) {
    size +=
      PLACEHOLDER.length + String(r / 2).length - (ranges[r + 1] - ranges[r]);
  }
  const skeleton = new Uint8Array(size);
  let write = 0;
  let read = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    skeleton.set(bytes.subarray(read, ranges[r]), write);
    write += ranges[r] - read;
    skeleton.set(PLACEHOLDER, write);
    write += PLACEHOLDER.length;
    const digits = String(r / 2);
    for (let i = 0; i < digits.length; i++)
      skeleton[write++] = digits.charCodeAt(i);
    read = ranges[r + 1];
  }
  skeleton.set(bytes.subarray(read), write);
  return skeleton;
}

function parseWhole(bytes: Uint8Array): unknown {
  return JSON.parse(utf8.decode(bytes));
}

interface NodeBufferView {
  toString(encoding: 'latin1', start: number, end: number): string;
  indexOf(value: number | Uint8Array, from: number): number;
}

const NodeBuffer = (
  globalThis as {
    Buffer?: {
      from(
        buffer: ArrayBufferLike,
        offset: number,
        length: number,
      ): NodeBufferView;
    };
  }
).Buffer;

/** Reads [start, end) of ASCII (base64) bytes as a string, natively where Node's Buffer exists. */
function asciiReader(
  bytes: Uint8Array,
): (start: number, end: number) => string {
  if (NodeBuffer != null) {
    const view = NodeBuffer.from(
      bytes.buffer,
      bytes.byteOffset,
      bytes.byteLength,
    );
    return (start, end) => view.toString('latin1', start, end);
  }
  return (start, end) => utf8.decode(bytes.subarray(start, end));
}
