/**
 * Time travel in Chromium: a Deployment runs, a worker fails, time plays on; dragging the Timeline
 * back before the failure shows that moment exactly (the node Ready again, the same pods, the same
 * `kubectl get` output as a Node session replaying the same commands to the same instant); a
 * command typed there forks a new future, which the timeline marks, and in which the node never
 * fails. Commands are typed only while paused, so their simulated times are known exactly.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { clockNow, openApp, screenshot, typeCommand, typeHeredoc } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { webDeploymentYaml } from '../support/fixtures.ts';

const WEB = webDeploymentYaml({ requests: { cpu: '100m', memory: '64Mi' } });

/** Runs a command through the bridge without printing it (reads only). */
async function read(page: Page, line: string): Promise<string> {
  return (await page.evaluate((l) => window.podlab!.exec(l), line)).output;
}

/** `NAME → NODE` of the running web pods. */
async function webPods(page: Page): Promise<Map<string, string>> {
  const out = await read(page, 'kubectl get pods -l app=web -o wide --no-headers');
  const pods = new Map<string, string>();
  for (const row of out.trim().split('\n').filter(Boolean)) {
    const cols = row.split(/\s+/);
    if (cols[2] === 'Running') pods.set(cols[0], cols[6]);
  }
  return pods;
}

async function setSpeed(page: Page, speed: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Speed' }).selectOption(speed);
}

/** Clicks Pause and waits until the worker has stopped, so the clock reads the exact time. */
async function pause(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  return clockNow(page);
}

/** Waits until the clock stops moving and the slider sits where the clock says. */
async function settled(page: Page): Promise<number> {
  const slider = page.getByRole('slider', { name: 'Timeline' });
  let last = -1;
  for (;;) {
    const now = await clockNow(page);
    if (now === last && Number(await slider.inputValue()) === now) return now;
    last = now;
    await page.waitForTimeout(250);
  }
}

describe.skipIf(!chromiumAvailable())('time travel in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('scrubs back before a node failure, shows it exactly, and forks a new future there', async () => {
    const { page, context, errors } = await openApp(browser);
    const twin = new Session({ seed: 1 });
    const map = page.getByRole('region', { name: 'Cluster map' });
    const slider = page.getByRole('slider', { name: 'Timeline' });
    const state = page.getByTestId('timeline-state');
    await expect(state.textContent()).resolves.toBe('Live');

    // A Deployment, applied at 0 while paused, then played until its three pods run.
    expect(await clockNow(page)).toBe(0);
    expect(await typeHeredoc(page, 'kubectl apply -f -', WEB)).toBe('deployment.apps/web created\n');
    twin.execLine('kubectl apply -f -', WEB);
    await setSpeed(page, '10');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await webPods(page)).size, { timeout: 20_000 }).toBe(3);
    const runningAt = await pause(page);

    // A minute more at 100×, then a worker with a web pod fails (typed while paused).
    await setSpeed(page, '100');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => clockNow(page), { timeout: 20_000 }).toBeGreaterThan(runningAt + 60_000);
    const failAt = await pause(page);
    const before = await webPods(page);
    const victim = [...before.values()].find((n) => n !== 'control-plane')!;
    expect(victim).toMatch(/^node-\d$/);
    expect(await typeCommand(page, `sim node fail ${victim}`)).toBe(`node/${victim} failed\n`);
    twin.sim.advance(failAt - twin.sim.now);
    twin.execLine(`sim node fail ${victim}`);

    // Play on: the node goes NotReady, its pod is evicted after 300 s and replaced elsewhere.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => [...(await webPods(page)).keys()].some((name) => !before.has(name)), { timeout: 40_000 }).toBe(true);
    const liveEnd = await pause(page);
    twin.sim.advance(liveEnd - twin.sim.now);
    expect(await read(page, 'kubectl get pods -o wide')).toBe(twin.execLine('kubectl get pods -o wide').output);
    await expect(map.getByRole('article', { name: victim, exact: true }).textContent()).resolves.toContain('NotReady');
    await expect.poll(() => page.locator('.tl-lane [data-kind="node"]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.tl-lane [data-kind="eviction"]').count()).toBeGreaterThan(0);
    expect(await slider.getAttribute('max')).toBe(String(liveEnd));
    await screenshot(page, 'time-travel-1-after-failure.png');

    // Drag the playhead back to 30 s before the failure.
    const target = failAt - 30_000;
    const box = (await slider.boundingBox())!;
    const start = Number(await slider.getAttribute('min'));
    const thumbPx = 12;
    const xOf = (t: number) => box.x + thumbPx / 2 + ((t - start) / (liveEnd - start)) * (box.width - thumbPx);
    const y = box.y + box.height / 2;
    await page.mouse.move(xOf(liveEnd), y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(xOf(liveEnd + ((target - liveEnd) * i) / 10), y);
    await page.mouse.up();
    const landed = await settled(page);
    expect(landed).toBeGreaterThan(runningAt);
    expect(landed).toBeLessThan(failAt);
    await expect(state.textContent()).resolves.toMatch(/^Past · −/);
    await expect(page.getByRole('button', { name: 'Back to live' }).isEnabled()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Time travel' }).textContent()).resolves.toContain('forks a new future');

    // The node is Ready again with the same pods, and kubectl agrees with a Node replay to the same instant.
    await expect(map.getByRole('article', { name: victim, exact: true }).locator('.badge').first().textContent()).resolves.toBe('Ready');
    expect(await webPods(page)).toEqual(before);
    // The twin of the past: the same commands up to that instant, the failure not yet typed.
    const pastTwin = new Session({ seed: 1 });
    pastTwin.execLine('kubectl apply -f -', WEB);
    pastTwin.sim.advance(landed);
    expect(await typeCommand(page, 'kubectl get pods -o wide')).toBe(pastTwin.execLine('kubectl get pods -o wide').output);
    expect(await typeCommand(page, 'kubectl get nodes')).toBe(pastTwin.execLine('kubectl get nodes').output);
    expect(twin.execLine('kubectl get nodes').output).toContain(`${victim}          NotReady`); // the original future
    await expect(state.textContent()).resolves.toMatch(/^Past/); // reading the past forks nothing
    await screenshot(page, 'time-travel-2-past.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'time-travel-2-past-dark-1920.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 720 });

    // Acting in the past forks: the later history is gone, the timeline marks the fork.
    expect(await typeCommand(page, 'kubectl scale deployment web --replicas=1')).toBe('deployment.apps/web scaled\n');
    pastTwin.execLine('kubectl scale deployment web --replicas=1');
    await expect.poll(() => state.textContent()).toBe('Live');
    await expect.poll(() => page.locator('.tl-forks [data-kind="fork"]').count()).toBe(1);
    expect(Number(await page.locator('.tl-forks [data-kind="fork"]').getAttribute('data-at'))).toBe(landed);
    await expect(page.locator('.tl-lane [data-kind="node"]').count()).resolves.toBe(0);
    expect(await slider.getAttribute('max')).toBe(String(landed));
    await expect(page.getByRole('region', { name: 'Time travel' }).textContent()).resolves.toContain('Forked at');

    // The new future: past the old failure time the node is still Ready, with one web pod.
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => clockNow(page), { timeout: 20_000 }).toBeGreaterThan(failAt + 120_000);
    const forkedNow = await pause(page);
    await expect(map.getByRole('article', { name: victim, exact: true }).locator('.badge').first().textContent()).resolves.toBe('Ready');
    pastTwin.sim.advance(forkedNow - pastTwin.sim.now);
    expect(await typeCommand(page, 'kubectl get pods -o wide')).toBe(pastTwin.execLine('kubectl get pods -o wide').output);
    expect((await webPods(page)).size).toBe(1);
    await screenshot(page, 'time-travel-3-forked.png');

    // From the keyboard: PageUp jumps to the previous marker (the past), Back to live returns.
    await slider.focus();
    await slider.press('PageUp');
    await expect.poll(() => state.textContent()).toMatch(/^Past/);
    expect(await settled(page)).toBeLessThan(forkedNow);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await expect.poll(() => state.textContent()).toBe('Live');
    expect(await settled(page)).toBe(forkedNow);

    expect(errors).toEqual([]);
    await context.close();
  });
});
