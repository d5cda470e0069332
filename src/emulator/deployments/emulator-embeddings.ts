import { createHash } from 'node:crypto';
import { EmulatorRequestError } from '../edge/emulator-errors';
import { countTokens } from '../edge/emulator-text';
import { isRecord } from '../edge/emulator-is-record';

/** Baseten Embeddings Inference refuses larger batches with 413. */
export const MAX_BATCH_SIZE = 128;

/**
 * A unit-length vector derived from the text alone: the same text always
 * embeds the same, different texts (almost surely) differently.
 */
export function embedText(text: string, dimensions: number): Float32Array {
  const values = new Float32Array(dimensions);
  let filled = 0;
  for (let block = 0; filled < dimensions; block++) {
    const bytes = createHash('sha256').update(`${block}\u0000${text}`).digest();
    for (let at = 0; at + 2 <= bytes.length && filled < dimensions; at += 2) {
      // Two bytes → a value in [-1, 1).
      values[filled++] = bytes.readUInt16LE(at) / 32768 - 1;
    }
  }
  let norm = 0;
  for (const value of values) norm += value * value;
  norm = Math.sqrt(norm) || 1;
  for (let index = 0; index < dimensions; index++) values[index] /= norm;
  return values;
}

/** float32 little-endian bytes, base64-encoded (OpenAI's `encoding_format: 'base64'`). */
export function toBase64(vector: Float32Array): string {
  const view = new DataView(new ArrayBuffer(vector.length * 4));
  vector.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return Buffer.from(view.buffer).toString('base64');
}

/** The OpenAI-shaped list a BEI deployment answers `/sync/v1/embeddings` with. */
export function answerEmbeddings(
  body: unknown,
  defaultDimensions: number,
): Record<string, unknown> {
  if (!isRecord(body))
    throw new EmulatorRequestError(
      400,
      'the request body must be a JSON object',
    );
  const input = typeof body.input === 'string' ? [body.input] : body.input;
  if (!Array.isArray(input) || input.some(item => typeof item !== 'string')) {
    throw new EmulatorRequestError(
      400,
      '"input" must be a string or an array of strings',
      'input',
    );
  }
  if (input.length === 0) {
    throw new EmulatorRequestError(400, '"input" must not be empty', 'input');
  }
  if (input.length > MAX_BATCH_SIZE) {
    throw new EmulatorRequestError(
      413,
      `batch size ${input.length} > maximum allowed batch size ${MAX_BATCH_SIZE}`,
    );
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    throw new EmulatorRequestError(
      400,
      '"encoding_format" must be "float" or "base64"',
      'encoding_format',
    );
  }
  let dimensions = defaultDimensions;
  if (body.dimensions != null) {
    const requested = body.dimensions;
    if (
      typeof requested !== 'number' ||
      !Number.isInteger(requested) ||
      requested < 1 ||
      requested > defaultDimensions
    ) {
      throw new EmulatorRequestError(
        400,
        `"dimensions" must be an integer from 1 to ${defaultDimensions} (the model's size)`,
        'dimensions',
      );
    }
    dimensions = requested;
  }
  const tokens = (input as string[]).reduce(
    (sum, text) => sum + Math.max(1, countTokens(text)),
    0,
  );
  return {
    object: 'list',
    model: typeof body.model === 'string' ? body.model : 'embeddings',
    data: (input as string[]).map((text, index) => {
      const vector = embedText(text, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: format === 'base64' ? toBase64(vector) : Array.from(vector),
      };
    }),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
