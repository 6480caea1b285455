// Unit tests for the Redshift collector, with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { DescribeClustersCommand, RedshiftClient } from '@aws-sdk/client-redshift';
import { mockClient } from 'aws-sdk-client-mock';
import { assertSlice, awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { redshiftCollector } from './collector.ts';

const redshift = mockClient(RedshiftClient);

describe('redshift collector', () => {
  beforeEach(() => redshift.reset());
  afterEach(() => redshift.reset());

  it('reads every cluster across pages', async () => {
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [{ ClusterIdentifier: 'a', PubliclyAccessible: true, Encrypted: false }], Marker: 'm2' });
    redshift.on(DescribeClustersCommand, { Marker: 'm2' }).resolves({ Clusters: [{ ClusterIdentifier: 'b', PubliclyAccessible: false, Encrypted: true, KmsKeyId: 'k' }] });
    const out = assertSlice('redshift', await redshiftCollector.collect(testContext()));
    assert.deepEqual(out.clusters, {
      ok: true,
      value: [
        { clusterIdentifier: 'a', arn: 'arn:aws:redshift:eu-west-1:111111111111:cluster:a', publiclyAccessible: true, encrypted: false, kmsKeyId: null },
        { clusterIdentifier: 'b', arn: 'arn:aws:redshift:eu-west-1:111111111111:cluster:b', publiclyAccessible: false, encrypted: true, kmsKeyId: 'k' },
      ],
    });
  });

  it('records a denied call and an unimplemented one as errors', async () => {
    redshift.on(DescribeClustersCommand).rejects(awsError('AccessDenied', 'no', 403));
    const denied = assertSlice('redshift', await redshiftCollector.collect(testContext()));
    assert.ok(!denied.clusters.ok);
    assert.deepEqual([denied.clusters.error.code, denied.clusters.error.operation], ['AccessDenied', 'redshift:DescribeClusters']);
    redshift.on(DescribeClustersCommand).rejects(htmlServerError());
    const html = assertSlice('redshift', await redshiftCollector.collect(testContext()));
    assert.ok(!html.clusters.ok);
    assert.equal(html.clusters.error.code, 'Unsupported');
  });

  it('a cluster without the encryption flag is a ParseError', async () => {
    redshift.on(DescribeClustersCommand).resolves({ Clusters: [{ ClusterIdentifier: 'a', PubliclyAccessible: false }] });
    const out = assertSlice('redshift', await redshiftCollector.collect(testContext()));
    assert.ok(!out.clusters.ok);
    assert.equal(out.clusters.error.code, 'ParseError');
  });
});
