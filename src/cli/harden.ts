// `rampart harden plan|apply|rollback|export`: thin edge over src/harden. Plan and export never call AWS;
// apply and rollback are dry runs unless --yes (or a confirmation on a terminal).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { getIdentity } from '../aws/discovery.ts';
import { ExitCode, UsageError } from '../core/errors.ts';
import { readJournal, type Journal } from '../harden/apply/journal.ts';
import { applyPlan, rollbackJournal } from '../harden/apply/run.ts';
import { accountsFrom } from '../harden/apply/sdk.ts';
import { readPlanFile } from '../harden/plan-file.ts';
import { exportPlan, EXPORT_FORMATS } from '../harden/export/index.ts';
import { describeCall } from '../harden/render.ts';
import { demoSnapshot } from '../demo/organization.ts';
import { defaultBaseline, type Baseline } from '../harden/baseline.ts';
import { loadBaseline } from '../harden/baseline-file.ts';
import { renderPlanJson } from '../harden/plan-file.ts';
import { planHardening } from '../harden/planner.ts';
import { renderPlanTerminal } from '../harden/render.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { readSnapshotFile } from '../inventory/snapshot-file.ts';
import { planOrganizationDir } from '../harden/org-plan.ts';
import type { Plan } from '../harden/plan-schema.ts';
import { isOrgSnapshotDir, OrgSnapshotDir } from '../org/store.ts';
import { collect, evaluateSnapshot } from '../scan.ts';
import { addAwsOptions, awsContextFrom, progressReporter, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { parseFormat, useColor } from './options.ts';
import { addOrgOptions, orgRequestFrom, runOrgCollection, type OrgFlags } from './org-options.ts';

interface PlanFlags extends AwsFlags, OrgFlags {
  demo?: boolean;
  snapshot?: string;
  baseline?: string;
  format: string;
  output?: string;
}

/** Plan an organization directory written by `rampart collect --org -o DIR` (no AWS call). */
async function planFromOrgDir(dir: string, baseline: Baseline, source: string): Promise<Plan> {
  const store = new OrgSnapshotDir(dir);
  return planOrganizationDir(store, await store.requireIndex(), baseline, { baselineSource: source });
}

/** The plan for the flags: --demo, --snapshot FILE|DIR, --org (collect every account, then plan), or this account. */
async function planFor(flags: PlanFlags, baseline: Baseline, source: string, io: CliIO): Promise<Plan> {
  const org = orgRequestFrom(flags);
  if (org) {
    if (flags.demo || flags.snapshot) throw new UsageError(`--org reads AWS; it does not combine with ${flags.demo ? '--demo' : '--snapshot'} (a --snapshot directory is already an organization)`);
    const { aws, regions, concurrency } = await awsContextFrom(flags, io);
    const dir = await mkdtemp(join(tmpdir(), 'rampart-harden-org-'));
    try {
      const store = new OrgSnapshotDir(dir);
      const index = await runOrgCollection(aws, store, org, io, { regions, concurrency });
      return await planOrganizationDir(store, index, baseline, { baselineSource: source });
    } finally {
      aws.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (flags.snapshot && !flags.demo && (await isOrgSnapshotDir(flags.snapshot))) {
    const live = (['profile', 'region', 'regions'] as const).filter((k) => flags[k] !== undefined);
    if (live.length > 0) throw new UsageError(`--${live.join(', --')} only apply when reading AWS, not with --snapshot`);
    return planFromOrgDir(flags.snapshot, baseline, source);
  }
  const snapshot = await snapshotFor(flags, io);
  return planHardening(snapshot, evaluateSnapshot(snapshot).findings, baseline, { baselineSource: source });
}

async function snapshotFor(flags: PlanFlags, io: CliIO): Promise<Snapshot> {
  if (flags.demo && flags.snapshot) throw new UsageError('use either --demo or --snapshot, not both');
  if (flags.demo || flags.snapshot) {
    const live = (['profile', 'region', 'regions'] as const).filter((k) => flags[k] !== undefined);
    if (live.length > 0) throw new UsageError(`--${live.join(', --')} only apply when reading AWS, not with ${flags.demo ? '--demo' : '--snapshot'}`);
    return flags.demo ? demoSnapshot() : readSnapshotFile(flags.snapshot!);
  }
  // live: the same read-only collection as `rampart scan`
  const { aws, regions, concurrency } = await awsContextFrom(flags, io);
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

interface ApplyFlags {
  yes?: boolean;
  journal?: string;
  profile?: string;
  region?: string;
}

/** --yes, or an explicit "yes" typed on a terminal; anything else is a dry run. */
async function confirmed(flags: ApplyFlags, question: string, io: CliIO): Promise<boolean> {
  if (flags.yes) return true;
  const stdin = io.stdin as NodeJS.ReadableStream & { isTTY?: boolean };
  if (!stdin.isTTY || !io.stderr.isTTY) return false;
  const rl = createInterface({ input: stdin, output: io.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} Type "yes" to proceed: `)).trim());
  } finally {
    rl.close();
  }
}

async function withAccounts<T>(flags: ApplyFlags, memberAccessRole: string, io: CliIO, run: (accounts: ReturnType<typeof accountsFrom>) => Promise<T>): Promise<T> {
  const { aws } = await awsContextFrom({ ...(flags.profile ? { profile: flags.profile } : {}), ...(flags.region ? { region: flags.region } : {}) }, io);
  const accounts = accountsFrom(aws, (await getIdentity(aws)).accountId, memberAccessRole, io.env);
  try {
    return await run(accounts);
  } finally {
    accounts.destroy();
    aws.destroy();
  }
}

function reportJournal(journal: Journal, file: string, io: CliIO): void {
  const count = (o: string) => journal.entries.filter((e) => e.outcome === o).length;
  const verb = journal.mode === 'apply' ? 'applied' : 'undone';
  io.stdout.write(`${count('applied')} ${verb}, ${count('skipped')} skipped, ${count('failed')} failed — journal: ${file}\n`);
  for (const e of journal.entries.filter((x) => x.outcome === 'failed')) io.stdout.write(`  failed ${e.actionId}: ${e.reason}\n`);
  if (count('failed') > 0) io.setExitCode(ExitCode.runtime);
}

export function registerHardenCommand(program: Command, io: CliIO): void {
  const harden = program
    .command('harden')
    .description('plan, apply, roll back and export hardening (SCPs, OUs, account defaults, organization trail, delegated administrators, opt-in paid services) from a scan and a baseline')
    .addHelpText('after', '\nFlow: rampart harden plan --format json -o plan.json → review → rampart harden apply plan.json --yes → rampart scan\nSee docs/harden.md.');

  const plan = harden
    .command('plan')
    .description('compute a hardening plan from a scan (pure: no change, and no AWS call with --demo/--snapshot)')
    .option('--demo', 'plan for the bundled demo organization')
    .option('--snapshot <path>', 'plan from a snapshot written by `rampart collect`: a file, or an organization directory (`collect --org -o DIR`); no AWS call')
    .option('--baseline <file>', 'what you want (YAML; see examples/baseline.yaml); default: the catalog\'s safe baseline')
    .option('--format <format>', 'terminal or json (the input of apply and export)', 'terminal')
    .option('-o, --output <file>', 'write the plan to a file instead of stdout')
    .addHelpText(
      'after',
      '\nWithout --baseline only safe actions are planned: no Region deny, no paid service, nothing disruptive.\nPaid services (GuardDuty and its protection plans, Security Hub and standards, Config, Inspector, Macie,\nunused-access analyzers) are planned only from the baseline\'s paid section, each with its cost note.\nWith --org (from the management account) every audited account of the organization is planned, actions\ngrouped by account and Region; apply reaches member accounts through the baseline\'s memberAccessRole.\nExamples:\n  rampart harden plan --demo\n  rampart harden plan --profile mgmt --baseline baseline.yaml --format json -o plan.json\n  rampart harden plan --profile mgmt --org --baseline baseline.yaml --format json -o plan.json\n  rampart collect --profile mgmt --org -o org-snap && rampart harden plan --snapshot org-snap',
    );
  // a plan covers the whole organization, so no --shard: collect shards, `rampart merge` them, plan the merged directory
  addOrgOptions(addAwsOptions(plan), { shard: false }).action(async (flags: PlanFlags) => {
    const format = parseFormat(flags.format, ['terminal', 'json'] as const);
    const { baseline, source } = await baselineFrom(flags.baseline);
    const result = await planFor(flags, baseline, source, io);
    const color = flags.output ? false : useColor(io.stdout, io.env);
    await emit(format === 'json' ? renderPlanJson(result) : renderPlanTerminal(result, { color }), flags.output, io);
    if (flags.output) io.logger.info(`wrote the plan (${result.summary.actions} actions, closes ${result.summary.findingsClosed} findings) to ${flags.output}`);
  });

  harden
    .command('apply')
    .description('apply a saved plan: a dry run unless --yes (or "yes" typed on a terminal); re-reads every state first')
    .argument('<plan>', 'plan file written by `rampart harden plan --format json -o plan.json`')
    .option('--yes', 'make the changes without asking')
    .option('--journal <file>', 'where to write the journal (default: beside the plan, <plan>.journal.json)')
    .option('--profile <name>', 'AWS profile (the management account for organization actions)')
    .option('--region <region>', 'Region for global calls (default: AWS_REGION or us-east-1)')
    .addHelpText(
      'after',
      '\nBefore each action apply re-reads the live state: an action already in place is skipped (a second apply\nchanges nothing), and one whose state changed since the scan is refused (drift). Member accounts are reached\nthrough the plan\'s memberAccessRole. Undo with `rampart harden rollback <journal>`.',
    )
    .action(async (planFile: string, flags: ApplyFlags) => {
      const plan = await readPlanFile(planFile);
      io.stdout.write(`${plan.actions.length} action(s) from ${planFile}:\n`);
      for (const a of plan.actions) {
        io.stdout.write(`  [${a.risk}] ${a.id}\n`);
        for (const c of a.calls) io.stdout.write(`      ${describeCall(c)}\n`);
      }
      if (plan.actions.length === 0) return;
      if (!(await confirmed(flags, `Apply ${plan.actions.length} action(s) to AWS?`, io))) {
        io.stdout.write('Dry run: nothing was changed. Run again with --yes to apply.\n');
        return;
      }
      const journalFile = flags.journal ?? planFile.replace(/(\.json)?$/, '.journal.json');
      const journal = await withAccounts(flags, plan.baseline.memberAccessRole, io, (accounts) => applyPlan(plan, { accounts, logger: io.logger, journalFile, planFile }));
      reportJournal(journal, journalFile, io);
    });

  harden
    .command('rollback')
    .description('undo the reversible actions a journal records as applied (newest first); a dry run unless --yes')
    .argument('<journal>', 'journal written by `rampart harden apply`')
    .option('--yes', 'make the changes without asking')
    .option('--journal <file>', 'where to write the rollback journal (default: <journal>.rollback.json)')
    .option('--profile <name>', 'AWS profile')
    .option('--region <region>', 'Region for global calls (default: AWS_REGION or us-east-1)')
    .action(async (journalFile: string, flags: ApplyFlags) => {
      const journal = await readJournal(journalFile);
      if (journal.mode !== 'apply') throw new UsageError(`${journalFile} is a rollback journal; pass the journal of an apply`);
      const undoable = [...journal.entries].reverse().filter((e) => e.rollback && e.rollback.length > 0);
      io.stdout.write(`${undoable.length} action(s) to undo from ${journalFile}:\n`);
      for (const e of undoable) {
        io.stdout.write(`  ${e.actionId}\n`);
        for (const c of e.rollback ?? []) io.stdout.write(`      ${describeCall(c)}\n`);
      }
      if (undoable.length === 0) return;
      if (!(await confirmed(flags, `Undo ${undoable.length} action(s)?`, io))) {
        io.stdout.write('Dry run: nothing was changed. Run again with --yes to roll back.\n');
        return;
      }
      const out = flags.journal ?? journalFile.replace(/(\.json)?$/, '.rollback.json');
      const result = await withAccounts(flags, journal.memberAccessRole, io, (accounts) => rollbackJournal(journal, { accounts, logger: io.logger, journalFile: out, planFile: journal.plan }));
      reportJournal(result, out, io);
    });

  harden
    .command('export')
    .description('write a plan as Terraform or CloudFormation (no AWS call)')
    .argument('[plan]', 'plan file (or use --demo / --snapshot with --baseline)')
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')}`)
    .option('-o, --output <dir>', 'folder to write the files into (created if missing)')
    .option('--demo', 'export the plan of the bundled demo organization')
    .option('--snapshot <path>', 'plan from this snapshot (a file or an organization directory), then export')
    .option('--baseline <file>', 'baseline for --demo / --snapshot')
    .addHelpText(
      'after',
      '\nTerraform: versions.tf, providers.tf (one alias per account and Region; members through memberAccessRole), main.tf.\nCloudFormation: one template per account and Region (<account>-<region>.template.json).\nActions with no resource in the format are listed in NOT-EXPORTED.md.',
    )
    .action(async (planFile: string | undefined, flags: { format?: string; output?: string; demo?: boolean; snapshot?: string; baseline?: string }) => {
      if (!flags.format) throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
      const format = parseFormat(flags.format, EXPORT_FORMATS);
      if (!flags.output) throw new UsageError('export needs -o DIR');
      const sources = [planFile !== undefined, flags.demo === true, flags.snapshot !== undefined].filter(Boolean).length;
      if (sources !== 1) throw new UsageError('give exactly one of: a plan file, --demo, --snapshot FILE');
      if (planFile !== undefined && flags.baseline) throw new UsageError('--baseline only applies with --demo or --snapshot; a plan file already carries its baseline');
      let plan;
      if (planFile !== undefined) plan = await readPlanFile(planFile);
      else {
        const { baseline, source } = await baselineFrom(flags.baseline);
        if (flags.snapshot && (await isOrgSnapshotDir(flags.snapshot))) plan = await planFromOrgDir(flags.snapshot, baseline, source);
        else {
          const snapshot = flags.demo ? demoSnapshot() : await readSnapshotFile(flags.snapshot!);
          plan = planHardening(snapshot, evaluateSnapshot(snapshot).findings, baseline, { baselineSource: source });
        }
      }
      const files = exportPlan(plan, format);
      await mkdir(flags.output, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(join(flags.output, name), text);
      io.stdout.write(`wrote ${Object.keys(files).sort().join(', ')} to ${flags.output}\n`);
    });
}
