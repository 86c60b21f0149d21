/**
 * Copy as text: the block a maintainer pastes into a plain-text mail (72
 * columns, ASCII, no tabs, CPU columns, a Link: line), and pasting it, or a
 * quoted reply holding it, back into a fresh page restores the view.
 */
import { expect, test } from './fixtures.ts';
import { AppPage } from './pages/AppPage.ts';
import { SharePage } from './pages/SharePage.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const FRAGMENT = 's=flash-unbind&t=fault';

test('Copy as text gives a mail-safe block that pastes back into the same view', async ({ app, share, page, browser, baseURL }) => {
  await app.open(FRAGMENT);
  const before = await app.snapshot();
  let block = '';
  await test.step('copy the text block', async () => {
    await share.copyText.click();
    await expect(share.status).toContainText('Text copied');
    block = await share.clipboard();
  });
  await test.step('every line is at most 72 columns of printable ASCII, no tabs', async () => {
    const lines = block.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) {
      expect(line.length, line).toBeLessThanOrEqual(72);
      expect(line, 'ASCII, no tabs').toMatch(/^[\x20-\x7e]*$/);
    }
  });
  await test.step('it names the run, the verdict, the CPUs, the Oops and the link', async () => {
    expect(block).toContain('Scenario: flash-unbind');
    expect(block).toMatch(/^Observation flash-unbind (Sometimes|Always|Never) \d+ \d+/m);
    expect(block).toMatch(/^CPU\d \(/m);
    expect(block).toContain(`Link: ${page.url()}`);
  });

  await test.step('pasting the block onto a fresh page restores the view', async () => {
    const context = await browser.newContext(baseURL ? { baseURL } : {});
    const fresh = await context.newPage();
    const errors: string[] = [];
    fresh.on('pageerror', (e) => errors.push(e.message));
    const app2 = new AppPage(fresh);
    const share2 = new SharePage(fresh);
    await app2.open();
    expect((await app2.snapshot()).signature).not.toBe(before.signature);
    await share2.paste(block);
    await app2.waitIdle();
    const after = await app2.snapshot();
    expect({ ...after, fragment: '' }).toEqual({ ...before, fragment: '' });
    expect(after.fragment).toBe(before.fragment);
    await expect(share2.status).toHaveText('Opened the pasted link');
    expect(errors).toEqual([]);
    await context.close();
  });
});

test('the Open dialog takes a quoted reply; bad text keeps the view and says why', async ({ app, share, controls, page }) => {
  await app.open(FRAGMENT);
  await share.copyText.click();
  await expect(share.status).toContainText('Text copied');
  const block = await share.clipboard();
  const wanted = await app.snapshot();
  await app.open();
  const start = await app.snapshot();

  await test.step('text without a link: a message in the dialog, nothing changes', async () => {
    await share.openButton.click();
    await expect(share.openDialog).toBeVisible();
    await share.openText.fill('Looks good to me.\n\nThanks, Mark');
    await share.openSubmit.click();
    await expect(share.openProblems).toContainText('Nothing was opened');
    await expect(share.openProblems).toContainText('no link found');
    await expect(share.openText).toHaveValue('Looks good to me.\n\nThanks, Mark');
    expect((await app.snapshot()).signature).toBe(start.signature);
  });

  await test.step('a quoted reply holding the block opens its view', async () => {
    const quoted = `On Tue, Alice wrote:\n${block.split('\n').map((l) => `> ${l}`).join('\n')}\nNo, this still races.`;
    await share.openText.fill(quoted);
    await share.openSubmit.click();
    await expect(share.openDialog).toBeHidden();
    await app.waitIdle();
    const got = await app.snapshot();
    expect(got.signature).toBe(wanted.signature);
    expect(got.cursor).toBe(wanted.cursor);
    expect(await controls.cursor()).toBe(wanted.fault);
  });

  await test.step('pasting prose onto the page: a notice, the view stays', async () => {
    const now = await app.snapshot();
    await share.paste('see the thread on lore for details');
    await expect(app.alerts.filter({ hasText: 'Nothing was opened' })).toBeVisible();
    expect((await app.snapshot()).signature).toBe(now.signature);
    expect(await app.fragment()).toBe(now.fragment);
  });

  await test.step('a paste into a field stays in the field', async () => {
    await controls.param('read').focus();
    const now = await app.snapshot();
    await share.paste(block);
    expect((await app.snapshot()).signature).toBe(now.signature);
  });
  await page.keyboard.press('Escape');
});

test('Ctrl/Cmd+V with a link on the clipboard opens it; back returns', async ({ app, share, page }) => {
  await app.open();
  const start = await app.fragment();
  await test.step('put a hand-written long-form link on the clipboard and press Ctrl+V', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('see https://racelanes.example/#s=devres-order&t=fault'));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('ControlOrMeta+V');
    await app.waitIdle();
  });
  await test.step('the view is the link, the address bar its canonical form', async () => {
    await expect(app.scenario).toHaveValue('devres-order');
    expect(await app.fragment()).toBe(app.linkFor({ scenario: 'devres-order', t: 'fault' }));
    await expect(share.status).toHaveText('Opened the pasted link');
  });
  await test.step('a paste is a new history entry', async () => {
    await page.goBack();
    await app.waitIdle();
    expect(await app.fragment()).toBe(start);
    await expect(app.scenario).toHaveValue('qspi-unbind');
  });
});

test('Copy as text of a complete timed Never says whether it holds for every unbind start', async ({ app, share }) => {
  await app.open('s=qspi-unbind&fix=srcu-drain&mode=timed');
  await share.copyText.click();
  await expect(share.status).toContainText('Text copied');
  const block = (await share.clipboard()).replace(/\s+/g, ' ');
  expect(block).toMatch(/Observation qspi-unbind\+srcu-drain Never 0 \d+ Starts: Never for every unbind start too, not only the unbind starting at 0 or right after a step of another task: checked with the start kept symbolic \([\d,]+ states\)\. Replay:/);
});
