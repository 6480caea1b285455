// Test and demo data for the GuardDuty slice.
import { ok } from '../../inventory/collected.ts';
import type { GuarddutySlice } from './schema.ts';

/** The secure baseline: an enabled detector with S3 protection, no member and no high finding. */
export function secureGuardduty(accountId: string, region: string): GuarddutySlice {
  return {
    detectors: ok([{ detectorId: `d-${region}`, detail: ok({ status: 'ENABLED', features: [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }] }) }]),
    // the account administers GuardDuty for its organization itself, auto-enabling every member
    organizationAdminAccounts: ok([{ adminAccountId: accountId, adminStatus: 'ENABLED' }]),
    organizationConfiguration: ok({ detectorId: `d-${region}`, autoEnableOrganizationMembers: 'ALL', autoEnable: true }),
    members: ok([]),
    highFindings: ok([]),
  };
}

/** The Region's detectors: one enabled or disabled detector (no feature), or none. */
export function guarddutyDetectors(state: 'enabled' | 'disabled' | 'none', region: string): GuarddutySlice['detectors'] {
  return state === 'none'
    ? ok([])
    : ok([
        {
          detectorId: `d-${region}`,
          detail: ok({ status: state === 'enabled' ? 'ENABLED' : 'DISABLED', features: [] }),
        },
      ]);
}
