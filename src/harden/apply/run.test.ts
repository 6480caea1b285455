import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAwsContext } from '../../aws/clients.ts';
import { silentLogger } from '../../core/logger.ts';
import { demoSnapshot } from '../../demo/organization.ts';
import { evaluateSnapshot } from '../../scan.ts';
import { snapshot } from '../../inventory/fixtures.ts';
import { baselineSchema, defaultBaseline } from '../baseline.ts';
import { PlanRefusedError } from '../guards.ts';
import { planHardening } from '../planner.ts';
import type { ApiCall, Plan, PlanAction } from '../plan-schema.ts';
import { applyPlan, rollbackJournal } from './run.ts';
import { accountCaller, UnknownCallError, type AccountCaller, type Accounts } from './sdk.ts';

type Responder = (params: Record<string, unknown>) => Record<string, unknown>;

/** A fake AWS: answers per `service:Operation`, records every call. */
function fakeAws(answers: Record<string, Responder>): { accounts: Accounts; calls: string[] } {
  const calls: string[] = [];
  const caller = (accountId: string): AccountCaller => ({
    accountId,
    async send(c: ApiCall) {
      const name = `${c.service}:${c.operation}`;
      calls.push(`${name} ${JSON.stringify(c.params)}`);
      const answer = answers[name];
      if (!answer) {
        const e = new Error(`the endpoint does not implement this operation (HTTP 500)`);
        e.name = 'UnsupportedOperation';
        throw e;
      }
      return answer(c.params);
    },
  });
  return { accounts: { callerAccountId: '111111111111', caller: async (id) => caller(id), destroy() {} }, calls };
}

const demoPlan = (): Plan => {
  const s = demoSnapshot();
  return planHardening(s, evaluateSnapshot(s).findings, defaultBaseline());
};
const only = (plan: Plan, pick: (a: PlanAction) => boolean): Plan => ({ ...plan, actions: plan.actions.filter(pick) });
const run = (plan: Plan, accounts: Accounts) => applyPlan(plan, { accounts, logger: silentLogger, planFile: 'plan.json', now: () => new Date(0) });

describe('applyPlan', () => {
  it('applies after re-reading the state, and journals the prior state with the undo', async () => {
    const plan = only(demoPlan(), (a) => a.id === 'iam.password-policy/111111111111/global/password-policy');
    const { accounts, calls } = fakeAws({
      'iam:GetAccountPasswordPolicy': () => ({ PasswordPolicy: { MinimumPasswordLength: 8, PasswordReusePrevention: 5, RequireSymbols: true } }),
      'iam:UpdateAccountPasswordPolicy': () => ({}),
    });
    const journal = await run(plan, accounts);
    const [e] = journal.entries;
    assert.equal(e?.outcome, 'applied');
    assert.deepEqual(e?.prior?.state, { minimumPasswordLength: 8, passwordReusePrevention: 5, requireSymbols: true });
    assert.deepEqual(e?.rollback, [{ service: 'iam', operation: 'UpdateAccountPasswordPolicy', params: { MinimumPasswordLength: 8, PasswordReusePrevention: 5, RequireSymbols: true } }]);
    assert.equal(calls.length, 2);
    assert.match(calls[1]!, /^iam:UpdateAccountPasswordPolicy \{"MinimumPasswordLength":14/);
  });

  it('skips what is already in place, and refuses what drifted since the scan', async () => {
    const plan = only(demoPlan(), (a) => a.kind === 'iam.password-policy');
    const inPlace = fakeAws({ 'iam:GetAccountPasswordPolicy': () => ({ PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true } }) });
    const j1 = await run(plan, inPlace.accounts);
    assert.ok(j1.entries.every((e) => e.outcome === 'skipped' && e.reason === 'already in place'));
    assert.ok(inPlace.calls.every((c) => c.startsWith('iam:GetAccountPasswordPolicy')), 'no write when in place');
    const drifted = fakeAws({ 'iam:GetAccountPasswordPolicy': () => ({ PasswordPolicy: { MinimumPasswordLength: 10 } }) });
    const j2 = await run(plan, drifted.accounts);
    assert.ok(j2.entries.every((e) => e.outcome === 'skipped' && /^drift: /.test(e.reason ?? '')));
    assert.ok(drifted.calls.every((c) => !c.includes('Update')), 'no write on drift');
  });

  it('fails an action the endpoint cannot serve, with the reason, and skips what depends on it', async () => {
    const plan = only(demoPlan(), (a) => a.kind.startsWith('org.'));
    const { accounts } = fakeAws({
      'organizations:ListOrganizationalUnitsForParent': () => ({ OrganizationalUnits: [] }),
    });
    const journal = await run(plan, accounts);
    const ou = journal.entries.find((e) => e.kind === 'org.create-ou');
    assert.equal(ou?.outcome, 'failed');
    assert.match(ou?.reason ?? '', /UnsupportedOperation: the endpoint does not implement/);
    const scp = journal.entries.find((e) => e.actionId.endsWith('Rampart-Guardrails-1'));
    assert.equal(scp?.outcome, 'skipped');
    assert.match(scp?.reason ?? '', /^depends on org\.create-ou\//);
  });

  it('resolves references to earlier outputs and OUs, and undoes only what it attached and created', async () => {
    const plan = only(demoPlan(), (a) => a.id.endsWith('Rampart-SuspendedDenyAll'));
    plan.actions[0]!.dependsOn = [];
    const { accounts, calls } = fakeAws({
      'organizations:ListPolicies': () => ({ Policies: [] }),
      'organizations:ListOrganizationalUnitsForParent': () => ({ OrganizationalUnits: [{ Id: 'ou-susp', Name: 'Suspended' }] }),
      'organizations:CreatePolicy': () => ({ Policy: { PolicySummary: { Id: 'p-new' } } }),
      'organizations:AttachPolicy': () => ({}),
    });
    const journal = await run(plan, accounts);
    assert.equal(journal.entries[0]?.outcome, 'applied', journal.entries[0]?.reason ?? '');
    assert.ok(calls.includes('organizations:AttachPolicy {"PolicyId":"p-new","TargetId":"ou-susp"}'));
    assert.deepEqual(journal.entries[0]?.rollback, [
      { service: 'organizations', operation: 'DetachPolicy', params: { PolicyId: 'p-new', TargetId: 'ou-susp' } },
      { service: 'organizations', operation: 'DeletePolicy', params: { PolicyId: 'p-new' } },
    ]);
    const undo = fakeAws({ 'organizations:DetachPolicy': () => ({}), 'organizations:DeletePolicy': () => ({}) });
    const rolled = await rollbackJournal(journal, { accounts: undo.accounts, logger: silentLogger, planFile: 'plan.json' });
    assert.equal(rolled.entries[0]?.outcome, 'applied');
    assert.deepEqual(undo.calls, ['organizations:DetachPolicy {"PolicyId":"p-new","TargetId":"ou-susp"}', 'organizations:DeletePolicy {"PolicyId":"p-new"}']);
  });

  it('re-checks the guards on the plan file and refuses a T7 moved to the root before any call', async () => {
    const plan = demoPlan();
    const t7 = plan.actions.find((a) => a.id.endsWith('Rampart-SuspendedDenyAll'))!;
    t7.details = { ...t7.details, targets: [{ type: 'ROOT', id: 'r-ex01', name: 'root' }] };
    const { accounts, calls } = fakeAws({});
    await assert.rejects(run(plan, accounts), PlanRefusedError);
    assert.deepEqual(calls, []);
  });
});

describe('accountCaller', () => {
  it('refuses any call outside its fixed table, before sending anything', async () => {
    const aws = createAwsContext({ credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }), env: {} });
    try {
      const caller = accountCaller(aws, '111111111111');
      await assert.rejects(caller.send({ service: 'iam', operation: 'DeleteUser', params: { UserName: 'alice' } }, null), UnknownCallError);
      await assert.rejects(caller.send({ service: 'lambda', operation: 'DeleteFunction', params: {} }, null), UnknownCallError);
      assert.equal(aws.ledger.totals().calls, 0);
    } finally {
      aws.destroy();
    }
  });
});

describe('applyPlan: organization services', () => {
  const orgPlan = (): Plan => {
    const s = snapshot({ regions: ['us-east-1'] })
      .account('111111111111', (a) => a.org((o) => o.memberAccount('444444444444', 'log-archive').memberAccount('555555555555', 'audit')).everyRegion((r) => r.noTrails()))
      .build();
    return planHardening(s, evaluateSnapshot(s).findings, baselineSchema.parse({ organization: { ous: [], logArchiveAccount: '444444444444', securityAuditAccount: '555555555555' } }));
  };
  const trailOnly = () => only(orgPlan(), (a) => a.kind === 'org.trail').actions.map((a) => ({ ...a, dependsOn: [] }));

  it('creates and starts the organization trail, and rollback stops and deletes only what it created', async () => {
    const plan = { ...orgPlan(), actions: trailOnly() };
    const { accounts, calls } = fakeAws({ 'cloudtrail:DescribeTrails': () => ({ trailList: [] }), 'cloudtrail:CreateTrail': () => ({}), 'cloudtrail:StartLogging': () => ({}) });
    const journal = await run(plan, accounts);
    assert.equal(journal.entries[0]?.outcome, 'applied', journal.entries[0]?.reason ?? '');
    assert.deepEqual(calls.map((c) => c.split(' ')[0]), ['cloudtrail:DescribeTrails', 'cloudtrail:CreateTrail', 'cloudtrail:StartLogging']);
    const arn = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/rampart-organization-trail';
    assert.deepEqual(journal.entries[0]?.rollback, [
      { service: 'cloudtrail', operation: 'StopLogging', params: { Name: arn } },
      { service: 'cloudtrail', operation: 'DeleteTrail', params: { Name: arn } },
    ]);
  });

  it('only starts logging on an organization trail of that name that exists, and refuses an account trail of that name', async () => {
    const plan = { ...orgPlan(), actions: trailOnly() };
    const stopped = fakeAws({
      'cloudtrail:DescribeTrails': () => ({ trailList: [{ Name: 'rampart-organization-trail', TrailARN: 'arn:t', IsOrganizationTrail: true }] }),
      'cloudtrail:GetTrailStatus': () => ({ IsLogging: false }),
      'cloudtrail:StartLogging': () => ({}),
    });
    const j1 = await run(plan, stopped.accounts);
    assert.equal(j1.entries[0]?.outcome, 'applied');
    assert.ok(!stopped.calls.some((c) => c.startsWith('cloudtrail:CreateTrail')));
    const clash = fakeAws({
      'cloudtrail:DescribeTrails': () => ({ trailList: [{ Name: 'rampart-organization-trail', TrailARN: 'arn:t', IsOrganizationTrail: false }] }),
      'cloudtrail:GetTrailStatus': () => ({ IsLogging: true }),
    });
    const j2 = await run(plan, clash.accounts);
    assert.equal(j2.entries[0]?.outcome, 'skipped');
    assert.match(j2.entries[0]?.reason ?? '', /^drift: a trail named rampart-organization-trail already exists and is not an organization trail/);
  });

  it('sets the protections of an existing bucket without creating it, in the Log Archive account', async () => {
    const plan = only(orgPlan(), (a) => a.kind === 'org.trail-bucket');
    const { accounts, calls } = fakeAws({
      's3:HeadBucket': () => ({}),
      's3:GetBucketVersioning': () => ({}),
      's3:GetBucketPolicy': () => ({ Policy: '{"Statement":[]}' }),
      's3:PutPublicAccessBlock': () => ({}),
      's3:PutBucketVersioning': () => ({}),
      's3:PutBucketPolicy': () => ({}),
    });
    const journal = await run(plan, accounts);
    assert.equal(journal.entries[0]?.outcome, 'applied', journal.entries[0]?.reason ?? '');
    assert.equal(journal.entries[0]?.accountId, '444444444444');
    assert.match(calls[0]!, /"ExpectedBucketOwner":"444444444444"/);
    assert.ok(!calls.some((c) => c.startsWith('s3:CreateBucket')));
    assert.equal(journal.entries[0]?.rollback, null, 'the log bucket is never rolled back');
  });

  it('registers a delegated administrator, skips it when in place, and refuses to replace another one', async () => {
    const plan = only(orgPlan(), (a) => a.kind === 'org.delegated-admin' && a.details['servicePrincipal'] === 'config.amazonaws.com');
    plan.actions[0]!.dependsOn = [];
    const fresh = fakeAws({ 'organizations:ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [] }), 'organizations:RegisterDelegatedAdministrator': () => ({}) });
    const j = await run(plan, fresh.accounts);
    assert.equal(j.entries[0]?.outcome, 'applied');
    assert.deepEqual(j.entries[0]?.rollback, [{ service: 'organizations', operation: 'DeregisterDelegatedAdministrator', params: { AccountId: '555555555555', ServicePrincipal: 'config.amazonaws.com' } }]);
    const inPlace = await run(plan, fakeAws({ 'organizations:ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [{ Id: '555555555555' }] }) }).accounts);
    assert.equal(inPlace.entries[0]?.reason, 'already in place');
    const other = fakeAws({ 'organizations:ListDelegatedAdministrators': () => ({ DelegatedAdministrators: [{ Id: '222222222222' }] }) });
    const refused = await run(plan, other.accounts);
    assert.match(refused.entries[0]?.reason ?? '', /^drift: 222222222222 already administers config\.amazonaws\.com/);
    assert.ok(!other.calls.some((c) => c.includes('Register')));
  });

  it('refuses to replace another GuardDuty administrator in the Region', async () => {
    const s = snapshot({ regions: ['us-east-1'] }).account('111111111111', (a) => a.org((o) => o.memberAccount('555555555555', 'audit'))).build();
    const plan = only(planHardening(s, evaluateSnapshot(s).findings, baselineSchema.parse({ organization: { ous: [], securityAuditAccount: '555555555555' }, paid: { guardduty: true } })), (a) => a.kind === 'org.guardduty-admin');
    assert.equal(plan.actions.length, 1);
    const other = fakeAws({ 'guardduty:ListOrganizationAdminAccounts': () => ({ AdminAccounts: [{ AdminAccountId: '999999999999', AdminStatus: 'ENABLED' }] }) });
    const j = await run(plan, other.accounts);
    assert.match(j.entries[0]?.reason ?? '', /^drift: 999999999999 is already the guardduty administrator/);
    const fresh = fakeAws({ 'guardduty:ListOrganizationAdminAccounts': () => ({ AdminAccounts: [] }), 'guardduty:EnableOrganizationAdminAccount': () => ({}) });
    assert.equal((await run(plan, fresh.accounts)).entries[0]?.outcome, 'applied');
  });
});

describe('applyPlan: paid services', () => {
  it('subscribes only the missing standards, and rollback disables the subscriptions it made', async () => {
    const s = snapshot({ regions: ['us-east-1'] }).account('111111111111').build();
    const b = baselineSchema.parse({ paid: { securityHub: true, securityHubStandards: ['aws-foundational-security-best-practices/v/1.0.0', 'cis-aws-foundations-benchmark/v/3.0.0'] } });
    const plan = only(planHardening(s, evaluateSnapshot(s).findings, b), (a) => a.kind === 'securityhub.standards');
    assert.equal(plan.actions.length, 1);
    const fsbp = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
    const cis = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0';
    const { accounts, calls } = fakeAws({
      'securityhub:GetEnabledStandards': () => ({ StandardsSubscriptions: [{ StandardsArn: fsbp, StandardsStatus: 'READY' }] }),
      'securityhub:BatchEnableStandards': () => ({ StandardsSubscriptions: [{ StandardsArn: cis, StandardsSubscriptionArn: 'arn:sub/cis' }] }),
    });
    const journal = await run(plan, accounts);
    assert.equal(journal.entries[0]?.outcome, 'applied', journal.entries[0]?.reason ?? '');
    assert.equal(calls[1], `securityhub:BatchEnableStandards {"StandardsSubscriptionRequests":[{"StandardsArn":"${cis}"}]}`);
    assert.deepEqual(journal.entries[0]?.rollback, [{ service: 'securityhub', operation: 'BatchDisableStandards', params: { StandardsSubscriptionArns: ['arn:sub/cis'] } }]);
  });

  it('treats Macie\'s "not enabled" answer as off, and any other AccessDenied as a failure to read', async () => {
    const s = snapshot({ regions: ['us-east-1'] }).account('111111111111').build();
    const plan = only(planHardening(s, evaluateSnapshot(s).findings, baselineSchema.parse({ paid: { macie: true } })), (a) => a.kind === 'macie.enable');
    const denied = (message: string) => () => {
      throw Object.assign(new Error(message), { name: 'AccessDeniedException' });
    };
    const off = fakeAws({ 'macie2:GetMacieSession': denied('Macie is not enabled'), 'macie2:EnableMacie': () => ({}) });
    assert.equal((await run(plan, off.accounts)).entries[0]?.outcome, 'applied');
    const refused = fakeAws({ 'macie2:GetMacieSession': denied('User is not authorized to perform macie2:GetMacieSession') });
    const j = await run(plan, refused.accounts);
    assert.equal(j.entries[0]?.outcome, 'failed');
    assert.ok(!refused.calls.some((c) => c.startsWith('macie2:EnableMacie')));
  });
});

describe('applyPlan: AWS Config', () => {
  it('creates the service-linked role only when missing and rolls back what it created', async () => {
    const s = snapshot({ regions: ['us-east-1'] }).account('111111111111', (a) => a.inRegion('us-east-1', (r) => r.configRecorder(null))).build();
    const plan = only(planHardening(s, evaluateSnapshot(s).findings, baselineSchema.parse({ paid: { config: { bucket: 'org-config-logs' } } })), (a) => a.kind === 'config.recorder');
    const { accounts, calls } = fakeAws({
      'config:DescribeConfigurationRecorders': () => ({ ConfigurationRecorders: [] }),
      'config:DescribeConfigurationRecorderStatus': () => ({ ConfigurationRecordersStatus: [] }),
      'config:DescribeDeliveryChannels': () => ({ DeliveryChannels: [] }),
      'iam:GetRole': () => ({ Role: { RoleName: 'AWSServiceRoleForConfig' } }),
      'config:PutConfigurationRecorder': () => ({}),
      'config:PutDeliveryChannel': () => ({}),
      'config:StartConfigurationRecorder': () => ({}),
    });
    const journal = await run(plan, accounts);
    assert.equal(journal.entries[0]?.outcome, 'applied', journal.entries[0]?.reason ?? '');
    assert.equal(calls.some((c) => c.startsWith('iam:CreateServiceLinkedRole')), false, 'the role exists already');
    assert.deepEqual(journal.entries[0]?.rollback?.map((c) => c.operation), ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigurationRecorder']);
  });
});
