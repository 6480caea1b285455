// The CLI edge: parse arguments, run one command, map errors to exit codes (DESIGN.md). Nothing else lives here.
import { Command, CommanderError } from 'commander';
import { isCredentialsError } from '../aws/errors.ts';
import { ExitCode, isRampartError } from '../core/errors.ts';
import { createStderrLogger, type LogLevel } from '../core/logger.ts';
import { tool } from '../version.ts';
import type { CliIO } from './io.ts';

type Register = (program: Command, io: CliIO) => void;

/**
 * Every command's module, in help order, loaded only when the command line needs it: the commands that collect
 * pull in every AWS SDK client (~1.2 s and ~200 MB before the first line of output), which `rampart detect`,
 * `report` or `rules` should not pay.
 */
const COMMANDS: ReadonlyArray<[name: string, load: () => Promise<Register>]> = [
  ['scan', async () => (await import('./scan.ts')).registerScanCommand],
  ['report', async () => (await import('./report.ts')).registerReportCommand],
  ['diff', async () => (await import('./diff.ts')).registerDiffCommand],
  ['history', async () => (await import('./history.ts')).registerHistoryCommand],
  ['collect', async () => (await import('./collect.ts')).registerCollectCommand],
  ['checks', async () => (await import('./checks.ts')).registerChecksCommand],
  ['iam-policy', async () => (await import('./iam-policy.ts')).registerIamPolicyCommand],
  ['harden', async () => (await import('./harden.ts')).registerHardenCommand],
  ['detect', async () => (await import('./detect.ts')).registerDetectCommand],
  ['rules', async () => (await import('./rules.ts')).registerRulesCommand],
  ['merge', async () => (await import('./merge.ts')).registerMergeCommand],
  ['audit-role', async () => (await import('./audit-role.ts')).registerAuditRoleCommand],
  ['watch', async () => (await import('./watch.ts')).registerWatchCommand],
];

/**
 * The program with the command `argv` names, or with every command (no command, `help`, a misspelt one: the
 * help and "did you mean" need them all). The global options take no value, so the first word that is not an
 * option is the command.
 */
export async function buildProgram(io: CliIO, argv?: readonly string[]): Promise<Command> {
  const program = new Command()
    .name('rampart')
    .description('Audit, harden and watch AWS accounts and Organizations.')
    .version(tool.version)
    .option('-v, --verbose', 'log debug details on stderr')
    .option('-q, --quiet', 'only log errors on stderr')
    .showHelpAfterError('(run `rampart --help` for usage)')
    .addHelpText(
      'after',
      `
Start here:
  rampart scan --demo            the whole experience on a bundled demo organization
  rampart scan --profile NAME    audit the account behind an AWS profile (read-only)
  rampart harden plan --demo     what Rampart would fix, as a reviewable plan

Exit codes: 0 done, 1 findings/alerts at or above --fail-on, 2 usage or input error, 3 runtime failure
(credentials, network, AWS refused a call the run cannot do without).`,
    )
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  const named = argv?.find((a) => !a.startsWith('-'));
  const chosen = COMMANDS.filter(([name]) => name === named);
  const registers = await Promise.all((chosen.length > 0 ? chosen : COMMANDS).map(([, load]) => load()));
  for (const register of registers) register(program, io);
  for (const c of program.commands) c.exitOverride();
  return program;
}

function logLevelFrom(argv: string[]): LogLevel {
  if (argv.includes('--verbose') || argv.includes('-v')) return 'debug';
  if (argv.includes('--quiet') || argv.includes('-q')) return 'error';
  return 'info';
}

/** Run the CLI and return the exit code (the bin sets process.exitCode). */
export async function main(argv: string[], partial: Partial<CliIO> = {}): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const stderr = partial.stderr ?? process.stderr;
  const io: CliIO = {
    stdout: partial.stdout ?? process.stdout,
    stderr,
    stdin: partial.stdin ?? process.stdin,
    env: partial.env ?? process.env,
    logger: partial.logger ?? createStderrLogger(logLevelFrom(argv), (s) => stderr.write(s)),
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = await buildProgram(io, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; any other parse error is a usage error
      return e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? ExitCode.ok : ExitCode.usage;
    }
    if (isRampartError(e)) {
      stderr.write(`rampart: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ''}`);
      return e.exitCode;
    }
    if (isCredentialsError(e) || (e instanceof Error && e.name === 'CredentialsProviderError')) {
      stderr.write(
        `rampart: no valid AWS credentials (${(e as Error).message.split('\n')[0]})\n  Run \`aws sso login --profile NAME\` and pass --profile NAME, or set AWS_PROFILE / AWS_ACCESS_KEY_ID.\n`,
      );
      return ExitCode.runtime;
    }
    stderr.write(`rampart: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (logLevelFrom(argv) === 'debug' && e instanceof Error && e.stack) stderr.write(`${e.stack}\n`);
    else stderr.write('  Run again with --verbose for details, and please report it.\n');
    return ExitCode.runtime;
  }
}
