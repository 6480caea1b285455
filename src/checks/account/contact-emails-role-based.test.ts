// contact-emails-role-based is a heuristic whose catalog verdict is WARN, never FAIL, so it is tested with its own
// cases (pass, warn, error, not applicable) instead of the CheckTester, which requires a failing case.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { singleAccount, snapshot } from '../../inventory/fixtures.ts';
import type { Snapshot } from '../../inventory/snapshot.ts';
import type { CheckResult } from '../../findings/finding.ts';
import { deepFreeze, runCheck } from '../engine.ts';
import type { Check } from '../define.ts';
import check, { type ContactEmailOptions } from './contact-emails-role-based.ts';

const MGMT = '111111111111';
const DEV = '222222222222';
const contact = (emailAddress: string) => ({ name: 'Team', title: 'T', emailAddress, phoneNumber: '+1-555-0100' });

function run(snap: Snapshot, options?: Partial<ContactEmailOptions>): CheckResult[] {
  const frozen = deepFreeze(structuredClone(snap));
  return frozen.accounts.flatMap((a) => runCheck(check as Check, frozen, a, options));
}
const of = (r: CheckResult[], id: string) => r.find((x) => x.resource.id === id);

describe('check contact-emails-role-based', () => {
  it('passes: three distinct team aliases, none the root email', () => {
    const r = run(singleAccount());
    assert.equal(of(r, MGMT)?.status, 'pass', of(r, MGMT)?.message);
  });

  it('passes: a standalone account, saying the root email could not be compared', () => {
    const r = run(singleAccount((a) => a.noOrganization()));
    assert.equal(of(r, MGMT)?.status, 'pass');
    assert.match(of(r, MGMT)?.message ?? '', /root email of a standalone account cannot be read/);
  });

  it('warns: two contacts share an address', () => {
    const r = run(singleAccount((a) => a.set('account.alternateContacts.billing', contact('security@example.com'))));
    assert.equal(of(r, MGMT)?.status, 'warn');
    assert.match(of(r, MGMT)?.message ?? '', /security and billing share security@example.com/);
  });

  it('warns: a member contact is the root email read from the management account', () => {
    const snap = snapshot()
      .account(MGMT, (a) => a.org((o) => o.memberAccount(DEV, 'dev')))
      .account(DEV, (a) => a.memberOf(MGMT).set('account.alternateContacts.operations', contact('AWS-dev@example.com')))
      .build();
    const r = run(snap);
    assert.equal(of(r, DEV)?.status, 'warn', of(r, DEV)?.message);
    assert.match(of(r, DEV)?.message ?? '', /operations contact is the root email aws-dev@example.com/);
  });

  it('warns: a personal-looking address; an empty alias list turns that part off', () => {
    const snap = singleAccount((a) => a.set('account.alternateContacts.operations', contact('jane.doe@example.com')));
    assert.equal(of(run(snap), MGMT)?.status, 'warn');
    assert.equal(of(run(snap, { aliasLocalParts: [] }), MGMT)?.status, 'pass');
  });

  it('errors: a contact unreadable', () => {
    const r = run(singleAccount((a) => a.fail('account.alternateContacts.billing', 'AccessDenied', 'account:GetAlternateContact')));
    assert.equal(of(r, MGMT)?.status, 'error');
    assert.equal(of(r, MGMT)?.error?.code, 'AccessDenied');
  });

  it('errors: a member scanned without the management account (the root email is not readable)', () => {
    const r = run(singleAccount((a) => a.memberOf(MGMT), { accountId: DEV }));
    assert.equal(of(r, DEV)?.status, 'error');
    assert.match(of(r, DEV)?.error?.message ?? '', /--org from the management account/);
  });

  it('not applicable: no alternate contact registered', () => {
    const r = run(
      singleAccount((a) =>
        a.set('account.alternateContacts.security', null).set('account.alternateContacts.billing', null).set('account.alternateContacts.operations', null),
      ),
    );
    assert.equal(of(r, MGMT)?.status, 'not_applicable');
  });
});
