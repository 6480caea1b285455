// Where a report goes: --format to stdout or -o FILE, and/or several formats at once with --output-dir DIR
// --formats a,b. Shared by `scan` and `report`, so both accept exactly the same output flags.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { formatIds, renderReport, reportFormats, type FormatId, type RenderOptions } from '../report/formats.ts';
import type { ScanReport } from '../report/json.ts';
import type { CliIO } from './io.ts';
import { parseFormat, parseList, useColor, writingOutput } from './options.ts';

export interface OutputFlags {
  format: string;
  output?: string;
  outputDir?: string;
  formats?: string;
  showPassed?: boolean;
}

export interface OutputPlan {
  format: FormatId;
  output: string | undefined;
  dir: { path: string; formats: FormatId[] } | undefined;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `report format: ${formatIds.join(', ')}`, 'terminal')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--output-dir <dir>', 'also write several formats into DIR (with --formats)')
    .option('--formats <list>', `formats for --output-dir, comma-separated (${formatIds.filter((f) => f !== 'terminal').join(',')})`)
    .option('--show-passed', 'also list passing checks in the terminal report');
}

/** The Region ASFF findings are written for: --region, else the SDK's Region variables, else us-east-1. */
export function asffRegionFrom(region: string | undefined, env: NodeJS.ProcessEnv): string {
  return region ?? env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
}

/** Validate the output flags up front, before any scanning, so a typo costs nothing. */
export function parseOutputFlags(flags: OutputFlags): OutputPlan {
  const format = parseFormat(flags.format, formatIds);
  if (flags.formats !== undefined && flags.outputDir === undefined) throw new UsageError('--formats needs --output-dir DIR');
  let dir: OutputPlan['dir'];
  if (flags.outputDir !== undefined) {
    const list = parseList(flags.formats);
    if (!list || list.length === 0) throw new UsageError('--output-dir needs --formats, e.g. --formats html,ocsf,csv');
    dir = { path: flags.outputDir, formats: [...new Set(list.map((f) => parseFormat(f, formatIds, '--formats')))] };
  }
  return { format, output: flags.output, dir };
}

export async function writeReportOutputs(report: ScanReport, plan: OutputPlan, io: CliIO, opts: Omit<RenderOptions, 'color'>): Promise<void> {
  if (plan.dir) {
    await mkdir(plan.dir.path, { recursive: true });
    for (const f of plan.dir.formats) {
      const file = join(plan.dir.path, reportFormats[f].fileName);
      await writingOutput(file, '--output-dir', () => writeFile(file, renderReport(f, report, { ...opts, color: false })));
      io.logger.info(`wrote ${file}`);
    }
  }
  const output = plan.output;
  if (output) await writingOutput(output, '-o', () => writeFile(output, renderReport(plan.format, report, { ...opts, color: false })));
  else io.stdout.write(renderReport(plan.format, report, { ...opts, color: useColor(io.stdout, io.env) }));
}
