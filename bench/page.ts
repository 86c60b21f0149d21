/**
 * Page figures in Chromium (Debian's, or Playwright's): gzipped JS, time to
 * interactive from a local static server, and the main-thread time of one
 * cursor step (React commit + D3 playhead + forced style/layout) with
 * ~4,500 events (the largest built-in run) and with 10,000+ events on screen
 * (that run's events repeated, built in the page from the real trace).
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser.ts';
import { CAPPED_NEVER, median } from './stats.ts';

const DIST = join(import.meta.dirname, '..', 'dist');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
const BIG = '#s=qspi-unbind&fix=notifier-sleep,srcu-drain&readers=8&erase=2s';
const TABLE = '#s=qspi-unbind&readers=2&mode=any';
/**
 * A larger table the controls allow (the one the issue names: three readers and an eraser): its mode-any rows
 * take seconds each (no fix, notifier-sleep and devres-group count to the state cap after proving Sometimes; the
 * srcu-drain rows search 131,036 and 216,008 states). Eight readers would take minutes: the grid (--grid) times those in Node.
 */
const LARGE_TABLE = '#s=flash-unbind&readers=3&erase=1s';

/** A static server for dist/ that notes every asset it was asked for (the page's and its workers'). */
function serve(): Promise<{ server: Server; url: string; requested: Set<string> }> {
  const requested = new Set<string>();
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    requested.add(path.replace(/^.*[/\\]/, ''));
    let file = join(DIST, path);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(DIST, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    resolve({ server, requested, url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/` });
  }));
}

function jsSizes(): { file: string; bytes: number; gzip: number }[] {
  const dir = join(DIST, 'assets');
  return readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => {
    const buf = readFileSync(join(dir, f));
    return { file: f, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
}

export async function benchPage() {
  if (!existsSync(join(DIST, 'index.html'))) execSync('npx vite build', { stdio: 'ignore' });
  const js = jsSizes();
  const { server, url, requested } = await serve();
  let firstVisit = new Set<string>();
  const exe = chromiumExecutable();
  const browser = await chromium.launch({ args: [...CHROMIUM_ARGS], ...(exe ? { executablePath: exe } : {}) });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    // Interactive: the lanes are drawn and the main thread answers a frame (the
    // verdicts are still being computed in the worker). Idle: every verdict of
    // the panel is in as well.
    const tti: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await ctx.newPage();
      requested.clear();
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelector('[data-testid="timeline.lanes"] g.slice') !== null, undefined, { polling: 'raf' });
      tti.push(await page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())))));
      await page.waitForFunction(() => window.__racelanes !== undefined, undefined, { polling: 'raf' });
      idle.push(await page.evaluate(async () => { await window.__racelanes!.whenIdle(); return performance.now(); }));
      // A first visit: every script the page and its worker fetched until every verdict was in.
      if (i === 0) firstVisit = new Set(requested);
      await page.close();
    }
    // A larger table: every fix set in both modes with two readers (mode any's
    // take up to about 1.6 s each here), from the navigation to the last verdict,
    // on the page's pool of workers (one per core the browser reports, at most 4).
    const table: number[] = [];
    // The same table asked in a page already open (the default page, every verdict in): the link's
    // question changed in place, as when a maintainer edits a parameter; its workers have run before.
    const tableWarm: number[] = [];
    let workers = 1;
    for (let i = 0; i < 3; i++) {
      const page = await ctx.newPage();
      await page.goto(url + TABLE, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__racelanes !== undefined, undefined, { polling: 'raf' });
      table.push(await page.evaluate(async () => { await window.__racelanes!.whenIdle(); return performance.now(); }));
      workers = await page.evaluate(() => navigator.hardwareConcurrency);
      await page.close();
      const open = await ctx.newPage();
      await open.goto(url, { waitUntil: 'commit' });
      await open.waitForFunction(() => window.__racelanes !== undefined, undefined, { polling: 'raf' });
      await open.evaluate(async () => { await window.__racelanes!.whenIdle(); });
      tableWarm.push(await open.evaluate(async (hash) => {
        // The hash change is read on its event (the page asks the searches there); TABLE is never the default page's hash.
        const changed = new Promise((r) => window.addEventListener('hashchange', r, { once: true }));
        const t0 = performance.now();
        location.hash = hash;
        await changed;
        await window.__racelanes!.whenIdle();
        return performance.now() - t0;
      }, TABLE));
      await open.close();
    }
    // The larger table: when every cell has its verdict word (a Sometimes still counting has it), and when every count is in.
    const large: { words: number; all: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await ctx.newPage();
      await page.goto(url + LARGE_TABLE, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__racelanes !== undefined, undefined, { polling: 'raf' });
      // No named function in the page's code: tsx would wrap it in a helper the page does not have.
      const words = await page.evaluate(async () => {
        for (;;) {
          const cells = [...document.querySelectorAll('td.verdict-cell')];
          // A pending cell with its word: a proved Sometimes, or a Never proved beside its search, still counting.
          if (cells.length >= 10 && cells.every((c) => (!c.classList.contains('pending') || c.classList.contains('v-sometimes') || c.classList.contains('v-never')) && !c.classList.contains('cancelled'))) return performance.now();
          await new Promise((r) => requestAnimationFrame(r));
        }
      });
      const all = await page.evaluate(async () => { await window.__racelanes!.whenIdle(); return performance.now(); });
      large.push({ words, all });
      await page.close();
    }
    // The headline's verdict word of CAPPED_NEVER (proved beside its search, or its final answer), from the navigation.
    const capNever: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await ctx.newPage();
      await page.goto(url + CAPPED_NEVER, { waitUntil: 'commit' });
      const h = await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="verdict.current"]');
        const word = el?.getAttribute('data-proved') || el?.getAttribute('data-verdict');
        return word ? [word, performance.now()] : null;
      }, undefined, { polling: 'raf', timeout: 180_000 });
      const [word, at] = (await h.jsonValue()) as [string, number];
      if (word !== 'Never') throw new Error(`bench: ${CAPPED_NEVER} said ${word}`);
      capNever.push(at);
      // Closing the page stops its workers (the counting would go on for a minute).
      await page.close();
    }
    // Once more, traced (not counted in the median: tracing costs time): the
    // CPU the workers, the main thread and V8's background compilers used,
    // against the wall time, so a table over budget says what its cores did.
    const traced = await ctx.newPage();
    await traced.goto(url);
    await traced.waitForFunction(() => window.__racelanes !== undefined, undefined, { polling: 'raf' });
    await traced.evaluate(async () => { await window.__racelanes!.whenIdle(); });
    await browser.startTracing(traced, { categories: ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-v8.compile'] });
    await traced.goto(url + TABLE, { waitUntil: 'commit' });
    await traced.waitForFunction(() => window.__racelanes !== undefined, undefined, { polling: 'raf' });
    const tableTracedMs = await traced.evaluate(async () => { await window.__racelanes!.whenIdle(); return performance.now(); });
    const tableCpu = threadCpu(JSON.parse((await browser.stopTracing()).toString()).traceEvents as TraceEvent[]);
    await traced.close();
    const page = await ctx.newPage();
    await page.goto(url + BIG);
    await page.waitForFunction(() => window.__racelanes !== undefined);
    // The verdicts of eight readers take a minute; the steps are measured with
    // the worker quiet, so its searches are capped here (they are not what is measured).
    await page.evaluate(() => window.__racelanes!.store.getState().setMaxStates(10_000));
    await page.evaluate(() => window.__racelanes!.whenIdle());
    // A step's cost on the renderer main thread: from the ArrowRight keydown to
    // the commit of the frame that shows it, summing the busy top-level tasks
    // (handler, store, React commit, D3 playhead, style, layout, paint). The
    // headless frame cadence (idle time waiting for the next frame) is excluded.
    const step = async (copies: number) => {
      const events = await page.evaluate(async (n) => {
        const store = window.__racelanes!.store;
        const base = store.getState().trace;
        if (n > 1) {
          // Repeat the real run's events n times, shifted in time: a bigger trace of the same shape.
          const span = base.end + 1;
          const evs = Array.from({ length: n }, (_, k) => base.events.map((e) => ({ ...e, seq: e.seq + k * base.events.length, t: e.t + k * span, end: e.end + k * span }))).flat();
          store.setState({ trace: { ...base, events: evs, decisions: [], fault: null, report: null, end: base.end + (n - 1) * span }, cursor: 0 });
        } else store.getState().seek(0);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        (document.activeElement as HTMLElement | null)?.blur();
        return store.getState().trace.events.length;
      }, copies);
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('ArrowRight');
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      }
      const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
      return { events, times: stepCosts(trace.traceEvents) };
    };
    const real = await step(1);
    const big = await step(3);
    // First load: what index.html loads (the entry and its modulepreloads), all
    // the page needs to draw. The verdict worker starts right after the first
    // paint; it is a chunk of the same build and imports the simulation chunk
    // the page already has, so what it adds is only what the server sent it.
    // Export, "copy as text", the dialogs, the comparison and the sweep are
    // lazy chunks loaded on use.
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const loaded = new Set([...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+\.js)"/g)].map((m) => m[1]!));
    const first = js.filter((f) => loaded.has(f.file));
    const visit = js.filter((f) => firstVisit.has(f.file));
    const worker = visit.filter((f) => !loaded.has(f.file));
    const kb = (fs: typeof js) => Math.round(fs.reduce((n, f) => n + f.gzip, 0) / 102.4) / 10;
    return {
      jsGzipKB: kb(first),
      workerGzipKB: kb(worker),
      /** What the first visit fetched after the first paint (the worker's own chunk, and any lazy chunk it needed). */
      workerFiles: worker.map((f) => f.file),
      firstVisitGzipKB: kb(visit),
      jsAllGzipKB: kb(js),
      js: js.map((f) => ({ ...f, gzipKB: Math.round(f.gzip / 102.4) / 10 })),
      timeToInteractiveMs: Math.round(median(tti)),
      timeToAllVerdictsMs: Math.round(median(idle)),
      /** TABLE's whole verdict table, from navigation to the last verdict (median of 3), and the cores the browser reported. */
      table: TABLE,
      tableMs: Math.round(median(table)),
      /** The same table after the question changed in an open page (median of 3). */
      tableWarmMs: Math.round(median(tableWarm)),
      /** LARGE_TABLE from navigation: every verdict word in, and every count (median of 3 each). */
      largeTable: LARGE_TABLE,
      largeWordsMs: Math.round(median(large.map((x) => x.words))),
      largeAllMs: Math.round(median(large.map((x) => x.all))),
      /** CAPPED_NEVER from navigation: the headline says Never (median of 3). */
      cappedNever: CAPPED_NEVER,
      cappedNeverMs: Math.round(median(capNever)),
      tableCores: workers,
      /** One traced run of the table: its wall time, and the CPU (thread time) its workers, the main thread and V8's compilers used. */
      tableTraced: { ms: Math.round(tableTracedMs), ...tableCpu },
      stepMs: { events: real.events, median: round(median(real.times)), max: round(Math.max(...real.times)) },
      stepMs10k: { events: big.events, median: round(median(big.times)), max: round(Math.max(...big.times)) },
    };
  } finally {
    await browser.close();
    server.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: { name?: string; data?: { type?: string } } }

/**
 * CPU time (ms, the tasks' thread time) of the renderer's dedicated workers
 * (summed), of its main thread, and of V8's background compilers (TurboFan and
 * Maglev jobs on the renderer's thread pool) in a trace.
 */
function threadCpu(evs: TraceEvent[]): { workersCpuMs: number; workers: number; mainCpuMs: number; compileCpuMs: number } {
  const names = new Map<string, string>();
  for (const e of evs) if (e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  const cpu = new Map<string, number>();
  // The scheduler's task event: one per task, never nested in another.
  for (const e of evs) if (e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.tdur !== undefined) {
    const k = `${e.pid}:${e.tid}`;
    cpu.set(k, (cpu.get(k) ?? 0) + e.tdur / 1000);
  }
  let workersCpuMs = 0, workers = 0, mainCpuMs = 0, compileCpuMs = 0;
  const main = evs.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  for (const e of evs) {
    if (e.ph !== 'X' || e.tdur === undefined || e.pid !== main?.pid) continue;
    if (e.name === 'V8.TurbofanTask' || e.name === 'V8.MaglevTask') compileCpuMs += e.tdur / 1000;
  }
  for (const [k, ms] of cpu) {
    if (names.get(k) === 'DedicatedWorker thread') { workersCpuMs += ms; workers++; }
    if (main && k === `${main.pid}:${main.tid}`) mainCpuMs = ms;
  }
  return { workersCpuMs: Math.round(workersCpuMs), workers, mainCpuMs: Math.round(mainCpuMs), compileCpuMs: Math.round(compileCpuMs) };
}

/** Busy main-thread time (ms) from each keydown to the end of the next frame commit. */
function stepCosts(evs: TraceEvent[]): number[] {
  const main = evs.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return [];
  const mine = evs.filter((e) => e.tid === main.tid && e.pid === main.pid && e.ph === 'X' && e.dur !== undefined);
  const tasks = mine.filter((e) => e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  const keys = mine.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').map((e) => e.ts);
  const commits = mine.filter((e) => e.name === 'Commit').map((e) => e.ts + e.dur!).sort((a, b) => a - b);
  return keys.flatMap((k) => {
    const end = commits.find((c) => c > k);
    if (end === undefined) return [];
    const start = tasks.findLast((t) => t.ts <= k)?.ts ?? k;
    const busy = tasks.filter((t) => t.ts >= start && t.ts < end).reduce((n, t) => n + Math.min(t.dur!, end - t.ts), 0);
    if (process.env.BENCH_DEBUG) { const agg: Record<string, number> = {}; for (const e of mine) if (e.ts >= start && e.ts < end && e.name !== 'RunTask') agg[e.name] = (agg[e.name] ?? 0) + e.dur! / 1000; console.error(Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' ')); }
    return [busy / 1000];
  });
}
