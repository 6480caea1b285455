// A hung AWS endpoint (accepts the connection, never answers) must not stall a scan: each attempt is abandoned
// after the request timeout and the call ends in a TimeoutError the collectors record as `Timeout`.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createAwsContext } from '../../src/aws/clients.ts';
import { classifyErrorCode } from '../../src/aws/errors.ts';
import { fakeAwsEnv } from '../support/moto.ts';

describe('request timeout', () => {
  let server: Server;
  let endpoint = '';
  before(async () => {
    server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('abandons an attempt that gets no answer, retries, and fails as a Timeout', { timeout: 20_000 }, async () => {
    Object.assign(process.env, fakeAwsEnv(endpoint));
    const aws = createAwsContext({
      credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
      requestTimeoutMs: 200,
      maxAttempts: 2,
    });
    try {
      const err = await aws.client(STSClient).send(new GetCallerIdentityCommand({})).then(
        () => assert.fail('a server that never answers cannot succeed'),
        (e: unknown) => e,
      );
      assert.equal(classifyErrorCode(err), 'Timeout', String(err));
      assert.deepEqual(aws.ledger.totals(), { calls: 1, retries: 1, throttled: 0, errors: 1 });
    } finally {
      aws.destroy();
    }
  });
});
