// Runs the CLI in process with captured output, for the harden end-to-end tests (faster than a child process).
import { createServer } from 'node:http';
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

/** A loopback endpoint that counts requests: point AWS_ENDPOINT_URL at it to prove a command calls no AWS API. */
export interface RecordingEndpoint {
  url: string;
  requests(): number;
  reset(): void;
  close(): Promise<void>;
}

export async function recordingEndpoint(): Promise<RecordingEndpoint> {
  let count = 0;
  const server = createServer((_req, res) => {
    count++;
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return {
    url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`,
    requests: () => count,
    reset: () => {
      count = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
