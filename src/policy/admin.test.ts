// Tests for fullAdminStatements (controls.md iam-full-admin-custom-policy).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fullAdminStatements } from './admin.ts';
import { parsePolicy } from './parse.ts';

const find = (...statements: Array<Record<string, unknown>>) => fullAdminStatements(parsePolicy({ Version: '2012-10-17', Statement: statements }));

describe('fullAdminStatements', () => {
  it('Allow * on *', () => assert.deepEqual(find({ Effect: 'Allow', Action: '*', Resource: '*' }), [{ index: 0 }]));
  it('Allow *:* on *, with sid', () => assert.deepEqual(find({ Sid: 'Admin', Effect: 'Allow', Action: '*:*', Resource: '*' }), [{ index: 0, sid: 'Admin' }]));
  it('"*" among other actions and resources', () => {
    assert.deepEqual(find({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::b', '*'] }), [{ index: 0 }]);
  });
  it('only the admin statement is reported', () => {
    assert.deepEqual(find({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: '*', Resource: '*' }), [{ index: 1 }]);
  });
  it('a condition makes it not full admin', () => {
    assert.deepEqual(find({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), []);
  });
  it('Deny * on * is not admin', () => assert.deepEqual(find({ Effect: 'Deny', Action: '*', Resource: '*' }), []));
  it('service wildcard is not full admin', () => assert.deepEqual(find({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), []));
  it('specific resource is not full admin', () => assert.deepEqual(find({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/*' }), []));
  it('NotAction is outside this definition', () => assert.deepEqual(find({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), []));
});
