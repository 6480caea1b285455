// alternate-contacts-billing-ops: the BILLING and OPERATIONS alternate contacts and the primary contact information
// are registered (controls.md 1.A).
import type { CollectError, Collected } from '../../inventory/collected.ts';
import type { AlternateContact, ContactInformation } from '../../services/account/schema.ts';
import { defineCheck } from '../define.ts';

function blank(fields: Record<string, string>): string[] {
  return Object.entries(fields)
    .filter(([, v]) => v.trim() === '')
    .map(([k]) => k);
}

export default defineCheck({
  meta: {
    id: 'alternate-contacts-billing-ops',
    title: 'Billing and Operations alternate contacts registered',
    severity: 'low',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'AWS sends billing notices and operational notices (maintenance, retirements, service issues) to these contacts and to the primary contact; without them the notices reach only the root email.',
    remediation: {
      text: 'Register BILLING and OPERATIONS alternate contacts that reach a team (alias and phone), and keep the primary contact information current. From the management account they can be set for every member with --account-id.',
      cli: 'aws account put-alternate-contact --alternate-contact-type BILLING --name "Finance" --title "Billing" --email-address billing@example.com --phone-number "+1-555-0100"\naws account put-alternate-contact --alternate-contact-type OPERATIONS --name "Platform" --title "Operations" --email-address ops@example.com --phone-number "+1-555-0100"',
      terraform:
        'resource "aws_account_alternate_contact" "billing" {\n  alternate_contact_type = "BILLING"\n  name                   = "Finance"\n  title                  = "Billing"\n  email_address          = "billing@example.com"\n  phone_number           = "+1-555-0100"\n}\n\nresource "aws_account_alternate_contact" "operations" {\n  alternate_contact_type = "OPERATIONS"\n  name                   = "Platform"\n  title                  = "Operations"\n  email_address          = "ops@example.com"\n  phone_number           = "+1-555-0100"\n}',
    },
    references: [
      'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
      'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-primary.html',
    ],
    compliance: {
      cisAws3: ['1.1'],
      prowler: ['account_maintain_current_contact_details', 'account_maintain_different_contact_details_to_security_billing_and_operations'],
      sources: ['002', '003'],
    },
    fixable: true,
    reads: ['account.alternateContacts.billing', 'account.alternateContacts.operations', 'account.contactInformation'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const problems: string[] = [];
    const unreadable: Array<{ what: string; error: CollectError }> = [];
    const contact = (what: string, c: Collected<AlternateContact | null>) => {
      if (!c.ok) unreadable.push({ what, error: c.error });
      else if (c.value === null) problems.push(`no ${what} alternate contact`);
      else {
        const missing = blank({ name: c.value.name, emailAddress: c.value.emailAddress, phoneNumber: c.value.phoneNumber });
        if (missing.length > 0) problems.push(`${what} alternate contact has ${missing.join(', ')} empty`);
      }
    };
    contact('billing', ctx.account.account.alternateContacts.billing);
    contact('operations', ctx.account.account.alternateContacts.operations);
    const info: Collected<ContactInformation | null> = ctx.account.account.contactInformation;
    if (!info.ok) unreadable.push({ what: 'primary contact information', error: info.error });
    else if (info.value === null) problems.push('no primary contact information');
    else {
      const missing = blank({ fullName: info.value.fullName, phoneNumber: info.value.phoneNumber, addressLine1: info.value.addressLine1 });
      if (missing.length > 0) problems.push(`primary contact information has ${missing.join(', ')} empty`);
    }
    const evidence = { problems, unreadable: unreadable.map((u) => u.what) };
    // What was read and is missing is a failure whatever the rest says; otherwise an unread part forbids a pass.
    if (problems.length > 0) {
      const also = unreadable.length > 0 ? ` (${unreadable.map((u) => u.what).join(', ')} could not be read)` : '';
      return [ctx.fail(account, `account ${account.id}: ${problems.join('; ')}${also}`, { evidence })];
    }
    const first = unreadable[0];
    if (first !== undefined) return [ctx.error(account, first.error, `could not read the ${unreadable.map((u) => u.what).join(', ')} of account ${account.id}`)];
    return [ctx.pass(account, `account ${account.id} has billing and operations alternate contacts and primary contact information`, { evidence })];
  },
});
