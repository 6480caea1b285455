// kms-encrypt-decrypt-separation: on customer-managed keys tagged sensitive, no single non-admin principal may both
// encrypt (kms:Encrypt, kms:GenerateDataKey*) and decrypt (kms:Decrypt) (controls.md 1.F, seed 003 "split KMS
// roles"). A heuristic, as the catalog says: rights come from the key policy, the key's grants and, where the key
// policy delegates to the account, the IAM policies of the account's users and roles; conditions are not evaluated
// (a conditional right still counts as held) and only unconditional Deny statements remove a right.
import type { CheckResult, ResourceRef } from '../../findings/finding.ts';
import type { CollectError } from '../../inventory/collected.ts';
import type { IamGroup, IamManagedPolicy, IamRole, IamUser } from '../../services/iam/schema.ts';
import {
  classifyPrincipal,
  fullAdminStatements,
  globMatch,
  parsePolicy,
  PolicyParseError,
  statementAppliesToAction,
  type PolicyDocument,
  type PolicyStatement,
} from '../../policy/index.ts';
import { defineCheck } from '../define.ts';
import { noneInRegion, readInRegion } from '../helpers/regional.ts';

export interface KmsSeparationOptions {
  /** The tag key that carries a key's data classification. */
  classificationTagKey: string;
  /** Values of that tag (case-insensitive) that mark a key as sensitive. */
  sensitiveTagValues: string[];
}

const ENCRYPT = ['kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext'];
const DECRYPT = ['kms:Decrypt'];

interface Rights {
  encrypt: string[];
  decrypt: string[];
}

function allows(st: PolicyStatement, actions: string[]): boolean {
  return actions.some((a) => statementAppliesToAction(st, a));
}

function resourceCovers(st: PolicyStatement, arn: string): boolean {
  if (st.resource !== undefined) return st.resource.some((r) => globMatch(r, arn, false));
  if (st.notResource !== undefined) return !st.notResource.some((r) => globMatch(r, arn, false));
  return false;
}

/** Encrypt/decrypt rights an identity's IAM documents give on the key: Allows on it, less unconditional Denies. */
function iamRights(docs: PolicyDocument[], keyArn: string): { encrypt: boolean; decrypt: boolean } {
  const statements = docs.flatMap((d) => d.statements).filter((st) => resourceCovers(st, keyArn));
  const has = (actions: string[]) => {
    const denied = actions.filter((a) => statements.some((st) => st.effect === 'Deny' && st.condition === undefined && statementAppliesToAction(st, a)));
    const left = actions.filter((a) => !denied.includes(a));
    return statements.some((st) => st.effect === 'Allow' && allows(st, left));
  };
  return { encrypt: has(ENCRYPT), decrypt: has(DECRYPT) };
}

interface Identity {
  arn: string;
  docs: PolicyDocument[];
  /** Documents that could not be read (an attached policy missing from the snapshot, or one that does not parse). */
  missing: string[];
}

/** Every user and role of the account with the documents that apply to it (users: their groups' too). */
function identities(auth: { users: IamUser[]; groups: IamGroup[]; roles: IamRole[]; policies: IamManagedPolicy[] }): Identity[] {
  const managed = new Map(auth.policies.map((p) => [p.arn, p]));
  const groups = new Map(auth.groups.map((g) => [g.groupName, g]));
  const collect = (arn: string, holders: Array<{ attachedManagedPolicies: Array<{ policyArn: string }>; inlinePolicies: Array<{ policyName: string; document: unknown }> }>): Identity => {
    const docs: PolicyDocument[] = [];
    const missing: string[] = [];
    const add = (name: string, doc: unknown) => {
      try {
        docs.push(parsePolicy(doc));
      } catch (e) {
        if (!(e instanceof PolicyParseError)) throw e;
        missing.push(name);
      }
    };
    for (const h of holders) {
      for (const a of h.attachedManagedPolicies) {
        const p = managed.get(a.policyArn);
        if (p === undefined) missing.push(a.policyArn);
        else add(a.policyArn, p.document);
      }
      for (const i of h.inlinePolicies) add(`inline ${i.policyName}`, i.document);
    }
    return { arn, docs, missing };
  };
  return [
    ...auth.users.map((u) => collect(u.arn, [u, ...u.groups.flatMap((g) => (groups.has(g) ? [groups.get(g)!] : []))])),
    ...auth.roles.map((r) => collect(r.arn, [r])),
  ];
}

/** The account id of an account principal (`123456789012` or `arn:aws:iam::123456789012:root`), else undefined. */
function accountPrincipal(value: string): string | undefined {
  if (/^\d{12}$/.test(value)) return value;
  return /^arn:[^:]+:iam::(\d{12}):root$/.exec(value)?.[1];
}

export default defineCheck<KmsSeparationOptions>({
  meta: {
    id: 'kms-encrypt-decrypt-separation',
    title: 'Encrypt and decrypt rights on sensitive keys are held by different roles',
    severity: 'low',
    scope: 'resource',
    resourceType: 'AwsKmsKey',
    rationale:
      'When the principals that write sensitive data (encrypt) cannot read it back (decrypt), one compromised writer does not expose the data; splitting the two rights between roles is the separation of duties seed 003 recommends.',
    remediation: {
      text: 'Give producers only kms:Encrypt and kms:GenerateDataKey* and consumers only kms:Decrypt on the key: split the key policy statements (and IAM policies or grants) so that no principal other than administrators holds both.',
      cli: 'aws kms get-key-policy --key-id <key-id> --policy-name default --region <region>\naws kms list-grants --key-id <key-id> --region <region>',
    },
    references: ['https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html', 'https://docs.aws.amazon.com/kms/latest/developerguide/least-privilege.html'],
    compliance: { sources: ['003'] },
    fixable: false,
    reads: ['regional.*.kms.keys', 'iam.authorizationDetails'],
  },
  defaultOptions: { classificationTagKey: 'data-classification', sensitiveTagValues: ['confidential', 'restricted', 'sensitive', 'secret'] },
  optionProblems: (o) => (o.classificationTagKey.trim() === '' ? ['classificationTagKey must not be empty'] : []),
  evaluate(ctx) {
    const own = ctx.account.accountId;
    const tagKey = ctx.options.classificationTagKey.toLowerCase();
    const sensitive = ctx.options.sensitiveTagValues.map((v) => v.toLowerCase());
    const auth = ctx.account.iam.authorizationDetails;
    const ids = auth.ok ? identities(auth.value) : [];
    const admins = new Set(ids.filter((i) => i.docs.some((d) => fullAdminStatements(d).length > 0)).map((i) => i.arn));
    // Identities with a policy that could not be read: whether they are administrators (or hold a right) is unknown.
    const unreadable = new Set(ids.filter((i) => i.missing.length > 0 && !admins.has(i.arn)).map((i) => i.arn));

    const results: CheckResult[] = [];
    for (const [region, data] of ctx.regions()) {
      const keys = readInRegion(ctx, data.kms.keys, 'the KMS key list', region);
      if (!keys.ok) {
        results.push(keys.result);
        continue;
      }
      let judged = 0;
      for (const k of keys.value) {
        const resource: ResourceRef = { type: 'AwsKmsKey', id: k.keyId, arn: k.arn };
        const error = (e: CollectError, what: string) => {
          judged++;
          results.push(ctx.error(resource, e, `could not read ${what} of KMS key ${k.keyId}`, { region }));
        };
        if (!k.metadata.ok) {
          error(k.metadata.error, 'the metadata');
          continue;
        }
        if (k.metadata.value.keyManager !== 'CUSTOMER') continue;
        if (!k.tags.ok) {
          error(k.tags.error, 'the tags (which say whether it protects sensitive data)');
          continue;
        }
        const classification = Object.entries(k.tags.value ?? {}).find(([t]) => t.toLowerCase() === tagKey)?.[1];
        if (classification === undefined || !sensitive.includes(classification.toLowerCase())) continue;
        if (!k.policy.ok) {
          error(k.policy.error, 'the key policy');
          continue;
        }
        if (!k.grants.ok) {
          error(k.grants.error, 'the grants');
          continue;
        }
        let policy: PolicyDocument;
        try {
          policy = parsePolicy(k.policy.value);
        } catch (e) {
          if (!(e instanceof PolicyParseError)) throw e;
          error({ code: 'ParseError', operation: 'kms:GetKeyPolicy', message: `key policy of ${k.keyId} could not be parsed: ${e.message}`, region }, 'the key policy');
          continue;
        }
        judged++;

        const rights = new Map<string, Rights>();
        const grant = (principal: string, kind: keyof Rights, source: string) => {
          const r = rights.get(principal) ?? { encrypt: [], decrypt: [] };
          if (!r[kind].includes(source)) r[kind].push(source);
          rights.set(principal, r);
        };
        // Key policy: rights given to named principals; the own account's root delegates to IAM policies.
        const delegated = { encrypt: false, decrypt: false };
        policy.statements.forEach((st, index) => {
          if (st.effect !== 'Allow' || st.principal === undefined) return;
          const source = `key policy statement ${st.sid ?? `#${index}`}`;
          const enc = allows(st, ENCRYPT);
          const dec = allows(st, DECRYPT);
          if (!enc && !dec) return;
          for (const c of classifyPrincipal(st.principal)) {
            if (c.kind === 'service') continue;
            if (c.kind === 'aws' && accountPrincipal(c.value) === own) {
              delegated.encrypt ||= enc;
              delegated.decrypt ||= dec;
              continue;
            }
            if (enc) grant(c.value, 'encrypt', source);
            if (dec) grant(c.value, 'decrypt', source);
          }
        });
        for (const g of k.grants.value ?? []) {
          if (g.granteePrincipal === null || /\.amazonaws\.com$/.test(g.granteePrincipal)) continue;
          const ops = g.operations.map((o) => `kms:${o}`);
          const source = `grant ${g.grantId}${g.constrained ? ' (with encryption-context constraints)' : ''}`;
          if (ops.some((o) => ENCRYPT.includes(o))) grant(g.granteePrincipal, 'encrypt', source);
          if (ops.some((o) => DECRYPT.includes(o))) grant(g.granteePrincipal, 'decrypt', source);
        }
        // IAM policies count only for the rights the key policy delegates to the account.
        const delegates = delegated.encrypt || delegated.decrypt;
        if (delegates && auth.ok) {
          for (const i of ids) {
            const r = iamRights(i.docs, k.arn);
            if (delegated.encrypt && r.encrypt) grant(i.arn, 'encrypt', 'IAM policy');
            if (delegated.decrypt && r.decrypt) grant(i.arn, 'decrypt', 'IAM policy');
          }
        }
        // Who is an administrator is known only from readable IAM policies: without them every holder is uncertain.
        const uncertain = (p: string) => !auth.ok || unreadable.has(p);
        const holders = [...rights.entries()].filter(([p, r]) => r.encrypt.length > 0 && r.decrypt.length > 0 && !admins.has(p)).sort(([a], [b]) => a.localeCompare(b));
        const both = holders.filter(([p]) => !uncertain(p) || !p.startsWith('arn:') || !p.includes(`:${own}:`));
        const unsure = holders.filter(([p]) => !both.some(([q]) => q === p)).map(([p]) => p);
        const unknownIdentities = delegates ? [...unreadable].sort() : [];
        const evidence = {
          classification,
          delegatesToIam: delegated,
          principalsWithBoth: both.map(([principal, r]) => ({ principal, encryptVia: r.encrypt, decryptVia: r.decrypt })),
          adminsExcluded: [...rights.keys()].filter((p) => admins.has(p)).sort(),
          ...(unsure.length > 0 ? { holdersOfUnknownAdminStatus: unsure } : {}),
        };
        if (both.length > 0) {
          results.push(
            ctx.warn(resource, `sensitive KMS key ${k.keyId} lets ${both.length === 1 ? 'one principal' : `${both.length} principals`} both encrypt and decrypt: ${both.map(([p]) => p).join(', ')}`, {
              region,
              evidence,
              remediationValues: { 'key-id': k.keyId, region },
            }),
          );
          continue;
        }
        if (!auth.ok && (delegates || unsure.length > 0)) {
          const why = delegates ? 'delegates to IAM policies' : `lets ${unsure.join(', ')} both encrypt and decrypt, and whether they are administrators is unknown`;
          results.push(ctx.error(resource, auth.error, `KMS key ${k.keyId} ${why}, and the account's IAM policies could not be read`, { region, evidence }));
          continue;
        }
        const unknown = [...new Set([...unknownIdentities, ...unsure])].sort();
        if (unknown.length > 0) {
          results.push(
            ctx.error(
              resource,
              { code: 'NotCollected', operation: 'iam:GetAccountAuthorizationDetails', message: `policies of ${unknown.join(', ')} are missing or unreadable`, region },
              `the rights on KMS key ${k.keyId} of ${unknown.join(', ')} are unknown: some of their IAM policies could not be read`,
              { region, evidence },
            ),
          );
          continue;
        }
        results.push(ctx.pass(resource, `no non-admin principal can both encrypt and decrypt with sensitive KMS key ${k.keyId}`, { region, evidence }));
      }
      if (judged === 0) results.push(noneInRegion(ctx, region, 'customer-managed KMS keys tagged sensitive'));
    }
    return results;
  },
});
