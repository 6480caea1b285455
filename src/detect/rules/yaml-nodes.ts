// Small helpers over the `yaml` node tree that keep line numbers, so every load error can name file:line.

import { isAlias, isMap, isScalar, isSeq, LineCounter, type Document, type Node, type Pair } from 'yaml';
import { RuleLoadError } from './types.ts';

export interface YamlContext {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export function lineOf(ctx: YamlContext, node: unknown): number | undefined {
  if (node === null || typeof node !== 'object' || !('range' in node)) return undefined;
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? ctx.lines.linePos(range[0]).line : undefined;
}

export function fail(ctx: YamlContext, at: unknown, message: string, line?: number): never {
  throw new RuleLoadError(ctx.file, message, { line: line ?? lineOf(ctx, at) });
}

/** Follow YAML aliases (`*anchor`) to the node they name. */
export function deref(ctx: YamlContext, node: unknown): unknown {
  return isAlias(node) ? node.resolve(ctx.doc) : node;
}

export interface Entry {
  key: string;
  keyNode: Node;
  value: unknown;
  line: number;
}

/** Entries of a YAML map with string keys; anything else is an error at `what`. */
export function mapEntries(ctx: YamlContext, node: unknown, what: string, line?: number): Entry[] {
  const n = deref(ctx, node);
  if (!isMap(n)) fail(ctx, n, `${what} must be a map`, line);
  return n.items.map((pair: Pair) => {
    const keyNode = pair.key as Node;
    if (!isScalar(keyNode) || (typeof keyNode.value !== 'string' && typeof keyNode.value !== 'number')) {
      fail(ctx, keyNode, `${what}: keys must be strings`, line);
    }
    return {
      key: String(keyNode.value),
      keyNode,
      value: deref(ctx, pair.value),
      line: lineOf(ctx, keyNode) ?? line ?? 1,
    };
  });
}

export type ScalarValue = string | number | boolean | null;

export function scalarValue(ctx: YamlContext, node: unknown, what: string, line: number): ScalarValue {
  const n = deref(ctx, node);
  if (n === null || n === undefined) return null; // `key:` with nothing after it
  if (!isScalar(n)) fail(ctx, n, `${what} must be a single value, not a ${isMap(n) ? 'map' : 'list'}`, line);
  const v = n.value;
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  return fail(ctx, n, `${what}: unsupported value type`, line);
}

export function seqItems(ctx: YamlContext, node: unknown): unknown[] | undefined {
  const n = deref(ctx, node);
  return isSeq(n) ? n.items.map((i) => deref(ctx, i)) : undefined;
}

/** Plain JS value of a node (for metadata and test events). */
export function toJs(ctx: YamlContext, node: unknown): unknown {
  const n = deref(ctx, node);
  if (n === null || n === undefined) return null;
  return (n as Node).toJS(ctx.doc);
}
