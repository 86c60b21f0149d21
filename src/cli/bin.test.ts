/**
 * The installed command: `bin/racelanes.mjs` as a whole process prints what
 * main() returns, from the prebuilt bundle when it is current, else from the
 * TypeScript through tsx.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { main } from './main.ts';

const BIN = fileURLToPath(new URL('../../bin/racelanes.mjs', import.meta.url));

it('prints what main() prints, with its exit status', () => {
  for (const argv of [['link', '#s=flash-unbind&fix=notifier-sleep&read=400ms'], ['link', '#s=nope']]) {
    const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8' });
    const want = main(argv);
    expect(r.stdout).toBe(want.stdout);
    expect(r.stderr).toBe(want.stderr);
    expect(r.status).toBe(want.code);
  }
});
