import assert from 'node:assert/strict';
import { singleAccount, type OrgBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check, { T4_RECOMMENDED, T4_REQUIRED } from './scp-protect-cloudtrail.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const deny = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Version: '2012-10-17', Statement: [{ Sid: 'ProtectCloudTrail', Effect: 'Deny', Action, Resource: '*', ...extra }] });

testCheck(check, {
  pass: [
    {
      name: 'T4 with extras on the root',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-t4', 'ProtectCloudTrail', deny([...T4_REQUIRED, ...T4_RECOMMENDED]), ['r-ex01'])),
      resources: [DEV],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === MGMT)?.status, 'not_applicable'),
    },
    {
      name: 'a wildcard cloudtrail:* deny on the account itself, noting no extras are missing',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-ct', 'DenyCT', deny('cloudtrail:*'), [DEV])),
      resources: [DEV],
    },
    {
      name: 'only the required four: pass naming the open recommended extras',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-t4', 'ProtectCloudTrail', deny([...T4_REQUIRED]), ['r-ex01'])),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /recommended but open: cloudtrail:PutInsightSelectors/),
    },
  ],
  fail: [
    {
      name: 'PutEventSelectors left out',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-t4', 'Partial', deny(['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail']), ['r-ex01'])),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /denies cloudtrail:PutEventSelectors,/),
    },
    {
      name: 'a deny with a condition that is not an allowed exemption',
      snapshot: org((o) =>
        o.memberAccount(DEV, 'dev').scp('p-t4', 'Conditional', deny([...T4_REQUIRED], { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }), ['r-ex01']),
      ),
      resources: [DEV],
    },
  ],
  error: [
    { name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }), code: 'AccessDenied', resources: [DEV] },
    {
      name: 'not covered and an SCP that does not parse',
      snapshot: org((o) => o.memberAccount(DEV, 'dev').scp('p-bad', 'Broken', '{"Statement": [', [DEV])),
      code: 'ParseError',
      resources: [DEV],
    },
  ],
  notApplicable: [{ name: 'Exception OU account', snapshot: org((o) => o.ou('ou-exc', 'Exceptions').memberAccount(DEV, 'dev', 'ou-exc')), resources: [MGMT, DEV] }],
});
