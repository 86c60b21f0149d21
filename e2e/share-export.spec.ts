/**
 * Export: SVG (standalone, styles inline), PNG (2x) and the trace as Chrome
 * trace-event JSON are downloads with plausible content.
 */
import { readFile } from 'node:fs/promises';
import type { Download } from '@playwright/test';
import { expect, test } from './fixtures.ts';

async function body(d: Download): Promise<Buffer> {
  const path = await d.path();
  return readFile(path);
}

test('the Export menu downloads SVG, PNG and Perfetto JSON', async ({ app, share, page, timeline }) => {
  await app.open('s=flash-unbind&t=fault');
  const labels = await timeline.taskLabels.allTextContents();
  expect(labels.length).toBeGreaterThan(1);
  let svgWidth = 0;
  let svgHeight = 0;

  await test.step('the menu lists the three exports and closes on Escape', async () => {
    await share.exportButton.click();
    await expect(share.exportMenu.getByRole('menuitem')).toHaveCount(3);
    await expect(share.exportItem(/^SVG/)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(share.exportItem(/^PNG/)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(share.exportMenu).toBeHidden();
    await expect(share.exportButton).toBeFocused();
  });

  await test.step('SVG: a standalone document with the lane labels and inline styles', async () => {
    const d = await share.download(/^SVG/);
    expect(d.suggestedFilename()).toMatch(/^racelanes-flash-unbind-step\d+\.svg$/);
    const text = (await body(d)).toString('utf8');
    const parsed = await page.evaluate((t) => {
      const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length > 0,
        root: root.localName,
        ns: root.namespaceURI,
        width: Number(root.getAttribute('width')),
        height: Number(root.getAttribute('height')),
        texts: [...doc.getElementsByTagName('text')].map((n) => n.textContent ?? ''),
        classes: doc.querySelectorAll('[class]').length,
        styled: doc.querySelectorAll('[style*="fill"]').length,
        scripts: doc.getElementsByTagName('script').length,
        title: doc.getElementsByTagName('title')[0]?.textContent ?? '',
      };
    }, text);
    expect(parsed.error).toBe(false);
    expect(parsed.root).toBe('svg');
    expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
    for (const l of labels) expect(parsed.texts).toContain(l);
    expect(parsed.title).toMatch(/^racelanes: flash-unbind, no fix/);
    expect(parsed.texts, 'the link that reopens the view is printed on the image').toContain(page.url());
    expect(parsed.classes, 'no stylesheet needed: no class attributes left').toBe(0);
    expect(parsed.styled).toBeGreaterThan(20);
    expect(parsed.scripts).toBe(0);
    expect(text).not.toMatch(/url\(["']?https?:/);
    svgWidth = parsed.width;
    svgHeight = parsed.height;
    expect(svgWidth).toBeGreaterThan(500);
  });

  await test.step('PNG: the PNG signature, twice the SVG size', async () => {
    const d = await share.download(/^PNG/);
    expect(d.suggestedFilename()).toMatch(/\.png$/);
    const png = await body(d);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(svgWidth * 2);
    expect(png.readUInt32BE(20)).toBe(svgHeight * 2);
    expect(png.length).toBeGreaterThan(10_000);
  });

  await test.step('Trace JSON: traceEvents with threads, slices and the fault', async () => {
    const d = await share.download(/^Trace JSON/);
    expect(d.suggestedFilename()).toMatch(/\.trace\.json$/);
    const json = JSON.parse((await body(d)).toString('utf8')) as { traceEvents: { ph: string; name: string }[] };
    expect(Array.isArray(json.traceEvents)).toBe(true);
    expect(json.traceEvents.length).toBeGreaterThan(50);
    expect(json.traceEvents.some((e) => e.ph === 'M' && e.name === 'thread_name')).toBe(true);
    expect(json.traceEvents.some((e) => e.ph === 'B')).toBe(true);
    expect(json.traceEvents.some((e) => e.ph === 'i')).toBe(true);
    await expect(share.status).toContainText(/perfetto/i);
  });
});
