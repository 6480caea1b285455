// The client factory against a local HTTP endpoint: the ledger counts calls and attempts, and an endpoint that
// answers with an HTML page (an emulator without the operation) is not retried.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GetAccountSummaryCommand, IAMClient } from '@aws-sdk/client-iam';
import { createAwsContext } from './clients.ts';
import { RateLimits } from './rate.ts';
import { toCollectError } from './errors.ts';

let server: Server;
let endpoint: string;
let hits = 0;
let savedEndpoint: string | undefined;
let answer: { status: number; type: string; body: string } = { status: 500, type: 'text/html', body: '<!doctype html><html><body>Not implemented</body></html>' };

before(async () => {
  server = createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': answer.type });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // the SDK itself reads AWS_ENDPOINT_URL from the process environment
  savedEndpoint = process.env.AWS_ENDPOINT_URL;
  process.env.AWS_ENDPOINT_URL = endpoint;
});
after(async () => {
  if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = savedEndpoint;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function context() {
  return createAwsContext({
    credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
    env: { AWS_ENDPOINT_URL: endpoint, AWS_EC2_METADATA_DISABLED: 'true' },
    maxAttempts: 4,
  });
}

describe('createAwsContext', () => {
  it('does not retry an HTML 5xx (operation not implemented) and the error classifies as Unsupported', async () => {
    hits = 0;
    answer = { status: 500, type: 'text/html', body: '<!doctype html><html><body>Not implemented</body></html>' };
    const aws = context();
    const error = await aws.client(IAMClient).send(new GetAccountSummaryCommand({})).then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e,
    );
    assert.equal(hits, 1, 'one attempt only');
    assert.equal(toCollectError(error, 'iam:GetAccountSummary').code, 'Unsupported');
    const [entry] = aws.ledger.list();
    assert.deepEqual(
      { service: entry?.service, operation: entry?.operation, calls: entry?.calls, errors: entry?.errors, retries: entry?.retries },
      { service: 'iam', operation: 'GetAccountSummary', calls: 1, errors: 1, retries: 0 },
    );
    aws.destroy();
  });

  it('still retries a real AWS server error (an XML error document)', async () => {
    hits = 0;
    answer = {
      status: 503,
      type: 'text/xml',
      body: '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>busy</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    };
    const aws = context();
    await assert.rejects(aws.client(IAMClient).send(new GetAccountSummaryCommand({})));
    assert.equal(hits, 4, 'every attempt is made');
    assert.equal(aws.ledger.totals().retries, 3);
    aws.destroy();
  });

  it("slows the account's (Region × service) bucket when AWS throttles, and a member context gets its own buckets and a ledger that counts into the run's", async () => {
    answer = {
      status: 400,
      type: 'text/xml',
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    };
    const rateLimits = new RateLimits();
    const aws = createAwsContext({
      credentials: async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }),
      env: { AWS_ENDPOINT_URL: endpoint, AWS_EC2_METADATA_DISABLED: 'true' },
      maxAttempts: 1,
      rateLimits,
    });
    await assert.rejects(aws.client(IAMClient).send(new GetAccountSummaryCommand({})));
    assert.equal(rateLimits.bucket('us-east-1', 'iam').currentRate, 7.5, 'halved from 15/s');
    assert.equal(rateLimits.bucket('us-east-1', 'ec2').currentRate, 20, 'other services are untouched');
    assert.equal(aws.ledger.totals().throttled, 1);

    const member = aws.withCredentials(async () => ({ accessKeyId: 'member', secretAccessKey: 'm' }));
    await assert.rejects(member.client(IAMClient).send(new GetAccountSummaryCommand({})));
    assert.equal(member.ledger.totals().calls, 1);
    assert.equal(aws.ledger.totals().calls, 2, "the member's call also counts in the run's ledger");
    assert.equal(rateLimits.bucket('us-east-1', 'iam').currentRate, 7.5, "the member's throttle slowed only its own bucket");
    member.destroy();
    aws.destroy();
  });
});
