// The import graph of src/ has no cycles: every relative import specifier of every src/**/*.ts file (static, type-only,
// re-export and dynamic import() alike) is an edge, and a cycle fails the test with its path spelled out. A cycle is
// how a service's slice (src/services/<service>/) would start depending on the snapshot that composes it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative specifiers of `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, comments removed. */
export function importSpecifiers(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const re of patterns) for (const m of code.matchAll(re)) if (m[1]!.startsWith('.')) out.push(m[1]!);
  return out;
}

/** Every cycle found by a depth-first walk, each as the list of files from the first back to itself. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the import graph of src/', () => {
  it('finds a cycle when there is one (the detector works)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    assert.deepEqual(findCycles(graph), [['a', 'b', 'c', 'a']]);
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', []]])), []);
    assert.deepEqual(
      importSpecifiers(
        "import { x } from './x.ts';\nimport type {\n  Y,\n} from '../y.ts';\nexport { z } from './z.ts';\nimport './side.ts';\nconst m = await import('./dyn.ts');\n// import { no } from './comment.ts';\nimport { z as zod } from 'zod';",
      ),
      ['./x.ts', '../y.ts', './z.ts', './side.ts', './dyn.ts'],
    );
  });

  it('has no cycle', () => {
    // this file is left out: its own example specifiers (above) name files that do not exist
    const files = sourceFiles(SRC).filter((f) => f !== fileURLToPath(import.meta.url));
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const edges = importSpecifiers(readFileSync(file, 'utf8')).map((spec) => resolve(dirname(file), spec));
      graph.set(file, edges);
    }
    const missing = [...graph.values()].flat().filter((f) => f.startsWith(SRC) && f.endsWith('.ts') && !graph.has(f));
    assert.deepEqual(missing, [], 'every relative .ts import under src/ resolves to a file (else the graph is incomplete)');
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(SRC, f)).join(' → '));
    assert.deepEqual(cycles, [], `import cycles under src/:\n${cycles.join('\n')}`);
  });
});
