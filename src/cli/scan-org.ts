// `rampart scan --org` and `rampart scan --snapshot DIR`: collect the organization into a directory (a temporary one
// unless --save-snapshot names it), then evaluate it account by account.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsContext } from '../aws/clients.ts';
import { evaluateOrganization, type OrgEvaluateOptions, type OrgScanResult } from '../org/evaluate.ts';
import { OrgSnapshotDir } from '../org/store.ts';
import type { CliIO } from './io.ts';
import { runOrgCollection, type OrgRequest } from './org-options.ts';

export async function scanOrganization(
  aws: AwsContext,
  req: OrgRequest,
  io: CliIO,
  opts: { regions: string[] | undefined; concurrency: number; saveTo?: string; evaluate: OrgEvaluateOptions },
): Promise<OrgScanResult> {
  const dir = opts.saveTo ?? (await mkdtemp(join(tmpdir(), 'rampart-org-')));
  const store = new OrgSnapshotDir(dir);
  try {
    const index = await runOrgCollection(aws, store, req, io, { regions: opts.regions, concurrency: opts.concurrency });
    return await evaluateOrganization(store, index, { ...opts.evaluate, ledger: aws.ledger.list() });
  } finally {
    if (!opts.saveTo) await rm(dir, { recursive: true, force: true });
  }
}

/** Re-evaluate an organization snapshot directory offline. */
export async function scanOrganizationDir(dir: string, evaluate: OrgEvaluateOptions): Promise<OrgScanResult> {
  const store = new OrgSnapshotDir(dir);
  return evaluateOrganization(store, await store.requireIndex(), evaluate);
}
