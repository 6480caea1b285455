// Athena over the (organization) trail bucket: the CloudTrail table with partition projection on account,
// Region and day, and every rule as a named query. The column list is data, so the same table can be
// created in DuckDB (tests, local investigation) and the compiled SQL runs against either.

import { UsageError } from '../core/errors.ts';
import type { DetectionRule } from './rules/types.ts';
import { compileRulesToSql, type CompiledSql } from './sql.ts';
import { quote } from './sql-dialect.ts';
import { ACCOUNT_ID, ORG_ID, splitPrefix, type S3Url } from './sources/s3-layout.ts';

/** A column type: a scalar, a struct of named fields, an array, or a map of strings. */
export type ColumnType = 'string' | { struct: Array<[string, ColumnType]> } | { array: ColumnType } | 'map<string,string>';

const s = 'string' as const;
const struct = (...fields: Array<[string, ColumnType]>): ColumnType => ({ struct: fields });

/** The CloudTrail table of the AWS documentation ("Querying AWS CloudTrail logs", manual partitioning). */
export const cloudTrailColumns: ReadonlyArray<[string, ColumnType]> = [
  ['eventversion', s],
  [
    'useridentity',
    struct(
      ['type', s], ['principalid', s], ['arn', s], ['accountid', s], ['invokedby', s], ['accesskeyid', s], ['username', s],
      ['onbehalfof', struct(['userid', s], ['identitystorearn', s])],
      [
        'sessioncontext',
        struct(
          ['attributes', struct(['mfaauthenticated', s], ['creationdate', s])],
          ['sessionissuer', struct(['type', s], ['principalid', s], ['arn', s], ['accountid', s], ['username', s])],
          ['ec2roledelivery', s],
          ['webidfederationdata', struct(['federatedprovider', s], ['attributes', 'map<string,string>'])],
        ),
      ],
    ),
  ],
  ['eventtime', s], ['eventsource', s], ['eventname', s], ['awsregion', s], ['sourceipaddress', s], ['useragent', s],
  ['errorcode', s], ['errormessage', s], ['requestparameters', s], ['responseelements', s], ['additionaleventdata', s],
  ['requestid', s], ['eventid', s], ['readonly', s],
  ['resources', { array: struct(['arn', s], ['accountid', s], ['type', s]) }],
  ['eventtype', s], ['apiversion', s], ['recipientaccountid', s], ['serviceeventdetails', s], ['sharedeventid', s],
  ['vpcendpointid', s], ['vpcendpointaccountid', s], ['eventcategory', s],
  ['addendum', struct(['reason', s], ['updatedfields', s], ['originalrequestid', s], ['originaleventid', s])],
  ['sessioncredentialfromconsole', s], ['edgedevicedetails', s],
  ['tlsdetails', struct(['tlsversion', s], ['ciphersuite', s], ['clienthostheader', s])],
];

function hiveType(t: ColumnType): string {
  if (t === 'string') return 'STRING';
  if (t === 'map<string,string>') return 'MAP<STRING,STRING>';
  if ('array' in t) return `ARRAY<${hiveType(t.array)}>`;
  return `STRUCT<${t.struct.map(([n, f]) => `${n}:${hiveType(f)}`).join(', ')}>`;
}

function duckType(t: ColumnType): string {
  if (t === 'string') return 'VARCHAR';
  if (t === 'map<string,string>') return 'MAP(VARCHAR, VARCHAR)';
  if ('array' in t) return `${duckType(t.array)}[]`;
  return `STRUCT(${t.struct.map(([n, f]) => `${n} ${duckType(f)}`).join(', ')})`;
}

/** The same table in DuckDB (JSON columns stay text, as in Athena). */
export function duckdbCreateTable(table: string): string {
  return `CREATE OR REPLACE TABLE ${table} (\n${cloudTrailColumns.map(([n, t]) => `  ${n} ${duckType(t)}`).join(',\n')}\n)`;
}

/** Commercial Regions a trail can write (a projected Region without logs just reads nothing). */
export const defaultRegions: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
  'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1',
];

export interface AthenaDdlOptions {
  /** The trail bucket down to `AWSLogs/` (account trail) or `AWSLogs/<o-orgid>/` (organization trail). */
  location: S3Url;
  accounts: string[];
  regions?: string[];
  /** First day of the projection range (UTC); default 2020-01-01. */
  since?: Date;
  /** [database.]table; default cloudtrail_logs. */
  table?: string;
  /** Days the named queries look back (partition filter); default 7. */
  lookbackDays?: number;
}

export interface AthenaDdl {
  /** The CREATE EXTERNAL TABLE statement. */
  createTable: string;
  namedQueries: Array<{ name: string; description: string; ruleId: string; sql: string }>;
  skipped: CompiledSql['skipped'];
}

/** s3://bucket/[prefix/]AWSLogs/[o-orgid/] → the location and the key template below it. */
function layout(location: S3Url): { root: string; template: string } {
  const { base, fixed } = splitPrefix(location.prefix);
  const hint = 's3://BUCKET/[PREFIX/]AWSLogs/o-ORGID/ for an organization trail, s3://BUCKET/[PREFIX/]AWSLogs/ for an account trail';
  if (!location.prefix.includes('AWSLogs')) throw new UsageError(`--s3 must reach the trail's AWSLogs/ folder for --athena-ddl`, { hint });
  if (fixed.length > 1 || (fixed.length === 1 && !ORG_ID.test(fixed[0]!))) {
    throw new UsageError(`--s3 s3://${location.bucket}/${location.prefix}: for --athena-ddl stop at AWSLogs/ or AWSLogs/<o-orgid>/`, { hint });
  }
  const root = `s3://${location.bucket}/${base}AWSLogs/${fixed.map((f) => `${f}/`).join('')}`;
  return { root, template: `${root}\${account}/CloudTrail/\${region}/\${logdate}` };
}

const day = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '/');

export function athenaDdl(rules: DetectionRule[], opts: AthenaDdlOptions): AthenaDdl {
  if (opts.accounts.length === 0) {
    throw new UsageError('--athena-ddl needs --accounts: partition projection enumerates the account folders', {
      hint: 'e.g. --accounts $(aws organizations list-accounts --query "Accounts[].Id" --output text | tr "\\t" ",")',
    });
  }
  const bad = opts.accounts.find((a) => !ACCOUNT_ID.test(a));
  if (bad !== undefined) throw new UsageError(`--accounts ${bad}: an account id has 12 digits`);
  const regions = opts.regions ?? defaultRegions;
  const badRegion = regions.find((r) => !/^[a-z]{2}(-[a-z]+)+-\d$/.test(r));
  if (badRegion !== undefined) throw new UsageError(`--regions ${badRegion}: not a Region name (e.g. eu-west-1)`);
  const table = opts.table ?? 'cloudtrail_logs';
  const { root, template } = layout(opts.location);
  const props: Array<[string, string]> = [
    ['projection.enabled', 'true'],
    ['projection.account.type', 'enum'],
    ['projection.account.values', opts.accounts.join(',')],
    ['projection.region.type', 'enum'],
    ['projection.region.values', regions.join(',')],
    ['projection.logdate.type', 'date'],
    ['projection.logdate.format', 'yyyy/MM/dd'],
    ['projection.logdate.interval', '1'],
    ['projection.logdate.interval.unit', 'DAYS'],
    ['projection.logdate.range', `${day(opts.since ?? new Date(Date.UTC(2020, 0, 1)))},NOW`],
    ['storage.location.template', template],
  ];
  const createTable = [
    `CREATE EXTERNAL TABLE IF NOT EXISTS ${table} (`,
    cloudTrailColumns.map(([n, t]) => `  ${n} ${hiveType(t)}`).join(',\n'),
    ')',
    `COMMENT ${quote('CloudTrail logs (rampart detect --athena-ddl)')}`,
    'PARTITIONED BY (account STRING, region STRING, logdate STRING)',
    "ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'",
    "STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'",
    "OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    `LOCATION ${quote(root)}`,
    `TBLPROPERTIES (\n${props.map(([k, v]) => `  ${quote(k)} = ${quote(v)}`).join(',\n')}\n)`,
  ].join('\n');
  // Partition projection prunes by the logdate folder; without a range every day since `since` is read.
  const lookback = opts.lookbackDays ?? 7;
  const where = `logdate >= date_format(current_date - INTERVAL '${lookback}' DAY, '%Y/%m/%d')`;
  const compiled = compileRulesToSql(rules, 'athena', { table, where });
  const byId = new Map(rules.map((r) => [r.id, r]));
  const namedQueries = compiled.queries.map((q) => {
    const rule = byId.get(q.ruleId)!;
    return {
      name: `rampart ${rule.id}`,
      description: `${rule.title} (${rule.severity}${rule.threshold ? `, ≥ ${rule.threshold.count} in ${rule.threshold.windowSeconds}s` : ''}; last ${lookback} days)`.slice(0, 1024),
      ruleId: rule.id,
      sql: q.sql,
    };
  });
  return { createTable, namedQueries, skipped: compiled.skipped };
}

/** The DDL and the named queries as one SQL script, with the CLI loop to save the queries. */
export function renderAthenaScript(ddl: AthenaDdl): string {
  const parts = [
    '-- Run the CREATE statement once in Athena (Log Archive or Security account), then save the rules as named\n' +
      '-- queries, e.g. for each block below: aws athena create-named-query --database DB --name NAME --query-string SQL',
    `${ddl.createTable};`,
    ...ddl.namedQueries.map((q) => `-- name: ${q.name}\n-- description: ${q.description}\n${q.sql};`),
  ];
  return `${parts.join('\n\n')}\n`;
}
