// The bundled demo organization for `rampart scan --demo`: a management account and three members with the
// mistakes real young organizations make, plus a few permission gaps so the report shows honest errors.
// Built with the same fixture builders the tests use.
import { snapshot } from '../inventory/fixtures.ts';
import { T1_DENY_LEAVE_ORG, T2_DENY_ROOT } from '../services/organizations/fixtures.ts';
import type { Snapshot } from '../inventory/snapshot.ts';
import { dbInstance } from '../services/rds/fixtures.ts';
import { secret } from '../services/secrets-manager/fixtures.ts';
import { ebsSnapshot, ebsVolume } from '../services/ebs/fixtures.ts';
import { lambdaFunction } from '../services/lambda/fixtures.ts';
import { managedInstance, patchCompliance } from '../services/ssm/fixtures.ts';
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
const ec2Trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const ADMINISTRATOR_ACCESS = [{ policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', policyName: 'AdministratorAccess' }];

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
        )
        // GuardDuty is administered here for the whole organization; development left as a member (guardduty-org-auto-enable)
        .everyRegion((r) =>
          r.set('guardduty.members', [
            { accountId: logArchive, relationshipStatus: 'Enabled' },
            { accountId: production, relationshipStatus: 'Enabled' },
            { accountId: development, relationshipStatus: 'Removed' },
          ]),
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
            .instance('i-0legacyapp01', { httpTokens: 'optional', publicIp: '198.51.100.7', securityGroupIds: ['sg-0prodbastion'], keyName: 'legacy-ops' })
            .instance('i-0modernapp02')
            // only the modern app runs the SSM agent (ec2-ssm-managed, ssm-patch-compliance)
            .set('ssm.managedInstances', [managedInstance('i-0modernapp02')])
            .set('ssm.patchCompliance', [patchCompliance('i-0modernapp02', { status: 'NON_COMPLIANT' })])
            // the template the legacy app's auto scaling group launches from still allows IMDSv1
            .launchTemplate('lt-0a1b2c3d4e5f60718', [{ version: 1, httpTokens: 'optional' }], { name: 'legacy-app' })
            .kmsKey('0c1d2e3f-prod-data-key', { rotation: false })
            .kmsKey('1a2b3c4d-prod-logs-key', { rotation: true }),
        )
        .inRegion('eu-west-1', (r) => r.guardDuty('none').ebsDefaultEncryption(false))
        // the legacy app's instance profile is an administrator (and the instance is public with IMDSv1)
        .role('legacy-app', ec2Trust, {
          instanceProfileArns: [`arn:aws:iam::${production}:instance-profile/app`],
          attachedManagedPolicies: ADMINISTRATOR_ACCESS,
          lastUsedDate: '2026-11-19T08:00:00.000Z',
        })
        // a monitoring vendor trusted without an ExternalId
        .role('vendor-monitoring', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' }] })
        .inRegion('us-east-1', (r) =>
          r.set('accessAnalyzer.findings', [
            {
              analyzerArn: `arn:aws:access-analyzer:us-east-1:${production}:analyzer/org`,
              findings: { ok: true, value: [{ id: 'demo-finding-1', findingType: 'ExternalAccess', resourceType: 'AWS::S3::Bucket', resource: 'arn:aws:s3:::acme-prod-public-assets', resourceOwnerAccount: production, status: 'ACTIVE', createdAt: '2026-10-02T00:00:00.000Z', updatedAt: null, isPublic: { ok: true, value: true } }] },
            },
            { analyzerArn: `arn:aws:access-analyzer:us-east-1:${production}:analyzer/org-unused`, findings: { ok: true, value: [] } },
          ]),
        ),
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
        // AWS found this key on a public repository and quarantined the user
        .iamUser('build-bot', { keys: [{ lastUsedDaysAgo: 3 }], attachedPolicyArns: ['arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3'] })
        .inRegion('eu-west-1', (r) => r.instance('i-0devbox01', { iamInstanceProfileArn: null }))
        // a root password left behind (seen through a centralized-root audit session)
        .set('iam.rootCredentials', { loginProfile: true, accessKeys: 0, mfaDevices: 0, signingCertificates: 0 })
        .inRegion('us-east-1', (r) => r.configRecorder({ recording: false }).analyzers([]))
        // a Lambda function with a live-looking API key in its environment (the verdict names the variable only)
        .inRegion('us-east-1', (r) =>
          r.set('lambda.functions', [
            lambdaFunction('dev-checkout-api', { accountId: development, variables: 5, secrets: [{ name: 'STRIPE_API_KEY', ruleIds: ['high-entropy', 'secret-name'], location: 'Environment.Variables' }] }),
          ]),
        )
        .inRegion('eu-west-1', (r) =>
          r.fail('securityhub.hub', 'AccessDenied', 'securityhub:DescribeHub').analyzers([]),
        )
        // a public, unencrypted test database with a hand-made password, and an API key that never rotates
        .inRegion('us-east-1', (r) =>
          r
            .securityGroup('sg-0devdb', [{ protocol: 'tcp', from: 5432, to: 5432, cidr: '10.20.0.0/16' }], { name: 'dev-db' })
            .set('rds.instances', [
              dbInstance('dev-postgres', { engine: 'postgres', port: 5432, vpcSecurityGroupIds: ['sg-0devdb'], publiclyAccessible: true, storageEncrypted: false, iamDatabaseAuthenticationEnabled: false, masterUserSecretArn: null }, 'us-east-1', development),
            ])
            .set('secretsManager.secrets', [secret('dev/partner-api-key', { rotationEnabled: false, rotationAfterDays: null, lastRotatedDate: null }, { account: development })]),
        )
        // a scratch volume created before encryption by default, and its snapshot shared with everyone
        .inRegion('us-east-1', (r) =>
          r
            .set('ebs.volumes', [ebsVolume('vol-0devscratch0001', { encrypted: false, kmsKeyId: null })])
            .set('ebs.snapshots', [ebsSnapshot('snap-0devscratch001', { volumeId: 'vol-0devscratch0001', encrypted: false, kmsKeyId: null, permissions: [{ group: 'all', userId: null }] })])
            .set('ebs.snapshotBlockPublicAccess', 'unblocked'),
        )
        // a public test ALB with no WAF and no access logs, and the stock allow-all network ACL
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
        // the organization trail's bucket: versioned and private, but no lifecycle rule and nothing stops deleting logs
        .bucket('org-cloudtrail-logs', {
          region: 'us-east-1',
          policy: { Version: '2012-10-17', Statement: [{ Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::org-cloudtrail-logs/AWSLogs/*' }] },
        })
        // root credentials removed
        .set('iam.rootCredentials', { loginProfile: false, accessKeys: 0, mfaDevices: 0, signingCertificates: 0 })
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
