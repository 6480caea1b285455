// The `rampart.*` derived fields (rules/derived.ts) as SQL over the CloudTrail table, built only from JSON
// functions (no UDFs). Each returns a SQL boolean, or NULL where the engine's field is absent.
// They follow the shapes CloudTrail writes (see docs/detect-rules.md, "SQL"); the tests run them in DuckDB
// against every rule's own events and compare with the engine.

import { RESTRICTING_KEYS } from '../policy/public-conditions.ts';
import { MIN_IPV4_PREFIX, MIN_IPV6_PREFIX } from '../policy/cidr.ts';
import { quote, type Dialect, type JsonExpr } from './sql-dialect.ts';

const requestParameters: JsonExpr = { sql: 'requestparameters', kind: 'text' };

const or = (parts: string[]): string => (parts.length === 0 ? 'FALSE' : parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`);
const and = (parts: string[]): string => `(${parts.join(' AND ')})`;
const inList = (x: string, values: readonly string[]): string => `${x} IN (${values.map(quote).join(', ')})`;

/** Text of the first of `keys` (spellings of one key) present directly under `obj`. */
function textOf(d: Dialect, obj: JsonExpr, keys: readonly string[]): string {
  return `coalesce(${keys.map((k) => d.scalarText(d.child(obj, k))).join(', ')})`;
}

// ---- policies in the request -----------------------------------------------------------------

const policyKeys = ['bucketPolicy', 'policyDocument', 'policy', 'accessPolicies', 'assumeRolePolicyDocument', 'resourcePolicy', 'keyPolicy'];

/** A policy value as a JSON object: an object as is, a string as JSON text or URL-encoded JSON text (engine: decodePolicyValue). */
function policyDoc(d: Dialect, raw: JsonExpr): string {
  const text = `trim(${d.scalarText(raw)})`;
  const parsed = `CASE WHEN ${text} LIKE '{%' THEN ${d.tryParse(text).sql} ELSE ${d.tryParse(`trim(${d.urlDecode(`replace(${text}, '+', ' ')`)})`).sql} END`;
  return `CASE WHEN ${d.isObject(raw)} THEN ${d.asJson(raw)} WHEN ${d.isString(raw)} THEN ${parsed} END`;
}

/** What parsePolicy needs at least: an object with a Statement. */
function docParses(d: Dialect, doc: JsonExpr): string {
  return and([d.isObject(doc), d.present(d.child(doc, 'Statement'))]);
}

const hasWildcard = (text: string): string => `(${text} LIKE '%*%' OR ${text} LIKE '%?%')`;
const fixedValue = (text: string): string => `NOT (${hasWildcard(text)} OR ${text} LIKE '%\${%')`;

/** Every value of a condition entry (one or a list) passes `pred`, and there is at least one. */
function everyValue(d: Dialect, values: JsonExpr, pred: (text: string) => string): string {
  return and([d.someLeaf(values, [], (v) => d.present(v)), `NOT ${d.someLeaf(values, [], (v) => `NOT coalesce(${pred(d.scalarText(v))}, FALSE)`)}`]);
}

/** restrictingCondition (policy/public-conditions.ts): a restricting key pinned to fixed values. */
function restricted(d: Dialect, st: JsonExpr): string {
  const positive = `'^(foranyvalue:)?(stringequals|stringequalsignorecase|stringlike|arnequals|arnlike)$'`;
  const keys = RESTRICTING_KEYS.filter((k) => k !== 'aws:sourceip');
  const narrowIp = (t: string): string =>
    `(${d.regexMatch(t, `'^[0-9.]+(/(${prefixAtLeast(MIN_IPV4_PREFIX, 32)}))?$'`)} OR ${d.regexMatch(t, `'^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(/(${prefixAtLeast(MIN_IPV6_PREFIX, 128)}))?$'`)})`;
  return d.someEntry(d.child(st, 'Condition'), (op, block) =>
    d.someEntry(block, (key, values) =>
      or([
        and([d.regexMatch(`lower(${op})`, positive), inList(`lower(${key})`, keys), everyValue(d, values, fixedValue)]),
        and([d.regexMatch(`lower(${op})`, `'^(foranyvalue:)?ipaddress$'`), `lower(${key}) = 'aws:sourceip'`, everyValue(d, values, narrowIp)]),
      ]),
    ),
  );
}

/** Regex alternation of the prefix lengths min..max. */
function prefixAtLeast(min: number, max: number): string {
  return Array.from({ length: max - min + 1 }, (_, i) => String(min + i)).join('|');
}

/** openPrincipalReason (policy/principals.ts). */
function openPrincipal(d: Dialect, st: JsonExpr): string {
  const leafWild = (path: string[]): string => d.someLeaf(st, path, (v) => hasWildcard(d.scalarText(v)));
  return or([
    d.present(d.child(st, 'NotPrincipal')),
    `coalesce(${d.scalarText(d.child(st, 'Principal'))} = '*', FALSE)`,
    leafWild(['Principal', 'AWS']),
    d.someLeaf(st, ['Principal', 'Federated'], (v) => d.present(v)),
    leafWild(['Principal', 'Service']),
    leafWild(['Principal', 'CanonicalUser']),
  ]);
}

function someStatement(d: Dialect, doc: JsonExpr, pred: (st: JsonExpr) => string): string {
  return d.someLeaf(doc, ['Statement'], (st) => and([d.isObject(st), `coalesce(${d.scalarText(d.child(st, 'Effect'))} = 'Allow', FALSE)`, pred(st)]));
}

/** Some policy key of the request holds a document that parses and (when given) passes `verdict`. */
function somePolicy(d: Dialect, verdict?: (doc: JsonExpr) => string): string {
  return d.someEntry(requestParameters, (key, raw) =>
    and([
      inList(key, policyKeys),
      d.withValues([{ sql: policyDoc(d, raw), type: 'json' }], ([doc]) => {
        const docExpr: JsonExpr = { sql: doc!, kind: 'json' };
        return verdict === undefined ? docParses(d, docExpr) : and([docParses(d, docExpr), verdict(docExpr)]);
      }),
    ]),
  );
}

/** Absent (NULL) unless some policy in the request parses, as in the engine. */
function policyField(d: Dialect, verdict: (doc: JsonExpr) => string): string {
  return `CASE WHEN ${somePolicy(d)} THEN ${somePolicy(d, verdict)} END`;
}

const requestPolicyPublic = (d: Dialect): string =>
  policyField(d, (doc) => someStatement(d, doc, (st) => and([openPrincipal(d, st), `NOT ${restricted(d, st)}`])));

const requestPolicyFullAdmin = (d: Dialect): string =>
  policyField(d, (doc) =>
    someStatement(d, doc, (st) =>
      and([
        d.someLeaf(st, ['Action'], (v) => inList(d.scalarText(v), ['*', '*:*'])),
        d.someLeaf(st, ['Resource'], (v) => `${d.scalarText(v)} = '*'`),
        // An empty Condition object constrains nothing.
        `NOT ${d.someEntry(d.child(st, 'Condition'), () => 'TRUE')}`,
      ]),
    ),
  );

// ---- security groups and NACLs -----------------------------------------------------------------

interface PermissionShape {
  /** Where the permissions sit in requestParameters (arrays on the way are fanned out). */
  at: string[];
  protocol: string[];
  from: string[];
  to: string[];
  /** Paths (relative to one permission) of the CIDRs that are world-open at 0.0.0.0/0 resp. ::/0. */
  v4: string[][];
  v6: string[][];
}

// AuthorizeSecurityGroupIngress as CloudTrail records it, and ModifySecurityGroupRules' request shape.
const permissionShapes: PermissionShape[] = [
  {
    at: ['ipPermissions', 'items'],
    protocol: ['ipProtocol', 'IpProtocol'],
    from: ['fromPort', 'FromPort'],
    to: ['toPort', 'ToPort'],
    v4: [['ipRanges', 'items', 'cidrIp'], ['cidrIp'], ['cidrIpv4'], ['CidrIpv4']],
    v6: [['ipv6Ranges', 'items', 'cidrIpv6'], ['cidrIpv6'], ['CidrIpv6']],
  },
  {
    at: ['ModifySecurityGroupRulesRequest', 'SecurityGroupRule', 'SecurityGroupRule'],
    protocol: ['IpProtocol', 'ipProtocol'],
    from: ['FromPort', 'fromPort'],
    to: ['ToPort', 'toPort'],
    v4: [['CidrIpv4'], ['cidrIpv4'], ['CidrIp'], ['cidrIp']],
    v6: [['CidrIpv6'], ['cidrIpv6']],
  },
];

interface Permission {
  protocol: string;
  /** Port bounds as SQL numbers, missing or negative bounds already widened to 0 / 65535. */
  from: string;
  to: string;
  /** The bounds as written (missing = 0 / 65535), for the all-ports test, which the engine does not widen. */
  fromRaw: string;
  toRaw: string;
}

/** A port as a number: JSON numbers and numeric strings (engine: toPort). */
function port(text: string): string {
  return `try_cast(trim(${text}) AS DOUBLE)`;
}

function bounds(fromText: string, toText: string): Omit<Permission, 'protocol'> {
  const f = port(fromText);
  const t = port(toText);
  return {
    from: `CASE WHEN ${f} IS NULL OR ${f} < 0 THEN 0 ELSE ${f} END`,
    to: `CASE WHEN ${t} IS NULL OR ${t} < 0 THEN 65535 ELSE ${t} END`,
    fromRaw: `coalesce(${f}, 0)`,
    toRaw: `coalesce(${t}, 65535)`,
  };
}

const allProtocols = (p: Permission): string => inList(p.protocol, ['-1', 'all']);
const isTcp = (p: Permission): string => inList(p.protocol, ['tcp', '6']);
const isUdp = (p: Permission): string => inList(p.protocol, ['udp', '17']);
const covers = (p: Permission, lo: number, hi: number): string => `(${p.from} <= ${hi} AND ${p.to} >= ${lo})`;
const coversAdmin = (p: Permission): string =>
  or([allProtocols(p), and([isTcp(p), or([covers(p, 22, 22), covers(p, 3389, 3389)])]), and([isUdp(p), covers(p, 3389, 3389)])]);

const dbPorts: ReadonlyArray<readonly [number, number]> = [
  [1433, 1434], [1521, 1521], [2483, 2484], [3306, 3306], [5432, 5432], [5439, 5439], [6379, 6379],
  [11211, 11211], [27017, 27018], [9200, 9200], [9300, 9300], [5601, 5601], [7199, 7199], [9042, 9042],
  [9160, 9160], [9092, 9092], [8182, 8182],
];

const worldText = (d: Dialect, v: JsonExpr, cidr: string): string => `lower(trim(${d.scalarText(v)})) = ${quote(cidr)}`;

/** Some world-open permission of an ingress event satisfies `pred` (engine: ingressPermissions). */
function someOpenPermission(d: Dialect, pred: (p: Permission) => string): string {
  const perShape = permissionShapes.map((shape) =>
    d.someLeaf(requestParameters, shape.at, (perm) => {
      const open = or([
        ...shape.v4.map((path) => d.someLeaf(perm, path, (v) => worldText(d, v, '0.0.0.0/0'))),
        ...shape.v6.map((path) => d.someLeaf(perm, path, (v) => worldText(d, v, '::/0'))),
      ]);
      const values = [shape.protocol, shape.from, shape.to].map((keys) => ({ sql: textOf(d, perm, keys), type: 'varchar' as const }));
      return and([
        d.isObject(perm),
        open,
        d.withValues(values, ([protocol, from, to]) => and([`${protocol} IS NOT NULL`, pred({ protocol: `lower(${protocol})`, ...bounds(from!, to!) })])),
      ]);
    }),
  );
  return and([inList('eventname', ['AuthorizeSecurityGroupIngress', 'ModifySecurityGroupRules']), or(perShape)]);
}

function naclOpenAdminPorts(d: Dialect): string {
  const rp = requestParameters;
  const egress = `lower(${textOf(d, rp, ['egress', 'Egress'])})`;
  const world = or([
    d.someLeaf(rp, ['cidrBlock'], (v) => worldText(d, v, '0.0.0.0/0')),
    d.someLeaf(rp, ['CidrBlock'], (v) => worldText(d, v, '0.0.0.0/0')),
    d.someLeaf(rp, ['ipv6CidrBlock'], (v) => worldText(d, v, '::/0')),
    d.someLeaf(rp, ['Ipv6CidrBlock'], (v) => worldText(d, v, '::/0')),
  ]);
  const range = (key: string): string =>
    `coalesce(${['portRange', 'PortRange'].flatMap((r) => [key, key[0]!.toUpperCase() + key.slice(1)].map((k) => d.scalarText(d.child(d.child(rp, r), k)))).join(', ')})`;
  const values = [textOf(d, rp, ['aclProtocol', 'AclProtocol', 'protocol', 'Protocol']), range('from'), range('to')].map((sql) => ({ sql, type: 'varchar' as const }));
  const admin = d.withValues(values, ([protocol, from, to]) => coversAdmin({ protocol: `lower(${protocol})`, ...bounds(from!, to!) }));
  return and([
    inList('eventname', ['CreateNetworkAclEntry', 'ReplaceNetworkAclEntry']),
    `coalesce(${egress} <> 'true', TRUE)`,
    `coalesce(lower(${textOf(d, rp, ['ruleAction', 'RuleAction'])}) = 'allow', FALSE)`,
    world,
    admin,
  ]);
}

// ---- grants to other accounts (rules/grants.ts) ----------------------------------------------------

/** What the derived fields depend on beyond the record (rules/derived.ts DerivedEnv). */
export interface DerivedSqlEnv {
  orgAccounts: ReadonlySet<string> | undefined;
}

/** The account a principal text names (principalAccount): 12 digits, or an IAM/STS ARN's account; NULL otherwise. */
function principalAccountSql(d: Dialect, text: string): string {
  const t = `trim(${text})`;
  return `CASE WHEN ${d.regexMatch(t, `'^[0-9]{12}$'`)} THEN ${t} ELSE nullif(regexp_extract(${t}, '^arn:aws[A-Za-z0-9_-]*:(iam|sts)::([0-9]{12}):', 2), '') END`;
}

/**
 * grant.outsideAccount (outsideGrants): the request grants an account other than the one the event was recorded
 * in, and outside org_account_ids when that is known. The grant shapes are requestGrants'.
 */
function grantOutsideAccount(d: Dialect, env: DerivedSqlEnv): string {
  const rp = requestParameters;
  const own = `coalesce(nullif(recipientaccountid, ''), nullif(useridentity.accountid, ''))`;
  const org = env.orgAccounts === undefined ? [] : [...env.orgAccounts].sort();
  const outside = (leaf: JsonExpr): string =>
    d.withValues([{ sql: principalAccountSql(d, d.scalarText(leaf)), type: 'varchar' }], ([a]) =>
      and([`${a} IS NOT NULL`, `(${own} IS NULL OR ${a} <> ${own})`, ...(org.length > 0 ? [`NOT ${inList(a!, org)}`] : [])]),
    );
  // EBS createVolumePermission / AMI launchPermission: add.items[].userId (or add[] directly)
  const permissionAdds = ['createVolumePermission', 'launchPermission'].flatMap((key) => [
    d.someLeaf(rp, [key, 'add', 'items', 'userId'], outside),
    d.someLeaf(rp, [key, 'add', 'userId'], outside),
  ]);
  // RDS Modify DB (cluster) snapshot attribute: restore, valuesToAdd
  const restore = and([`coalesce(lower(${textOf(d, rp, ['attributeName'])}) = 'restore', FALSE)`, d.someLeaf(rp, ['valuesToAdd'], outside)]);
  // Lambda AddPermission: an account principal
  const lambda = and([`eventname LIKE 'AddPermission%'`, `${d.isString(d.child(rp, 'principal'))}`, outside(d.child(rp, 'principal'))]);
  const policies = somePolicy(d, (doc) => someStatement(d, doc, (st) => d.someLeaf(st, ['Principal', 'AWS'], outside)));
  return `coalesce(${or([...permissionAdds, restore, lambda, policies])}, FALSE)`;
}

/** SQL boolean (NULL = absent) of each derived field; keys as in rules/derived.ts. */
const derivedSql: Record<string, (d: Dialect, env: DerivedSqlEnv) => string> = {
  'rampart.grant.outsideAccount': grantOutsideAccount,
  'rampart.requestPolicy.public': requestPolicyPublic,
  'rampart.requestPolicy.fullAdmin': requestPolicyFullAdmin,
  'rampart.ingress.openToWorld': (d) => someOpenPermission(d, () => 'TRUE'),
  'rampart.ingress.adminPorts': (d) => someOpenPermission(d, coversAdmin),
  'rampart.ingress.dbPorts': (d) => someOpenPermission(d, (p) => or([allProtocols(p), and([isTcp(p), or(dbPorts.map(([lo, hi]) => covers(p, lo, hi)))])])),
  'rampart.ingress.allPorts': (d) =>
    someOpenPermission(d, (p) => or([allProtocols(p), and([or([isTcp(p), isUdp(p)]), `${p.fromRaw} <= 0`, `${p.toRaw} >= 65535`])])),
  'rampart.nacl.openAdminPorts': naclOpenAdminPorts,
};

/** The SQL of a derived field, or undefined when it has none (a field added to the engine but not here). */
export function derivedFieldSql(path: string, d: Dialect, env: DerivedSqlEnv = { orgAccounts: undefined }): string | undefined {
  return derivedSql[path]?.(d, env);
}
