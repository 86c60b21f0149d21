/**
 * Links that work for the person who receives them: a page on localhost or a
 * file says its links point at this machine and lets the user set a public
 * address (remembered); the CLI's --base writes the identical link.
 */
import { main } from '../src/cli/main.ts';
import { expect, test } from './fixtures.ts';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a localhost page warns, takes a public address, remembers it, and writes the CLI\'s links', async ({ app, page, share }) => {
  await app.open('s=flash-unbind&mode=timed&t=fault');
  const chip = page.getByTestId('share.base');
  await test.step('the page on 127.0.0.1 says its links point at this machine', async () => {
    await expect(chip).toHaveText(/links point at this machine/);
    await share.copyLink.click();
    await expect(share.status).toContainText('it points at this machine');
    expect(await share.clipboard()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#1\./);
  });
  await test.step('a bad or local address is refused with the reason', async () => {
    await chip.click();
    const dialog = page.getByTestId('base.dialog');
    await expect(dialog).toBeVisible();
    const input = page.getByTestId('base.input');
    await input.fill('javascript:alert(1)');
    await dialog.getByRole('button', { name: 'Use this address' }).click();
    await expect(dialog.getByRole('alert')).toContainText("http(s) URL without '#'");
    await input.fill('http://localhost:8080/racelanes/');
    await dialog.getByRole('button', { name: 'Use this address' }).click();
    await expect(dialog.getByRole('alert')).toContainText('points at this machine too');
    await input.fill('https://racelanes.example/r/');
    await dialog.getByRole('button', { name: 'Use this address' }).click();
    await expect(dialog).toBeHidden();
  });
  const fragment = (await app.fragment()).slice(1);
  await test.step('copied links and text blocks use it, exactly as the CLI writes them with --base', async () => {
    await expect(chip).toHaveText('links: public address');
    await share.copyLink.click();
    await expect(share.status).toHaveText('Link copied');
    const link = await share.clipboard();
    expect(link).toBe(`https://racelanes.example/r/#${fragment}`);
    const cli = main(['link', `#${fragment}`, '--base', 'https://racelanes.example/r/']);
    expect(cli.stdout.trim()).toBe(link);
    await share.copyText.click();
    await expect(share.status).toContainText('Text copied');
    expect(await share.clipboard()).toContain(`\nLink: https://racelanes.example/r/#${fragment}\n`);
  });
  await test.step('it is remembered', async () => {
    await page.reload();
    await app.waitIdle();
    await expect(chip).toHaveText('links: public address');
  });
});
