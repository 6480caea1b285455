// `rampart report REPORT.json`: re-render a saved JSON report in any format (or several) without scanning again.
import type { Command } from 'commander';
import { ExitCode } from '../core/errors.ts';
import { readReportFile } from '../report/read.ts';
import { tripsFailOn } from '../report/summary.ts';
import type { CliIO } from './io.ts';
import { addMutelistOption, applyMutelistFlag } from './mute-options.ts';
import { parseRegions, parseSeverity } from './options.ts';
import { addOutputOptions, asffRegionFrom, parseOutputFlags, writeReportOutputs, type OutputFlags } from './report-output.ts';

interface ReportFlags extends OutputFlags {
  failOn?: string;
  failOnWarn?: boolean;
  allowErrors?: boolean;
  region?: string;
  mutelist?: string;
}

export function registerReportCommand(program: Command, io: CliIO): void {
  const cmd = program
    .command('report')
    .description('re-render a saved JSON report (`scan --format json -o FILE`) in another format, without scanning')
    .argument('<report.json>', 'a report written by `rampart scan --format json`')
    .option('--fail-on <severity>', 'exit 1 when an unmuted finding at or above this severity failed or could not be evaluated')
    .option('--fail-on-warn', 'with --fail-on: warnings at or above the severity also exit 1')
    .option('--allow-errors', 'with --fail-on: findings that could not be evaluated (status error) do not exit 1')
    .option('--region <region>', 'ASFF: the Security Hub Region the findings are for (default: AWS_REGION or us-east-1)');
  addMutelistOption(cmd);
  addOutputOptions(cmd).action(async (file: string, flags: ReportFlags) => {
    const outputs = parseOutputFlags(flags);
    const failOn = flags.failOn === undefined ? undefined : parseSeverity(flags.failOn, '--fail-on');
    const region = flags.region === undefined ? undefined : parseRegions(flags.region, '--region')?.[0];
    const report = await applyMutelistFlag(await readReportFile(file), flags.mutelist, io);
    await writeReportOutputs(report, outputs, io, { showPassed: Boolean(flags.showPassed), asffRegion: asffRegionFrom(region, io.env) });
    const policy = failOn && { threshold: failOn, warn: Boolean(flags.failOnWarn), allowErrors: Boolean(flags.allowErrors) };
    if (policy && tripsFailOn(report.findings, policy)) io.setExitCode(ExitCode.findings);
  });
}
