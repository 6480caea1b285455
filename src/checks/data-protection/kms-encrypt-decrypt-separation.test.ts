// The catalog row of kms-encrypt-decrypt-separation has no FAIL verdict (a heuristic that only warns), so testCheck,
// which demands a fail case, cannot hold it; the same cases run here through the engine on frozen snapshots.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../findings/finding.ts';
import { singleAccount, type AccountBuilder } from '../../inventory/fixtures.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import type { Check } from '../define.ts';
import { deepFreeze, runCheck } from '../engine.ts';
import check, { type KmsSeparationOptions } from './kms-encrypt-decrypt-separation.ts';

const ACCOUNT = '111111111111';
const KEY = 'k-sensitive';
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const ROOT_DELEGATION = { Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' };
const keyPolicy = (...statements: unknown[]) => ({ Version: '2012-10-17', Statement: [ROOT_DELEGATION, ...statements] });
const iamDoc = (action: string | string[], resource = KEY_ARN) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

/** An account with one sensitive-tagged customer key in us-east-1 (and whatever `edit` adds). */
function withKey(edit: (a: AccountBuilder) => void = () => {}, opts: { tags?: Record<string, string>; policy?: unknown; grants?: unknown[] } = {}): Snapshot {
  return singleAccount((a) => {
    a.inRegion('us-east-1', (r) =>
      r
        .kmsKey(KEY)
        .set('kms.keys.value.0.tags', opts.tags ?? { 'data-classification': 'Sensitive' })
        .set('kms.keys.value.0.policy', opts.policy ?? keyPolicy())
        .set('kms.keys.value.0.grants', opts.grants ?? []),
    );
    edit(a);
  });
}

function run(snapshot: Snapshot, options: Partial<KmsSeparationOptions> = {}): CheckResult[] {
  const snap = deepFreeze(structuredClone(snapshot));
  const results = snap.accounts.flatMap((account) => runCheck(check as Check, snap, account, options));
  assert.equal(results.find((r) => r.error?.operation === `rampart:${check.meta.id}`), undefined, 'check crashed');
  return results;
}

const of = (results: CheckResult[], id = KEY) => results.filter((r) => r.resource.id === id);
const only = (results: CheckResult[], id = KEY): CheckResult => {
  const [r, ...rest] = of(results, id);
  assert.ok(r, `no result for ${id}`);
  assert.equal(rest.length, 0, `more than one result for ${id}`);
  return r;
};

describe(`check ${check.meta.id}`, () => {
  it('passes: writers and readers are different roles; an admin holding both is not counted', () => {
    const results = run(
      withKey((a) =>
        a
          .role('writer', trust, { inlinePolicies: [{ policyName: 'enc', document: iamDoc(['kms:Encrypt', 'kms:GenerateDataKey*']) }] })
          .role('reader', trust, { inlinePolicies: [{ policyName: 'dec', document: iamDoc('kms:Decrypt') }] })
          .role('admin', trust, { attachedManagedPolicies: [{ policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] })
          .managedPolicy('AdministratorAccess', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { awsManaged: true }),
      ),
    );
    const r = only(results);
    assert.equal(r.status, 'pass', r.message);
    assert.deepEqual(r.evidence?.adminsExcluded, [role('admin')]);
    assert.equal(only(results, 'eu-west-1').status, 'not_applicable');
  });

  it('passes: an unconditional Deny removes the decrypt right a wildcard Allow gave', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*' }, { Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }] };
    const r = only(run(withKey((a) => a.role('writer', trust, { inlinePolicies: [{ policyName: 'enc', document: doc }] }))));
    assert.equal(r.status, 'pass', r.message);
  });

  it('warns: one role holds both through the key policy', () => {
    const r = only(run(withKey(undefined, { policy: keyPolicy({ Sid: 'App', Effect: 'Allow', Principal: { AWS: role('app') }, Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' }) })));
    assert.equal(r.status, 'warn');
    assert.match(r.message, /one principal both encrypt and decrypt: arn:aws:iam::111111111111:role\/app/);
  });

  it('warns: encrypt from the key policy and decrypt from a grant add up', () => {
    const r = only(
      run(
        withKey(undefined, {
          policy: keyPolicy({ Sid: 'Writer', Effect: 'Allow', Principal: { AWS: role('app') }, Action: 'kms:GenerateDataKey', Resource: '*' }),
          grants: [
            { grantId: 'g1', granteePrincipal: role('app'), operations: ['Decrypt'], constrained: true },
            { grantId: 'g2', granteePrincipal: 'ebs.amazonaws.com', operations: ['Encrypt', 'Decrypt'], constrained: false },
          ],
        }),
      ),
    );
    assert.equal(r.status, 'warn');
    assert.deepEqual(r.evidence?.principalsWithBoth, [{ principal: role('app'), encryptVia: ['key policy statement Writer'], decryptVia: ['grant g1 (with encryption-context constraints)'] }]);
  });

  it('warns: an IAM role with kms:* on every resource, through the key policy\'s delegation to the account', () => {
    const r = only(run(withKey((a) => a.role('ops', trust, { inlinePolicies: [{ policyName: 'kms', document: iamDoc('kms:*', '*') }] }))));
    assert.equal(r.status, 'warn');
    assert.deepEqual((r.evidence?.principalsWithBoth as Array<{ principal: string }>).map((p) => p.principal), [role('ops')]);
  });

  it('passes: IAM rights do not count when the key policy does not delegate to the account', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: role('keyadmin') }, Action: ['kms:Describe*', 'kms:Put*'], Resource: '*' }] };
    const r = only(run(withKey((a) => a.role('ops', trust, { inlinePolicies: [{ policyName: 'kms', document: iamDoc('kms:*', '*') }] }), { policy })));
    assert.equal(r.status, 'pass', r.message);
  });

  it('not applicable: keys without the sensitive tag, and AWS-managed keys, are not judged', () => {
    const results = run(
      singleAccount((a) => a.inRegion('us-east-1', (r) => r.kmsKey('plain').kmsKey('aws', { keyManager: 'AWS', rotation: null }).set('kms.keys.value.0.tags', { 'data-classification': 'internal' }))),
    );
    assert.deepEqual(results.map((r) => [r.resource.id, r.status]).sort(), [['eu-west-1', 'not_applicable'], ['us-east-1', 'not_applicable']]);
  });

  it('uses the configured tag key and values', () => {
    const snap = withKey((a) => a.role('ops', trust, { inlinePolicies: [{ policyName: 'kms', document: iamDoc('kms:*', '*') }] }), { tags: { tier: 'pci' } });
    assert.equal(of(run(snap)).length, 0);
    assert.equal(only(run(snap, { classificationTagKey: 'Tier', sensitiveTagValues: ['PCI'] })).status, 'warn');
  });

  for (const [name, path, operation] of [
    ['tags', 'kms.keys.value.0.tags', 'kms:ListResourceTags'],
    ['key policy', 'kms.keys.value.0.policy', 'kms:GetKeyPolicy'],
    ['grants', 'kms.keys.value.0.grants', 'kms:ListGrants'],
  ] as const) {
    it(`errors: ${name} unreadable`, () => {
      const snap = singleAccount((a) => a.inRegion('us-east-1', (r) => r.kmsKey(KEY).set('kms.keys.value.0.tags', { 'data-classification': 'sensitive' }).fail(path, 'AccessDenied', operation)));
      const r = only(run(snap));
      assert.equal(r.status, 'error');
      assert.equal(r.error?.operation, operation);
    });
  }

  it('errors: the key delegates to IAM and the IAM policies are unreadable', () => {
    const snap = withKey((a) => a.fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails'));
    const r = only(run(snap));
    assert.equal(r.status, 'error');
    assert.equal(r.error?.code, 'AccessDenied');
  });

  it('errors: with the IAM policies unreadable, a role of the account holding both may be an administrator; another account\'s principal still warns', () => {
    const noIam = (a: AccountBuilder) => a.fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails');
    const own = withKey(noIam, { policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: role('app') }, Action: 'kms:*', Resource: '*' }] } });
    const r = only(run(own));
    assert.equal(r.status, 'error');
    assert.match(r.message, /whether they are administrators is unknown/);
    const foreign = withKey(noIam, { policy: keyPolicy({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::222222222222:role/partner' }, Action: 'kms:*', Resource: '*' }) });
    assert.equal(only(run(foreign)).status, 'warn');
  });

  it('errors: an attached policy missing from the snapshot leaves that identity unknown', () => {
    const snap = withKey((a) => a.role('ops', trust, { attachedManagedPolicies: [{ policyName: 'Gone', policyArn: `arn:aws:iam::${ACCOUNT}:policy/Gone` }] }));
    const r = only(run(snap));
    assert.equal(r.status, 'error');
    assert.equal(r.error?.code, 'NotCollected');
  });

  it('errors: a key-policy principal holding both whose IAM policies are partly unreadable (it may be an administrator)', () => {
    const snap = withKey(
      (a) => a.role('app', trust, { attachedManagedPolicies: [{ policyName: 'Gone', policyArn: `arn:aws:iam::${ACCOUNT}:policy/Gone` }] }),
      { policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: role('app') }, Action: 'kms:*', Resource: '*' }] } },
    );
    const r = only(run(snap));
    assert.equal(r.status, 'error');
    assert.match(r.message, /role\/app are unknown/);
  });

  it('errors: the key list or a key\'s metadata unreadable', () => {
    const list = run(singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('kms.keys', 'AccessDenied', 'kms:ListKeys'))));
    assert.equal(only(list, 'us-east-1').status, 'error');
    const meta = run(withKey((a) => a.inRegion('us-east-1', (r) => r.fail('kms.keys.value.0.metadata', 'AccessDenied', 'kms:DescribeKey'))));
    assert.equal(only(meta).status, 'error');
  });
});
