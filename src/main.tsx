/**
 * Boot: read the view from the URL fragment, build the store, keep the
 * address bar in sync, expose the idle hook, render, then start the verdict worker.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { installIdleHook } from './components/idle.ts';
import { loadPublicBase } from './components/share/publicBase.ts';
import { DEFAULT_VIEW } from './sim/index.ts';
import { initAppStore } from './store/index.ts';
import { fragmentToView } from './store/link.ts';
import { neededVerdicts } from './store/selectors.ts';
import { startUrlSync } from './store/urlSync.ts';
import { startVerdictWorker } from './worker/client.ts';
import './styles/app.css';

const hash = window.location.hash.replace(/^#/, '');
const parsed = hash ? fragmentToView(hash) : { view: DEFAULT_VIEW, errors: [], model: null, usable: true, notes: [] };
const store = initAppStore(parsed.view, parsed.errors, parsed.model, parsed.usable);
store.getState().setPublicBase(loadPublicBase());
startUrlSync(store, window, 200);
// The explorer (the verdict worker) loads once the first screen is drawn: the
// lanes never wait for it. Until then the verdicts count as pending.
store.getState().setVerdictPending(neededVerdicts(store.getState().view).map((j) => j.key));
requestAnimationFrame(() => setTimeout(() => startVerdictWorker(store), 0));
installIdleHook(store);

const container = document.getElementById('root');
if (!container) throw new Error('#root not found');
// A panel's error boundary shows what failed; React's own report goes to the console as a warning.
createRoot(container, { onCaughtError: (error) => console.warn('racelanes: a panel failed and shows why:', error) }).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
