import { existsSync } from 'node:fs';

/**
 * Which Chromium the end-to-end tests drive.
 *
 * 1. `RACELANES_CHROMIUM` (or `CHROMIUM_PATH`) if set: an explicit binary;
 * 2. `/usr/bin/chromium` (Debian/Ubuntu `apt-get install chromium`), so CI
 *    machines that cannot run `npx playwright install` still work;
 * 3. `undefined`: Playwright's own bundled browser (`npx playwright install chromium`).
 */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export function chromiumExecutable(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const fromEnv = env['RACELANES_CHROMIUM'] || env['CHROMIUM_PATH'];
  if (fromEnv) return fromEnv;
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return undefined;
}

/** Flags that keep the browser quiet, offline and deterministic in containers. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];
