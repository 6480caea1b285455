// Unit tests for the Account collector (alternate contacts), with the SDK mocked (no network).
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { mockClient } from 'aws-sdk-client-mock';
import { accountCollector } from './account.ts';
import { awsError, htmlServerError, testContext } from './regional/test-support.ts';
import { accountSettingsSchema } from '../inventory/snapshot.ts';

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
    assert.equal(account.calls().length, 3);
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
});
