// `rampart watch package`: bundles the Lambda entry (src/watch/lambda) with esbuild into one ESM file and
// zips it with the rule files, so the function needs nothing from the Lambda runtime but Node.js.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { zipSync, type Zippable } from 'fflate';
import { builtinRulesDir } from '../detect/rules/index.ts';

/** The Lambda runtime the bundle targets (and the templates deploy). */
export const LAMBDA_RUNTIME = 'nodejs22.x';
export const LAMBDA_HANDLER = 'index.handler';

export interface PackageOptions {
  /** Extra rule folders (`--rules`), packaged as rules/extra-N/. */
  ruleDirs?: string[];
  /** Leave out the built-in rules (`--no-builtin`). */
  includeBuiltin?: boolean;
}

export interface PackageResult {
  zip: Uint8Array;
  files: string[];
  bundleBytes: number;
}

/** The entry next to this module: lambda.ts when run from source, lambda.js in the built package. */
function entryPoint(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), `lambda${here.endsWith('.ts') ? '.ts' : '.js'}`);
}

async function ruleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && /\.ya?ml$/.test(e.name)) out.push(join(e.parentPath, e.name));
  }
  return out.sort();
}

// A fixed timestamp: the same sources give the same zip (and the same code hash in the templates).
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

export async function packageFunction(opts: PackageOptions = {}): Promise<PackageResult> {
  const result = await build({
    entryPoints: [entryPoint()],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    write: false,
    minify: true,
    sourcemap: false,
    legalComments: 'external',
    outfile: 'index.mjs',
    logLevel: 'silent',
    // Bundled CommonJS dependencies (the AWS SDK) call require(); ESM output needs one.
    banner: { js: "import { createRequire as __rampartRequire } from 'node:module'; const require = __rampartRequire(import.meta.url);" },
  });
  const files: Zippable = {};
  for (const f of result.outputFiles) files[f.path.split(sep).pop()!] = [f.contents, { mtime: ZIP_MTIME }];
  const dirs: Array<[string, string]> = [];
  if (opts.includeBuiltin !== false) dirs.push([builtinRulesDir, 'rules/builtin']);
  (opts.ruleDirs ?? []).forEach((d, i) => dirs.push([d, `rules/extra-${i + 1}`]));
  for (const [dir, into] of dirs) {
    for (const file of await ruleFiles(dir)) {
      files[`${into}/${relative(dir, file).split(sep).join('/')}`] = [await readFile(file), { mtime: ZIP_MTIME }];
    }
  }
  const bundle = result.outputFiles.find((f) => f.path.endsWith('index.mjs'));
  return { zip: zipSync(files, { level: 9 }), files: Object.keys(files).sort(), bundleBytes: bundle?.contents.length ?? 0 };
}
