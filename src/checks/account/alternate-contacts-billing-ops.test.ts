import assert from 'node:assert/strict';
import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './alternate-contacts-billing-ops.ts';

const ACCT = '111111111111';
const ops = { name: 'Platform', title: 'Operations', emailAddress: 'ops@example.com', phoneNumber: '+1-555-0100' };

testCheck(check, {
  pass: [{ name: 'billing, operations and primary contact present', snapshot: singleAccount(), resources: [ACCT] }],
  fail: [
    { name: 'no billing contact', snapshot: singleAccount((a) => a.set('account.alternateContacts.billing', null)), resources: [ACCT] },
    { name: 'operations contact without email', snapshot: singleAccount((a) => a.set('account.alternateContacts.operations', { ...ops, emailAddress: ' ' })), resources: [ACCT] },
    { name: 'no primary contact information', snapshot: singleAccount((a) => a.set('account.contactInformation', null)), resources: [ACCT] },
    {
      name: 'a missing contact is a failure even when another part is unreadable',
      snapshot: singleAccount((a) => a.set('account.alternateContacts.billing', null).fail('account.contactInformation', 'AccessDenied', 'account:GetContactInformation')),
      resources: [ACCT],
      verify: (r) => assert.match(r[0]?.message ?? '', /primary contact information could not be read/),
    },
  ],
  error: [
    {
      name: 'operations contact unreadable, the rest fine',
      snapshot: singleAccount((a) => a.fail('account.alternateContacts.operations', 'AccessDenied', 'account:GetAlternateContact')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
    {
      name: 'GetContactInformation not served',
      snapshot: singleAccount((a) => a.fail('account.contactInformation', 'Unsupported', 'account:GetContactInformation')),
      code: 'Unsupported',
    },
  ],
});
