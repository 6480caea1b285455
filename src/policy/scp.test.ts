// Tests for SCP Deny coverage (controls.md §1.C preamble, templates T1/T2 of §2).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scpDeniesAction, scpDeniesRootUser } from './scp.ts';
import type { ScpDocument } from './scp.ts';
import { parsePolicy } from './parse.ts';

const LEAVE = 'organizations:LeaveOrganization';
const BREAK_GLASS = 'arn:aws:iam::*:role/OrganizationAccountAccessRole';
const SSO_ADMIN = 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess*';

let n = 0;
const scp = (name: string, ...statements: Array<Record<string, unknown>>): ScpDocument => ({
  policyId: `p-${++n}`,
  name,
  document: parsePolicy({ Version: '2012-10-17', Statement: statements }),
});

// controls.md §2, T1 and T2 as the seed gives them (T2 shares the document with T1).
const T1 = { Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: ['organizations:LeaveOrganization'], Resource: '*' };
const T2 = { Sid: 'DenyRootUser', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:root'] } } };

describe('scpDeniesAction', () => {
  it('T1 alone covers LeaveOrganization', () => {
    const t1 = scp('t1', T1);
    const got = scpDeniesAction([t1], LEAVE);
    assert.equal(got.covered, true);
    assert.deepEqual(got.via, [{ policyId: t1.policyId, name: 't1', sid: 'DenyLeaveOrganization' }]);
    assert.deepEqual(got.gaps, []);
  });
  it('T1+T2 in one document covers it through T1; T2 is a near miss (root only)', () => {
    const got = scpDeniesAction([scp('baseline', T1, T2)], LEAVE);
    assert.equal(got.covered, true);
    assert.deepEqual(got.via.map((v) => v.sid), ['DenyLeaveOrganization']);
    assert.equal(got.gaps.length, 1);
    assert.match(got.gaps[0] ?? '', /DenyRootUser.*StringLike aws:PrincipalArn/);
  });
  it('T2 alone does not cover it', () => assert.equal(scpDeniesAction([scp('t2', T2)], LEAVE).covered, false));
  it('Deny organizations:* covers LeaveOrganization', () => {
    assert.equal(scpDeniesAction([scp('org', { Effect: 'Deny', Action: 'organizations:*', Resource: '*' })], LEAVE).covered, true);
  });
  it('Deny NotAction ["iam:*"] covers LeaveOrganization', () => {
    assert.equal(scpDeniesAction([scp('na', { Effect: 'Deny', NotAction: ['iam:*'], Resource: '*' })], LEAVE).covered, true);
  });
  it('Deny NotAction ["organizations:*"] does not', () => {
    const got = scpDeniesAction([scp('na', { Effect: 'Deny', NotAction: ['organizations:*'], Resource: '*' })], LEAVE);
    assert.equal(got.covered, false);
    assert.deepEqual(got.gaps, []);
  });
  it('matching is case-insensitive', () => {
    assert.equal(scpDeniesAction([scp('c', { Effect: 'Deny', Action: 'Organizations:leaveorganization', Resource: '*' })], LEAVE).covered, true);
  });
  it('an Allow does not count', () => {
    assert.equal(scpDeniesAction([scp('a', { Effect: 'Allow', Action: LEAVE, Resource: '*' })], LEAVE).covered, false);
  });
  it('a region condition disqualifies the Deny', () => {
    const got = scpDeniesAction([scp('r', { Sid: 'Regions', Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } })], LEAVE);
    assert.equal(got.covered, false);
    assert.match(got.gaps[0] ?? '', /Regions.*aws:RequestedRegion/);
  });
  it('a Resource other than "*" disqualifies the Deny', () => {
    const got = scpDeniesAction([scp('res', { Effect: 'Deny', Action: LEAVE, Resource: 'arn:aws:organizations::111122223333:account/o-x/*' })], LEAVE);
    assert.equal(got.covered, false);
    assert.match(got.gaps[0] ?? '', /Resource/);
  });
  const exempted = (operator: string, values: string[]) =>
    scp('ex', { Sid: 'Ex', Effect: 'Deny', Action: LEAVE, Resource: '*', Condition: { [operator]: { 'aws:PrincipalArn': values } } });
  it('a principal exemption is not accepted by default', () => {
    const got = scpDeniesAction([exempted('ArnNotLike', [BREAK_GLASS])], LEAVE);
    assert.equal(got.covered, false);
    assert.match(got.gaps[0] ?? '', /not in the configured exemption list/);
  });
  it('an ArnNotLike exemption whose values are all allowed is accepted', () => {
    assert.equal(scpDeniesAction([exempted('ArnNotLike', [BREAK_GLASS, SSO_ADMIN])], LEAVE, { allowedExemptionPrincipalPatterns: [BREAK_GLASS, SSO_ADMIN] }).covered, true);
  });
  it('StringNotLike, ArnNotEquals and StringNotEquals exemptions are accepted too', () => {
    for (const op of ['StringNotLike', 'ArnNotEquals', 'StringNotEquals']) {
      assert.equal(scpDeniesAction([exempted(op, [BREAK_GLASS])], LEAVE, { allowedExemptionPrincipalPatterns: [BREAK_GLASS] }).covered, true, op);
    }
  });
  it('an exemption listing one extra principal is refused', () => {
    const got = scpDeniesAction([exempted('ArnNotLike', [BREAK_GLASS, 'arn:aws:iam::*:role/*'])], LEAVE, { allowedExemptionPrincipalPatterns: [BREAK_GLASS] });
    assert.equal(got.covered, false);
    assert.match(got.gaps[0] ?? '', /arn:aws:iam::\*:role\/\*/);
  });
  it('a positive ArnLike on aws:PrincipalArn is not an exemption', () => {
    assert.equal(scpDeniesAction([exempted('ArnLike', [BREAK_GLASS])], LEAVE, { allowedExemptionPrincipalPatterns: [BREAK_GLASS] }).covered, false);
  });
  it('an exemption plus another condition is refused', () => {
    const s = scp('x', { Effect: 'Deny', Action: LEAVE, Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': [BREAK_GLASS] }, Bool: { 'aws:ViaAWSService': 'false' } } });
    assert.equal(scpDeniesAction([s], LEAVE, { allowedExemptionPrincipalPatterns: [BREAK_GLASS] }).covered, false);
  });
  it('lists every covering SCP', () => {
    const got = scpDeniesAction([scp('one', T1), scp('two', { Effect: 'Deny', Action: 'organizations:*', Resource: '*' })], LEAVE);
    assert.deepEqual(got.via.map((v) => v.name), ['one', 'two']);
  });
  it('no SCPs, no coverage', () => assert.deepEqual(scpDeniesAction([], LEAVE), { covered: false, via: [], gaps: [] }));
});

describe('scpDeniesRootUser', () => {
  it('T2 is full coverage', () => {
    const s = scp('t2', T2);
    const got = scpDeniesRootUser([s]);
    assert.equal(got.coverage, 'full');
    assert.deepEqual(got.via, [{ policyId: s.policyId, name: 't2', sid: 'DenyRootUser' }]);
  });
  it('T1+T2 combined document is full coverage', () => assert.equal(scpDeniesRootUser([scp('baseline', T1, T2)]).coverage, 'full'));
  it('ArnLike and "*:*" are equivalent', () => {
    assert.equal(scpDeniesRootUser([scp('r', { Effect: 'Deny', Action: '*:*', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } })]).coverage, 'full');
  });
  it('NotAction root deny is "notaction" and names what stays open', () => {
    const got = scpDeniesRootUser([scp('na', { Sid: 'RootNA', Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice'], Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } })]);
    assert.equal(got.coverage, 'notaction');
    assert.deepEqual(got.via.map((v) => v.sid), ['RootNA']);
    assert.match(got.detail, /iam:CreateVirtualMFADevice/);
  });
  it('full wins over notaction', () => {
    const na = { Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } };
    assert.equal(scpDeniesRootUser([scp('na', na), scp('t2', T2)]).coverage, 'full');
  });
  it('a partial Action list is not coverage', () => {
    const got = scpDeniesRootUser([scp('p', { Effect: 'Deny', Action: ['iam:*', 's3:*'], Resource: '*', Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } })]);
    assert.equal(got.coverage, 'none');
    assert.match(got.detail, /does not cover every action/);
  });
  it('a root deny with an extra region condition is not coverage', () => {
    const got = scpDeniesRootUser([scp('r', { ...T2, Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } })]);
    assert.equal(got.coverage, 'none');
    assert.match(got.detail, /aws:RequestedRegion/);
  });
  it('an exemption is accepted only when allowed', () => {
    const withEx = scp('e', { ...T2, Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, ArnNotLike: { 'aws:PrincipalArn': BREAK_GLASS } } });
    assert.equal(scpDeniesRootUser([withEx]).coverage, 'none');
    assert.equal(scpDeniesRootUser([withEx], { allowedExemptionPrincipalPatterns: [BREAK_GLASS] }).coverage, 'full');
  });
  it('one account root only is not coverage', () => {
    assert.equal(scpDeniesRootUser([scp('one', { ...T2, Condition: { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:root' } } })]).coverage, 'none');
  });
  it('StringEquals with the wildcard ARN matches nothing, so is not coverage', () => {
    assert.equal(scpDeniesRootUser([scp('eq', { ...T2, Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } } })]).coverage, 'none');
  });
  it('a specific Resource is not coverage', () => {
    assert.equal(scpDeniesRootUser([scp('res', { ...T2, Resource: 'arn:aws:s3:::b' })]).coverage, 'none');
  });
  it('T1 alone says nothing about root', () => {
    const got = scpDeniesRootUser([scp('t1', T1)]);
    assert.deepEqual([got.coverage, got.via], ['none', []]);
  });
});
