import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { domain, openAccessPolicy, publicDomain } from '../../services/opensearch/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './opensearch-public.ts';

const arn = (n: string) => `arn:aws:es:us-east-1:111111111111:domain/${n}`;

testCheck(check, {
  pass: [
    {
      name: 'VPC domain, even with an open access policy',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [domain('logs', { accessPolicies: openAccessPolicy(arn('logs')) })]))),
      resources: ['logs'],
    },
  ],
  fail: [
    {
      name: 'public endpoint and an access policy open to AWS "*"',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [publicDomain('open', { accessPolicies: openAccessPolicy(arn('open')) }), domain('vpc')]))),
      resources: ['open'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /lets anyone call it/),
    },
    {
      name: 'an unrelated condition does not restrict who',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('opensearch.domains', [
            publicDomain('ua', {
              accessPolicies: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'es:ESHttpGet', Resource: `${arn('ua')}/*`, Condition: { StringLike: { 'aws:UserAgent': 'curl*' } } }] },
            }),
          ]),
        ),
      ),
      resources: ['ua'],
    },
  ],
  warn: [
    {
      name: 'public endpoint with a policy for one role',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [publicDomain('search')]))),
      resources: ['search'],
    },
    {
      name: 'public endpoint with anyone restricted to a source IP range',
      snapshot: singleAccount((a) =>
        a.inRegion('us-east-1', (r) =>
          r.set('opensearch.domains', [
            publicDomain('ip', {
              accessPolicies: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: `${arn('ip')}/*`, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }] },
            }),
          ]),
        ),
      ),
      resources: ['ip'],
    },
    {
      name: 'public endpoint without an access policy',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [publicDomain('bare', { accessPolicies: null })]))),
      resources: ['bare'],
    },
  ],
  error: [
    {
      name: 'DescribeDomains denied for the domain',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [domain('x')]).fail('opensearch.domains.value.0.detail', 'AccessDenied', 'es:DescribeDomains'))),
      code: 'AccessDenied',
      resources: ['x'],
    },
    {
      name: 'unparseable access policy on a public domain',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [publicDomain('weird', { accessPolicies: '{"Statement": [' })]))),
      code: 'ParseError',
      resources: ['weird'],
    },
    {
      name: 'domain list unsupported (emulator)',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.fail('opensearch.domains', 'Unsupported', 'es:ListDomainNames'))),
      code: 'Unsupported',
      resources: ['eu-west-1'],
    },
  ],
  notApplicable: [{ name: 'no domains', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
