import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvColumns, csvField, renderCsv } from './csv.ts';
import { edgeCaseReport } from './fixtures.ts';

/** A strict RFC 4180 reader written for the test (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), (i += 1);
      else (field += c), (i += 1);
    } else if (c === '"') {
      assert.equal(field, '', 'a quote may only open a field');
      quoted = true;
      i += 1;
    } else if (c === ',') (row.push(field), (field = ''), (i += 1));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), (i += 2));
    else {
      assert.ok(c !== '\n' && c !== '\r', `bare line break outside quotes at ${i}`);
      field += c;
      i += 1;
    }
  }
  assert.equal(field, '', 'the last record ends with CRLF');
  return rows;
}

describe('CSV writer', () => {
  const report = edgeCaseReport();
  const rows = parseCsv(renderCsv(report));
  const header = rows[0]!;
  const col = (name: string) => header.indexOf(name);

  it('has the documented header and one row per finding, each with every column', () => {
    assert.deepEqual(header, csvColumns.map(([n]) => n));
    assert.equal(rows.length - 1, report.findings.length);
    for (const r of rows) assert.equal(r.length, header.length);
  });

  it('counts per status equal the JSON report (muted apart)', () => {
    const counts: Record<string, number> = {};
    for (const r of rows.slice(1)) if (r[col('muted')] === 'false') counts[r[col('status')]!] = (counts[r[col('status')]!] ?? 0) + 1;
    for (const [status, n] of Object.entries(report.summary.byStatus)) assert.equal(counts[status] ?? 0, n, status);
    assert.equal(rows.slice(1).filter((r) => r[col('muted')] === 'true').length, report.summary.muted);
  });

  it('keeps quotes, commas and line breaks intact and defuses formula cells', () => {
    const hostile = rows.find((r) => r[col('check_id')] === 'edge-hostile')!;
    assert.equal(hostile[col('message')], 'bucket <script>alert(1)</script> is public, "really", line1\r\nline2\u0001 end');
    assert.equal(hostile[col('resource_id')], `'=HYPERLINK("http://x")`);
    assert.equal(csvField('+1'), "'+1");
    assert.equal(csvField('-1 day'), '-1 day');
    const muted = rows.find((r) => r[col('check_id')] === 'edge-muted')!;
    assert.equal(muted[col('mute_reason')], 'accepted until the CI migration, ticket SEC-42');
    assert.equal(muted[col('mute_expires')], '2099-01-01');
  });
});
