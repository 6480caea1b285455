// Rampart's public library API. The CLI is built on exactly these.
export { createAwsContext, type AwsContext, type AwsContextOptions } from './aws/clients.ts';
export { ApiLedger, type LedgerEntry } from './aws/ledger.ts';
export { allChecks, findCheck } from './checks/index.ts';
export { defineCheck, type Check, type CheckContext, type CheckMeta } from './checks/define.ts';
export { evaluateChecks, type EvaluateOptions } from './checks/engine.ts';
export * from './core/errors.ts';
export { createStderrLogger, silentLogger, type Logger } from './core/logger.ts';
export { demoSnapshot } from './demo/organization.ts';
export type { CheckResult, Finding, Severity, Status } from './findings/finding.ts';
export type { Collected, CollectError } from './inventory/collected.ts';
export { snapshotSchema, type Snapshot, type AccountSnapshot } from './inventory/snapshot.ts';
export { readSnapshotFile, writeSnapshotFile, parseSnapshot } from './inventory/snapshot-file.ts';
export { buildReport, renderJson, type ScanReport } from './report/json.ts';
export { renderTerminal } from './report/terminal.ts';
export { collect, evaluateSnapshot, type ScanResult } from './scan.ts';
