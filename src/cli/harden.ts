// `rampart harden plan|apply|rollback|export`: thin edge over src/harden. Plan and export never call AWS;
// apply and rollback are dry runs unless --yes (or a confirmation on a terminal).
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { demoSnapshot } from '../demo/organization.ts';
import { defaultBaseline, type Baseline } from '../harden/baseline.ts';
import { loadBaseline } from '../harden/baseline-file.ts';
import { renderPlanJson } from '../harden/plan-file.ts';
import { planHardening } from '../harden/planner.ts';
import { renderPlanTerminal } from '../harden/render.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { readSnapshotFile } from '../inventory/snapshot-file.ts';
import { collect, evaluateSnapshot } from '../scan.ts';
import { addAwsOptions, awsContextFrom, progressReporter, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { parseFormat, useColor } from './options.ts';

interface PlanFlags extends AwsFlags {
  demo?: boolean;
  snapshot?: string;
  baseline?: string;
  format: string;
  output?: string;
}

async function snapshotFor(flags: PlanFlags, io: CliIO): Promise<Snapshot> {
  if (flags.demo && flags.snapshot) throw new UsageError('use either --demo or --snapshot, not both');
  if (flags.demo || flags.snapshot) {
    const live = (['profile', 'region', 'regions'] as const).filter((k) => flags[k] !== undefined);
    if (live.length > 0) throw new UsageError(`--${live.join(', --')} only apply when reading AWS, not with ${flags.demo ? '--demo' : '--snapshot'}`);
    return flags.demo ? demoSnapshot() : readSnapshotFile(flags.snapshot!);
  }
  // live: the same read-only collection as `rampart scan`
  const { aws, regions, concurrency } = awsContextFrom(flags, io);
  const progress = progressReporter(io);
  try {
    return await collect(aws, { ...(regions ? { regions } : {}), concurrency, logger: io.logger, onProgress: (p) => progress.update(p) });
  } finally {
    progress.done();
    aws.destroy();
  }
}

export async function baselineFrom(file: string | undefined): Promise<{ baseline: Baseline; source: string }> {
  return file ? { baseline: await loadBaseline(file), source: file } : { baseline: defaultBaseline(), source: 'default' };
}

async function emit(text: string, output: string | undefined, io: CliIO): Promise<void> {
  if (output) await writeFile(output, text);
  else io.stdout.write(text);
}

export function registerHardenCommand(program: Command, io: CliIO): void {
  const harden = program
    .command('harden')
    .description('plan, apply, roll back and export hardening (SCPs, OUs, account defaults) from a scan and a baseline')
    .addHelpText('after', '\nFlow: rampart harden plan --format json -o plan.json → review → rampart harden apply plan.json --yes → rampart scan\nSee docs/harden.md.');

  const plan = harden
    .command('plan')
    .description('compute a hardening plan from a scan (pure: no change, and no AWS call with --demo/--snapshot)')
    .option('--demo', 'plan for the bundled demo organization')
    .option('--snapshot <file>', 'plan from a snapshot written by `rampart collect` (no AWS call)')
    .option('--baseline <file>', 'what you want (YAML; see examples/baseline.yaml); default: the catalog\'s safe baseline')
    .option('--format <format>', 'terminal or json (the input of apply and export)', 'terminal')
    .option('-o, --output <file>', 'write the plan to a file instead of stdout')
    .addHelpText(
      'after',
      '\nWithout --baseline only safe actions are planned: no Region deny, no paid service, nothing disruptive.\nExamples:\n  rampart harden plan --demo\n  rampart harden plan --profile mgmt --baseline baseline.yaml --format json -o plan.json',
    );
  addAwsOptions(plan).action(async (flags: PlanFlags) => {
    const format = parseFormat(flags.format, ['terminal', 'json'] as const);
    const { baseline, source } = await baselineFrom(flags.baseline);
    const snapshot = await snapshotFor(flags, io);
    const { findings } = evaluateSnapshot(snapshot);
    const result = planHardening(snapshot, findings, baseline, { baselineSource: source });
    const color = flags.output ? false : useColor(io.stdout, io.env);
    await emit(format === 'json' ? renderPlanJson(result) : renderPlanTerminal(result, { color }), flags.output, io);
    if (flags.output) io.logger.info(`wrote the plan (${result.summary.actions} actions, closes ${result.summary.findingsClosed} findings) to ${flags.output}`);
  });
}
