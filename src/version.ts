// The tool's name and version, read once from package.json (works from src/ and from dist/src/).
import { readFileSync } from 'node:fs';

function findPackageJson(): { name: string; version: string } {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'rampart' && pkg.version) return { name: pkg.name, version: pkg.version };
    } catch {
      /* try the next location */
    }
  }
  return { name: 'rampart', version: '0.0.0' };
}

export const tool = findPackageJson();
