import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { domain, publicDomain } from '../../services/opensearch/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './opensearch-encrypted.ts';

testCheck(check, {
  pass: [
    {
      name: 'all three settings on',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [domain('logs'), publicDomain('search')]))),
      resources: ['logs', 'search'],
    },
  ],
  fail: [
    {
      name: 'no encryption at rest',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [domain('plain', { encryptionAtRest: false }), domain('good')]))),
      resources: ['plain'],
    },
    {
      name: 'HTTP allowed and no node-to-node encryption',
      snapshot: singleAccount((a) => a.inRegion('eu-west-1', (r) => r.set('opensearch.domains', [domain('old', { nodeToNodeEncryption: false, enforceHttps: false }, 'eu-west-1')]))),
      resources: ['old'],
      verify: (results) => assert.match(results.find((r) => r.status === 'fail')?.message ?? '', /node-to-node.*HTTPS/),
    },
  ],
  error: [
    {
      name: 'a setting missing from the answer',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.set('opensearch.domains', [domain('odd', { nodeToNodeEncryption: null })]))),
      code: 'ParseError',
      resources: ['odd'],
    },
    {
      name: 'domain list denied',
      snapshot: singleAccount((a) => a.inRegion('us-east-1', (r) => r.fail('opensearch.domains', 'AccessDenied', 'es:ListDomainNames'))),
      code: 'AccessDenied',
      resources: ['us-east-1'],
    },
  ],
  notApplicable: [{ name: 'no domains', snapshot: singleAccount(), resources: ['eu-west-1', 'us-east-1'] }],
});
