/**
 * Builds one value that satisfies a JSON schema, deterministically: enough of
 * JSON Schema for structured output and tool parameters (object, properties,
 * required, string with common formats, number, integer, boolean, array,
 * enum, const, nullable, anyOf/oneOf/allOf, local `$ref`s).
 */

type Schema = Record<string, unknown>;

/** A JSON value. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 12;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Array.isArray`, narrowing to `unknown[]` instead of `any[]`. */
function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/**
 * A value valid against `schema`; `name` seeds the strings (e.g. the property
 * name), and an `ordinal` above 1 numbers them (`sample city 2`) for a second call.
 */
export function sampleFromSchema(
  schema: unknown,
  name = 'value',
  ordinal = 1,
): JsonValue {
  const root = isSchema(schema) ? schema : {};
  return sample(schema, name, { schema: root, ordinal }, 0);
}

/** The schema `$ref`s resolve against, and the ordinal of the sample. */
interface Root {
  readonly schema: Schema;
  readonly ordinal: number;
}

function sample(
  schema: unknown,
  name: string,
  root: Root,
  depth: number,
): JsonValue {
  if (schema === true || !isSchema(schema) || depth > MAX_DEPTH) return null;

  if (typeof schema.$ref === 'string') {
    return sample(resolveRef(schema.$ref, root.schema), name, root, depth + 1);
  }
  if ('const' in schema) return schema.const as JsonValue;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[0] as JsonValue;
  }
  if ('default' in schema && schema.default !== undefined)
    return schema.default as JsonValue;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key];
    if (isList(options) && options.length > 0) {
      // Prefer a branch that is not just `null`, so the sample says something.
      const preferred = options.find(
        option => !(isSchema(option) && option.type === 'null'),
      );
      return sample(preferred ?? options[0], name, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const merged: Schema = {};
    for (const part of schema.allOf)
      if (isSchema(part)) mergeInto(merged, part);
    return sample(merged, name, root, depth + 1);
  }

  const type = pickType(schema);
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return true;
    case 'integer':
      return sampleNumber(schema, true);
    case 'number':
      return sampleNumber(schema, false);
    case 'string':
      return sampleString(schema, name, root.ordinal);
    case 'array':
      return sampleArray(schema, name, root, depth);
    case 'object':
      return sampleObject(schema, root, depth);
    default:
      return null;
  }
}

function pickType(schema: Schema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    // `["string", "null"]` (nullable): sample the non-null type.
    return (type.find(entry => entry !== 'null') ?? type[0]) as
      string | undefined;
  }
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function resolveRef(ref: string, root: Schema): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref
    .slice(1)
    .split('/')
    .filter(part => part !== '')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  return node;
}

function mergeInto(target: Schema, part: Schema): void {
  for (const [key, value] of Object.entries(part)) {
    if (
      key === 'properties' &&
      isSchema(value) &&
      isSchema(target.properties)
    ) {
      target.properties = { ...target.properties, ...value };
    } else if (key === 'required' && isList(value) && isList(target.required)) {
      target.required = [...target.required, ...value];
    } else {
      target[key] = value;
    }
  }
}

function sampleNumber(schema: Schema, integer: boolean): number {
  const minimum = numberOr(schema.minimum, undefined);
  const maximum = numberOr(schema.maximum, undefined);
  const exclusiveMinimum = numberOr(schema.exclusiveMinimum, undefined);
  const exclusiveMaximum = numberOr(schema.exclusiveMaximum, undefined);
  let low =
    minimum ??
    (exclusiveMinimum !== undefined
      ? exclusiveMinimum + (integer ? 1 : 0.5)
      : undefined);
  let high =
    maximum ??
    (exclusiveMaximum !== undefined
      ? exclusiveMaximum - (integer ? 1 : 0.5)
      : undefined);
  if (integer) {
    low = low === undefined ? undefined : Math.ceil(low);
    high = high === undefined ? undefined : Math.floor(high);
  }
  const preferred = integer ? 42 : 4.2;
  let value = preferred;
  if (low !== undefined && value < low) value = low;
  if (high !== undefined && value > high) value = high;
  const multipleOf = numberOr(schema.multipleOf, undefined);
  if (multipleOf !== undefined && multipleOf > 0) {
    value = Math.ceil(value / multipleOf) * multipleOf;
    if (high !== undefined && value > high) value -= multipleOf;
  }
  return value;
}

function numberOr<T>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'ada@example.com',
  uri: 'https://example.com/emulator',
  url: 'https://example.com/emulator',
  'date-time': '2025-01-02T03:04:05.000Z',
  date: '2025-01-02',
  time: '03:04:05',
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  ipv4: '127.0.0.1',
  hostname: 'example.com',
};

function sampleString(schema: Schema, name: string, ordinal: number): string {
  const format =
    typeof schema.format === 'string'
      ? FORMAT_SAMPLES[schema.format]
      : undefined;
  if (format !== undefined) return format;
  const minLength = numberOr(schema.minLength, 0);
  const maxLength = numberOr(schema.maxLength, Infinity);
  let value = ordinal > 1 ? `sample ${name} ${ordinal}` : `sample ${name}`;
  while (value.length < minLength) value += ' sample';
  if (value.length > maxLength) value = value.slice(0, maxLength);
  return value;
}

function sampleArray(
  schema: Schema,
  name: string,
  root: Root,
  depth: number,
): JsonValue[] {
  const minItems = numberOr(schema.minItems, 0);
  const maxItems = numberOr(schema.maxItems, Infinity);
  const count = Math.min(Math.max(minItems, 2), maxItems);
  if (Array.isArray(schema.prefixItems)) {
    return schema.prefixItems.map((item, index) =>
      sample(item, `${name} ${index + 1}`, root, depth + 1),
    );
  }
  const items: JsonValue[] = [];
  for (let index = 0; index < count; index++) {
    items.push(sample(schema.items, `${name} ${index + 1}`, root, depth + 1));
  }
  return items;
}

function sampleObject(
  schema: Schema,
  root: Root,
  depth: number,
): { [key: string]: JsonValue } {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(
    Array.isArray(schema.required) ? (schema.required as string[]) : [],
  );
  const result: { [key: string]: JsonValue } = {};
  // Every declared property is filled (not only required ones): a fuller
  // sample exercises more of the caller's parsing.
  for (const [key, propertySchema] of Object.entries(properties)) {
    result[key] = sample(propertySchema, key, root, depth + 1);
  }
  for (const key of required) {
    if (!(key in result)) result[key] = `sample ${key}`;
  }
  return result;
}
