// Account collector (account-level, global): the security, billing and operations alternate contacts.
// Three calls per account; "no contact registered" is a value (null), not an error.
import { AccountClient, GetAlternateContactCommand, type AlternateContactType } from '@aws-sdk/client-account';
import { need, readOrAbsent } from './shape.ts';
import type { AccountCollector, CollectorContext } from './types.ts';
import type { Collected } from '../inventory/collected.ts';
import type { AccountSnapshot, AlternateContact } from '../inventory/snapshot.ts';

const OPERATION = 'account:GetAlternateContact';

async function alternateContact(ctx: CollectorContext, type: AlternateContactType): Promise<Collected<AlternateContact | null>> {
  const client = ctx.aws.client(AccountClient);
  // No AccountId: the contact of the caller's own account (passing the management account's own id is an error).
  return readOrAbsent(OPERATION, undefined, ['ResourceNotFoundException'], async () => {
    const out = await ctx.limiter.run(() => client.send(new GetAlternateContactCommand({ AlternateContactType: type })));
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

export const accountCollector: AccountCollector<'account'> = {
  key: 'account',
  operations: [OPERATION],
  async collect(ctx): Promise<AccountSnapshot['account']> {
    const [security, billing, operations] = await Promise.all([
      alternateContact(ctx, 'SECURITY'),
      alternateContact(ctx, 'BILLING'),
      alternateContact(ctx, 'OPERATIONS'),
    ]);
    return { alternateContacts: { security, billing, operations } };
  },
};
