// Typed errors the library throws; the CLI maps each kind to an exit code (DESIGN.md).
// The library never exits or prints: it throws one of these and lets the edge decide.

/** Exit codes shared by every command. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  usage: 2,
  runtime: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export abstract class RampartError extends Error {
  abstract readonly exitCode: ExitCode;
  /** What the user should do next, printed under the message. */
  readonly hint: string | undefined;
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options?.hint;
  }
}

/** Bad flags, unknown check ids, conflicting options. */
export class UsageError extends RampartError {
  readonly exitCode = ExitCode.usage;
}

/** A file the user gave us (config, snapshot, rules, mutelist) is malformed or of the wrong version. */
export class InputFileError extends RampartError {
  readonly exitCode = ExitCode.usage;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(file: string, message: string, options?: { line?: number; column?: number; hint?: string; cause?: unknown }) {
    const at = options?.line === undefined ? '' : `:${options.line}${options.column === undefined ? '' : `:${options.column}`}`;
    super(`${file}${at}: ${message}`, options);
    this.file = file;
    this.line = options?.line;
    this.column = options?.column;
  }
}

/** No credentials, expired credentials, no permission for a call the run cannot do without. */
export class CredentialsError extends RampartError {
  readonly exitCode = ExitCode.runtime;
}

/** Anything else that stops a run after it started: network, throttling beyond retries, I/O. */
export class RuntimeFailure extends RampartError {
  readonly exitCode = ExitCode.runtime;
}

export function isRampartError(e: unknown): e is RampartError {
  return e instanceof RampartError;
}

/** Best-effort message of an unknown thrown value, for logs and error records. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
