import assert from 'node:assert/strict';
import { singleAccount, snapshot, type AccountBuilder, type OrgBuilder } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './org-core-accounts.ts';

const MGMT = '111111111111';
const LOG = '222222222222';
const AUDIT = '333333333333';
const ORG = 'o-exampleorg1';
const TRAIL_BUCKET = 'org-cloudtrail-logs';

const securityOu = (o: OrgBuilder) => o.ou('ou-sec', 'Security').memberAccount(LOG, 'Log Archive', 'ou-sec').memberAccount(AUDIT, 'Audit', 'ou-sec');
/** The management account (with `edit` on its organization) and the log-archive account owning `buckets`. */
const scan = (edit: (o: OrgBuilder) => void, opts: { buckets?: string[]; mgmt?: (a: AccountBuilder) => void; withLogArchive?: boolean } = {}) => {
  const b = snapshot().account(MGMT, (a) => {
    a.org(edit);
    opts.mgmt?.(a);
  });
  if (opts.withLogArchive ?? true) b.account(LOG, (a) => (opts.buckets ?? [TRAIL_BUCKET]).reduce((acc, n) => acc.bucket(n), a.memberOf(MGMT)));
  return b.build();
};

testCheck(check, {
  pass: [
    {
      name: 'named accounts under the Security OU; the log-archive run proves it owns the trail bucket',
      snapshot: scan(securityOu),
      resources: [ORG, TRAIL_BUCKET],
      verify: (r) => assert.equal(r.find((x) => x.resource.id === TRAIL_BUCKET)?.message.includes(`owned by the log-archive account ${LOG}`), true),
    },
    {
      name: 'the management account scanned alone: the layout passes and says where the bucket owner is judged',
      snapshot: scan(securityOu, { withLogArchive: false }),
      resources: [ORG],
      verify: (r) => assert.match(r[0]?.message ?? '', /judged in account 222222222222's findings/),
    },
    {
      name: 'accounts found by tag and nested under Security',
      snapshot: scan(
        (o) => o.ou('ou-sec', 'Security').ou('ou-core', 'Core', 'ou-sec').memberAccount(LOG, 'acme-logs-x', 'ou-core').memberAccount(AUDIT, 'acme-sec-y', 'ou-core'),
        {
          mgmt: (a) =>
            a.set('organizations.accountTags', [
              { accountId: LOG, tags: { 'account-role': 'log-archive' } },
              { accountId: AUDIT, tags: { 'account-role': 'Security-Audit' } },
            ]),
        },
      ),
      resources: [ORG, TRAIL_BUCKET],
      verify: (r) => assert.match(JSON.stringify(r[0]?.evidence), /tag account-role=log-archive/),
    },
  ],
  fail: [
    { name: 'no Security OU accounts', snapshot: singleAccount(), resources: [ORG] },
    {
      name: 'log archive outside the Security OU',
      snapshot: scan((o) => o.ou('ou-sec', 'Security').ou('ou-wl', 'Workloads').memberAccount(LOG, 'log-archive', 'ou-wl').memberAccount(AUDIT, 'audit', 'ou-sec')),
      resources: [ORG],
      verify: (r) => assert.match(r[0]?.message ?? '', /log-archive account 222222222222 \(log-archive\) is not under the Security OU/),
    },
    {
      name: 'trail bucket not owned by log archive',
      snapshot: scan(securityOu, { buckets: ['something-else'] }),
      resources: [TRAIL_BUCKET],
      verify: (r) => assert.match(r.find((x) => x.resource.id === TRAIL_BUCKET)?.message ?? '', /does not own/),
    },
    {
      name: 'no organization trail',
      snapshot: scan(securityOu, { mgmt: (a) => a.everyRegion((r) => r.trails([])) }),
      resources: [ORG],
    },
  ],
  error: [
    {
      name: 'the log-archive account cannot list its buckets',
      snapshot: snapshot()
        .account(MGMT, (a) => a.org(securityOu))
        .account(LOG, (a) => a.memberOf(MGMT).fail('s3.buckets', 'AccessDenied', 's3:ListAllMyBuckets'))
        .build(),
      code: 'AccessDenied',
      resources: [TRAIL_BUCKET],
    },
    {
      name: 'trails unreadable everywhere',
      snapshot: scan(securityOu, { mgmt: (a) => a.everyRegion((r) => r.fail('cloudtrail.trails', 'AccessDenied', 'cloudtrail:DescribeTrails')) }),
      code: 'AccessDenied',
    },
    {
      name: 'no account by name and the tags unreadable',
      snapshot: scan((o) => o.ou('ou-sec', 'Security').memberAccount(LOG, 'x1', 'ou-sec'), {
        mgmt: (a) => a.fail('organizations.accountTags', 'AccessDenied', 'organizations:ListTagsForResource'),
      }),
      code: 'AccessDenied',
    },
  ],
});
