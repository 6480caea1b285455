// The local scan history: one SQLite database (node:sqlite, no native add-on) holding every recorded scan's JSON
// report and one row per finding keyed by the stable finding id, so history and diff need no re-scan and the
// findings can be queried with any SQLite tool.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { RuntimeFailure, UsageError } from '../core/errors.ts';
import { findingId } from '../findings/finding-id.ts';
import type { ScanReport } from '../report/json.ts';
import { parseReport } from '../report/read.ts';
import type { ScanSummary } from '../report/summary.ts';

const SCHEMA_VERSION = 1;

export interface StoredScan {
  id: number;
  collectedAt: string;
  recordedAt: string;
  source: string;
  accounts: number;
  summary: ScanSummary;
}

export class ScanStore {
  readonly path: string;
  private readonly db: DatabaseSync;

  private constructor(path: string, db: DatabaseSync) {
    this.path = path;
    this.db = db;
  }

  static open(path: string): ScanStore {
    let db: DatabaseSync;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new DatabaseSync(path);
    } catch (e) {
      throw new RuntimeFailure(`cannot open the scan store ${path}: ${(e as Error).message}`, { hint: 'Pass --store PATH to choose another file.' });
    }
    const store = new ScanStore(path, db);
    store.migrate();
    return store;
  }

  private migrate(): void {
    const version = (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version > SCHEMA_VERSION) {
      throw new UsageError(`${this.path} was written by a newer Rampart (store schema ${version}; this one reads ${SCHEMA_VERSION})`);
    }
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      CREATE TABLE IF NOT EXISTS scans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        collected_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        source TEXT NOT NULL,
        accounts INTEGER NOT NULL,
        summary TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS findings (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL,
        check_id TEXT NOT NULL,
        account_id TEXT NOT NULL,
        region TEXT,
        resource_type TEXT NOT NULL,
        resource_id TEXT NOT NULL,
        status TEXT NOT NULL,
        severity TEXT NOT NULL,
        muted INTEGER NOT NULL,
        PRIMARY KEY (scan_id, finding_id)
      );
      PRAGMA user_version = ${SCHEMA_VERSION};
    `);
  }

  /** Record a scan; returns its id. One transaction, so a crash never leaves half a scan. */
  record(report: ScanReport, recordedAt: Date = new Date()): number {
    const insertScan = this.db.prepare('INSERT INTO scans (collected_at, recorded_at, source, accounts, summary, report) VALUES (?, ?, ?, ?, ?, ?)');
    const insertFinding = this.db.prepare('INSERT OR REPLACE INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    this.db.exec('BEGIN');
    try {
      const { lastInsertRowid } = insertScan.run(report.collectedAt, recordedAt.toISOString(), report.source, report.accounts.length, JSON.stringify(report.summary), JSON.stringify(report));
      const id = Number(lastInsertRowid);
      for (const f of report.findings) {
        insertFinding.run(id, findingId(f), f.checkId, f.accountId, f.region ?? null, f.resource.type, f.resource.id, f.status, f.severity, f.muted ? 1 : 0);
      }
      this.db.exec('COMMIT');
      return id;
    } catch (e) {
      this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /** Every recorded scan, oldest first (optionally only the last `limit`). */
  list(limit?: number): StoredScan[] {
    const rows = this.db
      .prepare(`SELECT id, collected_at, recorded_at, source, accounts, summary FROM scans ORDER BY id DESC ${limit ? 'LIMIT ?' : ''}`)
      .all(...(limit ? [limit] : [])) as Array<{ id: number; collected_at: string; recorded_at: string; source: string; accounts: number; summary: string }>;
    return rows.reverse().map((r) => ({
      id: r.id,
      collectedAt: r.collected_at,
      recordedAt: r.recorded_at,
      source: r.source,
      accounts: r.accounts,
      summary: { muted: 0, ...(JSON.parse(r.summary) as Omit<ScanSummary, 'muted'>) },
    }));
  }

  /** A stored scan's report, by id, or `latest` / `previous` (the one before the latest). */
  report(ref: number | 'latest' | 'previous'): { id: number; report: ScanReport } | undefined {
    const row = (
      typeof ref === 'number'
        ? this.db.prepare('SELECT id, report FROM scans WHERE id = ?').get(ref)
        : this.db.prepare('SELECT id, report FROM scans ORDER BY id DESC LIMIT 1 OFFSET ?').get(ref === 'latest' ? 0 : 1)
    ) as { id: number; report: string } | undefined;
    if (!row) return undefined;
    return { id: row.id, report: parseReport(row.report, `${this.path}#${row.id}`) };
  }

  close(): void {
    this.db.close();
  }
}
