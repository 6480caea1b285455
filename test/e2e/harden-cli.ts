// Runs the CLI in process with captured output, for the harden end-to-end tests (faster than a child process).
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { fakeAwsEnv } from '../support/moto.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function rampart(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  const code = await main(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { ...process.env, ...fakeAwsEnv(), ...env },
    logger: silentLogger,
  });
  return { code, stdout, stderr };
}
