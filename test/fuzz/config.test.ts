// Fuzzing the scan config loader: any file content gives a config or an InputFileError naming the file, and a
// config that loads is one the checks run with (the scan would otherwise die mid-way on a user's typo).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify as stringifyYaml } from 'yaml';
import { allChecks } from '../../src/checks/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { InputFileError, RampartError } from '../../src/core/errors.ts';
import { demoSnapshot } from '../../src/demo/organization.ts';
import { evaluateSnapshot } from '../../src/scan.ts';
import { anyJson, damagedText, fuzzParams, parsesOrFailsTyped, parsesOrFailsTypedAsync } from '../support/fuzz.ts';

const demo = demoSnapshot();
const ids = allChecks.map((c) => c.meta.id);
const withOptions = allChecks.filter((c) => Object.keys(c.defaultOptions as object).length > 0);
const params = { ...fuzzParams, numRuns: Math.ceil((fuzzParams.numRuns ?? 100) / 2) };

/** Values of every kind an option could be given, including the nasty numbers. */
const optionValue = fc.oneof(
  anyJson,
  fc.constantFrom(0, -1, -0.5, 1e308, Number.MAX_SAFE_INTEGER, 0.0001, '', '*', null, [], ['']),
);
/** A config built from real check ids and option names, with random values: it exercises the deep validation. */
const realisticConfig = fc.record(
  {
    checks: fc.record(
      {
        only: fc.subarray(ids, { maxLength: 4 }),
        skip: fc.subarray(ids, { maxLength: 4 }),
        options: fc
          .subarray(withOptions, { minLength: 1, maxLength: 3 })
          .chain((cs) =>
            fc.tuple(...cs.map((c) => fc.dictionary(fc.constantFrom(...Object.keys(c.defaultOptions as object)), optionValue, { maxKeys: 3 }))).map(
              (opts) => Object.fromEntries(cs.map((c, i) => [c.meta.id, opts[i]])),
            ),
          ),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

let path = '';
before(async () => {
  path = join(await mkdtemp(join(tmpdir(), 'rampart-fuzz-config-')), 'rampart.yml');
});

async function loadsOrTyped(text: string): Promise<void> {
  await writeFile(path, text);
  const config = await parsesOrFailsTypedAsync(() => loadConfig(path, allChecks), InputFileError, path);
  if (!config) return;
  // Evaluating may refuse the selection as a usage error; it must not crash inside a check.
  parsesOrFailsTyped(
    () =>
      evaluateSnapshot(demo, {
        checkOptions: config.checkOptions,
        ...(config.only ? { only: config.only } : {}),
        ...(config.skip ? { skip: config.skip } : {}),
      }),
    RampartError,
  );
}

describe('loadConfig under fuzzing', () => {
  it('configs with real check ids and option names and random values', async () => {
    await fc.assert(fc.asyncProperty(realisticConfig, (c) => loadsOrTyped(stringifyYaml(c))), params);
  });

  it('any YAML document, any text, and a valid config damaged', async () => {
    const valid = 'checks:\n  skip: [kms-rotation]\n  options:\n    root-recent-use:\n      maxDaysSinceRootUse: 2\n';
    await fc.assert(
      fc.asyncProperty(anyJson, fc.string({ unit: 'binary' }), damagedText(valid), async (v, s, d) => {
        await loadsOrTyped(stringifyYaml(v));
        await loadsOrTyped(s);
        await loadsOrTyped(d);
      }),
      params,
    );
  });

  it('an alias bomb and deep nesting are refused quickly', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    await loadsOrTyped(bomb.join('\n'));
    await loadsOrTyped(`checks:\n  options:\n    kms-rotation: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
  });
});
