import { MAX_BATCH_SIZE } from './emulator-embeddings';
import { EmulatorRequestError } from '../edge/emulator-errors';
import { isRecord } from '../edge/emulator-is-record';
import { digest } from '../edge/emulator-text';

const STRATEGIES = ['none', 'simple', 'first', 'average', 'max'];
const LABELS = ['PER', 'ORG', 'LOC', 'MISC'] as const;
const BIO_LABELS = [
  'O',
  ...LABELS.flatMap(label => [`B-${label}`, `I-${label}`]),
];

interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu)].map(
    match => ({
      text: match[0],
      start: match.index,
      end: match.index + match[0].length,
    }),
  );
}

const isNamed = (word: Word) => /^\p{Lu}/u.test(word.text);

/** Runs of capitalized words: the emulator's entities, labelled from their text. */
function entitySpans(text: string): { words: Word[]; label: string }[] {
  const spans: { words: Word[]; label: string }[] = [];
  let run: Word[] = [];
  const close = () => {
    if (run.length === 0) return;
    const span = run.map(word => word.text).join(' ');
    const label =
      LABELS[parseInt(digest(span).slice(0, 4), 16) % LABELS.length];
    spans.push({ words: run, label });
    run = [];
  };
  for (const word of wordsOf(text)) {
    if (isNamed(word)) run.push(word);
    else close();
  }
  close();
  return spans;
}

/** A stable score in [0.9, 1) for a span. */
const confidenceOf = (span: string) =>
  0.9 + (parseInt(digest(span).slice(0, 6), 16) / 0xffffff) * 0.0999;

/**
 * What BEI-Bert's `/predict_tokens` answers: per input, merged entity spans
 * (`results` holds one label), or with `aggregation_strategy: "none"` one
 * entry per word with every BIO label's score.
 */
export function answerPredictTokens(body: unknown): unknown {
  if (!isRecord(body))
    throw new EmulatorRequestError(
      400,
      'the request body must be a JSON object',
    );
  const { inputs, aggregation_strategy: strategy } = body;
  if (
    !Array.isArray(inputs) ||
    inputs.length === 0 ||
    !inputs.every(
      item =>
        Array.isArray(item) && item.length === 1 && typeof item[0] === 'string',
    )
  ) {
    throw new EmulatorRequestError(
      400,
      '"inputs" must be a non-empty list of single-text lists',
      'inputs',
    );
  }
  if (inputs.length > MAX_BATCH_SIZE) {
    throw new EmulatorRequestError(
      413,
      `batch size ${inputs.length} > maximum allowed batch size ${MAX_BATCH_SIZE}`,
    );
  }
  if (strategy !== undefined && !STRATEGIES.includes(strategy as string)) {
    throw new EmulatorRequestError(
      400,
      `"aggregation_strategy" must be one of ${STRATEGIES.join(', ')}`,
      'aggregation_strategy',
    );
  }
  const rawScores = body.raw_scores === true;
  return (inputs as [string][]).map(([text]) =>
    strategy === 'none'
      ? tokenEntries(text, rawScores)
      : spanEntries(text, rawScores),
  );
}

function spanEntries(text: string, rawScores: boolean) {
  return entitySpans(text).map(({ words, label }) => {
    const start = words[0].start;
    const end = words[words.length - 1].end;
    const token = text.slice(start, end);
    const score = confidenceOf(token);
    return {
      token,
      token_id: 0,
      start,
      end,
      results: { [label]: rawScores ? Math.log(score / (1 - score)) : score },
    };
  });
}

function tokenEntries(text: string, rawScores: boolean) {
  const labelOf = new Map<number, string>();
  for (const { words, label } of entitySpans(text))
    words.forEach((word, index) =>
      labelOf.set(word.start, `${index === 0 ? 'B' : 'I'}-${label}`),
    );
  return wordsOf(text).map(word => {
    const chosen = labelOf.get(word.start) ?? 'O';
    const top = confidenceOf(word.text);
    const rest = (1 - top) / (BIO_LABELS.length - 1);
    const results = Object.fromEntries(
      BIO_LABELS.map(label => {
        const p = label === chosen ? top : rest;
        return [label, rawScores ? Math.log(p / (1 - p)) : p];
      }),
    );
    return {
      token: word.text.toLowerCase(),
      token_id: parseInt(digest(word.text.toLowerCase()).slice(0, 4), 16),
      start: word.start,
      end: word.end,
      results,
    };
  });
}
