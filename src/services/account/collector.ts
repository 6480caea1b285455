// Account collector (account-level, global): the security, billing and operations alternate contacts and the
// primary contact information. Four calls per account; "no contact registered" is a value (null), not an error.
// By default each account reads its own contacts (no AccountId). In an organization scan with trusted access for AWS
// Account Management, the management account reads a member's contacts with AccountId (collectMemberAccountSettings),
// so members' audit roles need no account:* permission; the scan falls back to the member's own read otherwise.
import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand, type AlternateContactType } from '@aws-sdk/client-account';
import { need, readOrAbsent } from '../../collectors/shape.ts';
import type { AccountCollector, CollectorContext } from '../../collectors/types.ts';
import type { Collected } from '../../inventory/collected.ts';
import type { AccountSnapshot } from '../../inventory/snapshot.ts';
import type { AlternateContact, ContactInformation } from './schema.ts';

const OPERATION = 'account:GetAlternateContact';
const CONTACT_INFORMATION = 'account:GetContactInformation';

async function alternateContact(ctx: CollectorContext, type: AlternateContactType, member?: string): Promise<Collected<AlternateContact | null>> {
  const client = ctx.aws.client(AccountClient);
  // No AccountId: the contact of the caller's own account (passing the management account's own id is an error).
  return readOrAbsent(OPERATION, undefined, ['ResourceNotFoundException'], async () => {
    const input = { AlternateContactType: type, ...(member === undefined ? {} : { AccountId: member }) };
    const out = await ctx.limiter.run(() => client.send(new GetAlternateContactCommand(input)));
    const c = need(out.AlternateContact, 'AlternateContact');
    // PutAlternateContact requires all four fields and GetAlternateContact documents them as always returned, so a
    // missing one means a response we do not understand: a ParseError, not an empty value a check would judge.
    return {
      name: need(c.Name, 'AlternateContact.Name'),
      title: need(c.Title, 'AlternateContact.Title'),
      emailAddress: need(c.EmailAddress, 'AlternateContact.EmailAddress'),
      phoneNumber: need(c.PhoneNumber, 'AlternateContact.PhoneNumber'),
    };
  });
}

async function contactInformation(ctx: CollectorContext, member?: string): Promise<Collected<ContactInformation | null>> {
  const client = ctx.aws.client(AccountClient);
  return readOrAbsent(CONTACT_INFORMATION, undefined, ['ResourceNotFoundException'], async () => {
    const out = await ctx.limiter.run(() => client.send(new GetContactInformationCommand(member === undefined ? {} : { AccountId: member })));
    const c = need(out.ContactInformation, 'ContactInformation');
    // The required fields of PutContactInformation; an answer without one is not understood (ParseError).
    return {
      fullName: need(c.FullName, 'ContactInformation.FullName'),
      companyName: c.CompanyName ?? null,
      phoneNumber: need(c.PhoneNumber, 'ContactInformation.PhoneNumber'),
      addressLine1: need(c.AddressLine1, 'ContactInformation.AddressLine1'),
      city: need(c.City, 'ContactInformation.City'),
      postalCode: need(c.PostalCode, 'ContactInformation.PostalCode'),
      countryCode: need(c.CountryCode, 'ContactInformation.CountryCode'),
    };
  });
}

async function settings(ctx: CollectorContext, member?: string): Promise<AccountSnapshot['account']> {
  const [security, billing, operations, info] = await Promise.all([
    alternateContact(ctx, 'SECURITY', member),
    alternateContact(ctx, 'BILLING', member),
    alternateContact(ctx, 'OPERATIONS', member),
    contactInformation(ctx, member),
  ]);
  return { alternateContacts: { security, billing, operations }, contactInformation: info };
}

export const accountCollector: AccountCollector<'account'> = {
  key: 'account',
  operations: [OPERATION, CONTACT_INFORMATION],
  collect: (ctx) => settings(ctx),
};

/**
 * A member's account slice read from the management account (AccountId), or undefined when any of its reads failed:
 * the member's own audit role then reads it, so a refusal here never hides contacts the member could read.
 */
export async function collectMemberAccountSettings(ctx: CollectorContext, member: string): Promise<AccountSnapshot['account'] | undefined> {
  const slice = await settings(ctx, member);
  const reads = [slice.alternateContacts.security, slice.alternateContacts.billing, slice.alternateContacts.operations, slice.contactInformation];
  return reads.every((r) => r.ok) ? slice : undefined;
}
