// Field matching semantics: every modifier (positive and negative), null, nested paths, arrays, case, wildcards.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleText } from './parse.ts';
import type { DetectionRule } from './types.ts';
import type { CloudTrailRecord } from '../types.ts';

/** A rule whose single selection `s` is the given YAML map body (2-space indented under `s:`). */
function sel(body: string, vars?: Record<string, string[]>): DetectionRule {
  const text = `title: t\nid: t\nlogsource: { product: aws, service: cloudtrail }\nlevel: high\ndetection:\n  s:\n${body
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n  condition: s\n`;
  return parseRuleText(text, 'm.yml', vars ? { vars } : {});
}
const ev = (fields: Record<string, unknown>): CloudTrailRecord => ({
  eventTime: '2024-01-01T00:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'X',
  ...fields,
});
const hits = (rule: DetectionRule, fields: Record<string, unknown>): boolean => rule.match(ev(fields)).matched;

describe('plain values', () => {
  test('compare case-insensitively', () => {
    const r = sel('eventName: StopLogging');
    assert.equal(hits(r, { eventName: 'stoplogging' }), true);
    assert.equal(hits(r, { eventName: 'StopLoggingX' }), false);
  });
  test('cased makes them case-sensitive', () => {
    const r = sel('eventName|cased: StopLogging');
    assert.equal(hits(r, { eventName: 'StopLogging' }), true);
    assert.equal(hits(r, { eventName: 'stoplogging' }), false);
  });
  test('* and ? are wildcards; \\* \\? \\\\ are literals', () => {
    const r = sel('eventName: Get*Pol?cy');
    assert.equal(hits(r, { eventName: 'GetBucketPolicy' }), true);
    assert.equal(hits(r, { eventName: 'GetBucketPolxicy' }), false);
    const lit = sel("userAgent: 'a\\*b\\?c\\\\d'");
    assert.equal(hits(lit, { userAgent: 'a*b?c\\d' }), true);
    assert.equal(hits(lit, { userAgent: 'aXb?c\\d' }), false);
  });
  test('a list of values is OR; a map is AND', () => {
    const r = sel('eventName: [StopLogging, DeleteTrail]\neventSource: cloudtrail.amazonaws.com');
    assert.equal(hits(r, { eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com' }), true);
    assert.equal(hits(r, { eventName: 'DeleteTrail' }), false);
    assert.equal(hits(r, { eventName: 'UpdateTrail', eventSource: 'cloudtrail.amazonaws.com' }), false);
  });
  test('a long literal list (set lookup) stays case-insensitive', () => {
    const r = sel('eventName: [A1, B2, C3, D4, E5]');
    assert.equal(hits(r, { eventName: 'd4' }), true);
    assert.equal(hits(r, { eventName: 'F6' }), false);
  });
  test('numbers match by value and their string form', () => {
    const r = sel('requestParameters.fromPort: 22');
    assert.equal(hits(r, { requestParameters: { fromPort: 22 } }), true);
    assert.equal(hits(r, { requestParameters: { fromPort: '22' } }), true);
    assert.equal(hits(r, { requestParameters: { fromPort: 220 } }), false);
    assert.equal(hits(r, { requestParameters: { fromPort: '220' } }), false);
  });
  test('booleans match by value and "true"/"false" strings', () => {
    const r = sel('requestParameters.enable: false');
    assert.equal(hits(r, { requestParameters: { enable: false } }), true);
    assert.equal(hits(r, { requestParameters: { enable: 'False' } }), true);
    assert.equal(hits(r, { requestParameters: { enable: true } }), false);
    assert.equal(hits(r, { requestParameters: {} }), false);
  });
  test('string values match numbers recorded as numbers', () => {
    const r = sel("requestParameters.port: '443'");
    assert.equal(hits(r, { requestParameters: { port: 443 } }), true);
  });
  test('an empty string matches only the empty string', () => {
    const r = sel("requestParameters.kmsKeyId: ''");
    assert.equal(hits(r, { requestParameters: { kmsKeyId: '' } }), true);
    assert.equal(hits(r, { requestParameters: { kmsKeyId: 'k' } }), false);
    assert.equal(hits(r, { requestParameters: {} }), false);
  });
});

describe('null and exists', () => {
  test('null means absent or null', () => {
    const r = sel('userIdentity.invokedBy: null');
    assert.equal(hits(r, { userIdentity: {} }), true);
    assert.equal(hits(r, { userIdentity: { invokedBy: null } }), true);
    assert.equal(hits(r, {}), true);
    assert.equal(hits(r, { userIdentity: { invokedBy: 'ec2.amazonaws.com' } }), false);
  });
  test('null can be one of several values', () => {
    const r = sel("errorCode: [null, 'NoSuchBucket']");
    assert.equal(hits(r, {}), true);
    assert.equal(hits(r, { errorCode: 'NoSuchBucket' }), true);
    assert.equal(hits(r, { errorCode: 'AccessDenied' }), false);
  });
  test('exists: true / false', () => {
    const yes = sel('errorCode|exists: true');
    const no = sel('errorCode|exists: false');
    assert.equal(hits(yes, { errorCode: 'AccessDenied' }), true);
    assert.equal(hits(yes, {}), false);
    assert.equal(hits(no, {}), true);
    assert.equal(hits(no, { errorCode: null }), true);
    assert.equal(hits(no, { errorCode: 'AccessDenied' }), false);
  });
});

describe('nested fields and arrays', () => {
  test('dotted paths reach nested fields', () => {
    const r = sel('responseElements.ConsoleLogin: Success');
    assert.equal(hits(r, { responseElements: { ConsoleLogin: 'Success' } }), true);
    assert.equal(hits(r, { responseElements: { ConsoleLogin: 'Failure' } }), false);
    assert.equal(hits(r, { responseElements: null }), false);
  });
  test('a path crossing arrays matches if any element matches', () => {
    const r = sel('requestParameters.ipPermissions.items.ipRanges.items.cidrIp: 0.0.0.0/0');
    const perms = (cidrs: string[][]): Record<string, unknown> => ({
      requestParameters: { ipPermissions: { items: cidrs.map((c) => ({ ipRanges: { items: c.map((cidrIp) => ({ cidrIp })) } })) } },
    });
    assert.equal(hits(r, perms([['10.0.0.0/8'], ['192.168.0.0/16', '0.0.0.0/0']])), true);
    assert.equal(hits(r, perms([['10.0.0.0/8'], ['192.168.0.0/16']])), false);
  });
  test('an array leaf matches if any element matches', () => {
    const r = sel('requestParameters.valuesToAdd: all');
    assert.equal(hits(r, { requestParameters: { valuesToAdd: ['123456789012', 'all'] } }), true);
    assert.equal(hits(r, { requestParameters: { valuesToAdd: ['123456789012'] } }), false);
  });
  test('a key that contains dots is tried as one key', () => {
    const r = sel('requestParameters.x.amz.acl: public-read');
    assert.equal(hits(r, { requestParameters: { 'x.amz.acl': 'public-read' } }), true);
    assert.equal(hits(r, { requestParameters: { x: { 'amz.acl': 'public-read' } } }), true);
    assert.equal(hits(r, { requestParameters: { 'x.amz.acl': 'private' } }), false);
  });
  test('objects never equal a scalar value', () => {
    const r = sel("requestParameters.policy: '*'");
    assert.equal(hits(r, { requestParameters: { policy: { Version: '2012-10-17' } } }), false);
  });
});

describe('string modifiers', () => {
  test('contains', () => {
    const r = sel('userIdentity.arn|contains: assumed-role/AWSReservedSSO');
    assert.equal(hits(r, { userIdentity: { arn: 'arn:aws:sts::1:assumed-role/awsreservedsso_Admin/me' } }), true);
    assert.equal(hits(r, { userIdentity: { arn: 'arn:aws:iam::1:user/me' } }), false);
  });
  test('contains keeps inner wildcards', () => {
    const r = sel('userAgent|contains: aws-cli*Linux');
    assert.equal(hits(r, { userAgent: 'x aws-cli/2 Python Linux/5' }), true);
    assert.equal(hits(r, { userAgent: 'Linux aws-cli/2' }), false);
  });
  test('startswith', () => {
    const r = sel('errorCode|startswith: AccessDenied');
    assert.equal(hits(r, { errorCode: 'AccessDeniedException' }), true);
    assert.equal(hits(r, { errorCode: 'Client.AccessDenied' }), false);
  });
  test('endswith', () => {
    const r = sel('errorCode|endswith: UnauthorizedOperation');
    assert.equal(hits(r, { errorCode: 'Client.UnauthorizedOperation' }), true);
    assert.equal(hits(r, { errorCode: 'UnauthorizedOperationX' }), false);
  });
  test('all: every value must match', () => {
    const r = sel('userAgent|contains|all: [boto3, Linux]');
    assert.equal(hits(r, { userAgent: 'Boto3/1.2 linux' }), true);
    assert.equal(hits(r, { userAgent: 'Boto3/1.2 Windows' }), false);
  });
  test('all across array elements: each value may match a different element', () => {
    const r = sel('requestParameters.valuesToAdd|all: [all, "123"]');
    assert.equal(hits(r, { requestParameters: { valuesToAdd: ['123', 'all'] } }), true);
    assert.equal(hits(r, { requestParameters: { valuesToAdd: ['all'] } }), false);
  });
  test('windash: a leading dash also matches / and unicode dashes', () => {
    const r = sel('userAgent|windash|contains: " -enc"');
    assert.equal(hits(r, { userAgent: 'powershell /enc abc' }), true);
    assert.equal(hits(r, { userAgent: 'powershell \u2013enc abc' }), true);
    assert.equal(hits(r, { userAgent: 'powershell enc abc' }), false);
  });
});

describe('re', () => {
  test('is case-sensitive by default and unanchored', () => {
    const r = sel("eventName|re: 'Delete(Trail|Detector)$'");
    assert.equal(hits(r, { eventName: 'DeleteTrail' }), true);
    assert.equal(hits(r, { eventName: 'deletetrail' }), false);
  });
  test('re|i, re|m, re|s', () => {
    assert.equal(hits(sel("eventName|re|i: '^deletetrail$'"), { eventName: 'DeleteTrail' }), true);
    assert.equal(hits(sel("errorMessage|re|m: '^second$'"), { errorMessage: 'first\nsecond' }), true);
    assert.equal(hits(sel("errorMessage|re: '^second$'"), { errorMessage: 'first\nsecond' }), false);
    assert.equal(hits(sel("errorMessage|re|s: 'first.second'"), { errorMessage: 'first\nsecond' }), true);
    assert.equal(hits(sel("errorMessage|re: 'first.second'"), { errorMessage: 'first\nsecond' }), false);
  });
  test('applies to the string form of numbers', () => {
    assert.equal(hits(sel("requestParameters.port|re: '^22$'"), { requestParameters: { port: 22 } }), true);
  });
});

describe('cidr', () => {
  test('IPv4', () => {
    const r = sel('sourceIPAddress|cidr: 10.0.0.0/8');
    assert.equal(hits(r, { sourceIPAddress: '10.20.30.40' }), true);
    assert.equal(hits(r, { sourceIPAddress: '11.0.0.1' }), false);
    assert.equal(hits(r, { sourceIPAddress: 'cloudtrail.amazonaws.com' }), false);
  });
  test('IPv6', () => {
    const r = sel("sourceIPAddress|cidr: '2001:db8::/32'");
    assert.equal(hits(r, { sourceIPAddress: '2001:db8:1::5' }), true);
    assert.equal(hits(r, { sourceIPAddress: '2001:db9::5' }), false);
    assert.equal(hits(r, { sourceIPAddress: '10.0.0.1' }), false);
  });
  test('a list of networks is OR', () => {
    const r = sel("sourceIPAddress|cidr: ['192.168.0.0/16', 'fd00::/8']");
    assert.equal(hits(r, { sourceIPAddress: 'fd12::1' }), true);
    assert.equal(hits(r, { sourceIPAddress: '192.169.0.1' }), false);
  });
});

describe('numeric comparisons', () => {
  test('gt, gte, lt, lte with numbers and numeric strings', () => {
    const p = (v: unknown): Record<string, unknown> => ({ requestParameters: { minimumPasswordLength: v } });
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|lt: 14'), p(8)), true);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|lt: 14'), p(14)), false);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|lte: 14'), p('14')), true);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|lte: 14'), p(15)), false);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|gt: 14'), p(15)), true);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|gt: 14'), p(14)), false);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|gte: 14'), p(14)), true);
    assert.equal(hits(sel('requestParameters.minimumPasswordLength|gte: 14'), p('abc')), false);
  });
});

describe('fieldref', () => {
  test('matches when two fields hold the same value', () => {
    const r = sel('requestParameters.userName|fieldref: userIdentity.userName');
    assert.equal(hits(r, { requestParameters: { userName: 'Alice' }, userIdentity: { userName: 'alice' } }), true);
    assert.equal(hits(r, { requestParameters: { userName: 'bob' }, userIdentity: { userName: 'alice' } }), false);
    assert.equal(hits(r, { requestParameters: {}, userIdentity: {} }), false);
  });
});

describe('base64 and encodings', () => {
  test('base64 matches the encoded value', () => {
    const r = sel('requestParameters.userData: hello');
    assert.equal(hits(r, { requestParameters: { userData: 'hello' } }), true);
    const b = sel('requestParameters.userData|base64: hello');
    assert.equal(hits(b, { requestParameters: { userData: 'aGVsbG8=' } }), true);
    assert.equal(hits(b, { requestParameters: { userData: 'hello' } }), false);
  });
  test('base64offset|contains finds the value at any byte offset', () => {
    const r = sel('requestParameters.userData|base64offset|contains: curl http');
    for (const prefix of ['', 'x', 'xy', '#!/bin/sh\n']) {
      const encoded = Buffer.from(`${prefix}curl http://evil`).toString('base64');
      assert.equal(hits(r, { requestParameters: { userData: encoded } }), true, prefix);
    }
    assert.equal(hits(r, { requestParameters: { userData: Buffer.from('wget http://x').toString('base64') } }), false);
  });
  test('utf16le before base64 encodes UTF-16', () => {
    const r = sel('requestParameters.d|utf16le|base64: ab');
    assert.equal(hits(r, { requestParameters: { d: Buffer.from('ab', 'utf16le').toString('base64') } }), true);
    assert.equal(hits(r, { requestParameters: { d: Buffer.from('ab').toString('base64') } }), false);
  });
});

describe('expand', () => {
  test('fills %placeholders% from vars', () => {
    const r = sel("requestParameters.bucketName|expand: '%trail_buckets%'", { trail_buckets: ['org-trail', 'audit-*'] });
    assert.equal(r.disabled, undefined);
    assert.equal(hits(r, { requestParameters: { bucketName: 'org-trail' } }), true);
    assert.equal(hits(r, { requestParameters: { bucketName: 'audit-logs' } }), true);
    assert.equal(hits(r, { requestParameters: { bucketName: 'data' } }), false);
  });
  test('embedded placeholders expand in place', () => {
    const r = sel("userIdentity.arn|expand: 'arn:aws:iam::%acct%:root'", { acct: ['111', '222'] });
    assert.equal(hits(r, { userIdentity: { arn: 'arn:aws:iam::222:root' } }), true);
    assert.equal(hits(r, { userIdentity: { arn: 'arn:aws:iam::333:root' } }), false);
  });
  test('without vars the rule is disabled with a reason, not silently empty', () => {
    const r = sel("requestParameters.bucketName|expand: '%trail_buckets%'");
    assert.ok(r.disabled);
    assert.match(r.disabled.reason, /m\.yml:7: placeholder %trail_buckets% has no value/);
    assert.equal(hits(r, { requestParameters: { bucketName: 'org-trail' } }), false);
  });
});

describe('keywords and lists of maps', () => {
  const rule = (detection: string): DetectionRule =>
    parseRuleText(`title: t\nid: t\nlogsource: { product: aws, service: cloudtrail }\nlevel: low\ndetection:\n${detection}`, 'k.yml');
  test('a plain list is a keyword search over every string value', () => {
    const r = rule('  keywords: [mimikatz, "evil*tool"]\n  condition: keywords\n');
    assert.equal(r.match(ev({ requestParameters: { deep: [{ cmd: 'run MimiKatz now' }] } })).matched, true);
    assert.equal(r.match(ev({ userAgent: 'an evil-ish tool' })).matched, true);
    assert.equal(r.match(ev({ userAgent: 'benign' })).matched, false);
  });
  test('a list of maps is OR of the maps', () => {
    const r = rule('  s:\n    - { eventName: A, errorCode: E }\n    - { eventName: B }\n  condition: s\n');
    assert.equal(r.match(ev({ eventName: 'A', errorCode: 'E' })).matched, true);
    assert.equal(r.match(ev({ eventName: 'B' })).matched, true);
    assert.equal(r.match(ev({ eventName: 'A' })).matched, false);
  });
});

describe('modifier errors name file and line (line 7 = the field key)', () => {
  const cases: Array<[string, RegExp]> = [
    ['eventName|contians: x', /^m\.yml:7: .*unknown modifier "contians"/],
    ['eventName|minute: 5', /^m\.yml:7: .*"minute" is not supported/],
    ["eventName|re: '(unclosed'", /^m\.yml:7: .*invalid regular expression/],
    ['sourceIPAddress|cidr: 10.0.0.0/40', /^m\.yml:7: .*invalid CIDR/],
    ['requestParameters.x|gt: abc', /^m\.yml:7: .*gt needs a number/],
    ['errorCode|exists: maybe', /^m\.yml:7: .*exists takes true or false/],
    ['eventName|contains|startswith: x', /^m\.yml:7: .*cannot be combined/],
    ['eventName|wide: x', /^m\.yml:7: .*only makes sense directly before base64/],
    ['rampart.nope: true', /^m\.yml:7: .*unknown derived field/],
    ['eventName: []', /^m\.yml:7: .*empty list/],
    ['requestParameters: { bucketName: x }', /^m\.yml:7: .*must be a single value, not a map/],
    ['eventName|contains: null', /^m\.yml:7: .*null is only allowed without modifiers/],
  ];
  for (const [body, pattern] of cases) {
    test(body, () => {
      assert.throws(() => sel(body), (e: Error) => {
        assert.equal(e.name, 'RuleLoadError');
        assert.match(e.message, pattern);
        return true;
      });
    });
  }
});
