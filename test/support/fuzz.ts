// Shared settings and assertions for the property-based parser fuzzers (test/fuzz). The seed is fixed so CI is
// reproducible; set RAMPART_FUZZ_SEED (any integer) and RAMPART_FUZZ_RUNS to explore further on a workstation.
import assert from 'node:assert/strict';
import fc from 'fast-check';

const seedFromEnv = process.env.RAMPART_FUZZ_SEED;
/** Runs per property: enough to reach the odd corners in a second or two per parser. */
export const fuzzParams: fc.Parameters<unknown> = {
  numRuns: Number(process.env.RAMPART_FUZZ_RUNS ?? 300),
  seed: seedFromEnv === undefined ? 20261202 : Number(seedFromEnv),
};

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * A parser either returns or throws the one typed error it documents, with a message that names the input
 * (the file or location the user gave). Anything else — a TypeError, a RangeError from deep recursion, a zod
 * error escaping — is a crash that the CLI would print as "unexpected error".
 */
export function assertTypedError(e: unknown, expected: ErrorClass, names?: string): void {
  if (!(e instanceof expected)) {
    const what = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    assert.fail(`expected a ${expected.name}, got ${what}`);
  }
  assert.ok(e.message.trim().length > 0, 'the error says what is wrong');
  if (names !== undefined) assert.ok(e.message.includes(names), `the error names the input "${names}": ${e.message}`);
}

/** Calls `fn`; returns its value or checks that the thrown error is the typed one. */
export function parsesOrFailsTyped<T>(fn: () => T, expected: ErrorClass, names?: string): T | undefined {
  try {
    return fn();
  } catch (e) {
    assertTypedError(e, expected, names);
    return undefined;
  }
}

export async function parsesOrFailsTypedAsync<T>(fn: () => Promise<T>, expected: ErrorClass, names?: string): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    assertTypedError(e, expected, names);
    return undefined;
  }
}

/** Any JSON value, nested a little deeper than fast-check's default. */
export const anyJson = fc.jsonValue({ maxDepth: 6 });

/**
 * Transform the value at a pseudo-random path inside a JSON document (walking objects and arrays by index seeds).
 * Keeps the surrounding structure valid, so the parser's deep validation is exercised, not only its first check.
 */
export function transformAt(doc: unknown, steps: readonly number[], fn: (old: unknown) => unknown): unknown {
  if (steps.length === 0 || doc === null || typeof doc !== 'object') return fn(doc);
  const [step, ...rest] = steps as [number, ...number[]];
  if (Array.isArray(doc)) {
    if (doc.length === 0) return fn(doc);
    const i = step % doc.length;
    const copy = [...doc];
    copy[i] = transformAt(doc[i], rest, fn);
    return copy;
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return fn(doc);
  const key = keys[step % keys.length]!;
  return { ...doc, [key]: transformAt((doc as Record<string, unknown>)[key], rest, fn) };
}

export function replaceAt(doc: unknown, steps: readonly number[], replacement: unknown): unknown {
  return transformAt(doc, steps, () => replacement);
}

/** Replacement values of the same JSON kind as the old one, so the document mostly stays schema-valid. */
export const sameKind = fc.record({ s: fc.string({ maxLength: 30 }), n: fc.oneof(fc.integer(), fc.double()), b: fc.boolean() }).map(
  (r) =>
    (old: unknown): unknown => {
      if (typeof old === 'string') return r.s;
      if (typeof old === 'number') return Number.isFinite(r.n) ? r.n : -1;
      if (typeof old === 'boolean') return r.b;
      if (Array.isArray(old)) return old.slice(0, old.length - 1);
      return old;
    },
);

/** A path seed for replaceAt: up to 8 steps deep. */
export const pathSeed = fc.array(fc.nat(), { maxLength: 8 });

/** Text damage: cut the text short, or splice random characters in at a random place. */
export const damagedText = (text: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 40 }), fc.string({ unit: 'binary', maxLength: 12 })).map(
      ([at, del, ins]) => text.slice(0, at) + ins + text.slice(at + del),
    ),
  );

/**
 * Damage right beside a span of the text (e.g. a planted secret), where V8 quotes the input around the error:
 * a quote or backslash ends or breaks the string the span sits in, so the parser stops inside it.
 */
export const nearText = (text: string, at: number, length: number): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.nat({ max: length }),
      fc.oneof(fc.constantFrom('"', '\\', '"}', ',', '\u0001'), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })),
    )
    .map(([offset, junk]) => text.slice(0, at + offset) + junk + text.slice(at + offset));

/** Nesting deeper than any real document, to catch recursion that overflows the stack. */
export function deeplyNested(depth: number, leaf: unknown, wrap: 'array' | 'object'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = wrap === 'array' ? [v] : { a: v };
  return v;
}
