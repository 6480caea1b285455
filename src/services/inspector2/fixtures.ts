// Fixtures of the Inspector slice: the empty default of a fixture Region (Inspector never activated) and a status builder.
import { ok } from '../../inventory/collected.ts';
import type { Inspector2AccountStatus, Inspector2Slice } from './schema.ts';

/** A Region where Inspector was never activated: BatchGetAccountStatus answers DISABLED for every type. */
export function emptyInspector2(): Inspector2Slice {
  return { accountStatus: ok(inspectorStatus({ state: 'DISABLED', ec2: 'DISABLED', ecr: 'DISABLED', lambda: 'DISABLED', lambdaCode: 'DISABLED' })) };
}

/** An account status; every type ENABLED unless told otherwise. */
export function inspectorStatus(opts: Partial<Inspector2AccountStatus> = {}): Inspector2AccountStatus {
  return { state: 'ENABLED', ec2: 'ENABLED', ecr: 'ENABLED', lambda: 'ENABLED', lambdaCode: 'ENABLED', ...opts };
}
