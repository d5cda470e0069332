import { describe, expect, it } from 'vitest';
import { z } from 'zod/v4';
import { sampleFromSchema } from './emulator-json-schema';

/** The sample for a zod schema's JSON schema must parse with the zod schema itself. */
function roundTrips(schema: z.ZodType) {
  const value = sampleFromSchema(z.toJSONSchema(schema));
  expect(schema.safeParse(value).error).toBeUndefined();
  return value;
}

describe('sampleFromSchema', () => {
  it('fills every property of an object with a value of its type', () => {
    const value = roundTrips(
      z.object({
        name: z.string(),
        age: z.number().int().min(0).max(30),
        score: z.number().gt(10).lt(11),
        active: z.boolean(),
        nickname: z.string().optional(),
      }),
    );
    expect(value).toEqual({
      name: 'sample name',
      age: 30,
      score: 10.5,
      active: true,
      nickname: 'sample nickname',
    });
  });

  it('honours string formats and lengths that validators check', () => {
    roundTrips(
      z.object({
        email: z.email(),
        site: z.url(),
        when: z.iso.datetime(),
        day: z.iso.date(),
        id: z.uuid(),
        code: z.string().min(20).max(25),
        short: z.string().max(3),
      }),
    );
  });

  it('picks the first enum value, the const, and a non-null branch of a union', () => {
    const value = roundTrips(
      z.object({
        unit: z.enum(['celsius', 'fahrenheit']),
        kind: z.literal('contact'),
        note: z.string().nullable(),
        either: z.union([z.null(), z.number().int()]),
      }),
    );
    expect(value).toEqual({
      unit: 'celsius',
      kind: 'contact',
      note: 'sample note',
      either: 42,
    });
  });

  it('respects array bounds and nested objects', () => {
    const value = roundTrips(
      z.object({
        tags: z.array(z.string()).min(3),
        one: z.array(z.object({ x: z.number() })).max(1),
        pair: z.tuple([z.string(), z.number()]),
      }),
    );
    expect((value as { tags: unknown[] }).tags).toHaveLength(3);
  });

  it('follows local $refs of recursive schemas without looping forever', () => {
    interface Node {
      label: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({
      label: z.string(),
      get children() {
        return z.array(node).max(0);
      },
    });
    expect(roundTrips(node)).toEqual({ label: 'sample label', children: [] });
  });

  it('accepts a nullable type list and an OpenAI-style allOf', () => {
    expect(sampleFromSchema({ type: ['integer', 'null'], minimum: 100 })).toBe(
      100,
    );
    expect(
      sampleFromSchema({
        allOf: [
          {
            type: 'object',
            properties: { a: { type: 'string' } },
            required: ['a'],
          },
          { properties: { b: { type: 'boolean' } } },
        ],
      }),
    ).toEqual({ a: 'sample a', b: true });
  });
});
