#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (run `npm run build` first when working from a clone).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Checked before anything else loads: older Node fails deep inside (node:sqlite, type stripping) with a stack trace.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `rampart: Node.js ${process.versions.node} is too old; Rampart needs Node.js 22.18 or newer. ` +
      'From a clone, `npm run rampart -- <args>` uses the Node the project brings; otherwise install Node 22 or 24.\n',
  );
  process.exit(2);
}

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('rampart: the CLI is not built yet. Run `npm run build` (or `npm run demo`) in the project folder first.\n');
  process.exit(2);
}
// A reader that went away (`rampart … | head`) is not a failure: stop quietly, as other Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw e;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
