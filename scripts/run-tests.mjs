// Runs every test with node's built-in runner (on the TypeScript sources; the CLI end-to-end tests use dist/).
// Says plainly up front whether the AWS emulator suites can run on this machine.
import { spawnSync } from 'node:child_process';

const moto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
console.log(
  moto
    ? 'AWS emulator (moto): available — emulator suites will run'
    : 'AWS emulator (moto): NOT available — the emulator suites will be SKIPPED (install moto in python3 to run them)',
);
const args = ['--test', '--test-concurrency=2', 'src/**/*.test.ts', 'test/**/*.test.ts', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (!moto) console.log('note: the AWS emulator suites were skipped (moto missing)');
process.exit(r.status ?? 1);
