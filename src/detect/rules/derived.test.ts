// Derived `rampart.*` fields: request policies (public, full admin), security-group ingress, NACL entries.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { derivedValue } from './derived.ts';
import type { CloudTrailRecord } from '../types.ts';

const rec = (eventName: string, requestParameters: Record<string, unknown>): CloudTrailRecord => ({
  eventTime: '2024-01-01T00:00:00Z',
  eventSource: 'x.amazonaws.com',
  eventName,
  requestParameters,
});
const publicPolicy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };
const orgOnly = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }],
};
const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

describe('rampart.requestPolicy', () => {
  test('public: object, JSON string and URL-encoded string', () => {
    assert.equal(derivedValue(rec('PutBucketPolicy', { bucketPolicy: publicPolicy }), 'rampart.requestPolicy.public'), true);
    assert.equal(derivedValue(rec('PutBucketPolicy', { bucketPolicy: JSON.stringify(publicPolicy) }), 'rampart.requestPolicy.public'), true);
    assert.equal(derivedValue(rec('PutKeyPolicy', { policy: encodeURIComponent(JSON.stringify(publicPolicy)) }), 'rampart.requestPolicy.public'), true);
  });
  test('not public when a condition restricts the principal', () => {
    assert.equal(derivedValue(rec('PutBucketPolicy', { bucketPolicy: orgOnly }), 'rampart.requestPolicy.public'), false);
  });
  test('absent without a policy or with an unparsable one', () => {
    assert.equal(derivedValue(rec('PutBucketAcl', { bucketName: 'b' }), 'rampart.requestPolicy.public'), undefined);
    assert.equal(derivedValue(rec('PutBucketPolicy', { bucketPolicy: '{not json' }), 'rampart.requestPolicy.public'), undefined);
  });
  test('fullAdmin: Allow * on *', () => {
    assert.equal(derivedValue(rec('PutUserPolicy', { policyDocument: JSON.stringify(admin) }), 'rampart.requestPolicy.fullAdmin'), true);
    assert.equal(derivedValue(rec('PutUserPolicy', { policyDocument: JSON.stringify(publicPolicy) }), 'rampart.requestPolicy.fullAdmin'), false);
  });
});

const ingress = (perm: Record<string, unknown>): CloudTrailRecord =>
  rec('AuthorizeSecurityGroupIngress', { groupId: 'sg-1', ipPermissions: { items: [perm] } });
const world = { ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } };
const worldV6 = { ipv6Ranges: { items: [{ cidrIpv6: '::/0' }] } };
const office = { ipRanges: { items: [{ cidrIp: '203.0.113.0/24' }] } };

describe('rampart.ingress', () => {
  test('admin ports from anywhere', () => {
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ...world }), 'rampart.ingress.adminPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: 'udp', fromPort: 3389, toPort: 3389, ...worldV6 }), 'rampart.ingress.adminPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: '-1', ...world }), 'rampart.ingress.adminPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 0, toPort: 1000, ...world }), 'rampart.ingress.adminPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: 'udp', fromPort: 22, toPort: 22, ...world }), 'rampart.ingress.adminPorts'), false);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ...office }), 'rampart.ingress.adminPorts'), false);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...world }), 'rampart.ingress.adminPorts'), false);
  });
  test('openToWorld, dbPorts, allPorts', () => {
    const https = ingress({ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...world });
    assert.equal(derivedValue(https, 'rampart.ingress.openToWorld'), true);
    assert.equal(derivedValue(https, 'rampart.ingress.dbPorts'), false);
    assert.equal(derivedValue(https, 'rampart.ingress.allPorts'), false);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 5432, toPort: 5432, ...world }), 'rampart.ingress.dbPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 27018, toPort: 27020, ...world }), 'rampart.ingress.dbPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 0, toPort: 65535, ...world }), 'rampart.ingress.allPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: '-1', ...worldV6 }), 'rampart.ingress.allPorts'), true);
    assert.equal(derivedValue(ingress({ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ...office }), 'rampart.ingress.openToWorld'), false);
  });
  test('only for ingress events', () => {
    const r = { ...ingress({ ipProtocol: '-1', ...world }), eventName: 'AuthorizeSecurityGroupEgress' };
    assert.equal(derivedValue(r, 'rampart.ingress.openToWorld'), false);
  });
  test('ModifySecurityGroupRules is read case-insensitively', () => {
    const r = rec('ModifySecurityGroupRules', {
      ModifySecurityGroupRulesRequest: {
        GroupId: 'sg-1',
        SecurityGroupRule: { SecurityGroupRuleId: 'sgr-1', SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv4: '0.0.0.0/0' } },
      },
    });
    assert.equal(derivedValue(r, 'rampart.ingress.adminPorts'), true);
    const closed = rec('ModifySecurityGroupRules', { SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIpv4: '10.0.0.0/8' } });
    assert.equal(derivedValue(closed, 'rampart.ingress.adminPorts'), false);
  });
});

describe('rampart.nacl.openAdminPorts', () => {
  const entry = (p: Record<string, unknown>): CloudTrailRecord =>
    rec('CreateNetworkAclEntry', { networkAclId: 'acl-1', ruleNumber: 100, egress: false, ruleAction: 'allow', cidrBlock: '0.0.0.0/0', ...p });
  test('ingress allow from anywhere covering 22/3389 or all protocols', () => {
    assert.equal(derivedValue(entry({ protocol: '6', portRange: { from: 22, to: 22 } }), 'rampart.nacl.openAdminPorts'), true);
    assert.equal(derivedValue(entry({ protocol: '-1' }), 'rampart.nacl.openAdminPorts'), true);
    // the spelling CloudTrail actually records
    assert.equal(derivedValue(entry({ protocol: undefined, aclProtocol: '6', portRange: { from: 22, to: 22 } }), 'rampart.nacl.openAdminPorts'), true);
    assert.equal(derivedValue(entry({ protocol: undefined, aclProtocol: '6', portRange: { from: 443, to: 443 } }), 'rampart.nacl.openAdminPorts'), false);
    assert.equal(derivedValue(entry({ protocol: '6', cidrBlock: undefined, ipv6CidrBlock: '::/0', portRange: { from: 3000, to: 4000 } }), 'rampart.nacl.openAdminPorts'), true);
  });
  test('not for egress, deny, narrow sources or other ports', () => {
    assert.equal(derivedValue(entry({ protocol: '-1', egress: true }), 'rampart.nacl.openAdminPorts'), false);
    assert.equal(derivedValue(entry({ protocol: '-1', ruleAction: 'deny' }), 'rampart.nacl.openAdminPorts'), false);
    assert.equal(derivedValue(entry({ protocol: '-1', cidrBlock: '10.0.0.0/8' }), 'rampart.nacl.openAdminPorts'), false);
    assert.equal(derivedValue(entry({ protocol: '6', portRange: { from: 443, to: 443 } }), 'rampart.nacl.openAdminPorts'), false);
  });
});
