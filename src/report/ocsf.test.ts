import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorsOf, ocsfComplianceValidator } from '../../test/support/schemas.ts';
import { edgeCaseReport } from './fixtures.ts';
import { renderOcsf } from './ocsf.ts';

describe('OCSF Compliance Finding writer', () => {
  const report = edgeCaseReport();
  const out = JSON.parse(renderOcsf(report)) as Array<Record<string, any>>;

  it('writes one finding per report finding, each valid against the OCSF 1.6.0 schema (class 2003, cloud profile)', () => {
    assert.equal(out.length, report.findings.length);
    const validate = ocsfComplianceValidator();
    for (const f of out) assert.ok(validate(f), `${f.finding_info?.uid}: ${errorsOf(validate)}`);
  });

  it('rejects a broken finding (the validator is real)', () => {
    const validate = ocsfComplianceValidator();
    const broken = { ...out[0], cloud: { account: { uid: '1' } } };
    assert.equal(validate(broken), false);
  });

  it('maps statuses and severities exactly, and the counts equal the JSON report summary', () => {
    const byCompliance: Record<number, number> = {};
    for (const f of out) if (f.status_id !== 3) byCompliance[f.compliance.status_id] = (byCompliance[f.compliance.status_id] ?? 0) + 1;
    const s = report.summary.byStatus;
    assert.deepEqual(byCompliance, { 1: s.pass, 2: s.warn, 3: s.fail, 0: s.error, 99: s.not_applicable });
    assert.equal(out.filter((f) => f.status_id === 3 && f.status === 'Suppressed').length, report.summary.muted);
    const sev = { info: 1, low: 2, medium: 3, high: 4, critical: 5 } as const;
    report.findings.forEach((f, i) => assert.equal(out[i]!.severity_id, sev[f.severity]));
  });

  it('carries account, Region, check, evidence, remediation and the mute reason', () => {
    const hostile = out.find((f) => f.compliance.control === 'edge-hostile')!;
    assert.deepEqual(hostile.cloud, { provider: 'AWS', account: { uid: '999999999999', type_id: 10, type: 'AWS Account' }, region: 'eu-west-1' });
    assert.equal(hostile.resources[0].uid, 'arn:aws:s3:::weird');
    assert.deepEqual(hostile.evidences, [{ data: { note: '</script><img src=x onerror=alert(1)>' } }]);
    assert.equal(hostile.remediation.desc, 'Fix it, then "verify"\nagain');
    assert.deepEqual(hostile.compliance.requirements, ['CIS 2.1.1']);
    const muted = out.find((f) => f.compliance.control === 'edge-muted')!;
    assert.equal(muted.status_detail, 'muted: accepted until the CI migration, ticket SEC-42');
    assert.equal(muted.compliance.status_id, 3, 'a muted failure is still a Fail, only its finding status is Suppressed');
    const error = out.find((f) => f.compliance.control === 'edge-error')!;
    assert.match(error.compliance.status_details.join(' '), /AccessDenied on guardduty:ListDetectors/);
  });

  it('gives OU paths from the organization structure', () => {
    const member = out.find((f) => f.cloud.account.uid === '222222222222')!;
    assert.equal(member.cloud.org.ou_name, 'Workloads');
  });
});
