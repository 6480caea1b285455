// Reads a baseline file (YAML or JSON) and validates it; every mistake is an InputFileError with file and line.
import { parseDocument } from 'yaml';
import { InputFileError } from '../core/errors.ts';
import { baselineSchema, type Baseline } from './baseline.ts';
import { readInputFile } from './input-file.ts';

/** Validate baseline text; `file` names it in errors. */
export function parseBaseline(text: string, file: string): Baseline {
  const doc = parseDocument(text, { prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new InputFileError(file, `invalid YAML: ${yamlError.message.split('\n')[0]}`, line === undefined ? {} : { line });
  }
  const parsed = baselineSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.path.map(String);
  // The deepest node YAML knows: a missing key is reported at its parent's line.
  let line: number | undefined;
  for (let n = path.length; n >= 0 && line === undefined; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) line = text.slice(0, node.range[0]).split('\n').length;
  }
  return fail(file, `${path.join('.') || '(top level)'}: ${issue.message}`, line);
}

function fail(file: string, message: string, line: number | undefined): never {
  throw new InputFileError(file, message, {
    ...(line === undefined ? {} : { line }),
    hint: 'See docs/harden.md for every baseline field and examples/baseline.yaml for a commented example.',
  });
}

export async function loadBaseline(file: string): Promise<Baseline> {
  return parseBaseline(await readInputFile(file, 'baseline'), file);
}
