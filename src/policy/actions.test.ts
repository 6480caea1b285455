// Tests for IAM action matching and catalog expansion.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionMatches, actionPatternCovers, expandActionPattern, expandActionPatternAsync, isKnownAction, patternCoversAllActions, statementAppliesToAction } from './actions.ts';
import type { PolicyStatement } from './parse.ts';

describe('actionMatches', () => {
  const cases: Array<[string, string, boolean]> = [
    ['s3:GetObject', 's3:GetObject', true],
    ['s3:getobject', 'S3:GetObject', true],
    ['S3:GETOBJECT', 's3:getObject', true],
    ['*', 'iam:CreateUser', true],
    ['s3:*', 's3:PutObject', true],
    ['s3:Get*', 's3:GetObjectVersion', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:*', 's3-outposts:GetObject', false],
    ['s3*:GetObject', 's3-outposts:GetObject', true],
    ['s3:GetObjec?', 's3:GetObject', true],
    ['s3:Get?', 's3:GetObject', false],
    ['s3:?etObject', 's3:GetObject', true],
    ['s3:*Object', 's3:DeleteObject', true],
    ['s3:*Object', 's3:DeleteObjects', false],
    ['iam:Create*', 'iam:DeleteUser', false],
    ['ec2:Describe.', 'ec2:DescribeX', false],
    ['s3:GetObject', 's3:GetObjectAcl', false],
  ];
  for (const [pattern, action, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${action}`, () => assert.equal(actionMatches(pattern, action), expected));
  }
});

describe('statementAppliesToAction', () => {
  const st = (s: Partial<PolicyStatement>): PolicyStatement => ({ effect: 'Deny', ...s });
  it('Action list', () => {
    assert.equal(statementAppliesToAction(st({ action: ['organizations:*'] }), 'organizations:LeaveOrganization'), true);
    assert.equal(statementAppliesToAction(st({ action: ['iam:*', 's3:*'] }), 'organizations:LeaveOrganization'), false);
  });
  it('NotAction applies to everything not listed', () => {
    assert.equal(statementAppliesToAction(st({ notAction: ['iam:*'] }), 'organizations:LeaveOrganization'), true);
    assert.equal(statementAppliesToAction(st({ notAction: ['organizations:*'] }), 'organizations:LeaveOrganization'), false);
    assert.equal(statementAppliesToAction(st({ notAction: ['Organizations:leave*'] }), 'organizations:LeaveOrganization'), false);
  });
  it('neither element applies to nothing', () => assert.equal(statementAppliesToAction(st({}), 's3:GetObject'), false));
});

describe('pattern coverage', () => {
  it('covers-all patterns', () => {
    assert.equal(patternCoversAllActions('*'), true);
    assert.equal(patternCoversAllActions('*:*'), true);
    assert.equal(patternCoversAllActions('s3:*'), false);
    assert.equal(patternCoversAllActions('*:Get*'), false);
  });
  it('one pattern contains another only when provable', () => {
    assert.equal(actionPatternCovers('s3:*', 's3:Get*'), true);
    assert.equal(actionPatternCovers('S3:GET*', 's3:GetObject*'), true);
    assert.equal(actionPatternCovers('s3:Get*', 's3:*'), false);
    assert.equal(actionPatternCovers('s3:GetObject', 's3:GetObject*'), false);
    assert.equal(actionPatternCovers('s3:Get?bject', 's3:Get*'), false);
  });
});

describe('expandActionPattern (iam-data catalog)', () => {
  it('a concrete action in catalog casing', () => assert.deepEqual(expandActionPattern('organizations:leaveorganization'), ['organizations:LeaveOrganization']));
  it('an unknown action or service yields nothing', () => {
    assert.deepEqual(expandActionPattern('s3:NoSuchAction'), []);
    assert.deepEqual(expandActionPattern('nosuchservice:*'), []);
  });
  it('a service wildcard', () => {
    const got = expandActionPattern('iam:*User');
    assert.ok(got.includes('iam:CreateUser') && got.includes('iam:DeleteUser'));
    assert.ok(got.every((a) => a.startsWith('iam:') && a.endsWith('User')));
  });
  it('? matches one character', () => {
    const got = expandActionPattern('s3:GetObjec?');
    assert.deepEqual(got, ['s3:GetObject']);
  });
  it('"*" spans every service', () => {
    const got = expandActionPattern('*');
    assert.ok(got.includes('s3:GetObject') && got.includes('iam:CreateUser') && got.includes('organizations:LeaveOrganization'));
    assert.ok(got.length > 10_000);
  });
  it('isKnownAction', () => {
    assert.equal(isKnownAction('S3:GETOBJECT'), true);
    assert.equal(isKnownAction('s3:GetObjekt'), false);
  });
  it('the async variant agrees with the sync one', async () => {
    assert.deepEqual(await expandActionPatternAsync('organizations:*Organization'), expandActionPattern('organizations:*Organization'));
    assert.ok((await expandActionPatternAsync('organizations:*Organization')).includes('organizations:LeaveOrganization'));
  });
});
