// Fixtures of the Inspector slice: the default of a fixture Region and a status builder. The default is Inspector
// scanning every type, not "never activated": fixture accounts start from a secure baseline in which every check
// passes (src/inventory/fixtures.ts), and tests that say nothing about Inspector rely on that.
import { ok } from '../../inventory/collected.ts';
import type { Inspector2AccountStatus, Inspector2Slice } from './schema.ts';

/** A fixture Region's Inspector slice: activated for EC2, ECR, Lambda and Lambda code. */
export function defaultInspector2(): Inspector2Slice {
  return { accountStatus: ok(inspectorStatus()) };
}

/** An account status; every type ENABLED unless told otherwise (never activated: `neverActivated()`). */
export function inspectorStatus(opts: Partial<Inspector2AccountStatus> = {}): Inspector2AccountStatus {
  return { state: 'ENABLED', ec2: 'ENABLED', ecr: 'ENABLED', lambda: 'ENABLED', lambdaCode: 'ENABLED', ...opts };
}

/** What BatchGetAccountStatus answers for an account that never activated Inspector. */
export function neverActivated(): Inspector2AccountStatus {
  return inspectorStatus({ state: 'DISABLED', ec2: 'DISABLED', ecr: 'DISABLED', lambda: 'DISABLED', lambdaCode: 'DISABLED' });
}
