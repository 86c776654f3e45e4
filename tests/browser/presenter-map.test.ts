/**
 * The cluster map in presenter mode at 1280×720 (issue 9: "readable from the back of a room: body
 * text at least 20 px, no panel overflow"): every text on the map renders at 20 px or more on
 * screen (its font size times the map's zoom), pod chips are at least 24 px, and the map panel
 * does not overflow. Screenshots light and dark, normal and presenter, at 1280×720 and 1920×1080.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

interface MapText {
  text: string;
  px: number;
}

/** Rendered size of every visible text on the Cluster map: computed font-size × the element's scale on screen. */
async function mapTexts(page: Page): Promise<MapText[]> {
  return page.evaluate(() => {
    const region = document.querySelector('section.cm')!;
    const out: { text: string; px: number }[] = [];
    const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? '';
      const el = n.parentElement!;
      if (!text || el.closest('title, option, select')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
      const font = parseFloat(getComputedStyle(el).fontSize);
      // CSS transforms between the element and the page (the map's zoom): width on screen / layout width.
      let scale = 1;
      for (let a: HTMLElement | null = el; a; a = a.parentElement) {
        const t = getComputedStyle(a).transform;
        if (t && t !== 'none') scale *= new DOMMatrix(t).a;
      }
      out.push({ text, px: Math.round(font * scale * 10) / 10 });
    }
    const select = region.querySelector('select');
    if (select) out.push({ text: 'namespace select', px: parseFloat(getComputedStyle(select).fontSize) });
    return out;
  });
}

async function panelOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const sel of ['.cm', '.cm-head', '.cm-cp', '.cm-viewport']) {
      const el = document.querySelector(sel);
      if (!el) {
        out.push(`${sel} missing`);
        continue;
      }
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${sel} width ${el.scrollWidth} > ${el.clientWidth}`);
      if (el.scrollHeight > el.clientHeight + 1) out.push(`${sel} height ${el.scrollHeight} > ${el.clientHeight}`);
    }
    // Every node card whole inside the map's viewport.
    const vp = document.querySelector('.cm-viewport')!.getBoundingClientRect();
    for (const card of document.querySelectorAll('.cm-grid > article')) {
      const r = card.getBoundingClientRect();
      if (r.left < vp.left - 0.5 || r.right > vp.right + 0.5 || r.top < vp.top - 0.5 || r.bottom > vp.bottom + 0.5) out.push(`${card.getAttribute('aria-label')} outside the map: ${Math.round(r.left)},${Math.round(r.top)}..${Math.round(r.right)},${Math.round(r.bottom)}`);
    }
    return out;
  });
}

/** Lets the map's fit settle (it refits on resize observers). */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
}

describe.skipIf(!chromiumAvailable())('presenter cluster map', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('draws every text on the map at 20 px or more at 1280×720, with nothing overflowing', async () => {
    const { page, context, errors } = await openApp(browser);
    const map = page.getByRole('region', { name: 'Cluster map' });
    // The default cluster plus a tainted fifth node, as app.test.ts adds it.
    await page.evaluate(() => window.podlab!.exec('sim node add node-4 --cpu 4 --memory 8Gi --taints gpu=true:NoSchedule'));
    await map.getByRole('article', { name: 'node-4' }).waitFor();
    await settle(page);
    await screenshot(page, 'presenter-map-normal-light-1280.png');

    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.getByRole('region', { name: 'Presenter' }).waitFor();
    await map.locator('.pcm-node').first().waitFor();
    await settle(page);

    // The accessible names the other journeys use: nodes by name, pods by name and status.
    for (const n of ['control-plane', 'node-1', 'node-2', 'node-3', 'node-4']) await expect(map.getByRole('article', { name: n }).count()).resolves.toBe(1);
    const podNames = await map.locator('.pcm-chips .cm-chip').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(podNames.length).toBeGreaterThan(5);
    for (const name of podNames) expect(name).toMatch(/^[a-z0-9.-]+, \S+$/);

    const texts = await mapTexts(page);
    expect(texts.map((t) => t.text)).toEqual(expect.arrayContaining(['Cluster map', 'control-plane', 'node-4', 'Ready', 'Taint', 'CPU', 'Mem']));
    const small = texts.filter((t) => t.px < 20);
    expect(small).toEqual([]);

    // Chips big enough to click.
    const chip = await map.locator('.pcm-chips .cm-chip-bg').first().boundingBox();
    expect(chip!.width).toBeGreaterThanOrEqual(22);
    await screenshot(page, 'presenter-map-presenter-light-1280.png');
    expect(await panelOverflow(page)).toEqual([]);

    // A chip click selects the pod, a name click the node, as in the normal map.
    const chipButton = map.getByRole('button', { name: podNames[0], exact: true });
    await chipButton.click();
    await expect(chipButton.getAttribute('aria-pressed')).resolves.toBe('true');
    await map.getByRole('button', { name: 'node-2' }).click();
    await expect(map.getByRole('button', { name: 'node-2' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await settle(page);
    await screenshot(page, 'presenter-map-presenter-light-1280.png');

    // A lost node: NotReady, its taints and the eviction countdown, all still 20 px and inside the map.
    // (A pod of the student's on it, so there is something to evict.)
    const victim = await page.evaluate(async () => {
      await window.podlab!.exec('kubectl run solo --image=nginx');
      await window.podlab!.exec('sim advance 10s');
      const node = (await window.podlab!.exec('kubectl get pod solo -o jsonpath={.spec.nodeName}')).output.trim();
      await window.podlab!.exec(`sim node fail ${node}`);
      await window.podlab!.exec('sim advance 60s');
      return node;
    });
    const lost = map.getByRole('article', { name: victim });
    await lost.getByRole('timer', { name: 'Eviction countdown' }).waitFor();
    await expect(lost.getByText('NotReady', { exact: true }).isVisible()).resolves.toBe(true);
    await settle(page);
    expect((await mapTexts(page)).filter((t) => t.px < 20)).toEqual([]);
    expect(await panelOverflow(page)).toEqual([]);
    await screenshot(page, 'presenter-map-presenter-notready-light-1280.png');

    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await screenshot(page, 'presenter-map-presenter-dark-1280.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await settle(page);
    expect((await mapTexts(page)).filter((t) => t.px < 20)).toEqual([]);
    expect(await panelOverflow(page)).toEqual([]);
    await screenshot(page, 'presenter-map-presenter-dark-1920.png');

    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await settle(page);
    await screenshot(page, 'presenter-map-normal-dark-1920.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await settle(page);
    await screenshot(page, 'presenter-map-normal-light-1920.png');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await screenshot(page, 'presenter-map-normal-dark-1280.png');

    expect(errors).toEqual([]);
    await context.close();
  });
});
