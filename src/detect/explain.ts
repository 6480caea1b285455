// The "why" of an alert: the facts of the record that made it dangerous, in words a responder can act on
// (the port and CIDR opened, the policy statement that opened access, the account or principal added, the
// target user). Reads the same request shapes the derived fields read. Never copies values that could be
// secrets (passwords, keys, environment values): only ports, CIDRs, ids, ARNs and policy statement summaries.
import { analyzeResourcePolicy, type PolicyStatement } from '../policy/index.ts';
import { ingressPermissions, naclWorldEntry, type Permission } from './rules/derived.ts';
import { ownAccount, requestGrants, requestPolicies } from './rules/grants.ts';
import type { CloudTrailRecord } from './types.ts';

function str(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function clip(s: string, max = 200): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function ports(p: Permission): string {
  if (p.protocol === '-1' || p.protocol === 'all') return 'all traffic';
  const proto = p.protocol === '6' ? 'tcp' : p.protocol === '17' ? 'udp' : p.protocol;
  const from = p.from === undefined || p.from < 0 ? 0 : p.from;
  const to = p.to === undefined || p.to < 0 ? 65535 : p.to;
  return `${proto} ${from === to ? `port ${from}` : `ports ${from}-${to}`}`;
}

function principalText(st: PolicyStatement): string {
  if (st.principal === '*') return '*';
  const parts = Object.entries(st.principal ?? {}).flatMap(([k, v]) => (v as string[]).map((x) => `${k}:${x}`));
  return parts.join(', ') || '(none)';
}

function statementText(st: PolicyStatement, label: string): string {
  const actions = (st.action ?? st.notAction?.map((a) => `NotAction ${a}`) ?? []).join(', ');
  const resources = (st.resource ?? []).join(', ');
  const conditions = st.condition === undefined ? '' : `, conditions on ${Object.values(st.condition).flatMap((c) => Object.keys(c)).join(', ')}`;
  return clip(`${label}: ${st.effect} ${actions || '(no action)'} to ${principalText(st)}${resources ? ` on ${resources}` : ''}${conditions}`, 300);
}

function lower(params: Record<string, unknown>, key: string): unknown {
  for (const [k, v] of Object.entries(params)) if (k.toLowerCase() === key) return v;
  return undefined;
}

/** The facts that explain an alert on `record`, most telling first; empty when there is nothing beyond the summary. */
export function explainRecord(record: CloudTrailRecord): string[] {
  const why: string[] = [];
  const params = record.requestParameters ?? undefined;
  if (str(record.errorCode)) why.push(`the call failed (${record.errorCode}): an attempt, not a change`);

  for (const p of ingressPermissions(record)) why.push(`inbound ${ports(p)} from ${p.cidrs.join(', ')}`);
  const nacl = naclWorldEntry(record);
  if (nacl && params) {
    const rule = str(lower(params, 'rulenumber'));
    why.push(`network ACL allows inbound ${ports(nacl)} from ${nacl.cidrs.join(', ')}${rule ? ` (rule ${rule})` : ''}`);
  }

  for (const { key, doc } of requestPolicies(record)) {
    const open = analyzeResourcePolicy(doc);
    for (const s of open.statements) {
      const st = doc.statements[s.index];
      if (st) why.push(`${statementText(st, `${key} statement ${s.sid ?? s.index + 1}`)} (${s.reason})`);
    }
  }
  const own = ownAccount(record);
  for (const g of requestGrants(record)) {
    if (g.account === own) continue;
    why.push(`grants account ${g.account} (${g.via}; the event's account is ${own ?? 'unknown'})`);
  }
  if (params) {
    // Public sharing (EBS createVolumePermission / AMI launchPermission group "all", RDS valuesToAdd "all").
    for (const key of ['createVolumePermission', 'launchPermission']) {
      const add = (params[key] as { add?: { items?: Array<{ group?: unknown }> } } | undefined)?.add?.items;
      if (Array.isArray(add) && add.some((i) => String(i?.group).toLowerCase() === 'all')) why.push(`${key} adds group "all": anyone can use it`);
    }
    const values = params['valuesToAdd'];
    if (Array.isArray(values) && values.some((v) => String(v).toLowerCase() === 'all')) why.push('valuesToAdd "all": the snapshot can be restored by anyone');
    // Another user's credentials: a key or console password minted for someone else.
    const target = str(params['userName']);
    const caller = str(record.userIdentity?.userName);
    if (target && /^(CreateAccessKey|CreateLoginProfile|UpdateLoginProfile|DeleteLoginProfile)$/.test(record.eventName)) {
      why.push(target === caller ? `for the caller's own user ${target}` : `for user ${target}, not the caller (${caller ?? record.userIdentity?.type ?? 'unknown'})`);
    }
    const policyArn = str(params['policyArn']);
    if (policyArn) why.push(`policy ${policyArn}`);
    const principal = str(params['principal']);
    if (principal && record.eventName.startsWith('AddPermission')) {
      why.push(`invoke permission for principal ${principal}${str(params['sourceArn']) || str(params['sourceAccount']) || str(params['principalOrgID']) ? '' : ' with no source ARN, source account or organization condition'}`);
    }
    if (str(params['authType'])?.toUpperCase() === 'NONE') why.push('function URL with auth type NONE: callable by anyone');
    if (params['publiclyAccessible'] === true || String(params['publiclyAccessible']).toLowerCase() === 'true') why.push('publiclyAccessible: true');
  }
  return why;
}

/** Request parameters that name the resource acted on, most specific first. */
const resourceParamKeys = [
  'bucketName', 'groupId', 'networkAclId', 'snapshotId', 'imageId', 'dBSnapshotIdentifier', 'dBClusterSnapshotIdentifier',
  'dBInstanceIdentifier', 'dBClusterIdentifier', 'clusterIdentifier', 'functionName', 'keyId', 'secretId', 'domainName',
  'userName', 'roleName', 'policyArn', 'name', 'trailName', 'detectorId', 'instanceId', 'trustAnchorId', 'profileId',
];

/** ARNs / names of the resources an event touched, as CloudTrail recorded them. */
export function resourcesOf(record: CloudTrailRecord): string[] {
  const out = new Set<string>();
  for (const r of record.resources ?? []) {
    const arn = str(r?.ARN);
    if (arn) out.add(arn);
  }
  const params = record.requestParameters;
  if (params && typeof params === 'object') {
    for (const key of resourceParamKeys) {
      const v = str(params[key]);
      if (v) out.add(v);
    }
    // ModifySecurityGroupRules nests the group: { ModifySecurityGroupRulesRequest: { GroupId, SecurityGroupRule… } }.
    const nested = params['ModifySecurityGroupRulesRequest'];
    if (nested && typeof nested === 'object') {
      const g = str(lower(nested as Record<string, unknown>, 'groupid'));
      if (g) out.add(g);
    }
  }
  return [...out];
}
