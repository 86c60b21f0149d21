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

it('prints the same with the modular search on a second thread as with --one-thread', () => {
  // Four readers at a 30,000-state cap: the state search stops without a fault and the modular search proves Never
  // (on the second thread, where the machine has two cores).
  const argv = ['check', '#s=flash-unbind&fix=srcu-drain&readers=4', '--max-states', '30000', '--json', '--no-every-start'];
  const [two, one] = [argv, [...argv, '--one-thread']].map((a) => spawnSync(process.execPath, [BIN, ...a], { encoding: 'utf8' }));
  const answer = (out: string) => ({ ...(JSON.parse(out) as Record<string, unknown>), ms: 0 });
  expect(two!.status).toBe(0);
  expect(one!.status).toBe(0);
  expect(answer(two!.stdout)).toEqual(answer(one!.stdout));
  expect(answer(two!.stdout)).toMatchObject({ verdict: 'Never', modular: { proved: true } });
});
