// `rampart scan --to-securityhub`: import the scan's findings into Security Hub as ASFF documents with
// BatchImportFindings (at most 100 per call, the API's limit). The only write a scan can make, behind that flag;
// its permission is listed by `rampart iam-policy --with-export`.
import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { AwsContext } from '../aws/clients.ts';

export const SECURITYHUB_IMPORT_ACTION = 'securityhub:BatchImportFindings';
/** BatchImportFindings accepts at most 100 findings per request. */
export const IMPORT_BATCH_SIZE = 100;

export interface ImportOutcome {
  region: string;
  imported: number;
  batches: number;
  /** Findings Security Hub refused, with its reason; the import goes on with the other batches. */
  failed: Array<{ id: string; code: string; message: string }>;
}

export function batches<T>(items: readonly T[], size = IMPORT_BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Import `findings` into Security Hub in `region`, batch after batch (the API's rate is 10 TPS with bursts of 30,
 * so one batch in flight at a time stays well inside it; the SDK retries throttling). A refused call (e.g.
 * AccessDenied, Security Hub not enabled) throws: nothing partial is hidden, the caller reports how far it got.
 */
export async function importToSecurityHub(
  aws: AwsContext,
  region: string,
  findings: readonly AwsSecurityFinding[],
  onBatch?: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const client = aws.client(SecurityHubClient, region);
  const outcome: ImportOutcome = { region, imported: 0, batches: 0, failed: [] };
  const all = batches(findings);
  for (const batch of all) {
    const r = await client.send(new BatchImportFindingsCommand({ Findings: batch }));
    outcome.batches += 1;
    outcome.imported += r.SuccessCount ?? 0;
    for (const f of r.FailedFindings ?? []) outcome.failed.push({ id: f.Id ?? '?', code: f.ErrorCode ?? 'Unknown', message: f.ErrorMessage ?? '' });
    onBatch?.(outcome.batches, all.length);
  }
  return outcome;
}
