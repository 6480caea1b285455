// Unit tests for the Account collector (alternate contacts), with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccountClient, GetAlternateContactCommand, GetContactInformationCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { accountCollector, collectMemberAccountSettings } from './collector.ts';
import { awsError, htmlServerError, testContext } from '../../collectors/regional/test-support.ts';
import { accountSettingsSchema } from './schema.ts';

const account = mockClient(AccountClient);

describe('account collector', () => {
  beforeEach(() => account.reset());
  afterEach(() => account.reset());

  it('reads the three contacts; ResourceNotFoundException means none registered (null)', async () => {
    account.on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' }).resolves({
      AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Sec Team', Title: 'CISO', EmailAddress: 'security@example.com', PhoneNumber: '+1 555 0100' },
    });
    account
      .on(GetAlternateContactCommand, { AlternateContactType: 'BILLING' })
      .rejects(awsError('ResourceNotFoundException', 'No contact of the inputted alternate contact type found.', 404));
    account.on(GetAlternateContactCommand, { AlternateContactType: 'OPERATIONS' }).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const out = accountSettingsSchema.parse(await accountCollector.collect(testContext()));
    assert.deepEqual(out.alternateContacts.security, {
      ok: true,
      value: { name: 'Sec Team', title: 'CISO', emailAddress: 'security@example.com', phoneNumber: '+1 555 0100' },
    });
    assert.deepEqual(out.alternateContacts.billing, { ok: true, value: null });
    assert.deepEqual(out.alternateContacts.operations, {
      ok: false,
      error: { code: 'AccessDenied', operation: 'account:GetAlternateContact', message: 'AccessDeniedException: not authorized' },
    });
    assert.equal(account.commandCalls(GetAlternateContactCommand).length, 3);
    // no AccountId: the caller's own account
    for (const c of account.commandCalls(GetAlternateContactCommand)) assert.equal(c.args[0].input.AccountId, undefined);
  });

  it('records an unimplemented endpoint as Unsupported', async () => {
    account.on(GetAlternateContactCommand).rejects(htmlServerError());
    const out = await accountCollector.collect(testContext());
    assert.ok(!out.alternateContacts.security.ok);
    assert.equal(out.alternateContacts.security.error.code, 'Unsupported');
  });

  it('records a contact that lacks a documented field as a ParseError, not as an empty value', async () => {
    account.on(GetAlternateContactCommand).resolves({
      AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Sec Team', Title: 'CISO', EmailAddress: 'security@example.com' },
    });
    const out = accountSettingsSchema.parse(await accountCollector.collect(testContext()));
    assert.ok(!out.alternateContacts.security.ok, 'a contact without PhoneNumber must not be recorded');
    assert.equal(out.alternateContacts.security.error.code, 'ParseError');
    assert.match(out.alternateContacts.security.error.message, /AlternateContact\.PhoneNumber/);
  });

  it('reads the primary contact information; ResourceNotFoundException means none (null), a refusal stays an error', async () => {
    account.on(GetAlternateContactCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    account.on(GetContactInformationCommand).resolves({
      ContactInformation: { FullName: 'Ops Team', PhoneNumber: '+1 555 0101', AddressLine1: '1 Main St', City: 'Seattle', PostalCode: '98101', CountryCode: 'US' },
    });
    const out = accountSettingsSchema.parse(await accountCollector.collect(testContext()));
    assert.deepEqual(out.contactInformation, {
      ok: true,
      value: { fullName: 'Ops Team', companyName: null, phoneNumber: '+1 555 0101', addressLine1: '1 Main St', city: 'Seattle', postalCode: '98101', countryCode: 'US' },
    });
    assert.equal(account.commandCalls(GetContactInformationCommand)[0]?.args[0].input.AccountId, undefined);
    account.on(GetContactInformationCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    assert.deepEqual(accountSettingsSchema.parse(await accountCollector.collect(testContext())).contactInformation, { ok: true, value: null });
    account.on(GetContactInformationCommand).rejects(awsError('AccessDeniedException', 'denied', 403));
    const denied = accountSettingsSchema.parse(await accountCollector.collect(testContext())).contactInformation;
    assert.ok(!denied.ok);
    assert.equal(denied.error.code, 'AccessDenied');
    assert.equal(denied.error.operation, 'account:GetContactInformation');
  });

  it("reads a member's contacts with AccountId from the management account, and gives up (undefined) if any read fails", async () => {
    account.on(GetAlternateContactCommand).resolves({
      AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'T', EmailAddress: 'security@example.com', PhoneNumber: '+1' },
    });
    account.on(GetContactInformationCommand).rejects(awsError('ResourceNotFoundException', 'none', 404));
    const slice = await collectMemberAccountSettings(testContext(), '222222222222');
    assert.ok(slice);
    assert.deepEqual(slice.contactInformation, { ok: true, value: null });
    for (const c of account.commandCalls(GetAlternateContactCommand)) assert.equal(c.args[0].input.AccountId, '222222222222');
    assert.equal(account.commandCalls(GetContactInformationCommand)[0]?.args[0].input.AccountId, '222222222222');
    account.on(GetContactInformationCommand).rejects(awsError('AccessDeniedException', 'trusted access not enabled', 403));
    assert.equal(await collectMemberAccountSettings(testContext(), '222222222222'), undefined);
  });
});
