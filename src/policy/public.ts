// "Is this resource policy / bucket public?" following S3's published meaning of public
// ("Blocking public access to your Amazon S3 storage" → "The meaning of public"); rules in docs/policy.md.
import { classifyActionPatterns, classifyNotActionPatterns, mergeAccess, noAccess } from './access.ts';
import type { AccessClasses } from './access.ts';
import type { PolicyDocument, PolicyStatement } from './parse.ts';
import { actionPatternCovers } from './actions.ts';
import { classifyPrincipal, wildcardPrincipalReason } from './principals.ts';
import { restrictingCondition } from './public-conditions.ts';
import { actionShadowed, notActionAllowShadowed, publicAccessDenies } from './shadow.ts';

export interface PublicAnalysis {
  public: boolean;
  statements: Array<{ index: number; sid?: string; actions: string[]; reason: string }>;
  access: AccessClasses;
}

export interface BlockPublicAccess {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface ResourcePolicyOptions {
  /**
   * The account owning the resource. Accepted for API stability; under AWS's rule a grant to any fixed
   * account (own or foreign) is not public, so the verdict does not depend on it.
   */
  resourceAccountId?: string;
  /** Service prefix of the resource (`s3`, `sqs`…): wildcard actions are classified within it only. */
  service?: string;
}

/**
 * A statement is a public grant when it is an Allow whose principal is open (Principal "*", AWS "*", a wildcard
 * ARN, NotPrincipal, Federated) and no condition pins it to fixed values of a restricting key, and at least one
 * of its actions is not removed for outsiders by a Deny on the same resources (see publicAccessDenies).
 */
export function analyzeResourcePolicy(doc: PolicyDocument, opts: ResourcePolicyOptions = {}): PublicAnalysis {
  const denies = publicAccessDenies(doc);
  const statements: PublicAnalysis['statements'] = [];
  let access = noAccess();
  doc.statements.forEach((st, index) => {
    if (st.effect !== 'Allow') return;
    const who = openPrincipal(st);
    if (who === undefined || restrictingCondition(st) !== undefined) return;
    const grant = publicActions(st, denies, opts.service);
    if (grant === undefined) return;
    const entry: PublicAnalysis['statements'][number] = { index, actions: grant.actions, reason: `${who}${grant.note}` };
    if (st.sid !== undefined) entry.sid = st.sid;
    statements.push(entry);
    access = mergeAccess(access, grant.access);
  });
  return { public: statements.length > 0, statements, access };
}

function publicActions(
  st: PolicyStatement,
  denies: PolicyStatement[],
  service: string | undefined,
): { actions: string[]; access: AccessClasses; note: string } | undefined {
  if (st.notAction !== undefined) {
    // On a resource of one service only that service's actions apply: NotAction `s3:*` leaves nothing to grant.
    if (service !== undefined && st.notAction.some((n) => actionPatternCovers(n, `${service}:*`))) return undefined;
    if (notActionAllowShadowed(st, denies, service)) return undefined;
    return {
      actions: ['*'],
      access: classifyNotActionPatterns(st.notAction, service),
      note: `; NotAction with Allow grants every action except ${st.notAction.join(', ')}`,
    };
  }
  const granted = st.action ?? [];
  const actions = granted.filter((p) => !actionShadowed(p, st, denies));
  if (actions.length === 0) return undefined;
  const shadowed = granted.length - actions.length;
  const note = shadowed > 0 ? `; ${shadowed} of ${granted.length} action pattern(s) denied to callers outside a fixed set by a Deny` : '';
  return { actions, access: classifyActionPatterns(actions, service), note };
}

/** Why an Allow's principal is open, or undefined. Any Federated principal counts: S3 lists `{"Federated": "graph.facebook.com"}` as public. */
function openPrincipal(st: PolicyStatement): string | undefined {
  const wildcard = wildcardPrincipalReason(st);
  if (wildcard !== undefined || st.principal === undefined) return wildcard;
  const federated = classifyPrincipal(st.principal).filter((c) => ['oidc-provider', 'saml-provider', 'web-identity', 'federated'].includes(c.kind));
  return federated.length > 0 ? `Principal.Federated ${federated.map((c) => c.value).join(', ')} (any identity of the provider)` : undefined;
}

const ALL_USERS = 'acs.amazonaws.com/groups/global/allusers';
const AUTHENTICATED_USERS = 'acs.amazonaws.com/groups/global/authenticatedusers';

export interface S3PublicInput {
  policy?: PolicyDocument | null;
  aclGrants?: Array<{ granteeUri?: string; permission: string }>;
  bucketBlock?: BlockPublicAccess | null;
  accountBlock?: BlockPublicAccess | null;
}

export interface S3PublicResult {
  public: boolean;
  via: Array<'policy' | 'acl'>;
  write: boolean;
  list: boolean;
  blockedBy: Array<'account-bpa' | 'bucket-bpa'>;
  wouldBePublicWithoutBpa: boolean;
  details: string[];
}

/**
 * Effective public status of a bucket: its policy (analyzeResourcePolicy) and ACL (grants to AllUsers or
 * AuthenticatedUsers), after Block Public Access. Account and bucket settings combine (each flag applies
 * if set at either level): RestrictPublicBuckets neutralises a public policy, IgnorePublicAcls a public
 * ACL. BlockPublicAcls and BlockPublicPolicy only reject future writes and never change existing access.
 * `write` also counts permission changes (s3:PutBucketPolicy, WRITE_ACP): whoever can change
 * permissions can grant themselves write.
 */
export function isS3BucketPublic(input: S3PublicInput): S3PublicResult {
  const details: string[] = [];
  const blockedBy = new Set<'account-bpa' | 'bucket-bpa'>();
  const via: Array<'policy' | 'acl'> = [];
  let effective = noAccess();

  const policy = input.policy ? analyzeResourcePolicy(input.policy, { service: 's3' }) : undefined;
  if (policy?.public) {
    for (const s of policy.statements) details.push(`policy statement ${label(s.index, s.sid)} is public: ${s.reason} (${s.actions.join(', ')})`);
    const by = levelsWith(input, 'restrictPublicBuckets');
    if (by.length > 0) {
      by.forEach((b) => blockedBy.add(b));
      details.push(`the public policy is not in effect: RestrictPublicBuckets is on (${by.join(', ')})`);
    } else {
      via.push('policy');
      effective = mergeAccess(effective, policy.access);
    }
  }

  const acl = aclAccess(input.aclGrants ?? [], details);
  if (acl !== undefined) {
    const by = levelsWith(input, 'ignorePublicAcls');
    if (by.length > 0) {
      by.forEach((b) => blockedBy.add(b));
      details.push(`the public ACL grants are not in effect: IgnorePublicAcls is on (${by.join(', ')})`);
    } else {
      via.push('acl');
      effective = mergeAccess(effective, acl);
    }
  }

  return {
    public: via.length > 0,
    via,
    write: effective.write || effective.permissions,
    list: effective.list,
    blockedBy: [...blockedBy].sort(),
    wouldBePublicWithoutBpa: policy?.public === true || acl !== undefined,
    details,
  };
}

function levelsWith(input: S3PublicInput, flag: keyof BlockPublicAccess): Array<'account-bpa' | 'bucket-bpa'> {
  const out: Array<'account-bpa' | 'bucket-bpa'> = [];
  if (input.accountBlock?.[flag] === true) out.push('account-bpa');
  if (input.bucketBlock?.[flag] === true) out.push('bucket-bpa');
  return out;
}

/**
 * Access from public bucket-ACL grants, or undefined when none is public. On a bucket, READ lets the
 * grantee list objects, WRITE create/overwrite/delete them, READ_ACP read the ACL, WRITE_ACP rewrite it
 * (and so grant anything), FULL_CONTROL all of these.
 */
function aclAccess(grants: NonNullable<S3PublicInput['aclGrants']>, details: string[]): AccessClasses | undefined {
  let acc: AccessClasses | undefined;
  for (const g of grants) {
    const uri = (g.granteeUri ?? '').toLowerCase();
    const group = uri.endsWith(ALL_USERS) ? 'AllUsers' : uri.endsWith(AUTHENTICATED_USERS) ? 'AuthenticatedUsers (any AWS account)' : undefined;
    if (group === undefined) continue;
    const perm = g.permission.toUpperCase();
    const grant = noAccess();
    if (perm === 'READ' || perm === 'FULL_CONTROL') grant.list = true;
    if (perm === 'WRITE' || perm === 'FULL_CONTROL') grant.write = true;
    if (perm === 'WRITE_ACP' || perm === 'FULL_CONTROL') grant.permissions = true;
    details.push(`ACL grants ${perm} to ${group}`);
    acc = mergeAccess(acc ?? noAccess(), grant);
  }
  return acc;
}

function label(index: number, sid: string | undefined): string {
  return sid === undefined ? `#${index}` : `#${index} (${sid})`;
}
