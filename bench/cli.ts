/**
 * The command line as a whole process (what a maintainer waits for in a
 * shell): `racelanes link` and a default `check`, against `node -e 0` on the
 * same machine. Medians of several runs; the budget is 5x `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

const BIN = fileURLToPath(new URL('../bin/racelanes.mjs', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist-cli/racelanes.mjs', import.meta.url));

function wall(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return Math.round(median(times));
}

export function benchCli(quick: boolean) {
  const runs = quick ? 3 : 9;
  // Always rebuild: bin/racelanes.mjs runs the TypeScript through tsx when the bundle is older than the
  // sources, and that is not what `npm install` ships (a stale bundle once made this read 5x instead of 2x).
  const built = spawnSync(process.execPath, [fileURLToPath(new URL('../scripts/build-cli.mjs', import.meta.url))], { stdio: 'ignore' });
  if (built.status !== 0 || !existsSync(BUNDLE)) throw new Error('bench: could not build the CLI bundle (scripts/build-cli.mjs)');
  const node = wall(['-e', '0'], runs);
  const link = wall([BIN, 'link', '#s=flash-unbind&fix=notifier-sleep&read=400ms'], runs);
  const check = wall([BIN, 'check', '#s=qspi-unbind', '--quiet'], runs);
  return { nodeMs: node, linkMs: link, checkMs: check, linkRatio: Math.round((link / node) * 10) / 10, checkRatio: Math.round((check / node) * 10) / 10 };
}
