// Test and demo data for the Account slice (alternate and primary contacts).
import { ok } from '../../inventory/collected.ts';
import type { AccountSettingsSlice, AlternateContact } from './schema.ts';

/** The secure baseline: security, billing and operations contacts, and a primary contact. */
export function secureAccountSettings(): AccountSettingsSlice {
  const contact: AlternateContact = {
    name: 'Security Team',
    title: 'Security',
    emailAddress: 'security@example.com',
    phoneNumber: '+1-555-0100',
  };
  return {
    alternateContacts: {
      security: ok(contact),
      billing: ok({ ...contact, name: 'Finance', title: 'Billing', emailAddress: 'billing@example.com' }),
      operations: ok({ ...contact, name: 'Platform', title: 'Operations', emailAddress: 'ops@example.com' }),
    },
    contactInformation: ok({
      fullName: 'Example Corp Cloud Team',
      companyName: 'Example Corp',
      phoneNumber: '+1-555-0199',
      addressLine1: '1 Example Street',
      city: 'Seattle',
      postalCode: '98101',
      countryCode: 'US',
    }),
  };
}
