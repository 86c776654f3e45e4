/**
 * The cold load's critical path (vite.config.ts earlyWorker, bridge.ts ensureWorker): the built
 * index.html starts the simulation worker before the main bundle is fetched, the worker boots the
 * default cluster meanwhile, and the bridge adopts that worker with what it posted before the
 * bundle ran: one worker, no view lost.
 */
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { clockNow, openApp } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

describe.runIf(chromiumAvailable())('first load', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('starts the worker from index.html, before the main bundle, and the bridge adopts it', async () => {
    const html = await (await fetch(inject('baseUrl'))).text();
    const early = /new Worker\("([^"]+)",\{type:"module",name:"podlab-sim"\}\)/.exec(html);
    expect(early, 'index.html starts the worker').not.toBeNull();
    // The inline script comes before the main bundle's <script type="module">.
    expect(html.indexOf(early![0])).toBeLessThan(html.search(/<script type="module"/));

    const { page, context, errors } = await openApp(browser);
    try {
      // One worker: the one index.html started (the bridge made no second one), now the bridge's.
      expect(page.workers().map((w) => new URL(w.url()).pathname)).toEqual([early![1]]);
      expect(await page.evaluate(() => window.podlabEarlyWorker)).toBeUndefined();
      expect(await clockNow(page)).toBe(0);
      expect((await page.evaluate(() => window.podlab!.exec('kubectl get nodes --no-headers'))).output.split('\n').filter(Boolean)).toHaveLength(4);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps what the worker posts before the bundle runs: the first view arrives through the adoption', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      // Hold the main bundle back until the worker has posted its first view into the early buffer.
      let release!: () => void;
      const released = new Promise<void>((done) => (release = done));
      const held: Request[] = [];
      await context.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
        held.push(route.request());
        await released;
        await route.continue();
      });
      await page.goto(inject('baseUrl'), { waitUntil: 'commit' });
      await page.waitForFunction(() => (window.podlabEarlyWorker?.events.length ?? 0) > 0, undefined, { timeout: 20_000 });
      expect(held).toHaveLength(1);
      expect(await page.evaluate(() => window.podlab)).toBeUndefined();
      const first = await page.evaluate(() => (window.podlabEarlyWorker!.events[0] as MessageEvent<{ type: string }>).data.type);
      expect(first).toBe('view');
      release();
      // The clock shows the buffered view: nothing else would bring one while the cluster is paused.
      await page.getByRole('timer', { name: 'Simulated time' }).locator('time').waitFor();
      await page.waitForFunction(() => window.podlab !== undefined);
      expect(await clockNow(page)).toBe(0);
      expect(await page.getByRole('region', { name: 'Cluster map' }).getByRole('article', { name: 'node-3', exact: true }).count()).toBe(1);
      expect(await page.evaluate(() => window.podlabEarlyWorker)).toBeUndefined();
      expect(page.workers()).toHaveLength(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
