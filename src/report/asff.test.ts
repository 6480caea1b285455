import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asffRequiredFields, renderAsff } from './asff.ts';
import { edgeCaseReport } from './fixtures.ts';

describe('ASFF writer', () => {
  const report = edgeCaseReport();
  const out = JSON.parse(renderAsff(report, { region: 'eu-west-1' })) as Array<Record<string, unknown> & { Severity: { Label: string }; Compliance: { Status: string }; Workflow: { Status: string } }>;

  it('writes one AwsSecurityFinding per finding with every required field', () => {
    assert.equal(out.length, report.findings.length);
    // the 12 attributes the Security Hub user guide requires, spelled out here rather than taken from the writer
    const required = ['SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'CreatedAt', 'UpdatedAt', 'Title', 'Description', 'Resources', 'Severity', 'Types'];
    assert.deepEqual([...asffRequiredFields].sort(), [...required].sort());
    for (const f of out) {
      for (const k of required) assert.ok(f[k] !== undefined && f[k] !== '', `${String(f['Id'])} lacks ${k}`);
      assert.equal(f['SchemaVersion'], '2018-10-08');
      assert.match(String(f['ProductArn']), /^arn:aws:securityhub:eu-west-1:\d{12}:product\/\d{12}\/default$/);
      assert.ok(String(f['Title']).length <= 256 && String(f['Description']).length <= 1024);
      assert.ok(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(f.Severity.Label));
      assert.ok(!Number.isNaN(Date.parse(String(f['CreatedAt']))));
    }
    assert.equal(new Set(out.map((f) => f['Id'])).size, out.length, 'ids are unique');
  });

  it('counts per compliance status equal the JSON report; muted findings are SUPPRESSED', () => {
    const s = report.summary.byStatus;
    const active = out.filter((f) => f.Workflow.Status !== 'SUPPRESSED');
    assert.equal(active.filter((f) => f.Compliance.Status === 'FAILED').length, s.fail);
    assert.equal(active.filter((f) => f.Compliance.Status === 'PASSED').length, s.pass);
    assert.equal(active.filter((f) => f.Compliance.Status === 'NOT_AVAILABLE').length, s.error + s.not_applicable);
    assert.equal(out.length - active.length, report.summary.muted);
  });
});
