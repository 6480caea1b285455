import assert from 'node:assert/strict';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import { clusterArn } from '../../services/ecs/fixtures.ts';
import { lambdaFunction } from '../../services/lambda/fixtures.ts';
import { dbCluster, dbInstance } from '../../services/rds/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './mgmt-account-no-workloads.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const message = (r: Array<{ message: string }>) => r[0]?.message ?? '';

testCheck(check, {
  pass: [
    { name: 'nothing runs in the management account and it has no IAM users', snapshot: singleAccount(), resources: [MGMT] },
    {
      name: 'only the configured break-glass user; a terminated instance no longer counts',
      snapshot: singleAccount((a) => a.iamUser('breakglass').inRegion('us-east-1', (r) => r.instance('i-gone', { state: 'terminated' }))),
      options: { breakGlassUsers: ['breakglass'] },
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /break-glass users allowed: breakglass/),
    },
    {
      name: 'organization scan: the management account judges, the member reports nothing',
      snapshot: snapshot()
        .account(MGMT, (a) => a.org((o) => o.memberAccount(DEV, 'dev')))
        .account(DEV, (a) => a.memberOf(MGMT).inRegion('us-east-1', (r) => r.instance('i-member')))
        .build(),
      resources: [MGMT],
      verify: (r) => assert.equal(r.length, 1),
    },
  ],
  fail: [
    {
      name: 'EC2 instances: counted per Region, a few ids shown',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.instance('i-1').instance('i-2').instance('i-3').instance('i-4', { state: 'stopped' })).inRegion('eu-west-1', (r) => r.instance('i-9')),
      ),
      resources: [MGMT],
      verify: (r) => {
        assert.match(message(r), /4 EC2 instance\(s\) in us-east-1 \(i-1, i-2, i-3, …\)/);
        assert.match(message(r), /1 EC2 instance\(s\) in eu-west-1 \(i-9\)/);
        assert.deepEqual((r[0]?.evidence?.workloads as Array<{ count: number }>).map((w) => w.count), [1, 4]);
      },
    },
    {
      name: 'an RDS DB instance',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('rds.instances', [dbInstance('orders-db')]))),
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /1 RDS DB instance\(s\) in eu-west-1 \(orders-db\)/),
    },
    {
      name: 'an RDS DB cluster',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('rds.clusters', [dbCluster('aurora-main')]))),
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /1 RDS DB cluster\(s\) in us-east-1 \(aurora-main\)/),
    },
    {
      name: 'a Lambda function',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('lambda.functions', [lambdaFunction('billing-export')]))),
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /1 Lambda function\(s\) in us-east-1 \(billing-export\)/),
    },
    {
      name: 'an ECS cluster',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('ecs.clusters', [clusterArn('web', { region: 'eu-west-1' })]))),
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /1 ECS cluster\(s\) in eu-west-1 \(web\)/),
    },
    {
      name: 'IAM users other than break-glass',
      snapshot: singleAccount((a) => a.iamUser('alice').iamUser('breakglass').iamUser('ci')),
      options: { breakGlassUsers: ['breakglass'] },
      resources: [MGMT],
      verify: (r) => {
        assert.match(message(r), /2 IAM user\(s\) other than break-glass \(alice, ci\)/);
        assert.deepEqual(r[0]?.evidence?.iamUsers, ['alice', 'ci']);
      },
    },
    {
      name: 'users from the credential report when the authorization details are unreadable',
      snapshot: singleAccount((a) => a.iamUser('alice').fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails')),
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /alice/),
    },
    {
      name: 'a workload found in one Region fails even though another Region is unreadable, naming it',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) => r.instance('i-1')).inRegion('eu-west-1', (r) => r.fail('lambda.functions', 'AccessDenied', 'lambda:ListFunctions')),
      ),
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /also unreadable: Lambda function\(s\) in eu-west-1 \(AccessDenied on lambda:ListFunctions\)/),
    },
  ],
  error: [
    {
      name: 'a Region whose inventory is unreadable: error naming it, never a pass',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('ecs.clusters', 'AccessDenied', 'ecs:ListClusters'))),
      code: 'AccessDenied',
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /ECS cluster\(s\) in eu-west-1 \(AccessDenied on ecs:ListClusters\)/),
    },
    {
      name: 'IAM users unreadable (neither source)',
      snapshot: singleAccount((a) =>
        a.fail('iam.authorizationDetails', 'AccessDenied', 'iam:GetAccountAuthorizationDetails').fail('iam.credentialReport', 'AccessDenied', 'iam:GenerateCredentialReport'),
      ),
      code: 'AccessDenied',
      resources: [MGMT],
    },
    {
      name: 'the organization is unreadable',
      snapshot: singleAccount((a) => a.fail('organizations.organization', 'AccessDenied', 'organizations:DescribeOrganization')),
      code: 'AccessDenied',
      resources: [MGMT],
    },
    {
      name: 'a member scanned without the management account: error on the management account, saying where to scan from',
      snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }),
      code: 'NotCollected',
      resources: [MGMT],
      verify: (r) => assert.match(message(r), /--org from the management account/),
    },
  ],
  notApplicable: [{ name: 'standalone account', snapshot: singleAccount((a) => a.noOrganization()), resources: [MGMT] }],
});
