// Unit tests for the Network Firewall and Firewall Manager collectors, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FMSClient, GetAdminAccountCommand, ListComplianceStatusCommand, ListPoliciesCommand } from '@aws-sdk/client-fms';
import { DescribeFirewallCommand, ListFirewallsCommand, NetworkFirewallClient } from '@aws-sdk/client-network-firewall';
import { mockClient } from 'aws-sdk-client-mock';
import { ACCOUNT, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { fmsSchema, networkFirewallSchema } from './schema.ts';
import { fmsCollector, networkFirewallCollector } from './collector.ts';

const nfw = mockClient(NetworkFirewallClient);
const fms = mockClient(FMSClient);
const fwArn = (n: string) => `arn:aws:network-firewall:eu-west-1:${ACCOUNT}:firewall/${n}`;

describe('network firewall collector', () => {
  beforeEach(() => nfw.reset());
  afterEach(() => nfw.reset());

  it('lists firewalls across pages and reads each one\'s VPC', async () => {
    nfw.on(ListFirewallsCommand).resolves({ Firewalls: [{ FirewallName: 'a', FirewallArn: fwArn('a') }], NextToken: 't2' });
    nfw.on(ListFirewallsCommand, { NextToken: 't2' }).resolves({ Firewalls: [{ FirewallName: 'b', FirewallArn: fwArn('b') }] });
    nfw.on(DescribeFirewallCommand, { FirewallArn: fwArn('a') }).resolves({ Firewall: { FirewallName: 'a', FirewallArn: fwArn('a'), VpcId: 'vpc-1', FirewallPolicyArn: 'p', SubnetMappings: [], FirewallId: '1' } });
    nfw.on(DescribeFirewallCommand, { FirewallArn: fwArn('b') }).resolves({ Firewall: { FirewallName: 'b', FirewallArn: fwArn('b'), VpcId: 'vpc-2', FirewallPolicyArn: 'p', SubnetMappings: [], FirewallId: '2' } });
    const out = networkFirewallSchema.parse(await networkFirewallCollector.collect(testContext()));
    assert.deepEqual(out.firewalls, { ok: true, value: [{ name: 'a', arn: fwArn('a'), vpcId: 'vpc-1' }, { name: 'b', arn: fwArn('b'), vpcId: 'vpc-2' }] });
  });

  it('records an endpoint without Network Firewall (HTML 500) as Unsupported', async () => {
    nfw.on(ListFirewallsCommand).rejects(htmlServerError());
    const out = networkFirewallSchema.parse(await networkFirewallCollector.collect(testContext()));
    assert.equal(out.firewalls.ok === false && out.firewalls.error.code, 'Unsupported');
  });
});

describe('fms collector', () => {
  beforeEach(() => fms.reset());
  afterEach(() => fms.reset());

  it('in the administrator account: policies across pages with their non-compliant members', async () => {
    fms.on(GetAdminAccountCommand).resolves({ AdminAccount: ACCOUNT });
    fms.on(ListPoliciesCommand).resolves({ PolicyList: [{ PolicyId: 'p1', PolicyName: 'waf', SecurityServiceType: 'WAFV2' }], NextToken: 't2' });
    fms.on(ListPoliciesCommand, { NextToken: 't2' }).resolves({ PolicyList: [{ PolicyId: 'p2', PolicyName: 'sg', SecurityServiceType: 'SECURITY_GROUPS_CONTENT_AUDIT' }] });
    fms.on(ListComplianceStatusCommand, { PolicyId: 'p1' }).resolves({
      PolicyComplianceStatusList: [
        { MemberAccount: '222222222222', EvaluationResults: [{ ComplianceStatus: 'NON_COMPLIANT', ViolatorCount: 2 }] },
        { MemberAccount: '333333333333', EvaluationResults: [{ ComplianceStatus: 'COMPLIANT' }] },
      ],
    });
    fms.on(ListComplianceStatusCommand, { PolicyId: 'p2' }).rejects(awsError('AccessDeniedException', 'no', 403));
    const out = fmsSchema.parse(await fmsCollector.collect(testContext()));
    assert.deepEqual(out.adminAccount, { ok: true, value: ACCOUNT });
    assert.ok(out.policies.ok && out.policies.value);
    assert.deepEqual(out.policies.value[0], { policyId: 'p1', name: 'waf', type: 'WAFV2', nonCompliantAccounts: { ok: true, value: ['222222222222'] } });
    assert.equal(out.policies.value[1]?.nonCompliantAccounts.ok, false);
  });

  it('no administrator is null; another administrator means policies are not asked for', async () => {
    fms.on(GetAdminAccountCommand).rejects(awsError('ResourceNotFoundException', 'not found'));
    const none = fmsSchema.parse(await fmsCollector.collect(testContext()));
    assert.deepEqual(none, { adminAccount: { ok: true, value: null }, policies: { ok: true, value: null } });
    fms.reset();
    fms.on(GetAdminAccountCommand).resolves({ AdminAccount: '999999999999' });
    const other = fmsSchema.parse(await fmsCollector.collect(testContext()));
    assert.deepEqual(other.policies, { ok: true, value: null });
    assert.equal(fms.commandCalls(ListPoliciesCommand).length, 0);
  });

  it('a refused or unsupported GetAdminAccount is an error on both fields', async () => {
    fms.on(GetAdminAccountCommand).rejects(htmlServerError());
    const out = fmsSchema.parse(await fmsCollector.collect(testContext()));
    assert.equal(out.adminAccount.ok === false && out.adminAccount.error.code, 'Unsupported');
    assert.equal(out.policies.ok, false);
  });
});
