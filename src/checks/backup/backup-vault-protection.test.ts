// The catalog row has WARN verdicts and no FAIL, and testCheck demands fail cases, so the cases run through
// testCheck's own rules with the one difference that they must hold for a check that never fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepFreeze, runCheck } from '../engine.ts';
import type { CheckCases } from '../tester.ts';
import { failed, ok } from '../../inventory/collected.ts';
import { collectError, singleAccount } from '../../inventory/fixtures.ts';
import { backupPlan, backupVault, DENY_DELETE_RECOVERY_POINTS } from '../../services/backup/fixtures.ts';
import { remediationOf } from '../tester.ts';
import check from './backup-vault-protection.ts';

const drVault = 'arn:aws:backup:us-east-1:222222222222:backup-vault:dr';

const cases: CheckCases<object> = {
  pass: [
    {
      name: 'a locked vault, a vault whose policy denies deleting recovery points, and a plan copying to another account',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r
            .set('backup.vaults', [backupVault('locked', { locked: true, minRetentionDays: 7 }), backupVault('Default', { accessPolicy: ok(DENY_DELETE_RECOVERY_POINTS) })])
            .set('backup.plans', [backupPlan('daily', { copyTo: [drVault] })]),
        ),
      ),
      resources: ['Default', 'locked', 'us-east-1'],
      verify: (results) => {
        assert.match(results.find((r) => r.resource.id === 'Default')?.message ?? '', /denies backup:DeleteRecoveryPoint/);
        assert.equal(results.find((r) => r.region === 'eu-west-1')?.status, 'not_applicable');
      },
    },
  ],
  warn: [
    {
      name: 'an unlocked vault without a policy, and plans that copy only within the account',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('backup.vaults', [backupVault('Default')]).set('backup.plans', [backupPlan('daily', { copyTo: ['arn:aws:backup:eu-west-1:111111111111:backup-vault:Default'] })]),
        ),
      ),
      resources: ['Default', 'us-east-1'],
      verify: (results) => {
        const v = results.find((r) => r.resource.id === 'Default');
        assert.match(v?.message ?? '', /is not locked and has no access policy/);
        assert.match(remediationOf(check, v).cli ?? '', /--backup-vault-name Default/);
        assert.match(results.find((r) => r.resource.id === 'us-east-1')?.message ?? '', /no backup plan in us-east-1 copies recovery points to another account \(daily\)/);
      },
    },
    {
      name: 'a vault policy that denies something else',
      snapshot: singleAccount((a) =>
        a.inRegion('eu-west-1', (r) =>
          r.set('backup.vaults', [backupVault('v', { region: 'eu-west-1', accessPolicy: ok({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:PutBackupVaultAccessPolicy', Resource: '*' }] }) })]),
        ),
      ),
      resources: ['v'],
    },
  ],
  fail: [],
  error: [
    {
      name: 'the vault policy could not be read',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('backup.vaults', [backupVault('v', { accessPolicy: failed(collectError('AccessDenied', 'backup:GetBackupVaultAccessPolicy', 'us-east-1')) })]))),
      code: 'AccessDenied',
      resources: ['v'],
    },
    {
      name: 'ListBackupVaults unsupported (the emulator) is an error, not "no vaults"',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('backup.vaults', 'Unsupported', 'backup:ListBackupVaults'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
    },
    {
      name: 'a plan whose rules could not be read and no other cross-account copy',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.set('backup.plans', [{ ...backupPlan('p'), rules: failed(collectError('AccessDenied', 'backup:GetBackupPlan', 'us-east-1')) }])),
      ),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'Backup never used', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
};

describe(`check ${check.meta.id}`, () => {
  const groups: Array<[string, string, CheckCases<object>['pass']]> = [
    ['pass', 'passes', cases.pass],
    ['warn', 'warns', cases.warn ?? []],
    ['error', 'errors', cases.error],
    ['not_applicable', 'not applicable', cases.notApplicable ?? []],
  ];
  for (const [status, verb, list] of groups) {
    for (const c of list) {
      it(`${verb}: ${c.name}`, () => {
        const snap = deepFreeze(structuredClone(c.snapshot));
        const results = snap.accounts.flatMap((a) => runCheck(check, snap, a, undefined, c.deniedRegions));
        const show = results.map((r) => `  ${r.status} ${r.resource.id}: ${r.message}`).join('\n');
        assert.ok(!results.some((r) => r.error?.operation === `rampart:${check.meta.id}`), `check crashed:\n${show}`);
        assert.ok(!results.some((r) => r.status === 'fail'), `the catalog row has no FAIL:\n${show}`);
        if (status === 'pass') assert.ok(!results.some((r) => r.status === 'warn' || r.status === 'error'), show);
        const ids = [...new Set(results.filter((r) => r.status === status).map((r) => r.resource.id))].sort();
        assert.ok(ids.length > 0, `expected ${status}:\n${show}`);
        if (c.resources) assert.deepEqual(ids, [...c.resources].sort(), show);
        if (status === 'error') {
          const code = (c as { code?: string }).code;
          for (const e of results.filter((r) => r.status === 'error')) {
            assert.ok(e.error, 'an error result carries the collection error');
            if (code) assert.equal(e.error.code, code);
            assert.ok(!results.some((r) => r !== e && r.resource.id === e.resource.id && r.region === e.region && r.status !== 'error'), 'an errored resource is not also judged');
          }
        }
        c.verify?.(results);
      });
    }
  }
});
