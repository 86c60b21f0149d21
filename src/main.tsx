/**
 * Boot: read the view from the URL fragment, build the store, keep the
 * address bar in sync, start the verdict worker, expose the idle hook, render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { installIdleHook } from './components/idle.ts';
import { loadPublicBase } from './components/share/publicBase.ts';
import { DEFAULT_VIEW } from './sim/index.ts';
import { initAppStore } from './store/index.ts';
import { fragmentToView } from './store/link.ts';
import { startUrlSync } from './store/urlSync.ts';
import { startVerdictWorker } from './worker/client.ts';
import './styles/app.css';

const hash = window.location.hash.replace(/^#/, '');
const parsed = hash ? fragmentToView(hash) : { view: DEFAULT_VIEW, errors: [], model: null, usable: true, notes: [] };
const store = initAppStore(parsed.view, parsed.errors, parsed.model, parsed.usable);
store.getState().setPublicBase(loadPublicBase());
startUrlSync(store, window);
startVerdictWorker(store);
installIdleHook(store);

const container = document.getElementById('root');
if (!container) throw new Error('#root not found');
// A panel's error boundary shows what failed; React's own report goes to the console as a warning.
createRoot(container, { onCaughtError: (error) => console.warn('racelanes: a panel failed and shows why:', error) }).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
