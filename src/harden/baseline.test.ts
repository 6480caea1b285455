import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputFileError } from '../core/errors.ts';
import { defaultBaseline, exemptPrincipals } from './baseline.ts';
import { parseBaseline } from './baseline-file.ts';

describe('default baseline', () => {
  it('plans only safe things: no Region deny, no paid service, nothing disruptive', () => {
    const b = defaultBaseline();
    assert.equal(b.scp.regionDeny, false);
    assert.deepEqual(b.paid, { guardduty: false, securityHub: false, guarddutyFeatures: [], securityHubStandards: [], inspector: [], config: false, macie: false, unusedAccessAnalyzer: false, unusedAccessAge: 90, shieldAdvanced: false });
    assert.deepEqual(b.disruptive, []);
    assert.equal(b.scp.denyLeaveOrganization, true);
    assert.equal(b.scp.denyRootUser, true);
  });

  it('asks for the catalog password policy (14 characters, 24 remembered) without forced expiry', () => {
    const p = defaultBaseline().accountDefaults.passwordPolicy;
    assert.ok(p !== false);
    assert.equal(p.minimumPasswordLength, 14);
    assert.equal(p.passwordReusePrevention, 24);
    assert.equal(p.maxPasswordAge, undefined);
  });

  it('always exempts the automation role apply uses in member accounts', () => {
    assert.deepEqual(exemptPrincipals(defaultBaseline()), ['arn:aws:iam::*:role/OrganizationAccountAccessRole']);
  });
});

describe('parseBaseline', () => {
  it('reads a full baseline', () => {
    const b = parseBaseline(
      [
        'regions:',
        '  allowed: [eu-west-1, us-east-1]',
        'principals:',
        '  breakGlass: ["arn:aws:iam::*:role/BreakGlass"]',
        'scp:',
        '  regionDeny: true',
        'paid:',
        '  guardduty: true',
        'disruptive: [sg-open-admin-ports]',
      ].join('\n'),
      'b.yaml',
    );
    assert.deepEqual(b.regions.allowed, ['eu-west-1', 'us-east-1']);
    assert.equal(b.scp.regionDeny, true);
    assert.equal(b.paid.guardduty, true);
    assert.equal(b.paid.securityHub, false);
    assert.deepEqual(b.disruptive, ['sg-open-admin-ports']);
    assert.ok(exemptPrincipals(b).includes('arn:aws:iam::*:role/BreakGlass'));
  });

  it('names the file and line of a wrong value', () => {
    assert.throws(
      () => parseBaseline('regions:\n  allowed:\n    - eu-west-1\n    - Europe\n', 'b.yaml'),
      (e: unknown) => e instanceof InputFileError && e.line === 4 && /b\.yaml:4: regions\.allowed\.1: expected a Region name/.test(e.message),
    );
  });

  it('rejects unknown keys (typos never silently drop a setting)', () => {
    assert.throws(
      () => parseBaseline('scp:\n  denyRoot: true\n', 'b.yaml'),
      (e: unknown) => e instanceof InputFileError && e.line === 2 && /scp: Unrecognized key: "denyRoot"/.test(e.message),
    );
  });

  it('refuses a Region deny without allowed Regions or without a break-glass role', () => {
    assert.throws(() => parseBaseline('scp:\n  regionDeny: true\nprincipals:\n  breakGlass: ["arn:aws:iam::*:role/BG"]\n', 'b.yaml'), /needs regions\.allowed/);
    assert.throws(() => parseBaseline('scp:\n  regionDeny: true\nregions:\n  allowed: [eu-west-1]\n', 'b.yaml'), /break-glass role/);
  });

  it('refuses a Region deny that would exclude the Identity Center home Region', () => {
    const text = 'scp:\n  regionDeny: true\nregions:\n  allowed: [eu-west-1]\n  identityCenterHome: us-east-1\nprincipals:\n  breakGlass: ["arn:aws:iam::*:role/BG"]\n';
    assert.throws(() => parseBaseline(text, 'b.yaml'), /Identity Center home Region us-east-1 must be in regions\.allowed/);
  });

  it('reports invalid YAML with its line', () => {
    assert.throws(() => parseBaseline('scp:\n  denyRootUser: [\n', 'b.yaml'), (e: unknown) => e instanceof InputFileError && /invalid YAML/.test(e.message));
  });

  it('rejects a paid service or disruptive fix it does not know', () => {
    assert.throws(() => parseBaseline('paid:\n  cloudhsm: true\n', 'b.yaml'), /cloudhsm/);
    assert.throws(() => parseBaseline('disruptive: [root-mfa]\n', 'b.yaml'), /disruptive\.0/);
  });
});

describe('examples/baseline.yaml', () => {
  it('is a valid baseline', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../examples/baseline.yaml', import.meta.url), 'utf8');
    const b = parseBaseline(text, 'examples/baseline.yaml');
    assert.equal(b.contacts.security?.emailAddress, 'aws-security@example.com');
    assert.equal(b.scp.regionDeny, false);
  });
});
