/**
 * Copy link: change the fix, a parameter, a manual scheduling choice and the
 * cursor, copy the link, open it in a fresh browser context, and see the same
 * view (inputs, cursor, fault marker, the exact interleaving).
 */
import type { Page } from '@playwright/test';
import { AppPage } from './pages/AppPage.ts';
import { ControlsPage } from './pages/ControlsPage.ts';
import { TimelinePage } from './pages/TimelinePage.ts';
import { expect, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

/** What "the same view" means, read from the page. */
async function viewOf(page: Page) {
  const app = new AppPage(page);
  const controls = new ControlsPage(page);
  const timeline = new TimelinePage(page);
  const snap = await app.snapshot();
  return {
    scenario: await app.scenario.inputValue(),
    fixes: {
      'notifier-sleep': await controls.fix('notifier-sleep').isChecked(),
      'srcu-drain': await controls.fix('srcu-drain').isChecked(),
      'devres-group': await controls.fix('devres-group').isChecked(),
    },
    params: Object.fromEntries(await Promise.all(['read', 'sleep', 'readers', 'erase', 'at'].map(async (k) => [k, await controls.param(k).inputValue()]))),
    cursor: await controls.cursor(),
    faultMarkers: await timeline.faultMarker.count(),
    events: snap.events,
    fault: snap.fault,
    sched: snap.sched,
    signature: snap.signature,
  };
}

test('a copied link opens the same view in a fresh browser', async ({ app, controls, share, page, browser, baseURL }) => {
  await app.open();
  await test.step('change the scenario, a fix, a parameter, the schedule and the cursor', async () => {
    await app.scenario.selectOption('flash-unbind');
    await app.waitIdle();
    await controls.fix('devres-group').check();
    await app.waitIdle();
    await controls.param('read').fill('400ms');
    await controls.param('read').press('Enter');
    await app.waitIdle();
    await controls.stepForward.click();
    await controls.choices().last().click();
    await app.waitIdle();
    await controls.stepForward.click();
    await controls.stepForward.click();
    await app.waitIdle();
  });
  const before = await viewOf(page);
  expect(before.sched.length, 'a manual choice is in the run').toBeGreaterThan(0);
  expect(before.params['read']).toBe('400ms');

  let url = '';
  await test.step('Copy link puts the address-bar link on the clipboard', async () => {
    await share.copyLink.click();
    // The test page runs on 127.0.0.1: the link is copied, with the warning that it points at this machine.
    await expect(share.status).toHaveText(/^Link copied, but it points at this machine/);
    url = await share.clipboard();
    expect(url).toBe(page.url());
    const fragment = new URL(url).hash;
    expect(fragment).toMatch(/^#1\.[0-9a-z]{5}\.f4\./);
    expect(fragment).toMatch(/^#[A-Za-z0-9._~-]+$/);
    expect((await app.linkView()).params.read).toBe(400_000);
  });

  await test.step('open the link in a new browser context: the same view', async () => {
    const context = await browser.newContext(baseURL ? { baseURL } : {});
    const fresh = await context.newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(e.message));
    fresh.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await fresh.goto(url);
    await new AppPage(fresh).waitIdle();
    const after = await viewOf(fresh);
    expect(after).toEqual(before);
    await expect(new AppPage(fresh).alerts, 'a link the page made opens without notices').toHaveCount(0);
    expect(fresh.url()).toBe(url);
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('back and forward move between runs; cursor moves do not add history', async ({ app, controls, page }) => {
  await app.open();
  await controls.stepForward.click();
  await controls.stepForward.click();
  await app.waitIdle();
  const first = await app.fragment();
  await controls.fix('srcu-drain').check();
  await app.waitIdle();
  const second = await app.fragment();
  expect(second).not.toBe(first);
  await page.goBack();
  await app.waitIdle();
  expect(await app.fragment()).toBe(first);
  expect(await controls.cursor()).toBe(2);
  await page.goForward();
  await app.waitIdle();
  expect(await app.fragment()).toBe(second);
  await expect(controls.fix('srcu-drain')).toBeChecked();
});

test('a link from another model says so, and where its replay diverges', async ({ app, timeline }) => {
  await app.open('1.zzzzz.q0.sbbbbbbbbbbbbbbbbbbbbb.tf');
  const notice = app.alerts.filter({ hasText: 'different version of the model' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/This link was made with model zzzzz; this is model [0-9a-z]{5}/);
  await expect(notice).toContainText(/The replay diverges at decision \d+/);
  await expect(timeline.taskLabels.first()).toBeVisible();
  await test.step('the address bar now names the current model', async () => {
    expect(await app.fragment()).not.toContain('zzzzz');
    expect(await app.fragment()).toMatch(/^#1\.[0-9a-z]{5}\.q0\./);
  });
});
