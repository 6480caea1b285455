import assert from 'node:assert/strict';
import { singleAccount, type OrgBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check, { T3_NOT_ACTION } from './scp-region-deny.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const AUTOMATION = 'arn:aws:iam::*:role/RampartAutomation';
const org = (edit: (o: OrgBuilder) => void) => singleAccount((a) => a.org(edit));
const regionDeny = (regions: string[], NotAction: string[] = T3_NOT_ACTION, extraCondition: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'DenyAllOutsideRegions',
      Effect: 'Deny',
      NotAction,
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:RequestedRegion': regions }, ...extraCondition },
    },
  ],
});
const member = (doc: unknown, target = 'r-ex01') => org((o) => o.memberAccount(DEV, 'dev').scp('p-t3', 'DenyOtherRegions', doc, [target]));

testCheck(check, {
  pass: [
    { name: 'T3 with the seed list on the root', snapshot: member(regionDeny(['us-east-1', 'us-west-2'])), resources: [DEV] },
    {
      name: 'allowed list within the approved Regions, automation exempt, broader NotAction patterns',
      snapshot: member(regionDeny(['eu-west-1'], [...T3_NOT_ACTION.filter((a) => !a.startsWith('route53')), 'route53*'], { ArnNotLike: { 'aws:PrincipalArn': [AUTOMATION] } }), DEV),
      options: { allowedRegions: ['eu-west-1', 'us-east-1'], allowedExemptionPrincipalPatterns: [AUTOMATION] },
      resources: [DEV],
    },
  ],
  fail: [
    { name: 'no Region deny', snapshot: org((o) => o.memberAccount(DEV, 'dev')), resources: [DEV] },
    {
      name: 'the SCP allows a Region outside the approved list',
      snapshot: member(regionDeny(['us-east-1', 'ap-south-1'])),
      options: { allowedRegions: ['us-east-1'] },
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /allows ap-south-1 beyond the approved us-east-1/),
    },
    {
      name: 'Region deny written with Action "*" (blocks global services too): not the template',
      snapshot: member({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } }] }),
      resources: [DEV],
    },
    {
      name: 'exemption not in the configured list',
      snapshot: member(regionDeny(['us-east-1'], T3_NOT_ACTION, { ArnNotLike: { 'aws:PrincipalArn': [AUTOMATION] } })),
      resources: [DEV],
    },
  ],
  warn: [
    {
      name: 'NotAction list lacks template entries (diff reported)',
      snapshot: member(regionDeny(['us-east-1'], T3_NOT_ACTION.filter((a) => a !== 'iam:*' && a !== 'sts:*'))),
      resources: [DEV],
      verify: (r) => assert.match(r.find((x) => x.resource.id === DEV)?.message ?? '', /lacks template entries iam:\*, sts:\*/),
    },
  ],
  error: [
    { name: 'member account scanned alone', snapshot: singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }), code: 'AccessDenied' },
    { name: 'unparsed SCP', snapshot: member('{"Version":'), code: 'ParseError', resources: [DEV] },
  ],
});
