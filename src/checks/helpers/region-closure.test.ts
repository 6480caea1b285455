// A Region whose data could not be read is not_applicable only when its closure is shown: the config's
// regions.denied, or an SCP in force for the account denying the refused call there. Never a guess.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshot, singleAccount } from '../../inventory/fixtures.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import { allChecks } from '../index.ts';
import guardduty from '../threat-detection/guardduty-enabled.ts';
import { runCheck } from '../engine.ts';
import type { CheckResult } from '../../findings/finding.ts';

const MGMT = '111111111111';
const MEMBER = '222222222222';

/** Template T3's shape: deny everything but global services outside the allowed Regions. */
function regionDeny(extra: { Condition?: Record<string, Record<string, unknown>>; NotAction?: string[] } = {}) {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOtherRegions',
        Effect: 'Deny',
        NotAction: extra.NotAction ?? ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*', 'route53:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] }, ...extra.Condition },
      },
    ],
  };
}

/** The management account (which can read the structure) and a member under the region-deny SCP, both scanned. */
function organization(scp: unknown, refuseIn: { account: string; region: string }): Snapshot {
  const refuse = (a: { inRegion: (r: string, e: (r: { fail: (p: string, c: 'AccessDenied', o: string) => unknown }) => void) => unknown }) =>
    a.inRegion(refuseIn.region, (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors'));
  return snapshot()
    .account(MGMT, (a) => {
      a.org((o) => o.memberAccount(MEMBER, 'dev').scp('p-t3', 'DenyOtherRegions', scp, ['r-ex01']));
      if (refuseIn.account === MGMT) refuse(a);
    })
    .account(MEMBER, (a) => {
      a.memberOf(MGMT);
      if (refuseIn.account === MEMBER) refuse(a);
    })
    .build();
}

function guarddutyIn(snap: Snapshot, account: string, region: string): CheckResult | undefined {
  const a = snap.accounts.find((x) => x.accountId === account)!;
  return runCheck(guardduty, snap, a).find((r) => r.region === region);
}

describe('Region closure', () => {
  it('every per-Region check reports error, not not_applicable, for an AccessDenied nothing explains', () => {
    const snap = singleAccount((a) =>
      // every field of the Region refused (one of them as opt-in), whatever slices the catalog adds
      a.inRegion('eu-west-1', (r) =>
        r.refuseEverything('AccessDenied', 'explicit deny in a service control policy').fail('securityhub.hub', 'OptInRequired', 'securityhub:DescribeHub'),
      ),
    );
    const account = snap.accounts[0]!;
    // options under which a check judges eu-west-1 at all (unused-regions-empty judges only unapproved Regions)
    const judging: Record<string, object> = { 'unused-regions-empty': { allowedRegions: ['us-east-1'] } };
    for (const check of allChecks.filter((c) => c.meta.scope === 'region')) {
      const inRegion = runCheck(check, snap, account, judging[check.meta.id]).filter((r) => r.region === 'eu-west-1');
      assert.ok(inRegion.length > 0, check.meta.id);
      assert.ok(inRegion.every((r) => r.status === 'error'), `${check.meta.id}: ${inRegion.map((r) => `${r.status} ${r.message}`).join('; ')}`);
    }
  });

  it('a Region denied by the SCP in force for a member account is not_applicable, naming the SCP and statement', () => {
    const r = guarddutyIn(organization(regionDeny(), { account: MEMBER, region: 'eu-west-1' }), MEMBER, 'eu-west-1');
    assert.equal(r?.status, 'not_applicable', r?.message);
    assert.match(r?.message ?? '', /the SCP "DenyOtherRegions" \(p-t3\) statement DenyOtherRegions denies guardduty:ListDetectors in eu-west-1/);
  });

  it('a refusal in a Region the SCP allows stays an error', () => {
    const r = guarddutyIn(organization(regionDeny(), { account: MEMBER, region: 'us-east-1' }), MEMBER, 'us-east-1');
    assert.equal(r?.status, 'error', r?.message);
  });

  it('the management account is never restricted by SCPs: its refusal stays an error', () => {
    const r = guarddutyIn(organization(regionDeny(), { account: MGMT, region: 'eu-west-1' }), MGMT, 'eu-west-1');
    assert.equal(r?.status, 'error', r?.message);
  });

  it('an SCP whose NotAction leaves the refused action open does not explain the refusal', () => {
    const r = guarddutyIn(organization(regionDeny({ NotAction: ['iam:*', 'guardduty:*'] }), { account: MEMBER, region: 'eu-west-1' }), MEMBER, 'eu-west-1');
    assert.equal(r?.status, 'error', r?.message);
  });

  it('an exemption that covers the scanning role means the SCP did not refuse it: error', () => {
    const exempt = regionDeny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/RampartAudit'] } } });
    assert.equal(guarddutyIn(organization(exempt, { account: MEMBER, region: 'eu-west-1' }), MEMBER, 'eu-west-1')?.status, 'error');
    const other = regionDeny({ Condition: { ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/BreakGlass'] } } });
    assert.equal(guarddutyIn(organization(other, { account: MEMBER, region: 'eu-west-1' }), MEMBER, 'eu-west-1')?.status, 'not_applicable');
  });

  it('a condition the snapshot cannot decide (a principal tag) does not count as shown', () => {
    const tagged = regionDeny({ Condition: { StringEquals: { 'aws:PrincipalTag/team': ['dev'] } } });
    assert.equal(guarddutyIn(organization(tagged, { account: MEMBER, region: 'eu-west-1' }), MEMBER, 'eu-west-1')?.status, 'error');
  });

  it('a member scanned alone cannot see its SCPs: error', () => {
    const snap = singleAccount((a) => a.memberOf(MGMT).inRegion('eu-west-1', (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors')), {
      accountId: MEMBER,
    });
    assert.equal(guarddutyIn(snap, MEMBER, 'eu-west-1')?.status, 'error');
  });

  it('regions.denied closes the Region, naming the config line', () => {
    const snap = singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('guardduty.detectors', 'AccessDenied', 'guardduty:ListDetectors')));
    const r = runCheck(guardduty, snap, snap.accounts[0]!, undefined, [{ region: 'eu-west-1', source: 'rampart.yml:3' }]).find((x) => x.region === 'eu-west-1');
    assert.equal(r?.status, 'not_applicable');
    assert.match(r?.message ?? '', /eu-west-1 is listed in regions\.denied \(rampart\.yml:3\)/);
  });
});
