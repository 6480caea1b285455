// Where the scan history lives by default: the user's data directory, per platform conventions.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultStorePath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['RAMPART_STORE']) return env['RAMPART_STORE'];
  const home = env['HOME'] ?? homedir();
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'rampart', 'history.sqlite');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'rampart', 'history.sqlite');
  return join(env['XDG_DATA_HOME'] || join(home, '.local', 'share'), 'rampart', 'history.sqlite');
}
