/**
 * Self-healing and rolling updates, visible, in Chromium: a Deployment of 4 runs; `kubectl set
 * image` rolls it out while the Workloads tab's rollout lanes show the old and new ReplicaSets
 * stacked between the maxSurge ceiling and maxUnavailable floor (25% of 4: 5 and 3) and never
 * cross them; a failed node puts a fault marker on the replica history where the ready replicas
 * dipped; the controller flow follows real actions; and "Roll back to revision 1" runs `kubectl
 * rollout undo` through the command layer, so the terminal shows it and the image is nginx:1.25 again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockNow, openApp, screenshot, typeCommand } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

/** Runs a command through the bridge without printing it (reads only). */
async function read(page: Page, line: string): Promise<string> {
  return (await page.evaluate((l) => window.podlab!.exec(l), line)).output;
}

async function setSpeed(page: Page, speed: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
}

/** What the lanes' chart says: its fenceposts, crossings and ReplicaSets. */
async function lanes(page: Page): Promise<{ ceiling: number; floor: number; surge: number; unavailable: number; rolling: number; over: number; under: number; sets: string[] }> {
  const svg = page.getByRole('region', { name: 'Rollout lanes' }).locator('svg[data-ceiling]');
  const attr = async (name: string) => Number(await svg.getAttribute(name));
  return {
    ceiling: await attr('data-ceiling'),
    floor: await attr('data-floor'),
    surge: await attr('data-surge'),
    unavailable: await attr('data-unavailable'),
    rolling: await attr('data-rolling-samples'),
    over: await attr('data-over-ceiling'),
    under: await attr('data-under-floor'),
    sets: await svg.locator('path[data-replicaset]').evaluateAll((ps) => ps.map((p) => `${p.getAttribute('data-replicaset')}@${p.getAttribute('data-revision')}`)),
  };
}

describe.skipIf(!chromiumAvailable())('workloads in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a rollout within its bands, a node failure as a dip, and rolls back in one click', { timeout: 180_000 }, async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1280, height: 720 } });
    expect(await typeCommand(page, 'kubectl create deployment web --image=nginx:1.25 --replicas=4')).toBe('deployment.apps/web created\n');
    await page.getByRole('tab', { name: 'Workloads' }).click();
    await page.getByRole('button', { name: 'Expand details' }).click();
    const history = page.getByRole('region', { name: 'Replica history' });
    const rollout = page.getByRole('region', { name: 'Rollout lanes' });
    await rollout.waitFor();

    // Let it run until all four are ready.
    await page.getByRole('button', { name: 'Play' }).click();
    await history.getByRole('img', { name: 'Deployment web: 4 of 4 replicas ready' }).waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    expect((await lanes(page)).sets).toHaveLength(1);

    // Roll out nginx:1.26 and play through it, reading the lanes all along.
    const beforeRollout = await clockNow(page);
    expect(await typeCommand(page, 'kubectl set image deployment/web nginx=nginx:1.26')).toBe('deployment.apps/web image updated\n');
    await page.getByRole('button', { name: 'Play' }).click();
    const seen: Awaited<ReturnType<typeof lanes>>[] = [];
    for (let i = 0; i < 80; i++) {
      const l = await lanes(page);
      seen.push(l);
      const status = await read(page, 'kubectl get deploy web --no-headers');
      if (l.sets.length === 2 && /^web\s+4\/4\s+4\s+4\s/.test(status) && l.rolling > 0) break;
      await page.waitForTimeout(150);
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    const done = await lanes(page);
    expect(done.sets).toHaveLength(2);
    expect(done.sets.map((s) => s.split('@')[1])).toEqual(['1', '2']);
    // 25% of 4 replicas: maxSurge rounds up to 1, maxUnavailable down to 1.
    expect(done).toMatchObject({ surge: 1, unavailable: 1, ceiling: 5, floor: 3 });
    expect(done.rolling).toBeGreaterThan(0);
    for (const l of seen) expect([l.over, l.under]).toEqual([0, 0]);
    expect([done.over, done.under]).toEqual([0, 0]);
    await expect.poll(() => rollout.getByTestId('surge-ceiling').textContent()).toBe('maxSurge 25% → ceiling 5');
    await expect.poll(() => rollout.getByTestId('unavailable-floor').textContent()).toBe('maxUnavailable 25% → floor 3');
    const revisions = rollout.getByRole('table', { name: 'Revision history' });
    await expect.poll(() => revisions.locator('tbody tr').count()).toBe(2);
    expect(await revisions.locator('tr.is-current .wl-images').textContent()).toBe('nginx:1.26');

    // The controller flow shows real actions, and its speed control slows it down.
    const flow = page.getByRole('region', { name: 'Controller flow' });
    await expect.poll(() => flow.locator('.wl-stages').count()).toBe(1);
    expect(await flow.locator('.wl-stage-actor').allTextContents()).not.toEqual(['—', '—', '—', '—', '—']);
    const speed = flow.getByRole('slider', { name: 'Flow speed' });
    await speed.fill('0');
    expect(await speed.getAttribute('aria-valuetext')).toBe('0.1×');
    await screenshot(page, 'workloads-rollout-1280-light.png');

    // Fail the node of a web pod: its pods go NotReady (a dip) and the fault is marked.
    const node = (await read(page, "kubectl get pods -l app=web -o jsonpath='{.items[0].spec.nodeName}'")).trim();
    expect(node).toMatch(/^node-\d$/);
    expect(await typeCommand(page, `sim node fail ${node}`)).toContain(node);
    await setSpeed(page, '10');
    await page.getByRole('button', { name: 'Play' }).click();
    const fault = history.locator('[data-fault="node"]');
    await fault.first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await fault.first().locator('title').textContent()).toContain(`node/${node} is not ready`);
    await expect.poll(async () => Number(await history.locator('svg').getAttribute('data-dips'))).toBeGreaterThan(0);
    await speed.fill('3');
    await expect.poll(() => flow.locator('.wl-flow-log').textContent()).toMatch(/node\s*node\//);
    await screenshot(page, 'workloads-node-failure-1280-light.png');

    // One click rolls back to revision 1, through the command layer and the terminal.
    await rollout.getByRole('button', { name: 'Roll back to revision 1' }).click();
    // It is in the terminal's scrollback (the store's entries) like a typed command.
    const entry = page.locator('.term-entry').last();
    await entry.and(page.locator('.term-entry[data-exit-code="0"]')).waitFor({ state: 'attached' });
    expect(await entry.locator('.term-line').textContent()).toBe('$ kubectl rollout undo deployment/web --to-revision=1');
    expect(await entry.locator('.term-output').textContent()).toBe('deployment.apps/web rolled back\n');
    expect(await read(page, "kubectl get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}'")).toBe('nginx:1.25');
    expect(await read(page, 'kubectl rollout history deployment/web')).toMatch(/^deployment\.apps\/web \nREVISION +CHANGE-CAUSE\n2 +<none>\n3 +<none>\n\n$/);
    await expect.poll(() => revisions.locator('tr.is-current .wl-images').textContent()).toBe('nginx:1.25');
    await expect.poll(() => rollout.getByRole('button', { name: 'Roll back to revision 2' }).count()).toBe(1);

    // Time travel: back before the rollout the lanes hold one ReplicaSet and no fault; live again, all of it.
    await page.evaluate((at) => window.podlab!.seek(at), beforeRollout - 1); // at its own instant a command has run
    await expect.poll(async () => (await lanes(page)).sets).toHaveLength(1);
    await expect.poll(() => history.locator('[data-fault]').count()).toBe(0);
    expect(await revisions.locator('tbody tr').count()).toBe(1);
    await page.evaluate(() => window.podlab!.resumeLive());
    await expect.poll(async () => (await lanes(page)).sets).toHaveLength(2);
    await expect.poll(() => history.locator('[data-fault="node"]').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`draws the Workloads tab at ${width}×${height} in ${scheme}`, async () => {
        const { page, context, errors } = await openApp(browser, { viewport: { width, height }, colorScheme: scheme });
        await typeCommand(page, 'kubectl create deployment web --image=nginx:1.25 --replicas=4');
        await typeCommand(page, 'sim advance 20s');
        await typeCommand(page, 'kubectl set image deployment/web nginx=nginx:1.26');
        await typeCommand(page, 'sim advance 1s');
        await typeCommand(page, 'sim advance 3s');
        await typeCommand(page, 'sim node fail node-1');
        await typeCommand(page, 'sim advance 60s');
        await page.getByRole('tab', { name: 'Workloads' }).click();
        await page.getByRole('region', { name: 'Rollout lanes' }).locator('svg[data-ceiling]').waitFor();
        await page.getByRole('region', { name: 'Replica history' }).locator('[data-fault]').first().waitFor();
        await screenshot(page, `workloads-${width}-${scheme}.png`);
        await page.getByRole('button', { name: 'Expand details' }).click();
        await page.waitForTimeout(300);
        await screenshot(page, `workloads-${width}-${scheme}-expanded.png`);
        // Nothing is cut off sideways: the dock's tabs and the Workloads panel fit their width.
        const overflow = (selector: string) => page.locator(selector).evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(await overflow('.dock-tabs')).toBeLessThanOrEqual(0);
        expect(await overflow('.wl-panel')).toBeLessThanOrEqual(0);
        expect(await overflow('.wl-revisions')).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
