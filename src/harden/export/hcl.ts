// A small HCL writer that emits what `terraform fmt` would: two-space indents, `=` aligned across consecutive
// single-line attributes, blank lines between blocks. Values are strings, numbers, booleans, lists of those,
// references (emitted bare) and JSON heredocs.

export type HclValue = string | number | boolean | HclRef | HclHeredoc | HclValue[];

export interface HclRef {
  ref: string;
}
export interface HclHeredoc {
  heredoc: string;
}

export interface HclBlock {
  type: string;
  labels: string[];
  /** Attributes in order, then nested blocks. */
  attributes: Array<[string, HclValue]>;
  blocks?: HclBlock[];
  comment?: string;
}

export const ref = (r: string): HclRef => ({ ref: r });
/** JSON as a heredoc: no escaping of quotes, and `${`/`%{` escaped so Terraform keeps policy variables literal. */
export const jsonHeredoc = (value: unknown): HclHeredoc => ({ heredoc: JSON.stringify(value, null, 2).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') });

function quote(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function scalar(v: HclValue): string | undefined {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.map(scalar);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if ('ref' in v) return v.ref;
  return undefined;
}

function render(block: HclBlock, indent: string): string[] {
  const lines: string[] = [];
  if (block.comment) for (const c of block.comment.split('\n')) lines.push(`${indent}# ${c}`);
  lines.push(`${indent}${block.type}${block.labels.map((l) => ` ${quote(l)}`).join('')} {`);
  const inner = `${indent}  `;
  // terraform fmt aligns `=` over runs of consecutive attributes; a heredoc's opening line belongs to the run,
  // and its body ends it
  let run: Array<[string, string, string[]]> = [];
  const flush = () => {
    const width = Math.max(0, ...run.map(([k]) => k.length));
    for (const [k, v, body] of run) lines.push(`${inner}${k.padEnd(width)} = ${v}`, ...body);
    run = [];
  };
  for (const [k, v] of block.attributes) {
    const s = scalar(v);
    if (s !== undefined) {
      run.push([k, s, []]);
      continue;
    }
    const body = (v as HclHeredoc).heredoc.split('\n').map((l) => `${inner}  ${l}`);
    run.push([k, '<<-EOT', [...body, `${inner}EOT`]]);
    flush();
  }
  flush();
  for (const b of block.blocks ?? []) {
    if (lines[lines.length - 1] !== `${indent}${block.type}${block.labels.map((l) => ` ${quote(l)}`).join('')} {`) lines.push('');
    lines.push(...render(b, inner));
  }
  lines.push(`${indent}}`);
  return lines;
}

export function renderHcl(blocks: HclBlock[]): string {
  return `${blocks.map((b) => render(b, '').join('\n')).join('\n\n')}\n`;
}
