// Logging goes to stderr (reports own stdout). The library takes a Logger and never prints on its own.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function createStderrLogger(level: LogLevel = 'info', write: (s: string) => void = (s) => process.stderr.write(s)): Logger {
  const at = (l: Exclude<LogLevel, 'silent'>) => (message: string) => {
    if (order[l] >= order[level]) write(`${l === 'info' ? '' : `${l}: `}${message}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger that keeps messages in memory; for tests. */
export function createMemoryLogger(): Logger & { lines: Array<{ level: string; message: string }> } {
  const lines: Array<{ level: string; message: string }> = [];
  const push = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}
