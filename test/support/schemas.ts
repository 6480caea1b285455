// Validators for the report formats, over the schema copies in test/schemas (see its README for their origin).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dir = fileURLToPath(new URL('../schemas/', import.meta.url));

interface Validator {
  (data: unknown): boolean;
  errors?: unknown[] | null;
}
type AjvLike = new (opts?: Record<string, unknown>) => { compile(schema: unknown): Validator };

const loadSchema = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8'));

let compliance: Validator | undefined;
let detection: Validator | undefined;
let sarif: Validator | undefined;

/** OCSF 1.6.0 Compliance Finding (2003) validator (Ajv, draft 2020-12). */
export function ocsfComplianceValidator(): Validator {
  const Ajv2020 = require('ajv/dist/2020') as { default: AjvLike };
  compliance ??= new Ajv2020.default().compile(loadSchema('ocsf-1.6.0-compliance_finding.schema.json'));
  return compliance;
}

/** OCSF 1.6.0 Detection Finding (2004) validator. */
export function ocsfDetectionValidator(): Validator {
  const Ajv2020 = require('ajv/dist/2020') as { default: AjvLike };
  detection ??= new Ajv2020.default().compile(loadSchema('ocsf-1.6.0-detection_finding.schema.json'));
  return detection;
}

/** SARIF 2.1.0 (errata01, draft-04) validator with format checks (uri, date-time…). */
export function sarifValidator(): Validator {
  if (!sarif) {
    const AjvDraft04 = require('ajv-draft-04') as { default: AjvLike };
    const addFormats = require('ajv-formats') as { default: (ajv: unknown) => void };
    const ajv = new AjvDraft04.default();
    addFormats.default(ajv);
    sarif = ajv.compile(loadSchema('sarif-2.1.0.schema.json'));
  }
  return sarif;
}

export function errorsOf(v: Validator): string {
  return JSON.stringify(v.errors?.slice(0, 5), null, 1);
}

export const XMLLINT_MISSING = 'xmllint is not installed (apt-get install -y libxml2-utils; .ci/run installs it): JUnit XSD validation SKIPPED';

export function xmllintAvailable(): boolean {
  return spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Validate XML against test/schemas/junit.xsd; returns xmllint's verdict and messages. */
export function validateJunitXml(xml: string): { ok: boolean; output: string } {
  const tmp = mkdtempSync(join(tmpdir(), 'rampart-junit-'));
  const file = join(tmp, 'report.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'junit.xsd'), file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
