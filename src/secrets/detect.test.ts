// Table test of the secret detector: what each rule catches, what passes (references, flags, names that point at
// a secret), and that a verdict never carries the value.
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { decodeUserData, detectInText, detectInUserData, detectInVariables, shannonEntropy } from './detect.ts';

// built at run time so the sources hold no string that looks like a live credential
const KEY_ID = ['AKIA', 'Q3EGRQ7MZX5Y2W4N'].join('');
const SECRET_KEY = ['wJalrXUtnFEMI', 'K7MDENGbPxRfiCYzq8Tk3LmN0p'].join('/');
const HIGH_ENTROPY = 'q9X!vB2#mZ7$kL4@pR8^tW1&yN6*cF3%';
const SLACK = ['xoxb', '123456789012', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const PEM = ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 4 }, (_, i) => `MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2kN${i}qWx8Lp0Rt5Yb7Nc9Vd2Fg4Hj6Kl8Zx`), '-----END RSA PRIVATE KEY-----'].join('\n');

const variableCases: Array<{ name: string; vars: Record<string, string>; expect: Record<string, string[]> }> = [
  { name: 'an access key id anywhere in a value', vars: { DEPLOY: `key ${KEY_ID}` }, expect: { DEPLOY: ['aws-access-key-id'] } },
  { name: 'a temporary (ASIA) key id', vars: { X: `ASIA${KEY_ID.slice(4)}` }, expect: { X: ['aws-access-key-id'] } },
  {
    name: 'a 40-char secret key next to an access key id',
    vars: { ACCESS: KEY_ID, CREDENTIAL: SECRET_KEY },
    expect: { ACCESS: ['aws-access-key-id'], CREDENTIAL: ['aws-secret-access-key', 'high-entropy'] },
  },
  { name: 'a 40-char secret key under an aws_secret name', vars: { aws_secret_key: SECRET_KEY }, expect: { aws_secret_key: ['aws-secret-access-key', 'high-entropy', 'secret-name'] } },
  { name: 'a PEM private key', vars: { TLS_KEY: PEM }, expect: { TLS_KEY: ['high-entropy', 'private-key', 'secretlint/privatekey'] } },
  { name: 'a password-like name with a literal value', vars: { DB_PASSWORD: 'hunter2' }, expect: { DB_PASSWORD: ['secret-name'] } },
  { name: 'passwd / token / api_key / apikey names', vars: { PASSWD: 'x1', GH_TOKEN: 'abc', API_KEY: 'k', apikey: 'v' }, expect: { PASSWD: ['secret-name'], GH_TOKEN: ['secret-name'], API_KEY: ['secret-name'], apikey: ['secret-name'] } },
  { name: 'a high-entropy value under a harmless name', vars: { BLOB: HIGH_ENTROPY }, expect: { BLOB: ['high-entropy'] } },
  { name: 'secretlint finds a Slack token', vars: { HOOK: SLACK }, expect: { HOOK: ['high-entropy', 'secretlint/slack'] } },
  {
    name: 'Secrets Manager and SSM references pass, whatever the name',
    vars: {
      DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}',
      API_TOKEN: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/api-AbCdEf',
      SIGNING_SECRET: 'arn:aws:ssm:eu-west-1:111111111111:parameter/prod/signing',
      SESSION_SECRET: 'ssm:/prod/session',
      CFN_SECRET: '{{resolve:ssm-secure:/prod/cfn:1}}',
    },
    expect: {},
  },
  {
    name: 'names that point at a secret (snake or camel case), ARNs, flags, numbers, masked (NoEcho) values and variables pass',
    vars: { DB_SECRET_ARN: 'prod/db', SECRET_NAME: 'prod/db', TOKEN_TTL: '3600', USE_TOKEN: 'true', PASSWORD: '', API_KEY: '${API_KEY}', DbPassword: '****', ApiTokenArn: 'x', DbPasswordParameterName: '/prod/db', TokenSigningKey: 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    expect: {},
  },
  {
    name: 'ordinary configuration passes (URLs, ARNs, paths, short ids, hex digests)',
    vars: {
      QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/111111111111/orders-processing-queue',
      ROLE: 'arn:aws:iam::111111111111:role/service-role/orders-processor-role',
      CONFIG: '/opt/app/config/production/settings.json',
      STAGE: 'production',
      DIGEST: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    },
    expect: {},
  },
];

describe('secret detector: named variables', () => {
  for (const c of variableCases) {
    it(c.name, async () => {
      const matches = await detectInVariables(
        Object.entries(c.vars).map(([name, value]) => ({ name, value })),
        'Environment.Variables',
      );
      assert.deepEqual(Object.fromEntries(matches.map((m) => [m.name, m.ruleIds])), c.expect);
      assert.ok(matches.every((m) => m.location === 'Environment.Variables'));
      const json = JSON.stringify(matches);
      for (const value of Object.values(c.vars)) if (value.length > 3) assert.ok(!json.includes(value), 'a verdict never holds the value');
    });
  }
});

describe('secret detector: user data and other text', () => {
  it('names the variable and line of an assignment; a bare secret on a command line has no name', async () => {
    const script = ['#!/bin/bash', `export AWS_ACCESS_KEY_ID=${KEY_ID}`, 'DB_PASSWORD="hunter2"', 'echo ready', `curl -H "Authorization: Bearer ${HIGH_ENTROPY}" https://x`, 'PASSWORD=$DB_PASSWORD'].join('\n');
    const matches = await detectInText(script, 'user data');
    assert.deepEqual(matches, [
      { name: 'AWS_ACCESS_KEY_ID', ruleIds: ['aws-access-key-id'], location: 'user data line 2' },
      { name: 'DB_PASSWORD', ruleIds: ['secret-name'], location: 'user data line 3' },
      { name: null, ruleIds: ['high-entropy'], location: 'user data line 5' },
    ]);
  });

  it('reads YAML keys (cloud-init) and a secretlint match is placed on its line', async () => {
    const matches = await detectInText(['#cloud-config', 'write_files:', '  - path: /etc/app', `slack_hook: ${SLACK}`, 'password: changeme'].join('\n'), 'user data');
    assert.deepEqual(matches, [
      { name: 'slack_hook', ruleIds: ['high-entropy', 'secretlint/slack'], location: 'user data line 4' },
      { name: 'password', ruleIds: ['secret-name'], location: 'user data line 5' },
    ]);
  });

  it('decodes base64, gunzips data starting with 1f 8b, and splits MIME multipart into parts', async () => {
    const plain = Buffer.from(`#!/bin/sh\nTOKEN=abc123\n`).toString('base64');
    assert.deepEqual(await detectInUserData(plain), [{ name: 'TOKEN', ruleIds: ['secret-name'], location: 'user data line 2' }]);
    const gz = gzipSync(Buffer.from(`#!/bin/sh\necho ok\nKEY=${KEY_ID}\n`)).toString('base64');
    assert.deepEqual(await detectInUserData(gz), [{ name: 'KEY', ruleIds: ['aws-access-key-id'], location: 'user data line 3' }]);
    const mime = [
      'Content-Type: multipart/mixed; boundary="//"',
      'MIME-Version: 1.0',
      '',
      '--//',
      'Content-Type: text/cloud-config; charset="us-ascii"',
      '',
      '#cloud-config',
      'runcmd: [echo hi]',
      '--//',
      'Content-Type: text/x-shellscript',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('#!/bin/sh\necho start\nexport API_KEY=sk_live_0123\n').toString('base64'),
      '--//--',
      '',
    ].join('\n');
    const decoded = decodeUserData(Buffer.from(mime).toString('base64'));
    assert.deepEqual(decoded.map((p) => p.label), ['user data part 1', 'user data part 2']);
    assert.deepEqual(await detectInUserData(Buffer.from(mime).toString('base64')), [{ name: 'API_KEY', ruleIds: ['secret-name'], location: 'user data part 2 line 3' }]);
  });

  it('throws on gzip data that does not inflate, so the collector records an error instead of a pass', () => {
    const broken = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from('not gzip at all')]).toString('base64');
    assert.throws(() => decodeUserData(broken));
  });

  it('entropy threshold: ≥ 4.5 bits/char over ≥ 20 characters', async () => {
    assert.equal(shannonEntropy('aaaa'), 0);
    assert.equal(shannonEntropy('abcd'), 2);
    // 19 distinct characters cannot reach the length floor; 32 distinct ones pass
    assert.deepEqual(await detectInVariables([{ name: 'X', value: 'abcdefghijklmnopqrs' }], 'e'), []);
    assert.deepEqual(await detectInVariables([{ name: 'X', value: 'abcdefghijklmnopqrstuvwxyzABCDEF' }], 'e'), [{ name: 'X', ruleIds: ['high-entropy'], location: 'e' }]);
  });
});
