// Tests for how the engine places a check's results in context: the per-finding remediation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineCheck } from './define.ts';
import { fillRemediation, toFindings } from './engine.ts';

const check = defineCheck({
  meta: {
    id: 'kms-rotation',
    title: 'test check',
    severity: 'medium',
    scope: 'resource',
    resourceType: 'AwsKmsKey',
    rationale: 'only for the engine test',
    remediation: { text: 'Rotate key <key-id>.', cli: 'aws kms enable-key-rotation --key-id <key-id> --region <region>  # role <config-role-arn>', terraform: 'key_id = "<key-id>"' },
    references: ['https://example.com'],
    compliance: { sources: ['000'] },
    fixable: false,
    reads: ['regional.*.kms.keys'],
  },
  evaluate: () => [],
});
const key = { type: 'AwsKmsKey', id: 'k-1' };

describe('toFindings: remediation per finding', () => {
  it('fills the values the result knows, and the account and Region, leaving unknown placeholders', () => {
    const [f] = toFindings(check, '111111111111', [{ status: 'fail', resource: key, message: 'm', region: 'eu-west-1', remediationValues: { 'key-id': '1234abcd' } }]);
    assert.deepEqual(f?.remediation, {
      text: 'Rotate key 1234abcd.',
      cli: 'aws kms enable-key-rotation --key-id 1234abcd --region eu-west-1  # role <config-role-arn>',
      terraform: 'key_id = "1234abcd"',
    });
    assert.equal(Object.hasOwn(f ?? {}, 'remediationValues'), false, 'the values are consumed, not copied into the finding');
  });

  it('keeps the check remediation as written when the result knows nothing', () => {
    const [f] = toFindings(check, '111111111111', [{ status: 'fail', resource: key, message: 'm' }]);
    assert.equal(f?.remediation.cli, 'aws kms enable-key-rotation --key-id <key-id> --region <region>  # role <config-role-arn>');
  });

  it('a result override replaces only the parts it names, and is filled too', () => {
    const [f] = toFindings(check, '111111111111', [
      { status: 'fail', resource: key, message: 'm', remediation: { cli: 'aws kms describe-key --key-id <key-id>' }, remediationValues: { 'key-id': 'k' } },
    ]);
    assert.equal(f?.remediation.cli, 'aws kms describe-key --key-id k');
    assert.equal(f?.remediation.text, 'Rotate key k.');
  });
});

describe('fillRemediation', () => {
  it('quotes a CLI value that is not a plain AWS name, never the text', () => {
    const got = fillRemediation({ text: 'user <user>', cli: 'aws iam get-user --user-name <user>' }, { user: "it's me; rm -rf" });
    assert.equal(got.cli, "aws iam get-user --user-name 'it'\\''s me; rm -rf'");
    assert.equal(got.text, "user it's me; rm -rf");
  });
  it('replaces every occurrence', () => {
    assert.equal(fillRemediation({ text: '<a> and <a>' }, { a: 'x' }).text, 'x and x');
  });
});
