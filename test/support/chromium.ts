// Real Chromium for the HTML report tests: Debian's /usr/bin/chromium driven by playwright-core, headless, no
// sandbox, no network-using background features, a fresh profile per launch. Tests skip loudly when it is missing;
// CI (.ci/run) installs it.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_MISSING = `${CHROMIUM_PATH} is not installed (apt-get install -y chromium; .ci/run installs it): the HTML report's browser tests are SKIPPED`;

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'rampart-chromium-'));
  // launchPersistentContext passes --user-data-dir=<profile> itself
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
