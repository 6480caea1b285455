// Unit tests for SDK error classification: the code a collector records decides between "error" and a verdict.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyErrorCode, toCollectError, isAbsenceError } from './errors.ts';

function sdkError(name: string, message: string, status?: number): Error {
  return Object.assign(new Error(message), { name, ...(status === undefined ? {} : { $metadata: { httpStatusCode: status } }) });
}

describe('classifyErrorCode', () => {
  it('an SCP named in the message is still AccessDenied: the cause is judged from the SCPs, not guessed from text', () => {
    assert.equal(classifyErrorCode(sdkError('AccessDeniedException', 'User is not authorized', 403)), 'AccessDenied');
    assert.equal(
      classifyErrorCode(sdkError('AccessDeniedException', 'not authorized to perform: guardduty:ListDetectors with an explicit deny in a service control policy', 403)),
      'AccessDenied',
    );
    assert.equal(classifyErrorCode(sdkError('UnauthorizedOperation', 'You are not authorized', 403)), 'AccessDenied');
  });

  it("EC2's AuthFailure is a credentials problem, not an opt-in Region", () => {
    assert.equal(classifyErrorCode(sdkError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)), 'InvalidCredentials');
  });

  it('recognises throttling, bad credentials and opt-in', () => {
    assert.equal(classifyErrorCode(sdkError('ThrottlingException', 'Rate exceeded', 400)), 'Throttled');
    assert.equal(classifyErrorCode(sdkError('Whatever', 'slow down', 429)), 'Throttled');
    assert.equal(classifyErrorCode(sdkError('ExpiredTokenException', 'expired', 400)), 'InvalidCredentials');
    assert.equal(classifyErrorCode(sdkError('CredentialsProviderError', 'Could not load credentials')), 'InvalidCredentials');
    assert.equal(classifyErrorCode(sdkError('OptInRequired', 'subscribe', 403)), 'OptInRequired');
  });

  it('an unimplemented endpoint (HTML 404/500, 501) is Unsupported', () => {
    const html500 = sdkError('Error', '@aws-sdk XML parse error: mismatched tags <html> and </title>.\n  Deserialization error: …', 500);
    assert.equal(classifyErrorCode(html500), 'Unsupported');
    assert.equal(classifyErrorCode(sdkError('SyntaxError', `Unexpected token '<', "<!doctype "... is not valid JSON`, 404)), 'Unsupported');
    assert.equal(classifyErrorCode(sdkError('NotImplemented', 'not implemented', 501)), 'Unsupported');
    assert.equal(toCollectError(html500, 'iam:ListOrganizationsFeatures').message, 'iam:ListOrganizationsFeatures is not supported by this endpoint (Error)');
  });

  it('a named 404 from an implemented operation is not "unsupported"', () => {
    assert.equal(classifyErrorCode(sdkError('NoSuchBucket', 'The specified bucket does not exist', 404)), 'Unknown');
    assert.equal(classifyErrorCode(sdkError('NoSuchEntityException', 'not found', 404)), 'Unknown');
  });

  it('toCollectError keeps the operation and Region and only the first line of the message', () => {
    assert.deepEqual(toCollectError(sdkError('AccessDenied', 'Access Denied\n<RequestId>x</RequestId>', 403), 's3:GetBucketAcl', 'eu-west-1'), {
      code: 'AccessDenied',
      operation: 's3:GetBucketAcl',
      region: 'eu-west-1',
      message: 'AccessDenied: Access Denied',
    });
  });
});

describe('isAbsenceError', () => {
  it('treats "there is none" answers as absence, and real failures not', () => {
    const err = (name: string) => Object.assign(new Error(name), { name });
    for (const name of ['NoSuchBucketPolicy', 'NoSuchEntityException', 'ServerSideEncryptionConfigurationNotFoundError', 'OwnershipControlsNotFoundError', 'ResourceNotFoundException', 'AWSOrganizationsNotInUseException']) {
      assert.equal(isAbsenceError(err(name)), true, name);
    }
    for (const name of ['AccessDenied', 'ThrottlingException', 'InternalError', 'NotFoundish']) assert.equal(isAbsenceError(err(name)), false, name);
  });

  it("counts Security Hub's InvalidAccessException as absence only when it says the account is not subscribed", () => {
    assert.equal(isAbsenceError(sdkError('InvalidAccessException', 'Account 111111111111 is not subscribed to AWS Security Hub', 400)), true);
    assert.equal(isAbsenceError(sdkError('InvalidAccessException', "The account doesn't have permission to perform this action", 401)), false);
  });
});
