import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const WORKER_URL = 'virtual:verdict-worker-url';
const WORKER_SOURCE = 'src/worker/verdict.worker.ts';
/** The worker's chunk name (its file: verdict.worker-[hash].js). */
const WORKER_CHUNK = 'verdict.worker';
const WORKER_ENTRY = fileURLToPath(new URL(`./${WORKER_SOURCE}`, import.meta.url));

/**
 * The verdict worker's URL (`import url from 'virtual:verdict-worker-url'`).
 * In a build the worker is a chunk of the page's own build, so it loads the
 * simulation chunk the page has already fetched instead of a second copy
 * bundled apart (what `new Worker(new URL(...))` would build). In the dev
 * server and the tests it is the source module.
 */
export function verdictWorkerUrl(): Plugin {
  const resolved = `\0${WORKER_URL}`;
  let build = false;
  return {
    name: 'racelanes:verdict-worker-url',
    configResolved(c) { build = c.command === 'build'; },
    resolveId(id) { return id === WORKER_URL ? resolved : null; },
    load(id) {
      if (id !== resolved) return null;
      // The dev server serves the source under its base (new Worker resolves it against the page).
      if (!build) return `export default import.meta.env.BASE_URL + '${WORKER_SOURCE}';`;
      const ref = this.emitFile({ type: 'chunk', id: WORKER_ENTRY, name: WORKER_CHUNK });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}

// A relative base lets the built page run from any static host or sub-path,
// and from file:// for offline use.
export default defineConfig({
  base: './',
  plugins: [react(), verdictWorkerUrl()],
  build: {
    target: 'es2022',
    sourcemap: false,
    // No polyfill for <link rel="modulepreload">: the browsers that run es2022
    // have it (Safari from 17); without it the imports still load, only later.
    // The verdict worker imports its check over every start on demand: a
    // worker has no document to add preload links to, so nothing is preloaded there.
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostId }) => (hostId.includes(WORKER_CHUNK) ? [] : deps) },
    rolldownOptions: {
      output: {
        // The chunk of the simulation the page and the worker share is named for it, not for the preload helper it carries.
        chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => /src[\\/]sim[\\/]index\.ts$/.test(id)) ? 'assets/sim-[hash].js' : 'assets/[name]-[hash].js'),
        codeSplitting: {
          includeDependenciesRecursively: false,
          // The page-side modules the lazy chunks share with the page (the
          // store's selectors, verdicts, links, the reading of an opened link
          // and URL sync; the link base; one reading of the trace): the page
          // preloads them anyway, in one chunk rather than several (each chunk
          // is compressed on its own: 0.4 KB gzipped less for three; opened.ts
          // alone, shared with the lazy block reader, was a chunk of 0.7 KB).
          // The verdict worker imports none of them.
          groups: [
            { name: 'shared', test: /src[\\/](store[\\/](selectors|verdictSlice|link|opened|urlSync|share)\.ts|sim[\\/]share[\\/]base\.ts|sim[\\/]interpret[\\/]intervals\.ts)/ },
          ],
        },
      },
    },
  },
});
