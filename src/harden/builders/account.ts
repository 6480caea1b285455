// Account-wide (global) baselines: IAM password policy, account-level S3 Block Public Access, alternate contacts.
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { PasswordPolicy } from '../../services/iam/schema.ts';
import type { BlockPublicAccess } from '../../services/s3/schema.ts';
import type { BaselineContact } from '../baseline.ts';
import { emptyOutput, findingRef, makeAction, type BuildOutput, type PlanContext } from '../plan-context.ts';

const PASSWORD_FIELDS = [
  'minimumPasswordLength', 'passwordReusePrevention', 'requireSymbols', 'requireNumbers', 'requireUppercaseCharacters',
  'requireLowercaseCharacters', 'allowUsersToChangePassword', 'maxPasswordAge', 'hardExpiry',
] as const;

/** IAM's API spells the same fields in PascalCase. */
export function passwordPolicyParams(p: PasswordPolicy): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of PASSWORD_FIELDS) if (p[k] !== undefined) out[k[0]!.toUpperCase() + k.slice(1)] = p[k];
  return out;
}

/**
 * UpdateAccountPasswordPolicy replaces the whole policy, so the target merges the baseline over what exists and
 * never weakens a field: the longer length, the longer history, every requirement either side asks for, and an
 * existing expiry is kept.
 */
export function mergePasswordPolicy(existing: PasswordPolicy | null, wanted: PasswordPolicy): PasswordPolicy {
  const e = existing ?? {};
  const max = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  const merged: PasswordPolicy = {
    minimumPasswordLength: max(e.minimumPasswordLength, wanted.minimumPasswordLength),
    passwordReusePrevention: max(e.passwordReusePrevention, wanted.passwordReusePrevention),
    requireSymbols: Boolean(e.requireSymbols || wanted.requireSymbols),
    requireNumbers: Boolean(e.requireNumbers || wanted.requireNumbers),
    requireUppercaseCharacters: Boolean(e.requireUppercaseCharacters || wanted.requireUppercaseCharacters),
    requireLowercaseCharacters: Boolean(e.requireLowercaseCharacters || wanted.requireLowercaseCharacters),
    allowUsersToChangePassword: Boolean(e.allowUsersToChangePassword || wanted.allowUsersToChangePassword),
  };
  const age = e.maxPasswordAge ?? wanted.maxPasswordAge;
  if (age !== undefined) merged.maxPasswordAge = age;
  if (e.hardExpiry !== undefined) merged.hardExpiry = e.hardExpiry;
  return merged;
}

function samePolicy(a: PasswordPolicy | null, b: PasswordPolicy): boolean {
  if (a === null) return false;
  return PASSWORD_FIELDS.every((k) => (a[k] ?? (typeof b[k] === 'boolean' ? false : undefined)) === b[k]);
}

export function passwordPolicyBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const wanted = ctx.baseline.accountDefaults.passwordPolicy;
  if (wanted === false) return out;
  const current = account.iam.passwordPolicy;
  if (!current.ok) {
    out.warnings.push(`account ${account.accountId}: the password policy could not be read (${current.error.code}); rescan with iam:GetAccountPasswordPolicy to plan it`);
    return out;
  }
  const after = mergePasswordPolicy(current.value, wanted);
  if (samePolicy(current.value, after)) return out;
  out.actions.push(
    makeAction({
      kind: 'iam.password-policy',
      target: 'password-policy',
      title: `Set the IAM password policy of ${account.accountId} (length ${after.minimumPasswordLength}, history ${after.passwordReusePrevention})`,
      accountId: account.accountId,
      region: null,
      checkIds: ['password-policy'],
      calls: [{ service: 'iam', operation: 'UpdateAccountPasswordPolicy', params: passwordPolicyParams(after) }],
      permissions: ['iam:UpdateAccountPasswordPolicy', 'iam:GetAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'],
      before: current.value,
      after,
      rollback: {
        possible: true,
        how: current.value === null ? 'DeleteAccountPasswordPolicy (there was none)' : 'UpdateAccountPasswordPolicy with the previous values',
      },
      notes: ['merged over the existing policy: no field is weakened'],
    }),
  );
  return out;
}

const ALL_BLOCKED: BlockPublicAccess = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

export function allBlocked(b: BlockPublicAccess | null): boolean {
  return b !== null && b.blockPublicAcls && b.ignorePublicAcls && b.blockPublicPolicy && b.restrictPublicBuckets;
}

export function bpaParams(b: BlockPublicAccess): Record<string, boolean> {
  return { BlockPublicAcls: b.blockPublicAcls, IgnorePublicAcls: b.ignorePublicAcls, BlockPublicPolicy: b.blockPublicPolicy, RestrictPublicBuckets: b.restrictPublicBuckets };
}

export function accountBpaBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  const d = ctx.baseline.accountDefaults;
  if (!d.s3BlockPublicAccess || d.publicContentAccount === account.accountId) return out;
  const current = account.s3.accountPublicAccessBlock;
  if (!current.ok) {
    out.warnings.push(`account ${account.accountId}: account-level S3 Block Public Access could not be read (${current.error.code}); not planned`);
    return out;
  }
  if (allBlocked(current.value)) return out;
  // Turning it on makes every public bucket private at once: a fix, but one that can take a website down.
  const publicBuckets = ctx.failing('s3-bucket-public', account.accountId).map((f) => f.resource.id);
  const bucketsUnknown = !account.s3.buckets.ok;
  const disruptive = publicBuckets.length > 0 || bucketsUnknown;
  if (disruptive && !ctx.baseline.disruptive.includes('s3-account-bpa')) {
    out.blocked.push({
      what: `account-level S3 Block Public Access in ${account.accountId}`,
      reason: bucketsUnknown
        ? 'the buckets could not be listed, so the plan cannot tell whether a public bucket would stop being public; add s3-account-bpa to `disruptive` in the baseline to plan it anyway'
        : `public buckets (${publicBuckets.join(', ')}) would stop being public; make them private first, set accountDefaults.publicContentAccount, or add s3-account-bpa to \`disruptive\``,
    });
    return out;
  }
  out.actions.push(
    makeAction({
      kind: 's3.account-bpa',
      target: 's3-account-bpa',
      title: `Turn on all four account-level S3 Block Public Access settings in ${account.accountId}`,
      accountId: account.accountId,
      region: null,
      risk: disruptive ? 'disruptive' : 'safe',
      checkIds: ['s3-account-bpa', 's3-bucket-bpa', 's3-bucket-public'],
      calls: [{ service: 's3control', operation: 'PutPublicAccessBlock', params: { AccountId: account.accountId, PublicAccessBlockConfiguration: bpaParams(ALL_BLOCKED) } }],
      permissions: ['s3:PutAccountPublicAccessBlock', 's3:GetAccountPublicAccessBlock'],
      before: current.value,
      after: ALL_BLOCKED,
      rollback: { possible: true, how: current.value === null ? 'DeletePublicAccessBlock (there was none)' : 'PutPublicAccessBlock with the previous flags' },
      notes: disruptive ? [`public buckets stop being public: ${publicBuckets.join(', ') || 'unknown (buckets not listed)'}`] : [],
    }),
  );
  return out;
}

const CONTACT_TYPES = [
  ['security', 'SECURITY', 'alternate-contact-security'],
  ['billing', 'BILLING', 'alternate-contacts-billing-ops'],
  ['operations', 'OPERATIONS', 'alternate-contacts-billing-ops'],
] as const;

function sameContact(a: BaselineContact | null, b: BaselineContact): boolean {
  return a !== null && a.name === b.name && a.title === b.title && a.emailAddress === b.emailAddress && a.phoneNumber === b.phoneNumber;
}

export function contactsBuilder(ctx: PlanContext, account: AccountSnapshot): BuildOutput {
  const out = emptyOutput();
  for (const [key, type, checkId] of CONTACT_TYPES) {
    const wanted = ctx.baseline.contacts[key];
    const current = account.account.alternateContacts[key];
    if (!wanted) {
      const failing = ctx.failing(checkId, account.accountId);
      if (failing.length > 0 && key === 'security') {
        out.manual.push({
          checkId,
          accountId: account.accountId,
          title: `Register the ${type} alternate contact of ${account.accountId}`,
          instructions: `Add contacts.${key} (name, title, team e-mail alias, phone) to the baseline and plan again, or set it in the console (Account → Alternate contacts).`,
          findings: failing.map(findingRef),
        });
      }
      continue;
    }
    if (!current.ok) {
      out.warnings.push(`account ${account.accountId}: the ${type} contact could not be read (${current.error.code}); not planned`);
      continue;
    }
    if (sameContact(current.value, wanted)) continue;
    out.actions.push(
      makeAction({
        kind: 'account.alternate-contact',
        target: type.toLowerCase(),
        title: `Register ${wanted.emailAddress} as the ${type} contact of ${account.accountId}`,
        accountId: account.accountId,
        region: null,
        checkIds: [checkId],
        calls: [
          {
            service: 'account',
            operation: 'PutAlternateContact',
            params: { AlternateContactType: type, Name: wanted.name, Title: wanted.title, EmailAddress: wanted.emailAddress, PhoneNumber: wanted.phoneNumber },
          },
        ],
        permissions: ['account:PutAlternateContact', 'account:GetAlternateContact', 'account:DeleteAlternateContact'],
        before: current.value,
        after: wanted,
        rollback: { possible: true, how: current.value === null ? 'DeleteAlternateContact (there was none)' : 'PutAlternateContact with the previous contact' },
        details: { contactType: type },
      }),
    );
  }
  return out;
}
