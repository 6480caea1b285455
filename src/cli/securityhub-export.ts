// The CLI edge of `scan --to-securityhub`: which Region, whose findings, and a plain account of what was imported.
import type { Partition } from '@aws-sdk/client-securityhub';
import { partitionOfRegion } from '../aws/discovery.ts';
import { toCollectError } from '../aws/errors.ts';
import { ExitCode, RuntimeFailure, UsageError } from '../core/errors.ts';
import { importToSecurityHub, SECURITYHUB_IMPORT_ACTION } from '../export/securityhub-import.ts';
import { adviceFor } from '../report/advice.ts';
import { toAsffFindings } from '../report/asff.ts';
import type { ScanReport } from '../report/json.ts';
import { awsContextFrom, type AwsFlags } from './aws-options.ts';
import type { CliIO } from './io.ts';
import { parseRegions } from './options.ts';

export interface SecurityHubTarget {
  /** undefined: the Region of --region or the profile. */
  region: string | undefined;
}

/** Validate `--to-securityhub` before anything is collected, so a mistake costs nothing. */
export function securityHubTarget(flags: { toSecurityhub?: string | true; demo?: boolean; snapshot?: string }, org: boolean): SecurityHubTarget | undefined {
  if (flags.toSecurityhub === undefined) return undefined;
  if (flags.demo) throw new UsageError('--to-securityhub imports findings of a real account; it does not combine with --demo');
  if (flags.snapshot) {
    throw new UsageError('--to-securityhub imports the findings of the account being scanned; it does not combine with --snapshot', {
      hint: 'To import a saved scan, write it as ASFF (`rampart report FILE --format asff -o findings.json`) and run `aws securityhub batch-import-findings --findings file://findings.json` in that account.',
    });
  }
  if (org) {
    throw new UsageError('--to-securityhub does not combine with --org yet: Security Hub accepts a custom integration\'s findings only from the account they are about', {
      hint: 'Scan each account with --to-securityhub, or write --format asff and import it from each member account.',
    });
  }
  return { region: flags.toSecurityhub === true ? undefined : parseRegions(flags.toSecurityhub, '--to-securityhub')![0] };
}

/** Import the report's findings; refused findings are listed and exit 3, a refused call is a RuntimeFailure. */
export async function exportToSecurityHub(report: ScanReport, flags: AwsFlags, target: SecurityHubTarget, io: CliIO): Promise<void> {
  const { aws } = await awsContextFrom(flags, io);
  const region = target.region ?? aws.defaultRegion;
  try {
    const docs = toAsffFindings(report, { region, partition: partitionOfRegion(region) as Partition });
    let outcome;
    try {
      outcome = await importToSecurityHub(aws, region, docs, (done, total) => io.logger.debug(`Security Hub import: batch ${done}/${total}`));
    } catch (e) {
      const error = toCollectError(e, SECURITYHUB_IMPORT_ACTION, region);
      throw new RuntimeFailure(`the import into Security Hub (${region}) failed: ${error.code} — ${error.message}`, {
        hint: error.code === 'AccessDenied' ? 'Grant securityhub:BatchImportFindings: `rampart iam-policy --with-export` prints the policy. Security Hub must be enabled in that Region.' : adviceFor(error),
      });
    }
    io.stderr.write(`Security Hub (${region}): imported ${outcome.imported} of ${docs.length} findings in ${outcome.batches} batch${outcome.batches === 1 ? '' : 'es'}\n`);
    if (outcome.failed.length > 0) {
      io.stderr.write(`Security Hub refused ${outcome.failed.length} finding(s):\n`);
      for (const f of outcome.failed.slice(0, 10)) io.stderr.write(`  ${f.id}: ${f.code} ${f.message}\n`);
      if (outcome.failed.length > 10) io.stderr.write(`  … and ${outcome.failed.length - 10} more\n`);
      io.setExitCode(ExitCode.runtime);
    }
  } finally {
    aws.destroy();
  }
}
