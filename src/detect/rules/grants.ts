// What a request grants, and to whom: the AWS accounts an EBS snapshot, AMI or RDS snapshot is shared with,
// the account principals a resource or trust policy in the request allows, a Lambda permission's principal.
// Used by the derived field `rampart.grant.outsideAccount` and by the alert's "why".

import { parsePolicy, type PolicyDocument } from '../../policy/index.ts';
import type { CloudTrailRecord } from '../types.ts';

/** Keys of `requestParameters` that hold a policy document (object, JSON text or URL-encoded JSON). */
export const policyKeys = [
  'bucketPolicy',
  'policyDocument',
  'policy',
  'accessPolicies',
  'assumeRolePolicyDocument',
  'resourcePolicy',
  'keyPolicy',
] as const;

/** CloudTrail records policies as objects, JSON strings or URL-encoded JSON strings. */
export function decodePolicyValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(decodeURIComponent(text.replace(/\+/g, ' ')));
  }
}

/** The request's policies that parse, with the key they came from. */
export function requestPolicies(record: CloudTrailRecord): Array<{ key: string; doc: PolicyDocument }> {
  const params = record.requestParameters;
  if (params === null || params === undefined || typeof params !== 'object') return [];
  const out: Array<{ key: string; doc: PolicyDocument }> = [];
  for (const key of policyKeys) {
    if (!Object.hasOwn(params, key)) continue;
    try {
      out.push({ key, doc: parsePolicy(decodePolicyValue(params[key])) });
    } catch {
      // Unparsable policy text: not a grant we can name (derived fields stay absent for it).
    }
  }
  return out;
}

export interface Grant {
  /** 12-digit account id. */
  account: string;
  /** Where the grant was read, for the alert: `createVolumePermission`, `bucketPolicy statement 1`… */
  via: string;
}

const ACCOUNT = /^\d{12}$/;
const ARN_ACCOUNT = /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/;

/** The account id a principal string names (`123456789012`, `arn:aws:iam::123456789012:root|role/x`), if any. */
export function principalAccount(p: string): string | undefined {
  const t = p.trim();
  if (ACCOUNT.test(t)) return t;
  return ARN_ACCOUNT.exec(t)?.[1];
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function items(v: unknown): unknown[] {
  const o = obj(v);
  const list = o?.['items'] ?? v;
  return Array.isArray(list) ? list : [];
}

/** `createVolumePermission.add.items[].userId` (EBS) / `launchPermission.add.items[].userId` (AMI). */
function permissionAdds(params: Record<string, unknown>, key: string, out: Grant[]): void {
  const add = obj(obj(params[key])?.['add']);
  for (const it of items(add)) {
    const id = obj(it)?.['userId'];
    if (typeof id === 'string' || typeof id === 'number') {
      const account = principalAccount(String(id));
      if (account) out.push({ account, via: key });
    }
  }
}

/** Every account the request grants access to, in request order (duplicates kept out). */
export function requestGrants(record: CloudTrailRecord): Grant[] {
  const params = obj(record.requestParameters);
  if (params === undefined) return [];
  const out: Grant[] = [];
  permissionAdds(params, 'createVolumePermission', out);
  permissionAdds(params, 'launchPermission', out);
  // RDS ModifyDB(Cluster)SnapshotAttribute: attributeName restore, valuesToAdd account ids (or "all").
  if (String(params['attributeName'] ?? '').toLowerCase() === 'restore') {
    const values = params['valuesToAdd'];
    for (const v of Array.isArray(values) ? values : [values]) {
      const account = typeof v === 'string' || typeof v === 'number' ? principalAccount(String(v)) : undefined;
      if (account) out.push({ account, via: 'valuesToAdd' });
    }
  }
  // Lambda AddPermission: a principal that is an account (or an account's ARN).
  if (record.eventName.startsWith('AddPermission') && typeof params['principal'] === 'string') {
    const account = principalAccount(params['principal']);
    if (account) out.push({ account, via: 'principal' });
  }
  for (const { key, doc } of requestPolicies(record)) {
    doc.statements.forEach((st, i) => {
      if (st.effect !== 'Allow' || st.principal === undefined || st.principal === '*') return;
      for (const p of st.principal.AWS ?? []) {
        const account = principalAccount(p);
        if (account) out.push({ account, via: `${key} statement ${st.sid ?? i + 1}` });
      }
    });
  }
  const seen = new Set<string>();
  return out.filter((g) => (seen.has(g.account) ? false : (seen.add(g.account), true)));
}

/** The account the event was recorded in (the resource owner). */
export function ownAccount(record: CloudTrailRecord): string | undefined {
  const r = record.recipientAccountId;
  if (typeof r === 'string' && r !== '') return r;
  const u = record.userIdentity?.accountId;
  return typeof u === 'string' && u !== '' ? u : undefined;
}

/**
 * Grants to accounts outside the organization: not in `orgAccounts` when it is known, else (the default
 * assumption) any account other than the one the event was recorded in.
 */
export function outsideGrants(record: CloudTrailRecord, orgAccounts: ReadonlySet<string> | undefined): Grant[] {
  const own = ownAccount(record);
  return requestGrants(record).filter((g) => g.account !== own && (orgAccounts === undefined || !orgAccounts.has(g.account)));
}
