// `npm pack` from a clean checkout (nothing built) gives a package that installs with its runtime dependencies only
// and runs `rampart scan --demo`: what `npm publish` would ship.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const npm = (args: string[], cwd: string) => {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

/** The tracked files only (what a fresh clone has), with the installed dependencies linked in for the build. */
async function cleanCheckout(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-pack-src-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await cp(join(root, file), join(dir, file)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e; // a tracked file deleted in the work tree
    });
  }
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('npm pack', { timeout: 600_000 }, () => {
  it('packs a clean checkout (building on prepack) into a package that installs and runs scan --demo', async () => {
    const src = await cleanCheckout();
    assert.deepEqual(await readdir(src).then((names) => names.includes('dist')), false, 'the checkout starts unbuilt');
    const out = await mkdtemp(join(tmpdir(), 'rampart-pack-out-'));
    const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', out], src)) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = packed!.files.map((f) => f.path);
    assert.ok(files.includes('bin/rampart.js') && files.includes('dist/src/cli/main.js'), 'the CLI and its launcher ship');
    assert.ok(files.some((f) => f.startsWith('rules/')), 'the detection rules ship');
    assert.deepEqual(files.filter((f) => /\.test\.|^test\/|^src\/|^scripts\/|^bench\//.test(f)), [], 'no tests, sources or scripts ship');

    const app = await mkdtemp(join(tmpdir(), 'rampart-pack-app-'));
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'try-rampart', private: true }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(out, packed!.filename)], app);
    const installed = await readdir(join(app, 'node_modules'));
    assert.ok(!installed.includes('typescript') && !installed.includes('fast-check'), 'development dependencies are not installed');

    const run = spawnSync(process.execPath, [join(app, 'node_modules', '.bin', 'rampart'), 'scan', '--demo', '--format', 'json'], { cwd: app, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { kind: string; source: string; findings: unknown[] };
    assert.equal(report.kind, 'rampart.report');
    assert.equal(report.source, 'demo');
    assert.ok(report.findings.length > 0);
  });
});
