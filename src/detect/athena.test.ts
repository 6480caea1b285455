// The Athena DDL and named queries: the DDL must parse with a Hive-dialect parser (Athena DDL is Hive's), and
// the Athena queries with the Trino grammar (dt-sql-parser). Their logic is the DuckDB SQL that sql.test.ts runs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HiveSQL, TrinoSQL } from '../../test/support/dt-sql-parser.ts';
import { athenaDdl, renderAthenaScript } from './athena.ts';
import { parseRuleText, type DetectionRule } from './rules/index.ts';
import { loadRules } from './rules/load.ts';
import { compileRulesToSql } from './sql.ts';
import { dialectFor, type JsonExpr } from './sql-dialect.ts';

const trino = new TrinoSQL();
const hive = new HiveSQL();

/** Parse errors of one statement (the grammars' own error listener, no semantic checks). */
function syntaxErrors(parser: InstanceType<typeof TrinoSQL> | InstanceType<typeof HiveSQL>, sql: string): string[] {
  return parser.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`);
}

const location = { bucket: 'org-trail-logs', prefix: 'AWSLogs/o-abcdef1234/' };
const accounts = ['111122223333', '444455556666'];

async function builtinForTests(): Promise<DetectionRule[]> {
  return (await loadRules({ includeBuiltin: true, dirs: [], vars: {} })).map((r) => r.forTests?.() ?? r);
}

describe('athenaDdl', () => {
  test('the table parses as Hive DDL, with partition projection over the organization layout', async () => {
    const ddl = athenaDdl(await builtinForTests(), { location, accounts, regions: ['eu-west-1', 'us-east-1'], table: 'security.cloudtrail', since: new Date('2024-03-01T00:00:00Z') });
    assert.deepEqual(syntaxErrors(hive, ddl.createTable), []);
    assert.notDeepEqual(syntaxErrors(hive, ddl.createTable.replace('PARTITIONED BY', 'PARTITIONED')), [], 'the parser does reject broken DDL');
    assert.match(ddl.createTable, /PARTITIONED BY \(account STRING, region STRING, logdate STRING\)/);
    assert.match(ddl.createTable, /LOCATION 's3:\/\/org-trail-logs\/AWSLogs\/o-abcdef1234\/'/);
    assert.match(ddl.createTable, /'storage\.location\.template' = 's3:\/\/org-trail-logs\/AWSLogs\/o-abcdef1234\/\$\{account\}\/CloudTrail\/\$\{region\}\/\$\{logdate\}'/);
    assert.match(ddl.createTable, /'projection\.account\.values' = '111122223333,444455556666'/);
    assert.match(ddl.createTable, /'projection\.logdate\.range' = '2024\/03\/01,NOW'/);
    assert.deepEqual(ddl.skipped, []);
    assert.ok(ddl.namedQueries.every((q) => q.sql.includes("logdate >= date_format(current_date - INTERVAL '7' DAY, '%Y/%m/%d')")));
    const script = renderAthenaScript(ddl);
    assert.match(script, /-- name: rampart det-cloudtrail-stop\n-- description: CloudTrail logging stopped/);
  });

  test('an account trail root works; bad input is a usage error that says what to pass', () => {
    const ddl = athenaDdl([], { location: { bucket: 'b', prefix: 'logs/AWSLogs/' }, accounts });
    assert.match(ddl.createTable, /\/logs\/AWSLogs\/\$\{account\}\/CloudTrail/);
    assert.throws(() => athenaDdl([], { location, accounts: [] }), /needs --accounts/);
    assert.throws(() => athenaDdl([], { location, accounts: ['1234'] }), /12 digits/);
    assert.throws(() => athenaDdl([], { location: { bucket: 'b', prefix: 'x/' }, accounts }), /AWSLogs/);
    assert.throws(() => athenaDdl([], { location: { bucket: 'b', prefix: 'AWSLogs/111122223333/CloudTrail/' }, accounts }), /stop at AWSLogs/);
    assert.throws(() => athenaDdl([], { location, accounts, regions: ['mars-1'] }), /not a Region/);
  });
});

describe('Athena SQL parses with the Trino grammar', () => {
  test('every primitive the compiler emits', () => {
    const d = dialectFor('athena');
    const rp: JsonExpr = { sql: 'requestparameters', kind: 'text' };
    const parts = [
      d.someLeaf(rp, ['a', 'x-amz-acl'], (v) => `${d.scalarText(v)} = 'x' AND ${d.present(v)}`),
      d.someEntry(d.child(rp, 'Condition'), (k, v) => `lower(${k}) = 'aws:sourceip' AND ${d.isObject(v)} AND ${d.isString(v)}`),
      d.withValues([{ sql: d.scalarText(d.child(rp, 'p')), type: 'varchar' }, { sql: d.tryParse(d.urlDecode("'%7B%7D'")).sql, type: 'json' }, { sql: 'TRUE', type: 'boolean' }], ([a, b, c]) => `${a} = 'x' AND ${b} IS NOT NULL AND ${c}`),
      d.someElement('resources', (r) => `${r}.arn LIKE 'arn:%' ESCAPE '\\'`),
      d.regexMatch('useragent', "'(?i)^aws-cli'"),
      d.cidrContains!("'10.0.0.0/8'", 'sourceipaddress'),
      `${d.epochSeconds('eventtime')} > 0`,
      `${d.scalarAt('requestparameters', ['a', 'b'])} = 'c'`,
    ];
    for (const p of parts) assert.deepEqual(syntaxErrors(trino, `SELECT eventid FROM db.cloudtrail WHERE ${p}`), [], p);
    assert.notDeepEqual(syntaxErrors(trino, `SELECT eventid FROM db.cloudtrail WHERE ${parts[0]!.replace(' -> ', ' => ')}`), [], 'the parser does reject broken SQL');
  });

  test('the built-in named queries (the shorter ones: the ANTLR grammar is slow on long expressions)', async (t) => {
    const ddl = athenaDdl(await builtinForTests(), { location, accounts });
    const short = ddl.namedQueries.filter((q) => q.sql.length <= 1300);
    for (const q of short) assert.deepEqual(syntaxErrors(trino, q.sql), [], q.ruleId);
    t.diagnostic(`${short.length} of ${ddl.namedQueries.length} named queries parsed`);
    assert.ok(short.length >= 15);
  });

  test('a threshold rule (GROUP BY, HAVING, CASE over max)', () => {
    const rule = parseRuleText(
      `title: t\nid: th\nlogsource: { product: aws, service: cloudtrail }\nlevel: medium\ndetection:\n  s: { eventName: ConsoleLogin, responseElements.ConsoleLogin: Failure }\n  root: { userIdentity.type: Root }\n  condition: s\nseverityWhen:\n  - { condition: s and root, severity: high }\nthreshold: { count: 5, window: 10m, groupBy: [sourceIPAddress, requestParameters.userName] }\n`,
      'th.yml',
    );
    const { queries } = compileRulesToSql([rule], 'athena', { table: 'db.cloudtrail' });
    assert.deepEqual(syntaxErrors(trino, queries[0]!.sql), []);
  });
});
