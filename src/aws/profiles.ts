// The profile names in the shared AWS config and credentials files, so `--profile nope` can say the profile does
// not exist instead of surfacing the SDK's "could not resolve credentials" deep inside the first call.
// Only section headers are read (a dependency for that would be more code than this).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ProfileFiles {
  config: string;
  credentials: string;
}

/** Where the SDK looks: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials. */
export function profileFiles(env: NodeJS.ProcessEnv): ProfileFiles {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  return {
    config: env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'),
  };
}

async function sectionHeaders(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return [...text.matchAll(/^\s*\[([^\]]+)\]/gm)].map((m) => (m[1] ?? '').trim());
}

/** Profile names defined in either file: `[default]` and `[profile NAME]` in config, `[NAME]` in credentials. */
export async function knownProfiles(env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const files = profileFiles(env);
  const names = new Set<string>();
  for (const header of await sectionHeaders(files.config)) {
    if (header === 'default') names.add(header);
    const named = /^profile\s+(.+)$/.exec(header);
    if (named?.[1]) names.add(named[1].trim());
  }
  for (const header of await sectionHeaders(files.credentials)) names.add(header);
  return names;
}
