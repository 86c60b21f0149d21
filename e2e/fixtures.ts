/**
 * Page objects as fixtures (tldraw fixtures.ts), plus an automatic guard:
 * every test fails on a console error or an uncaught page error.
 */
import { test as base, expect } from '@playwright/test';
import { AppPage } from './pages/AppPage.ts';
import { ControlsPage } from './pages/ControlsPage.ts';
import { PanelsPage } from './pages/PanelsPage.ts';
import { SharePage } from './pages/SharePage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';

interface Fixtures {
  app: AppPage;
  timeline: TimelinePage;
  controls: ControlsPage;
  panels: PanelsPage;
  share: SharePage;
  pageErrors: string[];
}

export const test = base.extend<Fixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
      });
      page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
      await use(errors);
      expect(errors, 'no console or page errors').toEqual([]);
    },
    { auto: true },
  ],
  app: async ({ page }, use) => use(new AppPage(page)),
  timeline: async ({ page }, use) => use(new TimelinePage(page)),
  controls: async ({ page }, use) => use(new ControlsPage(page)),
  panels: async ({ page }, use) => use(new PanelsPage(page)),
  share: async ({ page }, use) => use(new SharePage(page)),
});

export { expect };
