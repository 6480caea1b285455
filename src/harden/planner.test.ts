import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoSnapshot } from '../demo/organization.ts';
import type { Finding } from '../findings/finding.ts';
import { snapshot, type AccountBuilder, type OrgBuilder } from '../inventory/fixtures.ts';
import { FULL_ACCESS_SCP, T1_DENY_LEAVE_ORG } from '../services/organizations/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { evaluateSnapshot } from '../scan.ts';
import { baselineSchema, defaultBaseline, type Baseline } from './baseline.ts';
import { assertSafeAttachments, PlanRefusedError } from './guards.ts';
import { planHardening } from './planner.ts';
import type { Plan, PlanAction } from './plan-schema.ts';
import { planSchema } from './plan-schema.ts';

const MGMT = '111111111111';
const PROD = '222222222222';
const DEV = '333333333333';

function planFor(s: Snapshot, baseline: Baseline = defaultBaseline()): { plan: Plan; findings: Finding[] } {
  const { findings } = evaluateSnapshot(s);
  return { plan: planHardening(s, findings, baseline), findings };
}

const baseline = (raw: unknown) => baselineSchema.parse(raw);
const closed = (plan: Plan, checkId: string) => plan.actions.flatMap((a) => a.closes).filter((c) => c.checkId === checkId);
const ofKind = (plan: Plan, kind: PlanAction['kind']) => plan.actions.filter((a) => a.kind === kind);

/** A management account with an organization edited by `org`; members are not scanned. */
function org(edit: (o: OrgBuilder) => void, account?: (a: AccountBuilder) => void): Snapshot {
  return snapshot({ regions: ['us-east-1'] })
    .account(MGMT, (a) => {
      a.org((o) => edit(o.withoutGuardrails()));
      account?.(a);
    })
    .build();
}

describe('planHardening', () => {
  it('is a pure function: same input, same plan, input untouched, valid against the plan schema', () => {
    const s = demoSnapshot();
    const before = JSON.stringify(s);
    const { plan } = planFor(s);
    assert.equal(JSON.stringify(s), before);
    assert.deepEqual(planFor(demoSnapshot()).plan, plan);
    assert.equal(planSchema.safeParse(plan).success, true);
  });

  it('with the default baseline plans only safe actions', () => {
    const { plan } = planFor(demoSnapshot());
    assert.ok(plan.actions.length > 0);
    for (const a of plan.actions) assert.equal(a.risk, 'safe', a.id);
    assert.ok(plan.blocked.some((b) => /GuardDuty/.test(b.what) && /paid/.test(b.reason)));
    assert.ok(plan.blocked.some((b) => b.what.startsWith('sg-open-admin-ports') && /disruptive/.test(b.reason)));
  });

  it('merges the password policy without weakening it, and closes the finding', () => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) => a.passwordPolicy({ minimumPasswordLength: 20, passwordReusePrevention: 10, maxPasswordAge: 90 }))
      .build();
    const { plan } = planFor(s);
    const [a] = ofKind(plan, 'iam.password-policy');
    assert.ok(a);
    assert.deepEqual(a.calls[0]!.params, {
      MinimumPasswordLength: 20,
      PasswordReusePrevention: 24,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
    });
    assert.deepEqual(a.closes, [{ checkId: 'password-policy', accountId: MGMT, region: null, resource: MGMT }]);
    assert.equal(a.rollback.possible, true);
  });

  it('plans nothing for what is already in place', () => {
    const secure = snapshot({ regions: ['us-east-1'] }).account(MGMT).build();
    // the secure fixture carries T1 and T2 on the root, and nothing else the baseline below asks for is missing
    const onlyT1T2 = { organization: { ous: [] }, scp: { protectCloudTrail: false, protectSecurityServices: false, protectAccountDefaults: false } };
    const { plan } = planFor(secure, baseline(onlyT1T2));
    assert.deepEqual(plan.actions.map((a) => a.id), []);
  });

  it('lists manual checks as manual steps, never as actions', () => {
    const s = snapshot({ regions: ['us-east-1'] }).account(MGMT, (a) => a.rootMfa(false)).build();
    const { plan } = planFor(s);
    assert.ok(plan.manual.some((m) => m.checkId === 'root-mfa' && m.findings.length === 1 && /root user can enrol MFA/.test(m.instructions)));
    assert.ok(plan.actions.every((a) => !a.checkIds.includes('root-mfa')));
  });

  it('plans paid services only when opted in, with a cost note', () => {
    const s = snapshot({ regions: ['us-east-1'] }).account(MGMT, (a) => a.inRegion('us-east-1', (r) => r.guardDuty('none'))).build();
    assert.equal(ofKind(planFor(s).plan, 'guardduty.detector').length, 0);
    const { plan } = planFor(s, baseline({ paid: { guardduty: true } }));
    const [gd] = ofKind(plan, 'guardduty.detector');
    assert.equal(gd?.risk, 'paid');
    assert.match(gd?.costNote ?? '', /bills/);
    assert.deepEqual(gd?.closes.map((c) => c.checkId), ['guardduty-enabled']);
  });

  it('plans disruptive fixes only for check ids listed under `disruptive`', () => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) => a.inRegion('us-east-1', (r) => r.securityGroup('sg-0open', [{ protocol: 'tcp', from: 22, cidr: '0.0.0.0/0' }], { attachedPublicIp: '203.0.113.9' })))
      .build();
    assert.equal(ofKind(planFor(s).plan, 'ec2.revoke-open-ingress').length, 0);
    const { plan } = planFor(s, baseline({ disruptive: ['sg-open-admin-ports'] }));
    const [revoke] = ofKind(plan, 'ec2.revoke-open-ingress');
    assert.equal(revoke?.risk, 'disruptive');
    assert.deepEqual(revoke?.calls[0]?.params, { GroupId: 'sg-0open', SecurityGroupRuleIds: ['sgr-0open0'] });
    assert.equal(revoke?.closes.length, 1);
  });

  it('does not turn on account-level S3 BPA over public buckets unless told to', () => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account(MGMT, (a) =>
        a.accountPublicAccessBlock(null).bucket('site', {
          publicAccessBlock: null,
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] },
        }),
      )
      .build();
    const blockedPlan = planFor(s).plan;
    assert.equal(ofKind(blockedPlan, 's3.account-bpa').length, 0);
    assert.ok(blockedPlan.blocked.some((b) => /site/.test(b.reason)));
    const { plan } = planFor(s, baseline({ disruptive: ['s3-account-bpa'] }));
    const [bpa] = ofKind(plan, 's3.account-bpa');
    assert.equal(bpa?.risk, 'disruptive');
    // account BPA also stands in for the bucket's own settings (s3-bucket-bpa), proven by re-running the checks
    assert.deepEqual(bpa?.closes.map((c) => c.checkId).sort(), ['s3-account-bpa', 's3-bucket-bpa', 's3-bucket-public']);
  });
});

describe('organization guardrails', () => {
  it('attaches to the root when there is no Exception OU, and closes every member but never the management account', () => {
    const s = org((o) => o.memberAccount(PROD, 'prod').memberAccount(DEV, 'dev'));
    const { plan } = planFor(s, baseline({ organization: { ous: [] } }));
    const [scp] = ofKind(plan, 'org.scp');
    assert.ok(scp);
    assert.deepEqual((scp.details['targets'] as Array<{ type: string }>).map((t) => t.type), ['ROOT']);
    const leave = closed(plan, 'scp-deny-leave-org').map((c) => c.resource).sort();
    assert.deepEqual(leave, [PROD, DEV].sort());
    for (const c of plan.actions.flatMap((a) => a.closes)) if (c.checkId.startsWith('scp-')) assert.notEqual(c.resource, MGMT);
  });

  it('with an Exception OU, attaches to every other top-level OU and to accounts under the root, and claims nothing for exempt accounts', () => {
    const s = org((o) =>
      o
        .ou('ou-ex01-work', 'Workloads')
        .ou('ou-ex01-exc', 'Exceptions')
        .memberAccount(PROD, 'prod', 'ou-ex01-work')
        .memberAccount(DEV, 'dev', 'ou-ex01-exc')
        .memberAccount('444444444444', 'loose'),
    );
    const { plan } = planFor(s, baseline({ organization: { ous: ['Workloads', 'Exceptions'] } }));
    const [scp] = ofKind(plan, 'org.scp');
    const targets = (scp?.details['targets'] as Array<{ type: string; id: string }>).map((t) => t.id).sort();
    assert.deepEqual(targets, ['444444444444', 'ou-ex01-work']);
    const closedAccounts = closed(plan, 'scp-deny-root').map((c) => c.resource).sort();
    assert.deepEqual(closedAccounts, ['222222222222', '444444444444']);
    assert.ok(plan.manual.some((m) => m.accountId === '444444444444' && /Move account/.test(m.title)), 'moving an account stays manual');
  });

  it('enables the SCP policy type first when it is off, and the guardrails depend on it', () => {
    const s = org((o) => o.scpEnabled(false).memberAccount(PROD, 'prod'));
    const { plan } = planFor(s, baseline({ organization: { ous: [] } }));
    const [enable] = ofKind(plan, 'org.enable-scp-type');
    const [scp] = ofKind(plan, 'org.scp');
    assert.ok(enable && scp);
    assert.deepEqual(scp.dependsOn, [enable.id]);
    assert.deepEqual(enable.closes.map((c) => c.checkId), ['scp-enabled']);
    assert.deepEqual(closed(plan, 'scp-deny-root').map((c) => c.resource), [PROD]);
  });

  it('skips templates already in place', () => {
    const s = org((o) => o.memberAccount(PROD, 'prod').scp('p-leave', 'DenyLeave', T1_DENY_LEAVE_ORG, ['r-ex01']));
    const { plan } = planFor(s, baseline({ organization: { ous: [] } }));
    const [scp] = ofKind(plan, 'org.scp');
    assert.deepEqual(scp?.details['templates'], ['T2', 'T4', 'T5', 'T6']);
  });

  it('says so when a target has no room for another SCP', () => {
    const s = org((o) => {
      o.memberAccount(PROD, 'prod');
      for (let i = 1; i <= 4; i++) o.scp(`p-extra${i}`, `Extra${i}`, FULL_ACCESS_SCP, ['r-ex01']);
    });
    const { plan } = planFor(s, baseline({ organization: { ous: [] } }));
    assert.equal(ofKind(plan, 'org.scp').length, 0);
    assert.ok(plan.blocked.some((b) => /quota of 5 per target/.test(b.reason)));
  });

  it('puts T7 only on the Suspended OU, and refuses a plan that puts it elsewhere', () => {
    const s = org((o) => o.ou('ou-ex01-susp', 'Suspended').memberAccount(PROD, 'prod', 'ou-ex01-susp'));
    const { plan } = planFor(s, baseline({ organization: { ous: ['Suspended'] } }));
    const t7 = ofKind(plan, 'org.scp').find((a) => (a.details['templates'] as string[]).includes('T7'));
    assert.deepEqual((t7?.details['targets'] as Array<{ id: string }>).map((t) => t.id), ['ou-ex01-susp']);
    const tampered: PlanAction = { ...t7!, details: { ...t7!.details, targets: [{ type: 'ROOT', id: 'r-ex01', name: 'root' }] } };
    assert.throws(() => assertSafeAttachments([tampered], { suspendedOu: 'Suspended', memberAccessRole: 'OrganizationAccountAccessRole' }), PlanRefusedError);
  });

  it('refuses to attach to the root a policy that stops the organization from being administered', () => {
    const denyAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyAll', Effect: 'Deny', Action: '*', Resource: '*' }] });
    const action = { kind: 'org.scp', id: 'org.scp/x', details: { templates: [], content: denyAll, targets: [{ type: 'ROOT', id: 'r-ex01', name: 'root' }] } } as unknown as PlanAction;
    assert.throws(() => assertSafeAttachments([action], { suspendedOu: 'Suspended', memberAccessRole: 'OrganizationAccountAccessRole' }), /stops the organization from being administered/);
  });

  it('refuses a baseline whose Region deny would lock out the role applying it', () => {
    // the plan is applied from a member account by its own role, which the Region deny does not exempt
    const build = () =>
      snapshot({ regions: ['us-east-1', 'eu-west-1'] })
        .account(MGMT, (a) => {
          a.org((o) => o.withoutGuardrails().memberAccount(PROD, 'prod'));
          a.data.callerArn = null;
        })
        .account(PROD, (a) => {
          a.memberOf(MGMT).inRegion('eu-west-1', (r) => r.ebsDefaultEncryption(false));
          a.data.callerArn = `arn:aws:sts::${PROD}:assumed-role/Deployer/session`;
        })
        .build();
    const regionDeny = { regions: { allowed: ['us-east-1'] }, principals: { breakGlass: ['arn:aws:iam::*:role/BreakGlass'] }, scp: { regionDeny: true, protectAccountDefaults: false }, organization: { ous: [] } };
    assert.throws(() => planFor(build(), baseline(regionDeny)), (e: unknown) => e instanceof PlanRefusedError && /DenyAllOutsideRegions would deny ec2:\w+EbsEncryptionByDefault to arn:aws:iam::222222222222:role\/Deployer in 222222222222 eu-west-1/.test(e.message));
    const exempted = planFor(build(), baseline({ ...regionDeny, principals: { ...regionDeny.principals, audit: ['arn:aws:iam::*:role/Deployer'] } })).plan;
    assert.ok(ofKind(exempted, 'org.scp').some((a) => (a.details['templates'] as string[]).includes('T3')));
  });

  it('reports the guardrails as blocked when the organization structure could not be read', () => {
    const s = snapshot({ regions: ['us-east-1'] }).account(PROD, (a) => a.memberOf(MGMT)).build();
    const { plan } = planFor(s);
    assert.equal(plan.actions.filter((a) => a.kind.startsWith('org.')).length, 0);
    assert.ok(plan.blocked.some((b) => /scan from the management account 111111111111/.test(b.reason)));
  });
});

describe('planHardening: the member guardrails close what their checks judge', () => {
  it('T4–T6 in the packed guardrail SCP close scp-protect-cloudtrail, -security-services and -account-defaults for every member', () => {
    const { plan, findings } = planFor(demoSnapshot());
    const [guardrails] = plan.actions.filter((a) => a.kind === 'org.scp' && (a.details['templates'] as string[]).includes('T4'));
    assert.ok(guardrails, 'the default baseline plans the member guardrails');
    for (const checkId of ['scp-protect-cloudtrail', 'scp-protect-security-services', 'scp-protect-account-defaults']) {
      const failing = findings.filter((f) => f.checkId === checkId && f.status === 'fail').map((f) => f.resource.id).sort();
      assert.ok(failing.length > 0, `the demo fails ${checkId}`);
      assert.deepEqual(guardrails.closes.filter((c) => c.checkId === checkId).map((c) => c.resource).sort(), failing, checkId);
    }
  });
});
