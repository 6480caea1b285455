// An organization snapshot on disk: DIR/index.json (every account of the organization with its outcome) and one
// ordinary single-account snapshot per audited account (DIR/accounts/<id>.json.gz). Files are written to a temporary
// name and renamed, so an interrupted run never leaves a half-written account that --resume would trust.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputFileError } from '../core/errors.ts';
import { collectErrorSchema } from '../inventory/collected.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { organizationsSchema } from '../services/organizations/schema.ts';
import { readSnapshotFile, writeSnapshotFile } from '../inventory/snapshot-file.ts';

export const ORG_INDEX_KIND = 'rampart.org-snapshot';
// 2: the organization slice it carries gained the catalog's fields (see SNAPSHOT_VERSION).
export const ORG_INDEX_VERSION = 2;
export const INDEX_FILE = 'index.json';

const accountId = z.string().regex(/^\d{12}$/);

export const orgAccountEntrySchema = z.object({
  accountId,
  name: z.string(),
  status: z.string(),
  ouPath: z.string(),
  /**
   * audited: its snapshot is in `file`. error: the run tried and could not (assume-role refused, credentials died…),
   * `error` says why. skipped: not selected, suspended, or another shard's; `note` says which.
   */
  outcome: z.enum(['audited', 'error', 'skipped']),
  file: z.string().optional(),
  error: collectErrorSchema.optional(),
  note: z.string().optional(),
  /** Regions collected for this account. */
  scannedRegions: z.array(z.string()).optional(),
});
export type OrgAccountEntry = z.infer<typeof orgAccountEntrySchema>;

export const orgIndexSchema = z.object({
  kind: z.literal(ORG_INDEX_KIND),
  schemaVersion: z.literal(ORG_INDEX_VERSION),
  tool: z.object({ name: z.string(), version: z.string() }),
  startedAt: z.string(),
  /** When the last account finished; null while the collection is incomplete. */
  collectedAt: z.string().nullable(),
  organization: z.object({ id: z.string(), managementAccountId: accountId }),
  /** The account whose credentials ran the scan, and as whom. */
  scannedFrom: z.object({ accountId, callerArn: z.string() }),
  /**
   * The scanning account's Organizations slice (structure and SCPs), read for discovery. It lets the organization
   * checks judge every member even when that account itself is not audited in this run (excluded, or another shard).
   */
  organizations: organizationsSchema,
  /** What the run was asked for, so --resume continues the same run and merge can tell shards apart. */
  request: z.object({
    regions: z.array(z.string()).nullable(),
    roleName: z.string(),
    shard: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  }),
  /**
   * The Regions enabled for the scanning account (narrowed by --regions): where an account that could not be entered
   * is reported as not evaluated, since its own Region list cannot be read.
   */
  expectedRegions: z.array(z.string()),
  accounts: z.array(orgAccountEntrySchema),
});
export type OrgIndex = z.infer<typeof orgIndexSchema>;

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export function accountFile(id: string): string {
  return join('accounts', `${id}.json.gz`);
}

export async function isOrgSnapshotDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export class OrgSnapshotDir {
  readonly dir: string;
  constructor(dir: string) {
    this.dir = dir;
  }

  async prepare(): Promise<void> {
    await mkdir(join(this.dir, 'accounts'), { recursive: true });
  }

  async writeAccount(snapshot: Snapshot): Promise<string> {
    const account = snapshot.accounts[0];
    if (snapshot.accounts.length !== 1 || account === undefined) throw new Error('an account file holds exactly one account');
    const file = accountFile(account.accountId);
    const tmp = join(this.dir, `${file}.${process.pid}.tmp`);
    await writeSnapshotFile(tmp, snapshot);
    await rename(tmp, join(this.dir, file));
    return file;
  }

  async readAccount(entry: OrgAccountEntry): Promise<Snapshot> {
    if (!entry.file) throw new InputFileError(join(this.dir, INDEX_FILE), `account ${entry.accountId} is marked audited but names no file`);
    const snapshot = await readSnapshotFile(join(this.dir, entry.file));
    // a file swapped between directories would put one account's data under another: refuse it
    if (snapshot.accounts.length !== 1 || snapshot.accounts[0]?.accountId !== entry.accountId) {
      throw new InputFileError(join(this.dir, entry.file), `expected the snapshot of account ${entry.accountId} only`);
    }
    return snapshot;
  }

  async writeIndex(index: OrgIndex): Promise<void> {
    await writeAtomic(join(this.dir, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
  }

  /** The index, or undefined when the directory has none (a fresh collection). */
  async readIndex(): Promise<OrgIndex | undefined> {
    const path = join(this.dir, INDEX_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new InputFileError(path, `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputFileError(path, `not valid JSON (${(e as Error).message})`);
    }
    const parsed = orgIndexSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputFileError(path, `not a Rampart organization snapshot index: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
        hint: 'Organization snapshots are written by `rampart collect --org -o DIR`.',
      });
    }
    return parsed.data;
  }

  /** The index, which must exist (scan --snapshot DIR, merge). */
  async requireIndex(): Promise<OrgIndex> {
    const index = await this.readIndex();
    if (!index) {
      throw new InputFileError(join(this.dir, INDEX_FILE), 'missing: this directory is not an organization snapshot', {
        hint: 'Organization snapshots are written by `rampart collect --org -o DIR`.',
      });
    }
    return index;
  }
}
