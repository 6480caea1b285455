// The streams and process hooks a command uses; injected so commands are testable without a real process.
import type { Logger } from '../core/logger.ts';

export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  setExitCode(code: number): void;
}
