/**
 * Hostile and broken links, opened in Chromium as a fresh page load and as a
 * hash change: never a page error, a console error or a dialog, never script,
 * the lanes still drawn, and a visible message naming what was wrong.
 */
import { expect, test } from './fixtures.ts';

/** Deterministic "random" bytes (xorshift), percent-encoded as a browser would send them. */
function randomBytes(n: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out += `%${((x >>> 0) & 0xff).toString(16).padStart(2, '0')}`;
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly fragment: string;
  /** What the message must say. */
  readonly says: RegExp;
  /** The scenario shown afterwards: what was valid got applied. */
  readonly scenario?: string;
}

const XSS = 'window.__pwned=1';
const CASES: readonly Case[] = [
  { name: 'random bytes', fragment: randomBytes(300, 0x9e3779b9), says: /unknown key|not valid percent-encoding|is not/ },
  { name: 'a 100 KB fragment', fragment: `s=flash-unbind&read=${'9'.repeat(100_000)}`, says: /only the first 4096 were read/, scenario: 'flash-unbind' },
  { name: 'huge numbers', fragment: 's=devres-order&read=99999999999999999999ms&readers=1e308&t=99999999999999999', says: /read=9+.*not a duration|readers=1e308 must be a whole number/, scenario: 'devres-order' },
  { name: 'huge numbers, canonical', fragment: '1.abcde.f0.r99999999999m.n99.t99999999', says: /out of range|readers from 1 to 8|step number/, scenario: 'flash-unbind' },
  { name: 'percent-encoding garbage', fragment: 's=flash-unbind&fix=%E0%A4%A&read=%FF%FE&%%%=1', says: /not valid percent-encoding/, scenario: 'flash-unbind' },
  { name: 'a script tag', fragment: `<script>${XSS}</script>`, says: /unknown key "\?script\?window\.__pwned"/ },
  { name: 'markup in a value', fragment: `s=flash-unbind&fix=<img src=x onerror="${XSS}">`, says: /unknown fix "\?img src=x onerror=/, scenario: 'flash-unbind' },
  { name: 'a javascript: URL', fragment: `javascript:${XSS}`, says: /unknown key "javascript:window\.__pwned"/ },
  { name: 'a javascript: scenario', fragment: 's=javascript:alert(1)', says: /unknown scenario "javascript:alert/ },
  { name: 'unicode, RTL override and NUL', fragment: ['s=flash', '\u202E', 'unbind&fix=', '\u0000', 'srcu-drain&read=', '\u0664\u0660\u0660', 'ms&t=', '\u{1F4A5}'].map((p, i) => (i % 2 ? encodeURIComponent(p) : p)).join(''), says: /unknown scenario "flash\?unbind"/ },
  { name: 'repeated keys', fragment: 's=flash-unbind&s=devres-order&t=1&t=2&fix=srcu-drain&fix=srcu-drain', says: /given twice; the last one wins/, scenario: 'devres-order' },
  { name: 'a future link format', fragment: '9.abcde.q0', says: /link format 9.*nothing was applied/ },
];

test.describe('hostile links', () => {
  let dialogs: string[] = [];
  test.beforeEach(({ page }) => {
    dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  });
  test.afterEach(async ({ page }) => {
    expect(dialogs, 'no alert, confirm or prompt').toEqual([]);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned), 'no injected script ran').toBeUndefined();
  });

  for (const c of CASES) {
    test(`opening ${c.name}`, async ({ app, timeline, page }) => {
      await test.step('a fresh page load with the link', async () => {
        await app.open(c.fragment);
      });
      await test.step('the lanes are drawn and the message names the problem', async () => {
        await expect(timeline.taskLabels.first()).toBeVisible();
        await expect(app.alerts.first()).toBeVisible();
        await expect(app.alerts.first()).toContainText(c.says);
        if (c.scenario) await expect(app.scenario).toHaveValue(c.scenario);
        expect(await page.locator('.notice script, .notice img, .notice iframe').count()).toBe(0);
      });
      await test.step('the address bar holds a clean canonical link', async () => {
        expect(await app.fragment()).toMatch(/^#1\.[0-9a-z]{5}\.[a-z][0-7]t?(\.[A-Za-z0-9_~-]+)*$/);
      });
    });
  }

  test('hash changes to hostile links keep the page working', async ({ app, timeline, page, controls }) => {
    await app.open('s=flash-unbind&fix=notifier-sleep');
    for (const c of CASES) {
      await test.step(c.name, async () => {
        await page.evaluate((f) => { location.hash = f; }, c.fragment);
        await app.waitIdle();
        await expect(app.alerts.first()).toBeVisible();
        await expect(timeline.taskLabels.first()).toBeVisible();
        expect(await app.fragment()).toMatch(/^#1\./);
      });
    }
    await test.step('a link with nothing usable leaves the view as it was', async () => {
      await app.open('s=flash-unbind&fix=notifier-sleep');
      await page.evaluate(() => { location.hash = '#9.abcde.q0'; });
      await app.waitIdle();
      await expect(app.alerts.filter({ hasText: 'Nothing was opened' })).toContainText('link format 9');
      await expect(app.scenario).toHaveValue('flash-unbind');
      await expect(controls.fix('notifier-sleep')).toBeChecked();
      expect(await app.fragment()).toBe(app.linkFor({ scenario: 'flash-unbind', fixes: ['notifier-sleep'] }));
    });
  });

  test('pasting hostile text onto the page', async ({ app, share }) => {
    await app.open();
    const start = await app.snapshot();
    for (const text of [`<script>${XSS}</script>`, `Link: javascript:${XSS}`, '\u0000\u202E'.repeat(5000), `#${'x'.repeat(300_000)}`]) {
      await share.paste(text);
      await app.waitIdle();
      await expect(app.alerts.first()).toBeVisible();
    }
    expect((await app.snapshot()).signature).toBe(start.signature);
  });
});

test('no component renders user text as HTML', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(tsx?|html)$/.test(f) ? [p] : [];
  });
  const offenders = walk('src').filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(f, 'utf8')));
  expect(offenders).toEqual([]);
});
