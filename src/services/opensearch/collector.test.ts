// Unit tests for the OpenSearch collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeDomainsCommand, ListDomainNamesCommand, OpenSearchClient } from '@aws-sdk/client-opensearch';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { opensearchCollector } from './collector.ts';

const os = mockClient(OpenSearchClient);
const arn = (n: string) => `arn:aws:es:eu-west-1:111111111111:domain/${n}`;
const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*' }] };

function status(name: string) {
  return {
    DomainName: name,
    DomainId: name,
    ARN: arn(name),
    ClusterConfig: {},
    EngineVersion: 'OpenSearch_2.11',
    Endpoint: `search-${name}.eu-west-1.es.amazonaws.com`,
    AccessPolicies: JSON.stringify(policy),
    EncryptionAtRestOptions: { Enabled: true },
    NodeToNodeEncryptionOptions: { Enabled: false },
    DomainEndpointOptions: { EnforceHTTPS: true },
  };
}

describe('opensearch collector', () => {
  beforeEach(() => os.reset());
  afterEach(() => os.reset());

  it('describes domains in batches of five and keeps each domain\'s fields', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `d${i}`);
    os.on(ListDomainNamesCommand).resolves({ DomainNames: names.map((DomainName) => ({ DomainName, EngineType: 'OpenSearch' })) });
    os.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => ({
      DomainStatusList: input.DomainNames.map((n) =>
        n === 'd6' ? { ...status(n), Endpoint: undefined, Endpoints: { vpc: 'vpc-d6.es.amazonaws.com' }, VPCOptions: { VPCId: 'vpc-1' }, AccessPolicies: '' } : status(n),
      ),
    }));
    const out = assertSlice('opensearch', await opensearchCollector.collect(testContext()));
    assert.deepEqual(os.commandCalls(DescribeDomainsCommand).map((c) => c.args[0].input.DomainNames?.length), [5, 2]);
    assert.ok(out.domains.ok);
    assert.deepEqual(out.domains.value[0], {
      domainName: 'd0',
      engineType: 'OpenSearch',
      detail: {
        ok: true,
        value: {
          arn: arn('d0'),
          engineVersion: 'OpenSearch_2.11',
          endpoint: 'search-d0.eu-west-1.es.amazonaws.com',
          inVpc: false,
          accessPolicies: policy,
          encryptionAtRest: true,
          nodeToNodeEncryption: false,
          enforceHttps: true,
        },
      },
    });
    const d6 = out.domains.value[6];
    assert.ok(d6?.detail.ok);
    assert.equal(d6.detail.value.inVpc, true);
    assert.equal(d6.detail.value.accessPolicies, null);
  });

  it('records a failed batch on its domains only, and a domain missing from the answer as an error', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `d${i}`);
    os.on(ListDomainNamesCommand).resolves({ DomainNames: names.map((DomainName) => ({ DomainName })) });
    os.on(DescribeDomainsCommand).callsFake((input: { DomainNames: string[] }) => {
      if (input.DomainNames.includes('d0')) throw awsError('AccessDeniedException', 'no', 403);
      return { DomainStatusList: [] };
    });
    const out = assertSlice('opensearch', await opensearchCollector.collect(testContext()));
    assert.ok(out.domains.ok);
    const codes = out.domains.value.map((d) => (d.detail.ok ? 'ok' : d.detail.error.code));
    assert.deepEqual(codes, ['AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied', 'AccessDenied', 'ParseError']);
  });

  it('records a denied or unimplemented ListDomainNames', async () => {
    os.on(ListDomainNamesCommand).rejects(htmlServerError());
    const out = assertSlice('opensearch', await opensearchCollector.collect(testContext()));
    assert.ok(!out.domains.ok);
    assert.deepEqual([out.domains.error.code, out.domains.error.operation], ['Unsupported', 'es:ListDomainNames']);
    assert.equal(os.commandCalls(DescribeDomainsCommand).length, 0);
  });

  it('an empty Region costs one call', async () => {
    os.on(ListDomainNamesCommand).resolves({ DomainNames: [] });
    assert.deepEqual(assertSlice('opensearch', await opensearchCollector.collect(testContext())), { domains: { ok: true, value: [] } });
    assert.equal(os.calls().length, 1);
  });
});
