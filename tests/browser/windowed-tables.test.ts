/**
 * Long tables are windowed (views/windowing.ts): with 400 pods the Pods table draws only the rows
 * near its visible part, yet every pod can be scrolled to, read and selected; the namespace
 * groups still fold; the events list, past 100 events, scrolls the same way. Short lists are drawn
 * whole (the other journeys count their rows).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

describe.skipIf(!chromiumAvailable())('windowed tables', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Scrolls a region's table box to a share (0–1) of its height and lets the window follow. */
  const scrollTo = async (page: Page, region: string, share: number) => {
    await page.getByRole('region', { name: region }).locator('.table-scroll').evaluate((el, s) => {
      el.scrollTop = s >= 1 ? el.scrollHeight : el.scrollHeight * s;
    }, share);
    await page.waitForTimeout(150);
  };

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(`draws the rows in view of 400 pods and any of them on scrolling, at ${viewport.width}×${viewport.height}`, async () => {
      const { page, context, errors } = await openApp(browser, { viewport });
      await page.evaluate(async () => {
        await window.podlab!.exec('sim cluster --nodes 8 --cpu 32 --memory 128Gi --pods 110');
        await window.podlab!.exec('kubectl create deployment web --image=nginx:1.27 --replicas=400');
        await window.podlab!.exec('sim advance 2m');
      });
      const pods = page.getByRole('region', { name: 'Pods' });
      const rows = pods.locator('tr[data-namespace=default]');
      await expect.poll(() => pods.locator('.panel-count').textContent()).toMatch(/^4\d\d$/);
      // The table says how many rows it has, and draws far fewer.
      expect(Number(await pods.getByRole('table').getAttribute('aria-rowcount'))).toBeGreaterThan(400);
      const drawn = await rows.count();
      expect(drawn).toBeGreaterThan(4);
      expect(drawn).toBeLessThan(80);
      const names = await page.evaluate(() => window.podlab!.exec('kubectl get pods -o name').then((r) => r.output.trim().split('\n').map((l) => l.replace('pod/', ''))));
      expect(names).toHaveLength(400);
      // The first rows are the first pods, in kubectl's order; the spacer keeps the scroll height of all of them.
      expect((await rows.first().locator('td').first().textContent())?.trim()).toBe(names[0]);
      const box = pods.locator('.table-scroll');
      expect(await box.evaluate((el) => el.scrollHeight)).toBeGreaterThan(400 * 20);
      await screenshot(page, `windowed-pods-top-${viewport.width}x${viewport.height}.png`);

      // Half way down: the rows drawn are those in view, the ones at the top are gone.
      await scrollTo(page, 'Pods', 0.5);
      const middle = (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim());
      expect(middle).not.toContain(names[0]);
      const visible = await box.evaluate((el) => {
        const b = el.getBoundingClientRect();
        return [...el.querySelectorAll('tr[data-namespace]')]
          .filter((r) => {
            const rb = r.getBoundingClientRect();
            return rb.top >= b.top + 20 && rb.bottom <= b.bottom;
          })
          .map((r) => r.querySelector('td')!.textContent!.trim());
      });
      expect(visible.length).toBeGreaterThan(2);
      // What is in view is a run of consecutive pods from the middle of the list.
      const at = names.indexOf(visible[0]);
      expect(at).toBeGreaterThan(100);
      expect(visible).toEqual(names.slice(at, at + visible.length));
      await screenshot(page, `windowed-pods-middle-${viewport.width}x${viewport.height}.png`);

      // At the bottom: the last pod, then kube-system's folded group; selecting a row still inspects the pod.
      await scrollTo(page, 'Pods', 1);
      await expect.poll(async () => (await rows.locator('td:first-child').allTextContents()).map((t) => t.trim())).toContain(names[399]);
      const systemGroup = pods.getByRole('button', { name: /^kube-system/ });
      expect(await systemGroup.getAttribute('aria-expanded')).toBe('false');
      await rows.filter({ hasText: names[399] }).click();
      const details = page.getByRole('region', { name: 'Details' });
      await expect.poll(() => details.locator('.inspector-title').textContent()).toBe(`Pod ${names[399]} in default`);
      expect(await rows.filter({ hasText: names[399] }).getAttribute('aria-selected')).toBe('true');

      // Folding the default group leaves two head rows: a short list, drawn whole.
      await scrollTo(page, 'Pods', 0);
      await pods.getByRole('button', { name: /^default/ }).click();
      await expect.poll(() => rows.count()).toBe(0);
      expect(await pods.getByRole('table').getAttribute('aria-rowcount')).toBeNull();
      expect(await pods.locator('tr.row-spacer').count()).toBe(0);
      await pods.getByRole('button', { name: /^default/ }).click();
      await expect.poll(() => rows.count()).toBeGreaterThan(4);

      // The events list (over 100 events by now) is windowed too, and scrolls to its oldest event.
      await details.getByRole('tab', { name: 'Events', exact: true }).click();
      const events = details.getByRole('region', { name: 'Events' });
      const count = Number(await events.locator('.panel-count').textContent());
      expect(count).toBeGreaterThan(100);
      expect(Number(await events.getByRole('table').getAttribute('aria-rowcount'))).toBe(count + 1);
      expect(await events.locator('tbody tr.events-row').count()).toBeLessThan(count);
      const newest = await events.locator('tbody tr.events-row').first().locator('td').allTextContents();
      await scrollTo(page, 'Events', 1);
      await expect.poll(() => events.locator('tbody tr.events-row').first().locator('td').allTextContents()).not.toEqual(newest);
      // The last row drawn is the oldest event (row heights measured on the way may move the box once more).
      const last = events.locator('tbody tr.events-row').last();
      await expect
        .poll(async () => {
          await scrollTo(page, 'Events', 1);
          return last.getAttribute('aria-rowindex');
        })
        .toBe(String(count + 1));
      expect(await last.evaluate((r) => r.getBoundingClientRect().bottom <= r.closest('.table-scroll')!.getBoundingClientRect().bottom + 1)).toBe(true);
      await screenshot(page, `windowed-events-bottom-${viewport.width}x${viewport.height}.png`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
