// Executes the SQL compiled from rules in an in-memory DuckDB table with the CloudTrail Athena shape,
// and checks it returns exactly the rules' embedded match events (built-in rules and fixtures below).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { compileRulesToSql } from './sql.ts';
import { builtinRulesDir, parseRuleText, type DetectionRule } from './rules/index.ts';
import type { CloudTrailRecord } from './types.ts';

const createTable = (name: string): string => `CREATE OR REPLACE TABLE ${name} (
  eventversion VARCHAR,
  useridentity STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR,
    accesskeyid VARCHAR, username VARCHAR,
    sessioncontext STRUCT(attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR),
      sessionissuer STRUCT(type VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR),
      ec2roledelivery VARCHAR)),
  eventtime VARCHAR, eventsource VARCHAR, eventname VARCHAR, awsregion VARCHAR, sourceipaddress VARCHAR,
  useragent VARCHAR, errorcode VARCHAR, errormessage VARCHAR, requestparameters VARCHAR, responseelements VARCHAR,
  additionaleventdata VARCHAR, requestid VARCHAR, eventid VARCHAR,
  resources STRUCT(arn VARCHAR, accountid VARCHAR, type VARCHAR)[], eventtype VARCHAR, apiversion VARCHAR,
  readonly VARCHAR, recipientaccountid VARCHAR, serviceeventdetails VARCHAR, sharedeventid VARCHAR, vpcendpointid VARCHAR)`;

const sq = (s: string): string => `'${s.replace(/'/g, "''")}'`;
/** JSON sub-document as the table stores it: text, or NULL when absent or JSON null. */
const jsonText = (p: string): string => `CASE WHEN json_type(j, '${p}') IS NULL OR json_type(j, '${p}') = 'NULL' THEN NULL ELSE CAST(json_extract(j, '${p}') AS VARCHAR) END`;
const s = (p: string): string => `json_extract_string(j, '${p}')`;

/** Convert records to rows the way CloudTrail's Athena SerDe does: nested JSON stays text. */
async function insert(conn: DuckDBConnection, table: string, records: Array<{ id: string; record: CloudTrailRecord }>): Promise<void> {
  if (records.length === 0) return;
  const values = records.map(({ id, record }) => `(${sq(id)}, ${sq(JSON.stringify(record))}::JSON)`).join(',\n');
  const ui = (f: string): string => s(`$.userIdentity.${f}`);
  await conn.run(`INSERT INTO ${table}
    SELECT ${s('$.eventVersion')},
      CASE WHEN json_extract(j, '$.userIdentity') IS NULL THEN NULL ELSE struct_pack(
        type := ${ui('type')}, principalid := ${ui('principalId')}, arn := ${ui('arn')}, accountid := ${ui('accountId')},
        invokedby := ${ui('invokedBy')}, accesskeyid := ${ui('accessKeyId')}, username := ${ui('userName')},
        sessioncontext := struct_pack(
          attributes := struct_pack(mfaauthenticated := ${ui('sessionContext.attributes.mfaAuthenticated')}, creationdate := ${ui('sessionContext.attributes.creationDate')}),
          sessionissuer := struct_pack(type := ${ui('sessionContext.sessionIssuer.type')}, principalid := ${ui('sessionContext.sessionIssuer.principalId')},
            arn := ${ui('sessionContext.sessionIssuer.arn')}, accountid := ${ui('sessionContext.sessionIssuer.accountId')}, username := ${ui('sessionContext.sessionIssuer.userName')}),
          ec2roledelivery := ${ui('sessionContext.ec2RoleDelivery')})) END,
      coalesce(${s('$.eventTime')}, '2024-01-01T00:00:00Z'), ${s('$.eventSource')}, ${s('$.eventName')}, ${s('$.awsRegion')}, ${s('$.sourceIPAddress')},
      ${s('$.userAgent')}, ${s('$.errorCode')}, ${s('$.errorMessage')}, ${jsonText('$.requestParameters')}, ${jsonText('$.responseElements')},
      ${jsonText('$.additionalEventData')}, ${s('$.requestID')}, id,
      NULL, ${s('$.eventType')}, ${s('$.apiVersion')}, ${s('$.readOnly')}, ${s('$.recipientAccountId')}, ${jsonText('$.serviceEventDetails')},
      ${s('$.sharedEventID')}, ${s('$.vpcEndpointId')}
    FROM (VALUES ${values}) AS v(id, j)`);
}

/** eventid → severity of every row a plain rule's query returns. */
async function returnedRows(conn: DuckDBConnection, sql: string): Promise<Map<string, string>> {
  const reader = await conn.runAndReadAll(sql);
  return new Map(reader.getRowObjectsJS().map((r) => [String(r.eventid), String(r.severity)]));
}

async function thresholdRows(conn: DuckDBConnection, sql: string): Promise<number> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().length;
}

const head = `logsource: { product: aws, service: cloudtrail }
level: high
`;
const fixtureRules: string[] = [
  `title: fixture stop logging
id: fx-stop
${head}detection:
  selection: { eventSource: cloudtrail.amazonaws.com, eventName: [StopLogging, DeleteTrail] }
  failed: { errorCode|exists: true }
  condition: selection and not failed
severityWhen:
  - { condition: selection and root, severity: critical }
tests:
  - { expect: match, event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging } }
  - { expect: match, event: { eventSource: cloudtrail.amazonaws.com, eventName: deletetrail } }
  - { expect: no-match, event: { eventSource: cloudtrail.amazonaws.com, eventName: StopLogging, errorCode: AccessDenied } }
  - { expect: no-match, event: { eventSource: cloudtrail.amazonaws.com, eventName: StartLogging } }
`.replace('detection:\n', 'detection:\n  root: { userIdentity.type: Root }\n'),
  `title: fixture json and modifiers
id: fx-json
${head}detection:
  sel_policy:
    eventName|startswith: PutBucket
    requestParameters.bucketName|contains: LOG
  sel_num:
    requestParameters.minimumPasswordLength|lt: 14
  sel_bool:
    requestParameters.enable: false
  sel_re:
    userAgent|re|i: '^aws-cli/2\\.'
  sel_null:
    eventName: UpdateAccountPasswordPolicy
    requestParameters.requireSymbols: null
  condition: 1 of sel_* 
tests:
  - { expect: match, event: { eventSource: s3.amazonaws.com, eventName: PutBucketPolicy, requestParameters: { bucketName: my-logs } } }
  - { expect: no-match, event: { eventSource: s3.amazonaws.com, eventName: PutBucketPolicy, requestParameters: { bucketName: data } } }
  - { expect: match, event: { eventSource: iam.amazonaws.com, eventName: X, requestParameters: { minimumPasswordLength: 8 } } }
  - { expect: no-match, event: { eventSource: iam.amazonaws.com, eventName: X, requestParameters: { minimumPasswordLength: 20 } } }
  - { expect: match, event: { eventSource: guardduty.amazonaws.com, eventName: UpdateDetector, requestParameters: { enable: false } } }
  - { expect: match, event: { eventSource: guardduty.amazonaws.com, eventName: UpdateDetector, requestParameters: { enable: "false" } } }
  - { expect: no-match, event: { eventSource: guardduty.amazonaws.com, eventName: UpdateDetector, requestParameters: { enable: true } } }
  - { expect: match, event: { eventSource: x.amazonaws.com, eventName: Y, userAgent: AWS-CLI/2.15 } }
  - { expect: no-match, event: { eventSource: x.amazonaws.com, eventName: Y, userAgent: aws-cli/1.15 } }
  - { expect: match, event: { eventSource: iam.amazonaws.com, eventName: UpdateAccountPasswordPolicy, requestParameters: { minimumPasswordLength: 14 } } }
  - { expect: no-match, event: { eventSource: iam.amazonaws.com, eventName: UpdateAccountPasswordPolicy, requestParameters: { minimumPasswordLength: 14, requireSymbols: true } } }
`,
  `title: fixture fieldref and wildcards
id: fx-fieldref
${head}detection:
  selection:
    eventName: Create?ccessKey
    userIdentity.arn: 'arn:aws:iam::*:user/*'
  self:
    userIdentity.userName|fieldref: userIdentity.principalId
  condition: selection and not self
tests:
  - { expect: match, event: { eventSource: iam.amazonaws.com, eventName: CreateAccessKey, userIdentity: { arn: 'arn:aws:iam::1:user/a', userName: a, principalId: B } } }
  - { expect: no-match, event: { eventSource: iam.amazonaws.com, eventName: CreateAccessKey, userIdentity: { arn: 'arn:aws:iam::1:user/a', userName: a, principalId: A } } }
  - { expect: no-match, event: { eventSource: iam.amazonaws.com, eventName: CreateAccessKey, userIdentity: { arn: 'arn:aws:sts::1:assumed-role/r/s' } } }
`,
  `title: fixture threshold
id: fx-threshold
${head}detection:
  selection: { eventName: ConsoleLogin, responseElements.ConsoleLogin: Failure }
  condition: selection
threshold: { count: 3, window: 10m, groupBy: [userIdentity.userName] }
tests:
  - expect: match
    events:
      - { eventSource: signin.amazonaws.com, eventName: ConsoleLogin, eventTime: '2024-05-01T10:00:10Z', userIdentity: { userName: bob }, responseElements: { ConsoleLogin: Failure } }
      - { eventSource: signin.amazonaws.com, eventName: ConsoleLogin, eventTime: '2024-05-01T10:01:00Z', userIdentity: { userName: bob }, responseElements: { ConsoleLogin: Failure } }
      - { eventSource: signin.amazonaws.com, eventName: ConsoleLogin, eventTime: '2024-05-01T10:02:00Z', userIdentity: { userName: bob }, responseElements: { ConsoleLogin: Failure } }
  - expect: no-match
    events:
      - { eventSource: signin.amazonaws.com, eventName: ConsoleLogin, eventTime: '2024-05-01T10:00:10Z', userIdentity: { userName: bob }, responseElements: { ConsoleLogin: Failure } }
      - { eventSource: signin.amazonaws.com, eventName: ConsoleLogin, eventTime: '2024-05-01T10:01:00Z', userIdentity: { userName: eve }, responseElements: { ConsoleLogin: Failure } }
      - { eventSource: signin.amazonaws.com, eventName: ConsoleLogin, eventTime: '2024-05-01T10:02:00Z', userIdentity: { userName: bob }, responseElements: { ConsoleLogin: Success } }
`,
];

function builtinRules(): DetectionRule[] {
  let files: string[] = [];
  try {
    files = readdirSync(builtinRulesDir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return [];
  }
  // Rules with placeholders run with their testVars, as their embedded tests do.
  return files.map((f) => parseRuleText(readFileSync(join(builtinRulesDir, f), 'utf8'), f)).map((r) => r.forTests?.() ?? r);
}

const fixtures = fixtureRules.map((text, i) => parseRuleText(text, `fixture-${i}.yml`));

describe('compiled SQL in DuckDB', () => {
  let instance: DuckDBInstance;
  let conn: DuckDBConnection;
  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    conn = await instance.connect();
  });
  after(() => {
    conn.closeSync();
    instance.closeSync();
  });

  const checkRules = async (rules: DetectionRule[]): Promise<number> => {
    const { queries } = compileRulesToSql(rules, 'duckdb');
    const byId = new Map(rules.map((r) => [r.id, r]));
    await conn.run(createTable('cloudtrail_logs'));
    // All plain-rule test events in one table: other rules' events must not leak into a rule's result.
    const all: Array<{ id: string; record: CloudTrailRecord }> = [];
    for (const r of rules) {
      if (r.threshold) continue;
      r.tests.forEach((t, ti) => t.events.forEach((e, ei) => all.push({ id: `${r.id}#${ti}#${ei}`, record: e })));
    }
    await insert(conn, 'cloudtrail_logs', all);
    for (const q of queries) {
      const rule = byId.get(q.ruleId)!;
      if (rule.threshold) {
        for (const [ti, t] of rule.tests.entries()) {
          await conn.run(createTable('cloudtrail_logs'));
          await insert(conn, 'cloudtrail_logs', t.events.map((e, ei) => ({ id: `${ti}#${ei}`, record: e })));
          const rows = await thresholdRows(conn, q.sql);
          // Fixed buckets only ever miss bursts: a no-match must stay silent; a match is checked when it fits one bucket.
          if (t.expect === 'no-match') assert.equal(rows, 0, `${rule.id} test ${ti} (${rule.file}:${t.line}) alerted in SQL`);
          else {
            const w = rule.threshold.windowSeconds * 1000;
            const buckets = new Set(t.events.map((e) => Math.floor(Date.parse(e.eventTime) / w)));
            if (buckets.size === 1) assert.ok(rows > 0, `${rule.id} test ${ti} (${rule.file}:${t.line}) did not alert in SQL`);
          }
        }
        await conn.run(createTable('cloudtrail_logs'));
        await insert(conn, 'cloudtrail_logs', all);
        continue;
      }
      const rows = await returnedRows(conn, q.sql);
      rule.tests.forEach((t, ti) =>
        t.events.forEach((e, ei) => {
          const id = `${rule.id}#${ti}#${ei}`;
          const where = `${rule.id} ${t.name ?? ''} (${rule.file}:${t.line}) event ${ei}`;
          // The engine's verdict on the event is the reference (and agrees with the test's expectation).
          const verdict = rule.match(e);
          assert.equal(verdict.matched, t.expect === 'match', `${where}: the engine disagrees with the test`);
          assert.equal(rows.has(id), verdict.matched, `${where}: SQL ${verdict.matched ? 'missed it' : 'returned it'}\n${q.sql}`);
          if (verdict.matched) assert.equal(rows.get(id), verdict.severity, `${where}: SQL severity differs from the engine's`);
        }),
      );
    }
    return queries.length;
  };

  test('fixture rules compile and return exactly their match events', async () => {
    const n = await checkRules(fixtures);
    assert.equal(n, fixtures.length);
  });

  test('every built-in rule that compiles returns exactly its match events', async (t) => {
    const rules = builtinRules();
    if (rules.length === 0) {
      t.skip('no built-in rules yet');
      return;
    }
    const { skipped } = compileRulesToSql(rules, 'duckdb');
    assert.deepEqual(skipped, [], 'every built-in rule compiles to SQL');
    const n = await checkRules(rules);
    t.diagnostic(`${n} of ${rules.length} built-in rules compiled and checked`);
    assert.equal(n, rules.length);
  });
});

describe('compileRulesToSql', () => {
  test('athena fans out with lax json_query and uses regexp_like and from_iso8601_timestamp', () => {
    const { queries } = compileRulesToSql(fixtures, 'athena', { table: 'db.cloudtrail' });
    const all = queries.map((q) => q.sql).join('\n');
    assert.match(all, /any_match\(CAST\(json_parse\(coalesce\(json_query\(requestparameters, 'lax \$\."bucketName"\[\*\]' WITH ARRAY WRAPPER\), '\[\]'\)\) AS ARRAY\(JSON\)\), x\d+ ->/);
    assert.match(all, /regexp_like\(useragent, '\(\?i\)\^aws-cli/);
    assert.match(all, /from_iso8601_timestamp\(eventtime\)/);
    assert.match(all, /FROM db\.cloudtrail/);
    assert.match(all, /HAVING count\(\*\) >= 3/);
  });

  test('skips what has no exact SQL form, with a reason', () => {
    const rule = (detection: string, id: string): DetectionRule =>
      parseRuleText(`title: t\nid: ${id}\n${head}detection:\n${detection}`, `${id}.yml`);
    const { queries, skipped } = compileRulesToSql(
      [
        rule('  k: [evil]\n  condition: k\n', 'kw'),
        rule('  s: { sourceIPAddress|cidr: 10.0.0.0/8 }\n  condition: s\n', 'cidr'),
        rule('  s: { tlsDetails.tlsVersion: TLSv1 }\n  condition: s\n', 'column'),
        rule('  s: { resources.name: x }\n  condition: s\n', 'resource-field'),
        parseRuleText(`title: t\nid: vars\n${head}detection:\n  s: { eventName|expand: '%x%' }\n  condition: s\n`, 'v.yml'),
        // what used to be skipped and now compiles: derived fields, arrays, resources
        rule('  s: { rampart.ingress.adminPorts: true }\n  condition: s\n', 'derived'),
        rule('  s: { requestParameters.ipPermissions.items.ipProtocol: "-1" }\n  condition: s\n', 'items'),
        rule('  s: { resources.ARN: x }\n  condition: s\n', 'resources'),
      ],
      'duckdb',
    );
    assert.deepEqual(queries.map((q) => q.ruleId), ['derived', 'items', 'resources']);
    assert.deepEqual(skipped.map((s) => s.ruleId), ['kw', 'cidr', 'column', 'resource-field', 'vars']);
    assert.match(skipped[0]!.reason, /keyword/);
    assert.match(skipped[1]!.reason, /inet/);
    assert.match(skipped[2]!.reason, /not a column/);
    assert.match(skipped[4]!.reason, /disabled/);
    const athena = compileRulesToSql([rule('  s: { sourceIPAddress|cidr: 10.0.0.0/8 }\n  condition: s\n', 'cidr')], 'athena');
    assert.match(athena.queries[0]!.sql, /contains\('10\.0\.0\.0\/8', try_cast\(sourceipaddress AS IPADDRESS\)\)/);
  });

  test('rejects an unsafe table name', () => {
    assert.throws(() => compileRulesToSql(fixtures, 'duckdb', { table: 'x; DROP TABLE y' }), /invalid table name/);
  });
});
