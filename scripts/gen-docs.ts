// Writes the generated documentation (docs/checks.md) from the code.
import { writeFileSync } from 'node:fs';
import { renderChecksDoc } from '../src/docs/checks-doc.ts';

writeFileSync(new URL('../docs/checks.md', import.meta.url), renderChecksDoc());
console.log('wrote docs/checks.md');
