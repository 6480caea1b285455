import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy, scpDeniesAction, scpDeniesRootUser } from '../policy/index.ts';
import { baselineSchema, defaultBaseline } from './baseline.ts';
import { denyingStatement } from './scp-eval.ts';
import { minify, packStatements, perTargetProblem, SCP_MAX_CHARS, ScpPackingError } from './scp-packing.ts';
import {
  GLOBAL_SERVICE_ACTIONS,
  memberGuardrailTemplates,
  t1DenyLeaveOrganization,
  t2DenyRootUser,
  t3DenyOutsideRegions,
  t7SuspendedDenyAll,
  type ScpStatement,
} from './scp-templates.ts';

const doc = (statements: ScpStatement[]) => ({ policyId: 'p-x', name: 'x', document: parsePolicy({ Version: '2012-10-17', Statement: statements }) });

const regionBaseline = baselineSchema.parse({
  regions: { allowed: ['eu-west-1', 'us-east-1'] },
  principals: { breakGlass: ['arn:aws:iam::*:role/BreakGlass'], audit: ['arn:aws:iam::*:role/SecurityAudit'] },
  scp: { regionDeny: true, extraGlobalActions: ['bedrock:ListFoundationModels'] },
});

describe('SCP templates', () => {
  it('T1 and T2 pass the scp-deny-* checks as written (no exemption condition)', () => {
    assert.equal(scpDeniesAction([doc(t1DenyLeaveOrganization().statements)], 'organizations:LeaveOrganization').covered, true);
    assert.equal(scpDeniesRootUser([doc(t2DenyRootUser().statements)]).coverage, 'full');
  });

  it('T3 never denies the 42 global services of the catalog, and keeps user additions', () => {
    assert.equal(GLOBAL_SERVICE_ACTIONS.length, 42);
    const [st] = t3DenyOutsideRegions(regionBaseline).statements;
    for (const a of GLOBAL_SERVICE_ACTIONS) assert.ok(st!.NotAction!.includes(a), a);
    assert.ok(st!.NotAction!.includes('bedrock:ListFoundationModels'));
    const d = [parsePolicy({ Version: '2012-10-17', Statement: [st] })];
    const user = 'arn:aws:iam::222222222222:role/developer';
    for (const action of ['iam:CreateRole', 'sts:AssumeRole', 'organizations:DescribeOrganization', 'support:CreateCase', 'route53:ChangeResourceRecordSets']) {
      assert.equal(denyingStatement(d, { action, principalArn: user, region: 'ap-south-1' }), undefined, `${action} is global and must stay allowed`);
    }
    assert.ok(denyingStatement(d, { action: 'ec2:RunInstances', principalArn: user, region: 'ap-south-1' }), 'regional call outside the allowed Regions is denied');
    assert.equal(denyingStatement(d, { action: 'ec2:RunInstances', principalArn: user, region: 'eu-west-1' }), undefined);
  });

  it('T3 and T7 exempt the break-glass, audit and automation roles', () => {
    for (const st of [...t3DenyOutsideRegions(regionBaseline).statements, ...t7SuspendedDenyAll(regionBaseline).statements]) {
      const d = [parsePolicy({ Version: '2012-10-17', Statement: [st] })];
      for (const principalArn of ['arn:aws:iam::222222222222:role/BreakGlass', 'arn:aws:iam::222222222222:role/SecurityAudit', 'arn:aws:iam::222222222222:role/OrganizationAccountAccessRole']) {
        assert.equal(denyingStatement(d, { action: 'ec2:RunInstances', principalArn, region: 'ap-south-1' }), undefined, `${st.Sid} exempts ${principalArn}`);
      }
    }
  });

  it('T7 leaves only billing and support', () => {
    const d = [parsePolicy({ Version: '2012-10-17', Statement: t7SuspendedDenyAll(defaultBaseline()).statements })];
    const user = 'arn:aws:iam::222222222222:role/anyone';
    assert.ok(denyingStatement(d, { action: 's3:GetObject', principalArn: user, region: 'us-east-1' }));
    assert.equal(denyingStatement(d, { action: 'support:CreateCase', principalArn: user, region: 'us-east-1' }), undefined);
  });
});

describe('SCP packing', () => {
  it('packs the member guardrails (T1, T2, T4, T5, T6) into one document within 5,120 characters', () => {
    const packs = packStatements(memberGuardrailTemplates(defaultBaseline()).flatMap((t) => t.statements));
    assert.equal(packs.length, 1);
    assert.ok(packs[0]!.content.length <= SCP_MAX_CHARS);
    assert.doesNotMatch(packs[0]!.content, /\n| {2}/, 'minified');
  });

  it('splits into more documents when one would exceed the limit, each within it', () => {
    const big = (i: number): ScpStatement => ({ Sid: `S${i}`, Effect: 'Deny', Action: Array.from({ length: 100 }, (_, n) => `ec2:Action${i}x${n}`), Resource: '*' });
    const statements = [big(1), big(2), big(3), big(4)];
    const packs = packStatements(statements);
    assert.ok(packs.length >= 2);
    for (const p of packs) assert.ok(p.content.length <= SCP_MAX_CHARS, `${p.content.length} chars`);
    assert.deepEqual(packs.flatMap((p) => p.statements.map((s) => s.Sid)).sort(), ['S1', 'S2', 'S3', 'S4']);
    assert.equal(minify(packs[0]!.statements), packs[0]!.content);
  });

  it('says so when one statement alone cannot fit', () => {
    const huge: ScpStatement = { Sid: 'Huge', Effect: 'Deny', Action: Array.from({ length: 400 }, (_, n) => `ec2:VeryLongActionName${n}`), Resource: '*' };
    assert.throws(() => packStatements([huge]), (e: unknown) => e instanceof ScpPackingError && /over the 5120-character SCP limit/.test(e.message));
  });

  it('enforces 5 SCPs per target, FullAWSAccess included', () => {
    assert.equal(perTargetProblem('ou Workloads', 4, 1), undefined);
    assert.match(perTargetProblem('ou Workloads', 4, 2) ?? '', /exceed the quota of 5 per target/);
  });
});

describe('T4 and the organization trail bucket', () => {
  it('protects organization.trail.bucketName when scp.trailBucket is not set', () => {
    const t4 = (raw: unknown) => memberGuardrailTemplates(baselineSchema.parse(raw)).find((t) => t.id === 'T4')!;
    const protectedBucket = (raw: unknown) => JSON.stringify(t4(raw).statements.find((s) => (s as { Sid?: string }).Sid === 'ProtectTrailBucket') ?? null);
    assert.match(protectedBucket({ organization: { trail: { bucketName: 'org-trail-logs' } } }), /arn:aws:s3:::org-trail-logs/);
    assert.match(protectedBucket({ scp: { trailBucket: 'explicit-logs' }, organization: { trail: { bucketName: 'org-trail-logs' } } }), /explicit-logs/);
    assert.equal(protectedBucket({}), 'null');
  });
});
