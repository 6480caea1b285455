// The parity gate: every registered check is a catalog id, has tests beside it, metadata a human can act on,
// and the checks issue 2 requires are all registered.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { allChecks } from './index.ts';

const catalog = readFileSync(fileURLToPath(new URL('../../docs/controls.md', import.meta.url)), 'utf8');
const catalogIds = new Set([...catalog.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!));
const checksDir = fileURLToPath(new URL('./', import.meta.url));

const required = [
  'root-mfa', 'root-access-keys', 'root-recent-use', 'alternate-contact-security', 'password-policy', 'iam-user-console-mfa',
  'iam-user-console-unused', 'iam-access-key-unused', 'iam-access-key-age', 'iam-user-two-active-keys', 'iam-policies-on-users',
  'iam-full-admin-custom-policy', 'role-trust-wildcard', 'org-exists', 'scp-enabled', 'scp-deny-leave-org', 'scp-deny-root',
  'cloudtrail-multi-region', 'cloudtrail-log-validation', 'cloudtrail-kms', 'guardduty-enabled', 'securityhub-enabled',
  'config-recorder-all-regions', 'access-analyzer-enabled', 's3-account-bpa', 's3-bucket-public', 'ebs-default-encryption',
  'sg-open-admin-ports', 'ec2-imdsv2-required', 'kms-rotation',
];

const rulesDir = fileURLToPath(new URL('../../rules/builtin/', import.meta.url));
const ruleIds = new Set(readdirSync(rulesDir).filter((f) => f.endsWith('.yml')).map((f) => f.replace(/\.yml$/, '')));

/**
 * Check and detection ids a check's prose refers to, as catalog ids: a kebab-case word that is a catalog id, or
 * that is one once the detection prefix is added (`root-console-login` for `det-root-console-login`).
 */
function referencedIds(text: string): string[] {
  const words = [...text.matchAll(/\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g)].map((m) => m[0]);
  return [...new Set(words.flatMap((w) => (catalogIds.has(w) ? [w] : catalogIds.has(`det-${w}`) ? [w] : [])))];
}

function findFile(name: string): string | undefined {
  for (const dir of readdirSync(checksDir, { withFileTypes: true })) {
    if (dir.isDirectory() && existsSync(`${checksDir}${dir.name}/${name}`)) return `${dir.name}/${name}`;
  }
  return undefined;
}

describe('check registry', () => {
  it('the catalog parses (sanity: it has well over 100 ids)', () => {
    assert.ok(catalogIds.size > 100, `only ${catalogIds.size} ids parsed from docs/controls.md`);
  });

  it('registers every check the audit issue requires', () => {
    const ids = new Set(allChecks.map((c) => c.meta.id));
    assert.deepEqual(required.filter((id) => !ids.has(id)), []);
  });

  it('has unique ids', () => {
    const ids = allChecks.map((c) => c.meta.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  for (const check of allChecks) {
    const { meta } = check;
    it(`${meta.id}: catalog id, file, tests and actionable metadata`, () => {
      assert.ok(catalogIds.has(meta.id), `${meta.id} is not an id in docs/controls.md`);
      assert.ok(findFile(`${meta.id}.ts`), `no file named ${meta.id}.ts under src/checks/<domain>/`);
      assert.ok(findFile(`${meta.id}.test.ts`), `no ${meta.id}.test.ts beside the check`);
      assert.ok(meta.title.length > 5 && meta.rationale.length > 20, 'title and rationale must say something');
      assert.ok(meta.remediation.text.length > 20, 'remediation text is required');
      assert.ok(meta.references.length > 0, 'at least one reference');
      assert.ok(meta.compliance.sources.length > 0, 'source guides are required');
      assert.ok(meta.reads.length > 0, 'declare the snapshot fields the check reads');
    });

    it(`${meta.id}: the checks and detections its rationale and remediation name exist`, () => {
      const registered = new Set(allChecks.map((c) => c.meta.id));
      // Prose only: CLI verbs such as create-access-key would read as detection names.
      const prose = [meta.rationale, meta.remediation.text].join('\n');
      const missing = referencedIds(prose).filter((id) => !registered.has(id) && !ruleIds.has(id));
      assert.deepEqual(missing, [], 'name a registered check id or a detection rule id (det-…) exactly');
      for (const ref of meta.references) assert.match(ref, /^https:\/\/\S+$/, 'references are https links');
    });
  }
});
