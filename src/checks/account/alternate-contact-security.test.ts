import { singleAccount } from '../../inventory/fixtures.ts';
import { testCheck } from '../tester.ts';
import check from './alternate-contact-security.ts';

const ACCT = '111111111111';
const contact = { name: 'Security Team', title: 'Security', emailAddress: 'security@example.com', phoneNumber: '+1-555-0100' };

testCheck(check, {
  pass: [
    { name: 'complete security contact', snapshot: singleAccount(), resources: [ACCT] },
    { name: 'empty title is allowed (only name, email and phone are required)', snapshot: singleAccount((a) => a.securityContact({ ...contact, title: '' })) },
  ],
  fail: [
    { name: 'no security contact (ResourceNotFoundException)', snapshot: singleAccount((a) => a.securityContact(null)), resources: [ACCT] },
    { name: 'blank phone number', snapshot: singleAccount((a) => a.securityContact({ ...contact, phoneNumber: '  ' })), resources: [ACCT] },
    { name: 'empty email address', snapshot: singleAccount((a) => a.securityContact({ ...contact, emailAddress: '' })), resources: [ACCT] },
    { name: 'empty name', snapshot: singleAccount((a) => a.securityContact({ ...contact, name: '' })), resources: [ACCT] },
  ],
  error: [
    {
      name: 'GetAlternateContact denied',
      snapshot: singleAccount((a) => a.fail('account.alternateContacts.security', 'AccessDenied', 'account:GetAlternateContact')),
      code: 'AccessDenied',
      resources: [ACCT],
    },
  ],
});
