import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { errorsOf, ocsfDetectionValidator } from '../../test/support/schemas.ts';
import { main } from '../cli/main.ts';
import { silentLogger } from '../core/logger.ts';
import { alert } from '../detect/sinks/fixtures.ts';
import { toOcsfDetectionFinding } from './ocsf-detection.ts';

describe('OCSF Detection Finding writer', () => {
  const variants = {
    plain: alert(),
    threshold: alert({ threshold: { count: 12, windowSeconds: 300, groupKey: 'alice', firstEventTime: '2026-11-20T08:10:00Z' } }),
    anonymous: alert({ actor: { type: 'AWSService', arn: undefined, userName: undefined, accessKeyId: undefined }, sourceIPAddress: 's3.amazonaws.com', accountId: undefined, awsRegion: undefined }),
    keyOnly: alert({ actor: { type: 'IAMUser', arn: undefined, userName: undefined, accessKeyId: 'AKIAEXAMPLE' }, accountId: undefined, errorCode: 'AccessDenied', eventId: undefined }),
  };

  it('every variant is valid against the OCSF 1.6.0 Detection Finding schema (class 2004, cloud profile)', () => {
    const validate = ocsfDetectionValidator();
    for (const [name, a] of Object.entries(variants)) assert.ok(validate(toOcsfDetectionFinding(a)), `${name}: ${errorsOf(validate)}`);
    assert.equal(validate({ ...toOcsfDetectionFinding(variants.plain), class_uid: 2003 }), false, 'the validator rejects the wrong class');
  });

  it('maps the rule, severity, event, actor and time', () => {
    const f = toOcsfDetectionFinding(variants.plain);
    assert.equal(f.class_uid, 2004);
    assert.equal(f.type_uid, 200401);
    assert.equal(f.severity_id, 5);
    assert.equal(f.time, Date.parse('2026-11-20T08:14:03Z'));
    assert.equal(f.finding_info.analytic.uid, 'det-cloudtrail-stop');
    assert.deepEqual(f.api.service, { name: 'cloudtrail.amazonaws.com' });
    assert.equal(f.api.operation, 'StopLogging');
    assert.equal(f.evidences[0]?.actor?.user.uid, 'arn:aws:iam::111122223333:user/alice');
    assert.deepEqual(f.evidences[0]?.src_endpoint, { ip: '203.0.113.10' });
    const t = toOcsfDetectionFinding(variants.threshold);
    assert.equal(t.count, 12);
    assert.equal(t.finding_info.first_seen_time, Date.parse('2026-11-20T08:10:00Z'));
  });

  it('`rampart detect --format ocsf` writes one valid finding per alert, one per line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rampart-ocsf-det-'));
    const file = join(dir, 'trail.json');
    const record = {
      eventVersion: '1.09', eventTime: '2026-11-20T08:14:03Z', eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging',
      awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.10', userAgent: 'aws-cli/2', eventID: 'e-1', eventType: 'AwsApiCall',
      recipientAccountId: '111122223333', readOnly: false,
      userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
      requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail' }, responseElements: null,
    };
    await writeFile(file, JSON.stringify({ Records: [record] }));
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await main(['detect', file, '--format', 'ocsf', '--workers', '0'], { stdout, stderr: new PassThrough(), env: {}, logger: silentLogger });
    assert.equal(code, 0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(lines.length >= 1, 'StopLogging raises an alert');
    const validate = ocsfDetectionValidator();
    for (const l of lines) assert.ok(validate(l), errorsOf(validate));
    assert.ok(lines.some((l) => l.api.operation === 'StopLogging'));
  });
});
