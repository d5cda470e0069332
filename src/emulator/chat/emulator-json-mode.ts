import { isRecord } from '../edge/emulator-is-record';

// JSON mode (`response_format: {type: 'json_object'}`) carries the schema in the
// prompt: the AI SDK writes it on its own line after "JSON schema:", others in a
// fenced ```json block. The emulator answers with a value valid against it.

/** True for a parsed value that reads as a JSON schema (not just any object). */
function looksLikeSchema(value: unknown): boolean {
  if (!isRecord(value)) return false;
  if (typeof value.$schema === 'string' || isRecord(value.properties))
    return true;
  return (
    (value.type === 'object' || value.type === 'array') &&
    (isRecord(value.items) || Array.isArray(value.required))
  );
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON texts a message may hold a schema in: lines that open an object, and fenced blocks. */
function candidatesIn(text: string): string[] {
  const lines = text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.startsWith('{'));
  const fenced = [...text.matchAll(/```(?:json)?\s*\n([\s\S]*?)```/gu)].map(
    match => match[1],
  );
  return [...lines, ...fenced];
}

function textsOf(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap(part =>
    isRecord(part) && typeof part.text === 'string' ? [part.text] : [],
  );
}

/** The last JSON schema written in the messages' text, if any. */
export function schemaInMessages(
  messages: readonly { readonly content?: unknown }[],
): unknown {
  let found: unknown;
  for (const message of messages) {
    for (const text of textsOf(message.content)) {
      for (const candidate of candidatesIn(text)) {
        const value = parsed(candidate);
        if (looksLikeSchema(value)) found = value;
      }
    }
  }
  return found;
}
