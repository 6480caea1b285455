// Resolves Sigma dotted field paths against a CloudTrail record.
// Arrays on the way are fanned out (any reached leaf may match); keys that contain dots are tried too.

type LeafPredicate = (leaf: unknown) => boolean;

/**
 * Visit every non-null leaf reached by `segments` from `node` and stop at the first one `pred` accepts.
 * A leaf that is an array is visited element by element, so `valuesToAdd: all` matches `["all"]`.
 */
function visit(node: unknown, segments: readonly string[], i: number, pred: LeafPredicate): boolean {
  if (node === null || node === undefined) return false;
  if (Array.isArray(node)) {
    for (const element of node) if (visit(element, segments, i, pred)) return true;
    return false;
  }
  if (i === segments.length) return pred(node);
  if (typeof node !== 'object') return false;
  const obj = node as Record<string, unknown>;
  let key = segments[i]!;
  if (Object.hasOwn(obj, key) && visit(obj[key], segments, i + 1, pred)) return true;
  // A CloudTrail key may itself contain dots; try the longer literal keys as well.
  for (let k = i + 1; k < segments.length; k++) {
    key += `.${segments[k]!}`;
    if (Object.hasOwn(obj, key) && visit(obj[key], segments, k + 1, pred)) return true;
  }
  return false;
}

export interface FieldAccessor {
  readonly path: string;
  /** True when some non-null leaf at the path satisfies `pred`. */
  some(root: unknown, pred: LeafPredicate): boolean;
  /** True when at least one non-null leaf exists at the path. */
  exists(root: unknown): boolean;
  /** Every non-null leaf at the path, in document order. */
  leaves(root: unknown): unknown[];
}

const always = (): boolean => true;

export function fieldAccessor(path: string): FieldAccessor {
  const segments = path.split('.');
  // Fast path: a plain top-level key such as `eventName` (the common case, kept allocation-free).
  const single = segments.length === 1 ? segments[0]! : undefined;
  const some =
    single !== undefined
      ? (root: unknown, pred: LeafPredicate): boolean => {
          if (root === null || typeof root !== 'object') return false;
          const v = Object.hasOwn(root, single) ? (root as Record<string, unknown>)[single] : undefined;
          if (v === null || v === undefined) return false;
          if (Array.isArray(v)) return visit(v, segments, 1, pred);
          return pred(v);
        }
      : (root: unknown, pred: LeafPredicate): boolean => visit(root, segments, 0, pred);
  return {
    path,
    some,
    exists: (root) => some(root, always),
    leaves: (root) => {
      const out: unknown[] = [];
      some(root, (leaf) => {
        out.push(leaf);
        return false;
      });
      return out;
    },
  };
}

/** Every scalar leaf of a value, recursively (keyword search). */
export function someScalarLeaf(node: unknown, pred: LeafPredicate): boolean {
  if (node === null || node === undefined) return false;
  if (Array.isArray(node)) {
    for (const element of node) if (someScalarLeaf(element, pred)) return true;
    return false;
  }
  if (typeof node === 'object') {
    for (const key in node) if (someScalarLeaf((node as Record<string, unknown>)[key], pred)) return true;
    return false;
  }
  return pred(node);
}
