// contact-emails-role-based: the alternate-contact emails are distinct team aliases, not one person's mailbox or the
// root email (controls.md 1.A; a heuristic, so a WARN, never a FAIL).
import type { CheckResult } from '../../findings/finding.ts';
import { globMatch } from '../../policy/glob.ts';
import { defineCheck } from '../define.ts';
import { membership, organizationReader } from './org-context.ts';

export interface ContactEmailOptions {
  /**
   * Local parts (before the @) that read as team aliases, with `*` wildcards, case-insensitive. An address matching
   * none is reported as possibly personal; an empty list turns that part of the heuristic off.
   */
  aliasLocalParts: string[];
}

export const defaultAliasLocalParts = [
  'security*', 'secops*', 'soc', 'billing*', 'finance*', 'accounts*', 'accounting*', 'ops*', 'operations*', 'devops*', 'sre*', 'platform*',
  'infra*', 'cloud*', 'aws*', 'it', 'it-*', 'noc', 'admin*', 'team*', 'oncall*', 'on-call*', 'support*', 'alerts*',
];

const TYPES = ['security', 'billing', 'operations'] as const;

export default defineCheck<ContactEmailOptions>({
  meta: {
    id: 'contact-emails-role-based',
    title: 'Contact emails are team aliases, not one person',
    severity: 'low',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'Notices sent to one person are lost when that person is away or leaves; distinct team aliases for security, billing and operations reach the people who act on each. Deliverability cannot be proven from the API, so this is a heuristic.',
    remediation: {
      text: 'Point the security, billing and operations alternate contacts at three distinct team aliases (e.g. security@, billing@, cloud-ops@), none of them the root email.',
      cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name "Security Team" --title "Security" --email-address security@example.com --phone-number "+1-555-0100"',
    },
    references: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html'],
    compliance: { cisAws3: ['1.1'], prowler: ['account_maintain_different_contact_details_to_security_billing_and_operations'], sources: ['003'] },
    fixable: false,
    reads: ['account.alternateContacts', 'organizations.organization', 'organizations.structure'],
  },
  defaultOptions: { aliasLocalParts: defaultAliasLocalParts },
  evaluate(ctx): CheckResult[] {
    const account = ctx.accountResource();
    const emails: Array<{ type: string; email: string }> = [];
    for (const type of TYPES) {
      const c = ctx.account.account.alternateContacts[type];
      if (!c.ok) return [ctx.error(account, c.error, `could not read the ${type} alternate contact of account ${account.id}`)];
      if (c.value !== null && c.value.emailAddress.trim() !== '') emails.push({ type, email: c.value.emailAddress.trim().toLowerCase() });
    }
    if (emails.length === 0) {
      return [ctx.notApplicable(account, `account ${account.id} has no alternate contact email to judge; see alternate-contact-security and alternate-contacts-billing-ops`)];
    }
    // The root email is in the organization's account list; a standalone account cannot read its own.
    const m = membership(ctx);
    if (!m.ok) return [m.result];
    let rootEmail: string | null = null;
    if (m.value.kind !== 'standalone') {
      const reader = organizationReader(ctx, m.value.organization);
      if (!reader.ok) return [ctx.error(account, reader.error, `could not read the root email of account ${account.id} from the organization`)];
      const structure = reader.value.organizations.structure;
      if (!structure.ok) return [ctx.error(account, structure.error, `could not read the root email of account ${account.id} from the organization`)];
      const entry = structure.value?.accounts.find((a) => a.id === account.id);
      if (entry === undefined) {
        return [
          ctx.error(account, {
            code: 'ParseError',
            operation: 'organizations:ListAccountsForParent',
            message: `account ${account.id} is not in the account list of organization ${m.value.organization.id}`,
          }),
        ];
      }
      rootEmail = entry.email.trim().toLowerCase();
    }
    const concerns: string[] = [];
    const byEmail = new Map<string, string[]>();
    for (const e of emails) byEmail.set(e.email, [...(byEmail.get(e.email) ?? []), e.type]);
    for (const [email, types] of byEmail) if (types.length > 1) concerns.push(`${types.join(' and ')} share ${email}`);
    for (const e of emails) if (rootEmail !== null && e.email === rootEmail) concerns.push(`${e.type} contact is the root email ${e.email}`);
    const patterns = ctx.options.aliasLocalParts;
    if (patterns.length > 0) {
      for (const e of emails) {
        const local = e.email.split('@')[0] ?? '';
        if (!patterns.some((p) => globMatch(p, local, true))) concerns.push(`${e.type} contact ${e.email} does not look like a team alias`);
      }
    }
    const evidence = { emails, rootEmail: rootEmail ?? 'not readable for a standalone account', concerns };
    if (concerns.length > 0) return [ctx.warn(account, `contact emails of account ${account.id} may not reach a team: ${concerns.join('; ')}`, { evidence })];
    const rootNote = rootEmail === null ? ' (the root email of a standalone account cannot be read, so it was not compared)' : '';
    return [ctx.pass(account, `contact emails of account ${account.id} are distinct team aliases${rootNote}`, { evidence })];
  },
});
