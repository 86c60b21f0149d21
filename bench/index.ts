/**
 * npm run bench [-- --json] [-- --quick] [-- --grid] [-- --survey] [-- --one-thread]
 * Medians of several runs; budgets from PRODUCT.md are printed next to each
 * figure. Page figures (repaint, time to interactive, bundle size) come from
 * bench/page.ts when a build and a Chromium are available.
 */
import type { benchPage as BenchPage } from './page.ts';
import { benchCli, benchCliNever } from './cli.ts';
import { benchGrid } from './grid.ts';
import { RACE, median, startsWord } from './stats.ts';
import { benchSim } from './sim.ts';
import { benchSurvey } from './survey.ts';

type PageFigures = Awaited<ReturnType<typeof BenchPage>>;

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

const sim = benchSim(quick);
// The whole grid of questions the controls allow (minutes): only when asked.
const grid = process.argv.includes('--grid') ? benchGrid(json ? undefined : (l) => console.log(l)) : null;
// Timed questions across the parameters' range (minutes): only when asked.
const survey = process.argv.includes('--survey') ? benchSurvey(json ? undefined : (l) => console.log(l)) : null;
const cli = benchCli(quick);
const cliNever = await benchCliNever(quick);
let page: unknown = null;
if (!process.argv.includes('--no-page')) {
  try {
    const { benchPage } = await import('./page.ts');
    page = await benchPage();
  } catch (e) {
    page = { skipped: (e as Error).message };
  }
}

if (json) {
  process.stdout.write(JSON.stringify({ sim, grid, survey, cli, cliNever, page }) + '\n');
} else {
  const ok = (good: boolean) => (good ? 'ok ' : 'OVER');
  console.log(`runner: ${sim.runnerEventsPerSec.toLocaleString('en')} events/s (median)`);
  for (const e of sim.explorer) {
    console.log(`explorer ${e.case}: ${e.states.toLocaleString('en')} distinct / ${e.generated.toLocaleString('en')} generated states in ${e.ms} ms` +
      ` = ${e.statesPerSec.toLocaleString('en')} distinct/s, ${e.generatedPerSec.toLocaleString('en')} generated/s [${ok(e.generatedPerSec >= 1e6)} budget >= 1M/s]`);
  }
  console.log('verdicts (median ms, budget < 100 ms each):');
  for (const v of sim.verdicts) console.log(`  ${ok(v.ms < 100)} ${v.scenario.padEnd(13)} ${v.fixes.padEnd(40)} ${v.mode.padEnd(5)} ${v.verdict.padEnd(9)} ${v.ms} ms`);
  console.log(`slowest verdict: ${sim.maxVerdictMs} ms [${ok(sim.maxVerdictMs < 100)}]`);
  for (const t of sim.tables) console.log(`verdict table ${t.scenario}: ${t.ms} ms [${ok(t.ms < 1000)} budget < 1 s]`);
  console.log('every-start checks of timed Never/Always verdicts (median ms, budget < 1 s each):');
  for (const c of sim.starts) console.log(`  ${ok(c.ms < 1000)} ${c.question.padEnd(66)} ${c.holds === null ? 'not settled' : c.holds ? 'holds' : 'CONTRADICTED'} ${c.states.toLocaleString('en')} states ${c.ms} ms`);
  console.log('questions whose count stops at the default cap, with --speedcheck (stopped once settled; median ms, budget < 1 s each):');
  for (const c of sim.speedcheck) console.log(`  ${ok(c.ms < 1000)} ${c.question.padEnd(60)} ${c.verdict} at ${c.states.toLocaleString('en')} states in ${c.ms} ms`);
  for (const c of sim.modular) {
    console.log(`modular search alone, ${c.question}: ${c.proved ? 'proved Never' : 'not proved'} in ${c.ms} ms, ${c.views.toLocaleString('en')} views ` +
      `(${c.viewsPerSec.toLocaleString('en')}/s), ${c.rounds} rounds, ${c.memoryMB} of ${c.boundMB} MB`);
  }
  if (grid) {
    const word = (w: string) => grid.incomplete.filter((q) => q.verdict === w && !q.modular).length;
    console.log(`grid: ${grid.questions} questions, median ${grid.medianMs} ms${RACE ? ' (a capped search\'s modular search on a second thread beside it; --one-thread: after it)' : ' (one thread)'}; ${grid.incomplete.length} stopped at the state cap: ` +
      `${word('Sometimes')} a proven Sometimes, ${grid.incomplete.filter((q) => q.modular).length} Never proved by the modular search, ${word('Unknown')} Unknown`);
    for (const m of grid.byMode) console.log(`  mode ${m.mode}: ${m.complete}/${m.questions} complete, ${m.modular} more Never by the modular search, median ${m.medianMs} ms, slowest ${m.maxMs} ms`);
    console.log('  slowest answered questions (complete, or Never by the modular search):');
    for (const q of grid.slowest) console.log(`    ${q.ms} ms ${q.verdict} (${q.states} states${q.modular ? ', then the modular search' : ''}): ${q.question}`);
    const st = grid.starts, settled = st.filter((c) => c.holds !== null);
    console.log(`  the check over every start (after a complete timed Never or Always): ${st.length} asked, ${settled.length} settled at the default cap ` +
      `(${settled.filter((c) => c.holds).length} hold, ${settled.filter((c) => c.modular).length} of them by the modular search after the cap; ` +
      `${settled.filter((c) => !c.holds).length} contradicted), ${st.length - settled.length} not settled; ` +
      `median ${median(st.map((c) => c.ms))} ms, slowest ${Math.max(0, ...st.map((c) => c.ms))} ms`);
    for (const c of [...st].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
      console.log(`    ${c.ms} ms ${startsWord(c.holds, c.modular)} (${c.states} states): ${c.verdict} ${c.question}`);
    }
  }
  if (survey) {
    console.log(`survey: ${survey.questions} timed questions (random durations, parts and start, readers 1-4), ${survey.capped} stopped at the state cap; ` +
      `complete ones: median ${survey.medianCompleteMs} ms, slowest ${survey.maxCompleteMs} ms`);
    for (const r of survey.rows) {
      console.log(`  readers=${r.readers} ${r.latency ? 'with a latency window' : 'lat=0'}: ${r.capped} of ${r.questions} stopped at the cap` +
        (r.capped ? ` (${r.sometimes} a proven Sometimes, ${r.modular} Never by the modular search, ${r.capped - r.sometimes - r.modular} Unknown)` : ''));
    }
  }
  console.log(`CLI as a process: node -e 0 ${cli.nodeMs} ms; racelanes link ${cli.linkMs} ms (${cli.linkRatio}x) [${ok(cli.linkRatio <= 5)} budget <= 5x]; ` +
    `racelanes check (default) ${cli.checkMs} ms (${cli.checkRatio}x) [${ok(cli.checkRatio <= 5)}]`);
  console.log(cliNever ? `CLI: a Never proved beside a long search (${cliNever.question}, mode any; the whole answer takes about 42 s): its progress says Never after ${cliNever.ms} ms (median of ${quick ? 1 : 3})`
    : 'CLI: a Never proved beside a long search: not measured (one core: no second thread)');
  const p = page as PageFigures | { skipped: string } | null;
  if (p && 'jsGzipKB' in p) {
    console.log(`page JS before first paint (index.html and its preloads): ${p.jsGzipKB} KB gzipped [${ok(p.jsGzipKB <= 150)} budget <= 150 KB]; ` +
      `fetched after the first paint (${p.workerFiles.join(', ') || 'nothing'}; the verdict worker shares the page's simulation chunk): ${p.workerGzipKB} KB; every script of a first visit: ${p.firstVisitGzipKB} KB [${ok(p.firstVisitGzipKB <= 150)}]; all chunks incl. lazy ones: ${p.jsAllGzipKB} KB (${p.js.map((f) => `${f.file} ${f.gzipKB} KB`).join(', ')})`);
    console.log(`page time to interactive (lanes drawn, main thread free): ${p.timeToInteractiveMs} ms (median of 5, local static server) [${ok(p.timeToInteractiveMs < 1000)} budget < 1 s]; every verdict of the panel in: ${p.timeToAllVerdictsMs} ms`);
    console.log(`page verdict table of ${p.table} (10 questions, both modes), navigation to the last verdict: ${p.tableMs} ms (median of 3; the browser reported ${p.tableCores} cores) [${ok(p.tableMs < 2000)} budget < 2 s]`);
    console.log(`  the same table asked in a page already open (the question changed in place): ${p.tableWarmMs} ms (median of 3) [${ok(p.tableWarmMs < 2000)} the same budget < 2 s]`);
    console.log(`  one traced run: ${p.tableTraced.ms} ms; CPU used: ${p.tableTraced.workers} workers ${p.tableTraced.workersCpuMs} ms in all (the searches), V8's background compilers ${p.tableTraced.compileCpuMs} ms (TurboFan and Maglev), main thread ${p.tableTraced.mainCpuMs} ms; ${p.tableCores} cores`);
    console.log(`page verdict table of ${p.largeTable} (10 questions; its mode-any rows search to the state cap or hundreds of thousands of states), navigation to every verdict word: ${p.largeWordsMs} ms, to every count: ${p.largeAllMs} ms (median of 3) [${ok(p.largeAllMs < 2000)} budget < 2 s]`);
    console.log(`page headline of ${p.cappedNever} (mode any; the whole answer takes about a minute): navigation to its verdict word, Never (proved by the modular search beside the search, which goes on counting): ${p.cappedNeverMs} ms (median of 3)`);
    console.log(`page step with ${p.stepMs.events} events: median ${p.stepMs.median} ms, max ${p.stepMs.max} ms [${ok(p.stepMs.median < 16)} budget < 16 ms]`);
    console.log(`page step with ${p.stepMs10k.events} events: median ${p.stepMs10k.median} ms, max ${p.stepMs10k.max} ms [${ok(p.stepMs10k.median < 16)} budget < 16 ms]`);
  } else console.log(`page: ${JSON.stringify(p)}`);
}
