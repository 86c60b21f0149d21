#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium: $RACELANES_CHROMIUM / $CHROMIUM_PATH,
// then /usr/bin/chromium, then Playwright's own browser. On a fresh Debian machine
// (root, apt-get, no browser) it installs Debian's chromium; elsewhere it says how.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const env = process.env.RACELANES_CHROMIUM || process.env.CHROMIUM_PATH;

function playwrightOwn() {
  try {
    const { chromium } = require('playwright-core');
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

if (env) {
  if (!existsSync(env)) {
    console.error(`ensure-browser: RACELANES_CHROMIUM/CHROMIUM_PATH=${env} does not exist`);
    process.exit(1);
  }
} else if (!existsSync('/usr/bin/chromium') && !playwrightOwn()) {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  let apt = false;
  try { execSync('command -v apt-get', { stdio: 'ignore', shell: '/bin/sh' }); apt = true; } catch { /* no apt */ }
  if (root && apt) {
    console.log('ensure-browser: no Chromium found; installing Debian\'s chromium (apt-get)');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium', { stdio: 'inherit', shell: '/bin/sh' });
  } else {
    console.error([
      'ensure-browser: no Chromium for the end-to-end tests. Do one of:',
      '  npx playwright install chromium',
      '  sudo apt-get install chromium            (Debian/Ubuntu)',
      '  export RACELANES_CHROMIUM=/path/to/chromium',
    ].join('\n'));
    process.exit(1);
  }
}
