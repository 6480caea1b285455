import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshot } from '../inventory/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { evaluateSnapshot } from '../scan.ts';
import { baselineSchema, defaultBaseline, type Baseline } from './baseline.ts';
import { planHardening } from './planner.ts';
import type { Plan, PlanAction } from './plan-schema.ts';

const MGMT = '111111111111';
const PROD = '222222222222';
const LOGS = '444444444444';
const AUDIT = '555555555555';
const REGIONS = ['us-east-1', 'eu-west-1'];

const baseline = (raw: unknown) => baselineSchema.parse(raw);
const named = { organization: { ous: [], logArchiveAccount: LOGS, securityAuditAccount: AUDIT } };
const ofKind = (plan: Plan, kind: PlanAction['kind']) => plan.actions.filter((a) => a.kind === kind);
const planFor = (s: Snapshot, b: Baseline = defaultBaseline()) => planHardening(s, evaluateSnapshot(s).findings, b);

/** An organization with no trail anywhere; the members are scanned too (as `scan --org` would). */
function noTrail(edit?: { delegated?: Array<{ accountId: string; servicePrincipals: string[] }>; auditAnalyzers?: boolean }): Snapshot {
  return snapshot({ regions: REGIONS })
    .account(MGMT, (a) => {
      a.org((o) => o.memberAccount(PROD, 'prod').memberAccount(LOGS, 'log-archive').memberAccount(AUDIT, 'security-audit'));
      a.everyRegion((r) => r.noTrails());
      if (edit?.delegated) a.set('organizations.delegatedAdministrators', edit.delegated);
    })
    .account(PROD, (a) => a.memberOf(MGMT).everyRegion((r) => r.noTrails()))
    .account(AUDIT, (a) => a.memberOf(MGMT).everyRegion((r) => (edit?.auditAnalyzers === false ? r.analyzers([]) : r)))
    .build();
}

describe('organization trail', () => {
  it('is blocked, not planned, until the baseline names the Log Archive account', () => {
    const plan = planFor(noTrail());
    assert.equal(ofKind(plan, 'org.trail').length, 0);
    assert.ok(plan.blocked.some((b) => b.what === 'the organization trail' && /organization\.logArchiveAccount/.test(b.reason)));
  });

  it('plans trusted access, the bucket and key in Log Archive, then the trail in the management account', () => {
    const plan = planFor(noTrail(), baseline(named));
    const [access] = ofKind(plan, 'org.service-access').filter((a) => a.details['servicePrincipal'] === 'cloudtrail.amazonaws.com');
    const [bucket] = ofKind(plan, 'org.trail-bucket');
    const [key] = ofKind(plan, 'org.trail-key');
    const [trail] = ofKind(plan, 'org.trail');
    assert.ok(access && bucket && key && trail);
    assert.equal(bucket.accountId, LOGS);
    assert.equal(key.accountId, LOGS);
    assert.equal(trail.accountId, MGMT);
    assert.deepEqual(trail.dependsOn, [access.id, bucket.id, key.id]);
    assert.deepEqual(trail.calls.map((c) => c.operation), ['CreateTrail', 'StartLogging']);
    assert.deepEqual(trail.calls[0]!.params, {
      Name: 'rampart-organization-trail',
      S3BucketName: 'rampart-cloudtrail-444444444444-exampleorg1',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KmsKeyId: 'arn:aws:kms:us-east-1:444444444444:alias/rampart-organization-trail',
    });
    assert.deepEqual(bucket.calls.map((c) => c.operation), ['CreateBucket', 'PutPublicAccessBlock', 'PutBucketVersioning', 'PutBucketPolicy']);
    const policy = JSON.parse(String(bucket.calls[3]!.params['Policy'])) as { Statement: Array<{ Sid: string; Condition?: unknown }> };
    assert.deepEqual(policy.Statement.map((s) => s.Sid), ['AWSCloudTrailAclCheck', 'AWSCloudTrailWrite', 'DenyInsecureTransport', 'DenyLogDeletion']);
    assert.match(JSON.stringify(policy.Statement[1]), /"aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111111111111:trail\/rampart-organization-trail"/);
    assert.equal(bucket.rollback.possible, false, 'the log bucket is never deleted by rollback');
    assert.equal(key.rollback.possible, false);
    assert.equal(trail.rollback.possible, true);
    assert.ok(trail.costNote);
    assert.ok(trail.checkIds.includes('cloudtrail-org-trail'), 'claims the catalog id even before that check exists');
  });

  it('closes cloudtrail-multi-region in every account and Region of the organization (proven by re-running the check)', () => {
    const s = noTrail();
    const failing = evaluateSnapshot(s).findings.filter((f) => f.checkId === 'cloudtrail-multi-region' && f.status === 'fail');
    assert.ok(failing.length >= 4);
    const [trail] = ofKind(planFor(s, baseline(named)), 'org.trail');
    const closed = trail!.closes.filter((c) => c.checkId === 'cloudtrail-multi-region').map((c) => `${c.accountId}/${c.region}`).sort();
    assert.deepEqual(closed, failing.map((f) => `${f.accountId}/${f.region}`).sort());
  });

  it('is not planned when an organization trail already logs, and not planned when switched off', () => {
    const secure = snapshot({ regions: REGIONS }).account(MGMT, (a) => a.org((o) => o.memberAccount(LOGS, 'log-archive'))).build();
    assert.equal(ofKind(planFor(secure, baseline(named)), 'org.trail').length, 0);
    const off = planFor(noTrail(), baseline({ organization: { ...named.organization, trail: { enabled: false } } }));
    assert.equal(ofKind(off, 'org.trail').length + ofKind(off, 'org.trail-bucket').length, 0);
  });

  it('rejects a bad trail setting with the field', () => {
    assert.throws(() => baseline({ organization: { trail: { bucketName: 'Not_A_Bucket' } } }), /expected an S3 bucket name/);
    assert.throws(() => baseline({ organization: { trail: { colour: 'blue' } } }), /colour/);
  });
});

describe('delegated administrators and the organization Access Analyzer', () => {
  it('are blocked until the baseline names the Security Audit account, and refuse the management account', () => {
    assert.ok(planFor(noTrail()).blocked.some((b) => /delegated administrators/.test(b.what) && /securityAuditAccount/.test(b.reason)));
    const plan = planFor(noTrail(), baseline({ organization: { ous: [], securityAuditAccount: MGMT } }));
    assert.equal(ofKind(plan, 'org.delegated-admin').length, 0);
    assert.ok(plan.blocked.some((b) => /is the management account/.test(b.reason)));
  });

  it('register Access Analyzer and Config to the Security Audit account after trusted access, safe and free', () => {
    const plan = planFor(noTrail(), baseline(named));
    const regs = ofKind(plan, 'org.delegated-admin');
    assert.deepEqual(regs.map((a) => a.details['servicePrincipal']), ['access-analyzer.amazonaws.com', 'config.amazonaws.com']);
    for (const r of regs) {
      assert.deepEqual(r.calls[0]!.params, { AccountId: AUDIT, ServicePrincipal: r.details['servicePrincipal'] });
      assert.equal(r.risk, 'safe');
      assert.equal(r.beforeKnown, true, 'the snapshot records the delegated administrators');
      const access = plan.actions.find((a) => a.id === r.dependsOn[0]);
      assert.equal(access?.calls[0]!.operation, 'EnableAWSServiceAccess');
    }
    assert.equal(new Set(ofKind(plan, 'org.service-access').map((a) => a.id)).size, ofKind(plan, 'org.service-access').length, 'trusted access planned once per service');
  });

  it('skips a registration already in place and blocks one held by another account', () => {
    const plan = planFor(noTrail({ delegated: [{ accountId: AUDIT, servicePrincipals: ['config.amazonaws.com'] }, { accountId: PROD, servicePrincipals: ['access-analyzer.amazonaws.com'] }] }), baseline(named));
    assert.deepEqual(ofKind(plan, 'org.delegated-admin'), []);
    assert.ok(plan.blocked.some((b) => /access-analyzer/.test(b.what) && /222222222222 already administers it/.test(b.reason)));
  });

  it('plans the GuardDuty and Security Hub administrators only when their paid switch is on, per Region, with a cost note', () => {
    const free = planFor(noTrail(), baseline(named));
    assert.equal(ofKind(free, 'org.guardduty-admin').length + ofKind(free, 'org.securityhub-admin').length, 0);
    assert.ok(free.blocked.some((b) => /GuardDuty delegated administrator/.test(b.what) && /paid\.guardduty: true/.test(b.reason)));
    const paid = planFor(noTrail(), baseline({ ...named, regions: { allowed: REGIONS }, paid: { guardduty: true, securityHub: true } }));
    const gd = ofKind(paid, 'org.guardduty-admin');
    assert.deepEqual(gd.map((a) => a.region), REGIONS);
    for (const a of [...gd, ...ofKind(paid, 'org.securityhub-admin')]) {
      assert.equal(a.risk, 'paid');
      assert.match(a.costNote ?? '', /bills/);
      assert.deepEqual(a.calls[0]!.params, { AdminAccountId: AUDIT });
    }
  });

  it('creates an ORGANIZATION analyzer in the Security Audit account, which closes its access-analyzer-enabled findings', () => {
    const plan = planFor(noTrail({ auditAnalyzers: false }), baseline(named));
    const analyzers = ofKind(plan, 'org.access-analyzer');
    assert.deepEqual(analyzers.map((a) => `${a.accountId}/${a.region}`), REGIONS.map((r) => `${AUDIT}/${r}`).sort());
    const registration = ofKind(plan, 'org.delegated-admin').find((a) => a.details['servicePrincipal'] === 'access-analyzer.amazonaws.com');
    for (const a of analyzers) {
      assert.deepEqual(a.dependsOn, [registration!.id]);
      assert.deepEqual(a.closes.map((c) => `${c.checkId} ${c.accountId} ${c.region}`), [`access-analyzer-enabled ${AUDIT} ${a.region}`]);
    }
  });

  it('the default baseline still plans only safe actions', () => {
    for (const a of planFor(noTrail()).actions) assert.equal(a.risk, 'safe', a.id);
  });
});
