// Unit tests for IAM action naming of SDK calls (the ledger, collectors and `rampart iam-policy` share these names).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { iamAction, isReadOnlyAction, sdkClientName, serviceOf } from './actions.ts';

describe('IAM action names', () => {
  it('uses the IAM spelling where S3 renames its actions', () => {
    assert.equal(iamAction('S3Client', 'ListBuckets'), 's3:ListAllMyBuckets');
    assert.equal(iamAction('S3Client', 'GetBucketEncryption'), 's3:GetEncryptionConfiguration');
    assert.equal(iamAction('S3Client', 'GetPublicAccessBlock'), 's3:GetBucketPublicAccessBlock');
    assert.equal(iamAction('S3ControlClient', 'GetPublicAccessBlock'), 's3:GetAccountPublicAccessBlock');
    assert.equal(iamAction('S3Client', 'GetBucketAcl'), 's3:GetBucketAcl');
    // S3 Control's access point calls keep their names (and the s3 prefix)
    assert.equal(iamAction('S3ControlClient', 'ListAccessPoints'), 's3:ListAccessPoints');
    assert.equal(iamAction('S3ControlClient', 'GetAccessPointPolicy'), 's3:GetAccessPointPolicy');
    assert.equal(iamAction('S3ControlClient', 'GetAccessPoint'), 's3:GetAccessPoint');
    assert.equal(iamAction('EC2Client', 'GetManagedPrefixListEntries'), 'ec2:GetManagedPrefixListEntries');
    assert.equal(iamAction('IAMClient', 'GetAccountSummary'), 'iam:GetAccountSummary');
    assert.equal(iamAction('ConfigServiceClient', 'DescribeConfigurationRecorders'), 'config:DescribeConfigurationRecorders');
    // Access Analyzer's V2 finding calls are authorized by the V1 actions; SSO Admin's prefix is sso
    assert.equal(iamAction('AccessAnalyzerClient', 'ListFindingsV2'), 'access-analyzer:ListFindings');
    assert.equal(iamAction('AccessAnalyzerClient', 'GetFindingV2'), 'access-analyzer:GetFinding');
    assert.equal(iamAction('SSOAdminClient', 'ListAccountsForProvisionedPermissionSet'), 'sso:ListAccountsForProvisionedPermissionSet');
    // the Resource Groups Tagging API's IAM prefix is tag
    assert.equal(iamAction('ResourceGroupsTaggingAPIClient', 'GetResources'), 'tag:GetResources');
    assert.equal(iamAction('Macie2Client', 'GetMacieSession'), 'macie2:GetMacieSession');
  });

  it('names a subclass of an SDK client after the SDK class', () => {
    class S3ControlAtEndpointClient extends S3ControlClient {}
    assert.equal(sdkClientName(S3ControlAtEndpointClient), 'S3ControlClient');
    assert.equal(sdkClientName(S3Client), 'S3Client');
    assert.equal(sdkClientName(IAMClient), 'IAMClient');
    assert.equal(serviceOf(sdkClientName(ConfigServiceClient)), 'config');
    assert.equal(serviceOf('IAMClient'), 'iam');
  });
});

describe('isReadOnlyAction', () => {
  it('accepts the read verbs and apigateway:GET, and nothing that writes', () => {
    for (const a of ['iam:GetAccountSummary', 'inspector2:BatchGetAccountStatus', 'ec2:DescribeRegions', 's3:ListAllMyBuckets', 'iam:GenerateCredentialReport', 's3:HeadBucket', 'apigateway:GET']) {
      assert.equal(isReadOnlyAction(a), true, a);
    }
    for (const a of ['securityhub:BatchImportFindings', 'iam:CreateUser', 'ec2:ModifyInstanceAttribute', 'apigateway:POST', 'ec2:GET', 'GetObject', 's3:PutBucketPolicy', 'iam:GenerateServiceLastAccessedDetails']) {
      assert.equal(isReadOnlyAction(a), false, a);
    }
  });
});
