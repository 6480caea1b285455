// The CLI loads only the command it runs: `rampart detect` must not pay for every AWS SDK client the scan uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

/** The bare package specifiers resolved while `rampart <argv>` runs (in a fresh process, from the sources). */
function packagesLoadedBy(argv: string[]): Set<string> {
  const main = new URL('./main.ts', import.meta.url).href;
  const code = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { if (!specifier.startsWith('.') && !specifier.startsWith('node:') && !specifier.startsWith('file:')) seen.add(specifier); return next(specifier, context); } });
    const { main } = await import(${JSON.stringify(main)});
    const sink = { write() { return true; } };
    await main(${JSON.stringify(argv)}, { stdout: sink, stderr: sink });
    process.stdout.write(JSON.stringify([...seen]));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return new Set(JSON.parse(r.stdout) as string[]);
}

test('`rampart detect` loads none of the collectors\' AWS SDK clients; `rampart scan` and the top-level help do', () => {
  const collectorOnly = ['@aws-sdk/client-ec2', '@aws-sdk/client-iam', '@aws-sdk/client-guardduty'];
  const detect = packagesLoadedBy(['detect', '--help']);
  for (const p of collectorOnly) assert.ok(!detect.has(p), `detect loaded ${p}`);
  const scan = packagesLoadedBy(['scan', '--help']);
  for (const p of collectorOnly) assert.ok(scan.has(p), `scan did not load ${p}`);
  const help = packagesLoadedBy(['--help']);
  assert.ok(help.has('@aws-sdk/client-ec2'), 'the top-level help registers every command');
});
