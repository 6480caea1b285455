// The bundled demo organization for `rampart scan --demo`: a management account and three members with the
// mistakes real young organizations make, plus a few permission gaps so the report shows honest errors.
// Built with the same fixture builders the tests use.
import { T1_DENY_LEAVE_ORG, T2_DENY_ROOT, snapshot } from '../inventory/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { ok } from '../inventory/collected.ts';
import { loadBalancer } from '../services/edge/fixtures.ts';

export const DEMO_ACCOUNTS = {
  management: '111111111111',
  production: '222222222222',
  development: '333333333333',
  logArchive: '444444444444',
} as const;

const { management, production, development, logArchive } = DEMO_ACCOUNTS;

const publicReadPolicy = (bucket: string) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }],
});

const orgOnlyPolicy = (bucket: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'OrgRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${bucket}/*`,
      Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } },
    },
  ],
});

const adminDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

export function demoSnapshot(): Snapshot {
  return snapshot({ source: 'demo', regions: ['us-east-1', 'eu-west-1'] })
    .account(management, (a) =>
      a
        .securityContact(null)
        .passwordPolicy({ minimumPasswordLength: 8, passwordReusePrevention: 5, requireSymbols: true })
        .rootPasswordLastUsed(3)
        .iamUser('ops-admin', { console: true, mfa: false, passwordLastUsedDaysAgo: 2, attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] })
        .iamUser('ci-deploy', { keys: [{ lastUsedDaysAgo: 1, rotatedDaysAgo: 412 }], inlinePolicies: { deploy: adminDocument } })
        .iamUser('alice', { console: true, mfa: true, groups: ['admins'] })
        .org((o) =>
          o
            .withoutGuardrails()
            .ou('ou-ex01-security', 'Security')
            .ou('ou-ex01-workloads', 'Workloads')
            .memberAccount(logArchive, 'log-archive', 'ou-ex01-security')
            .memberAccount(production, 'production', 'ou-ex01-workloads')
            .memberAccount(development, 'development', 'ou-ex01-workloads')
            // deny-leave on the root covers everyone; deny-root was only attached to the Security OU
            .scp('p-denyleave01', 'DenyLeaveOrganization', T1_DENY_LEAVE_ORG, ['r-ex01'])
            .scp('p-denyroot001', 'DenyRootUser', T2_DENY_ROOT, ['ou-ex01-security']),
        ),
    )
    .account(production, (a) =>
      a
        .memberOf(management)
        .accountPublicAccessBlock(null)
        .bucket('acme-prod-public-assets', { policy: publicReadPolicy('acme-prod-public-assets'), publicAccessBlock: null })
        .bucket('acme-prod-uploads', {
          publicAccessBlock: null,
          aclGrants: [{ granteeType: 'Group', granteeUri: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'WRITE' }],
        })
        .bucket('acme-prod-reports', { policy: orgOnlyPolicy('acme-prod-reports') })
        .role('legacy-partner-access', {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
        })
        .role('github-deploy', {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: `arn:aws:iam::${production}:oidc-provider/token.actions.githubusercontent.com` },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } },
            },
          ],
        })
        .inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-0prodbastion', [{ protocol: 'tcp', from: 22, to: 22, cidr: '0.0.0.0/0' }], {
              attachedPublicIp: '198.51.100.7',
              name: 'bastion',
            })
            .securityGroup('sg-0prodweb', [
              { protocol: 'tcp', from: 443, to: 443, cidr: '0.0.0.0/0' },
              { protocol: 'tcp', from: 3389, to: 3389, cidrIpv6: '::/0' },
            ])
            .instance('i-0legacyapp01', { httpTokens: 'optional', publicIp: '198.51.100.7', securityGroupIds: ['sg-0prodbastion'] })
            .instance('i-0modernapp02')
            // the template the legacy app's auto scaling group launches from still allows IMDSv1
            .launchTemplate('lt-0a1b2c3d4e5f60718', [{ version: 1, httpTokens: 'optional' }], { name: 'legacy-app' })
            .kmsKey('0c1d2e3f-prod-data-key', { rotation: false })
            .kmsKey('1a2b3c4d-prod-logs-key', { rotation: true }),
        )
        .inRegion('eu-west-1', (r) => r.guardDuty('none').ebsDefaultEncryption(false)),
    )
    .account(development, (a) =>
      a
        .memberOf(management)
        .rootMfa(false)
        .passwordPolicy(null)
        .iamUser('dev-intern', {
          console: true,
          mfa: false,
          passwordLastUsedDaysAgo: 120,
          createdDaysAgo: 300,
          keys: [
            { lastUsedDaysAgo: 100, rotatedDaysAgo: 300 },
            { lastUsedDaysAgo: null, rotatedDaysAgo: 200 },
          ],
        })
        .managedPolicy('DevAdmin', adminDocument, { attachmentCount: 2 })
        .inRegion('us-east-1', (r) => r.configRecorder({ recording: false }).analyzers([]))
        .inRegion('eu-west-1', (r) =>
          r.fail('securityhub.hub', 'AccessDenied', 'securityhub:DescribeHub').analyzers([]),
        )
        // cat-network: a public test ALB with no WAF and no access logs, and the stock allow-all network ACL
        .inRegion('us-east-1', (r) =>
          r
            .set('edge.loadBalancers', [
              loadBalancer('dev-preview', { accountId: development, accessLogs: ok({ enabled: false, bucket: null, prefix: null }) }),
            ])
            .set('ec2.networkAcls', [
              {
                networkAclId: 'acl-0devdefault',
                vpcId: 'vpc-0devmain',
                isDefault: true,
                subnetIds: ['subnet-0devpublic'],
                entries: [
                  { ruleNumber: 100, egress: false, protocol: '-1', ruleAction: 'allow', cidrBlock: '0.0.0.0/0', ipv6CidrBlock: null, portRange: null },
                  { ruleNumber: 32767, egress: false, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0', ipv6CidrBlock: null, portRange: null },
                ],
              },
            ]),
        ),
    )
    .account(logArchive, (a) =>
      a
        .memberOf(management)
        .inRegion('eu-west-1', (r) =>
          r.fail(
            'guardduty.detectors',
            'AccessDenied',
            'guardduty:ListDetectors',
            'User: arn:aws:sts::444444444444:assumed-role/RampartAudit/rampart is not authorized to perform: guardduty:ListDetectors',
          ),
        ),
    )
    .build();
}
