// Derived `rampart.*` fields: facts about a record that Sigma's field tests cannot express
// (is the policy in the request public, does the new SG rule open admin ports to the world…).

import { analyzeResourcePolicy, fullAdminStatements } from '../../policy/index.ts';
import type { CloudTrailRecord } from '../types.ts';
import { outsideGrants, requestPolicies } from './grants.ts';

/** Run-wide values some derived fields depend on (from `--var`), fixed when a rule is compiled. */
export interface DerivedEnv {
  /** `org_account_ids`, when given. */
  orgAccounts: ReadonlySet<string> | undefined;
}

export const noDerivedEnv: DerivedEnv = { orgAccounts: undefined };

type Derived = (record: CloudTrailRecord, env: DerivedEnv) => boolean | undefined;

interface PolicyFacts {
  public: boolean;
  fullAdmin: boolean;
}

/** undefined when the request carries no policy or none of them parses. */
function requestPolicyFacts(record: CloudTrailRecord): PolicyFacts | undefined {
  let facts: PolicyFacts | undefined;
  for (const { doc } of requestPolicies(record)) {
    facts ??= { public: false, fullAdmin: false };
    facts.public ||= analyzeResourcePolicy(doc).public;
    facts.fullAdmin ||= fullAdminStatements(doc).length > 0;
  }
  return facts;
}

// ---- security groups and NACLs -------------------------------------------------------------

export interface Permission {
  protocol: string;
  from: number | undefined;
  to: number | undefined;
  open: boolean;
  /** The world-open CIDRs of this permission. */
  cidrs: string[];
}

const dbPorts: ReadonlyArray<readonly [number, number]> = [
  [1433, 1434], [1521, 1521], [2483, 2484], [3306, 3306], [5432, 5432], [5439, 5439], [6379, 6379],
  [11211, 11211], [27017, 27018], [9200, 9200], [9300, 9300], [5601, 5601], [7199, 7199], [9042, 9042],
  [9160, 9160], [9092, 9092], [8182, 8182],
];

function lowerKeys(obj: object): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) out.set(k.toLowerCase(), v);
  return out;
}

function toPort(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

const worldV4 = new Set(['0.0.0.0/0']);
const worldV6 = new Set(['::/0']);

/** The `cidrIp`/`cidrIpv4`/`cidrBlock` 0.0.0.0/0 and `cidrIpv6`/`ipv6CidrBlock` ::/0 found below `node`. */
function worldCidrs(node: unknown, out: string[] = []): string[] {
  if (node === null || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const n of node) worldCidrs(n, out);
    return out;
  }
  for (const [k, v] of Object.entries(node)) {
    const key = k.toLowerCase();
    if (typeof v === 'string') {
      const cidr = v.trim().toLowerCase();
      if ((key === 'cidrip' || key === 'cidripv4' || key === 'cidrblock') && worldV4.has(cidr) && !out.includes(cidr)) out.push(cidr);
      if ((key === 'cidripv6' || key === 'ipv6cidrblock') && worldV6.has(cidr) && !out.includes(cidr)) out.push(cidr);
    } else worldCidrs(v, out);
  }
  return out;
}

function hasWorldCidr(node: unknown): boolean {
  return worldCidrs(node).length > 0;
}

/** Objects that carry an `ipProtocol` (any case): the SG permissions of the request, wherever they sit. */
function collectPermissions(node: unknown, out: Permission[]): void {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const element of node) collectPermissions(element, out);
    return;
  }
  const keys = lowerKeys(node);
  const protocol = keys.get('ipprotocol');
  if (protocol !== undefined) {
    out.push({
      protocol: String(protocol).toLowerCase(),
      from: toPort(keys.get('fromport')),
      to: toPort(keys.get('toport')),
      open: hasWorldCidr(node),
      cidrs: worldCidrs(node),
    });
    return;
  }
  for (const v of keys.values()) collectPermissions(v, out);
}

function isAllProtocols(protocol: string): boolean {
  return protocol === '-1' || protocol === 'all';
}

/** Does a tcp/udp permission cover `port`? A missing bound means unbounded (AWS "all ports"). */
function covers(p: { from: number | undefined; to: number | undefined }, lo: number, hi: number): boolean {
  const from = p.from === undefined || p.from < 0 ? 0 : p.from;
  const to = p.to === undefined || p.to < 0 ? 65535 : p.to;
  return from <= hi && to >= lo;
}

const tcp = new Set(['tcp', '6']);
const udp = new Set(['udp', '17']);

function coversAdmin(p: Permission): boolean {
  if (isAllProtocols(p.protocol)) return true;
  if (tcp.has(p.protocol)) return covers(p, 22, 22) || covers(p, 3389, 3389);
  if (udp.has(p.protocol)) return covers(p, 3389, 3389);
  return false;
}

/** The world-open permissions an ingress request adds (for the rules and for the alert's "why"). */
export function ingressPermissions(record: CloudTrailRecord): Permission[] {
  if (record.eventName !== 'AuthorizeSecurityGroupIngress' && record.eventName !== 'ModifySecurityGroupRules') return [];
  const out: Permission[] = [];
  collectPermissions(record.requestParameters, out);
  return out.filter((p) => p.open);
}

/** An inbound allow NACL entry from anywhere (Create/ReplaceNetworkAclEntry), as a permission; else undefined. */
export function naclWorldEntry(record: CloudTrailRecord): Permission | undefined {
  if (record.eventName !== 'CreateNetworkAclEntry' && record.eventName !== 'ReplaceNetworkAclEntry') return undefined;
  const params = record.requestParameters;
  if (params === null || params === undefined) return undefined;
  const keys = lowerKeys(params);
  const egress = keys.get('egress');
  if (egress === true || String(egress).toLowerCase() === 'true') return undefined;
  if (String(keys.get('ruleaction')).toLowerCase() !== 'allow') return undefined;
  const cidrs = worldCidrs(params);
  if (cidrs.length === 0) return undefined;
  const range = keys.get('portrange');
  const rangeKeys = range !== null && typeof range === 'object' ? lowerKeys(range) : new Map<string, unknown>();
  return {
    // CloudTrail records the EC2 API's Protocol parameter as `aclProtocol`; accept the API spelling too
    protocol: String(keys.get('aclprotocol') ?? keys.get('protocol')).toLowerCase(),
    from: toPort(rangeKeys.get('from')),
    to: toPort(rangeKeys.get('to')),
    open: true,
    cidrs,
  };
}

function naclOpenAdmin(record: CloudTrailRecord): boolean {
  const entry = naclWorldEntry(record);
  return entry !== undefined && coversAdmin(entry);
}

const derivedFields: Record<string, Derived> = {
  'requestPolicy.public': (r) => requestPolicyFacts(r)?.public,
  'requestPolicy.fullAdmin': (r) => requestPolicyFacts(r)?.fullAdmin,
  'ingress.openToWorld': (r) => ingressPermissions(r).length > 0,
  'ingress.adminPorts': (r) => ingressPermissions(r).some(coversAdmin),
  'ingress.dbPorts': (r) =>
    ingressPermissions(r).some(
      (p) => isAllProtocols(p.protocol) || (tcp.has(p.protocol) && dbPorts.some(([lo, hi]) => covers(p, lo, hi))),
    ),
  'ingress.allPorts': (r) =>
    ingressPermissions(r).some(
      (p) =>
        isAllProtocols(p.protocol) ||
        ((tcp.has(p.protocol) || udp.has(p.protocol)) && (p.from ?? 0) <= 0 && (p.to ?? 65535) >= 65535),
    ),
  'nacl.openAdminPorts': naclOpenAdmin,
  'grant.outsideAccount': (r, env) => outsideGrants(r, env.orgAccounts).length > 0,
};

/** Derived fields whose value depends on a `--var` (the rule says which assumption it made without it). */
export const derivedFieldVars: Readonly<Record<string, string>> = { 'rampart.grant.outsideAccount': 'org_account_ids' };

export const derivedFieldNames: readonly string[] = Object.keys(derivedFields).map((k) => `rampart.${k}`);

// Computed once per record and field (and environment), shared by every rule that asks.
const cache = new WeakMap<object, Map<string, boolean | undefined>>();

/** Value of a `rampart.*` field for `record`; undefined means absent. */
export function derivedValue(record: CloudTrailRecord, path: string, env: DerivedEnv = noDerivedEnv): boolean | undefined {
  const name = path.slice('rampart.'.length);
  const compute = derivedFields[name];
  if (compute === undefined) return undefined;
  let perRecord = cache.get(record);
  if (perRecord === undefined) {
    perRecord = new Map();
    cache.set(record, perRecord);
  }
  const key = derivedFieldVars[path] === undefined ? name : `${name}\u0000${envKey(env)}`;
  if (perRecord.has(key)) return perRecord.get(key);
  const value = compute(record, env);
  perRecord.set(key, value);
  return value;
}

const envKeys = new WeakMap<DerivedEnv, string>();
function envKey(env: DerivedEnv): string {
  let k = envKeys.get(env);
  if (k === undefined) envKeys.set(env, (k = env.orgAccounts === undefined ? '' : [...env.orgAccounts].sort().join(',')));
  return k;
}
