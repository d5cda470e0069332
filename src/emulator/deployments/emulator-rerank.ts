import { MAX_BATCH_SIZE } from './emulator-embeddings';
import { EmulatorRequestError } from '../edge/emulator-errors';
import { digest } from '../edge/emulator-text';
import { isRecord } from '../edge/emulator-is-record';

function wordsOf(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * Relevance in (0, 1): the share of the query's words found in the text,
 * squeezed away from 0 and 1, plus a tiny text-derived offset so ties break
 * the same way every time.
 */
export function relevance(query: string, text: string): number {
  const queryWords = wordsOf(query);
  const textWords = wordsOf(text);
  let shared = 0;
  for (const word of queryWords) if (textWords.has(word)) shared++;
  const overlap = queryWords.size === 0 ? 0 : shared / queryWords.size;
  const tieBreak =
    parseInt(digest(query, text).slice(0, 6), 16) / 0xffffff / 1000;
  return 0.02 + 0.95 * overlap + tieBreak;
}

/**
 * The bare array a BEI reranker answers `/sync/rerank` with: one entry per
 * text, in an order that is stable but not by score (clients must sort).
 */
export function answerRerank(
  body: unknown,
): { index: number; score: number; text: string | null }[] {
  if (!isRecord(body))
    throw new EmulatorRequestError(
      400,
      'the request body must be a JSON object',
    );
  const { query, texts } = body;
  if (typeof query !== 'string')
    throw new EmulatorRequestError(400, '"query" must be a string', 'query');
  if (!Array.isArray(texts) || texts.some(text => typeof text !== 'string')) {
    throw new EmulatorRequestError(
      400,
      '"texts" must be an array of strings',
      'texts',
    );
  }
  if (texts.length === 0)
    throw new EmulatorRequestError(400, '"texts" must not be empty', 'texts');
  if (texts.length > MAX_BATCH_SIZE) {
    throw new EmulatorRequestError(
      413,
      `batch size ${texts.length} > maximum allowed batch size ${MAX_BATCH_SIZE}`,
    );
  }
  const entries = (texts as string[]).map((text, index) => {
    const normalized = relevance(query, text);
    return {
      index,
      // Raw scores are unbounded logits, as a cross-encoder's are before the sigmoid.
      score:
        body.raw_scores === true
          ? Math.log(normalized / (1 - normalized))
          : normalized,
      text: body.return_text === true ? text : null,
    };
  });
  return entries.sort((a, b) =>
    digest(String(a.index), query).localeCompare(
      digest(String(b.index), query),
    ),
  );
}
