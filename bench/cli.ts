/**
 * The command line as a whole process (what a maintainer waits for in a
 * shell): `racelanes link` and a default `check`, against `node -e 0` on the
 * same machine. Medians of several runs; the budget is 5x `node -e 0`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CAPPED_NEVER, median } from './stats.ts';

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

/**
 * `racelanes check` on CAPPED_NEVER: when its progress on stderr first says Never is proved (the modular search on
 * its second thread), from the process's start; the process is then stopped (its answer takes about 42 s). Null on
 * one core, where the bin runs no second thread.
 */
export async function benchCliNever(quick: boolean): Promise<{ question: string; ms: number } | null> {
  if (availableParallelism() < 2) return null;
  const times: number[] = [];
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    times.push(await new Promise<number>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const child = spawn(process.execPath, [BIN, 'check', CAPPED_NEVER], { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        err += d;
        if (!err.includes('; Never is proved (')) return;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        child.kill();
        resolve(ms);
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => { if (signal === null) reject(new Error(`bench: ${CAPPED_NEVER} ended (${code}) before saying Never is proved`)); });
    }));
  }
  return { question: CAPPED_NEVER, ms: Math.round(median(times)) };
}
