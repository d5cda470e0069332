import { createHash } from 'node:crypto';

// Words and single punctuation marks: a stand-in tokenizer that is the same
// on every machine, so usage figures can be asserted exactly.
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Deterministic token count of a text (words plus punctuation marks). */
export function countTokens(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}

/**
 * Splits text into stream pieces at word boundaries, each piece keeping its
 * trailing space, so the running token count of the pieces sent so far is
 * always the count of their concatenation.
 */
export function splitIntoPieces(text: string, wordsPerPiece = 1): string[] {
  const words = text.match(/\S+\s*/gu) ?? [];
  const pieces: string[] = [];
  for (let at = 0; at < words.length; at += wordsPerPiece) {
    pieces.push(words.slice(at, at + wordsPerPiece).join(''));
  }
  return pieces.length > 0 ? pieces : [text];
}

/** Cuts a string into `count` nearly equal pieces (for streaming tool arguments). */
export function splitEvenly(text: string, count: number): string[] {
  const characters = [...text];
  const size = Math.max(1, Math.ceil(characters.length / count));
  const pieces: string[] = [];
  for (let at = 0; at < characters.length; at += size) {
    pieces.push(characters.slice(at, at + size).join(''));
  }
  return pieces.length > 0 ? pieces : [''];
}

/** A short stable hex digest of the given parts (ids, seeds). */
export function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
