// alternate-contact-security: the account has a SECURITY alternate contact with name, email and phone (controls.md 1.A).
import { defineCheck, requireData } from '../define.ts';

export default defineCheck({
  meta: {
    id: 'alternate-contact-security',
    title: 'Security alternate contact registered',
    severity: 'high',
    scope: 'account',
    resourceType: 'AwsAccount',
    rationale:
      'AWS sends abuse reports, leaked-key notices and security bulletins to the security contact; without one they go only to the root email, which often nobody reads.',
    remediation: {
      text: 'Register a security alternate contact that reaches the security team (a team alias and an on-call phone number). From the management account it can be set for every member account with --account-id.',
      cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --name "Security Team" --title "Security" --email-address security@example.com --phone-number "+1-555-0100"',
      terraform:
        'resource "aws_account_alternate_contact" "security" {\n  alternate_contact_type = "SECURITY"\n  name                   = "Security Team"\n  title                  = "Security"\n  email_address          = "security@example.com"\n  phone_number           = "+1-555-0100"\n}',
    },
    references: ['https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html'],
    compliance: { cisAws3: ['1.2'], prowler: ['account_security_contact_information_is_registered'], sources: ['001', '002', '003'] },
    fixable: true,
    reads: ['account.alternateContacts.security'],
  },
  evaluate(ctx) {
    const account = ctx.accountResource();
    const contact = requireData(ctx, ctx.account.account.alternateContacts.security, account, 'the SECURITY alternate contact');
    if (!contact.ok) return [contact.result];
    if (contact.value === null) {
      return [
        ctx.fail(account, `account ${account.id} has no security alternate contact; AWS security notices reach only the root email`, {
          evidence: { registered: false },
        }),
      ];
    }
    const c = contact.value;
    const fields = { name: c.name, emailAddress: c.emailAddress, phoneNumber: c.phoneNumber };
    const missing = Object.entries(fields)
      .filter(([, v]) => v.trim() === '')
      .map(([k]) => k);
    if (missing.length > 0) {
      return [
        ctx.fail(account, `security alternate contact of ${account.id} is incomplete: ${missing.join(', ')} empty`, {
          evidence: { registered: true, missingFields: missing },
        }),
      ];
    }
    return [ctx.pass(account, `account ${account.id} has a security alternate contact`, { evidence: { registered: true, missingFields: [] } })];
  },
});
