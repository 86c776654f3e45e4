/**
 * Presenter mode in Chromium: large type at 1280×720 with nothing overflowing, the map and the
 * details dock only; hotkeys (Space, PageDown, PageUp, +, f) drive the clock and the cluster, the
 * commands they run showing in the terminal's scrollback; "pause when a node goes NotReady" stops
 * the clock by itself at the moment, with a banner saying why; a demo script advances one
 * command per click. Screenshots light and dark at 1280×720 and 1920×1080.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockNow, openApp, screenshot, terminalScreen } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

/** Panels that must fit the viewport's width: scrollWidth within clientWidth. */
const PANELS = ['.topbar', '.pres-bar', '.layout', '.cm', '.dock', '.dock-tabs', '.dock-body', '.timeline'];

async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((selectors) => {
    const out: string[] = [];
    const root = document.documentElement;
    // The header stays one row: every control on the same line.
    const tops = [...document.querySelectorAll('.topbar > *')].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => r.top + r.height / 2);
    if (Math.max(...tops) - Math.min(...tops) > 8) out.push(`header wraps: ${tops.join(', ')}`);
    if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
    for (const sel of selectors) {
      const el = document.querySelector(sel);
      if (!el) {
        out.push(`${sel} missing`);
        continue;
      }
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${sel} ${el.scrollWidth} > ${el.clientWidth}`);
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5 || r.left < -0.5) out.push(`${sel} spans ${r.left}..${r.right}`);
    }
    return out;
  }, PANELS);
}

async function entryExit(page: Page, line: string): Promise<string | null> {
  const entry = page.locator('.term-entry', { has: page.locator('.term-line', { hasText: `$ ${line}` }) }).last();
  await entry.and(page.locator('.term-entry[data-exit-code]')).waitFor({ state: 'attached' });
  return entry.getAttribute('data-exit-code');
}

/** When node `name`'s Ready condition last changed, in simulated ms. */
async function readyChangedAt(page: Page, name: string): Promise<number> {
  const out = await page.evaluate((n) => window.podlab!.exec(`kubectl get node ${n} -o json`), name);
  const node = JSON.parse(out.output) as { status: { conditions: { type: string; status: string; lastTransitionTime: string }[] } };
  const ready = node.status.conditions.find((c) => c.type === 'Ready')!;
  expect(ready.status).toBe('Unknown');
  return Date.parse(ready.lastTransitionTime) - Date.parse('2025-01-01T00:00:00Z');
}

describe.skipIf(!chromiumAvailable())('presenter mode', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('reads large at 1280×720, drives the cluster by hotkeys, pauses by itself, and steps a demo', async () => {
    const { page, context, errors } = await openApp(browser);
    const toggle = page.getByRole('button', { name: 'Presenter mode' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const presenter = page.getByRole('region', { name: 'Presenter' });
    await presenter.waitFor();

    // Large type, nothing overflowing; the map and the details dock only.
    const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(bodyPx).toBeGreaterThanOrEqual(20);
    expect(await overflowing(page)).toEqual([]);
    await expect(page.getByRole('region', { name: 'Cluster map' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('region', { name: 'Details' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('#console-terminal').isVisible()).resolves.toBe(false);
    await expect(page.locator('.side-column').isVisible()).resolves.toBe(false);

    // Space plays and pauses (focus is on the toggle: it stays on), PageDown steps one second.
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const paused = await clockNow(page);
    await page.keyboard.press('PageDown');
    await expect.poll(() => clockNow(page)).toBe(paused + 1000);
    await page.keyboard.press('PageUp');
    await expect.poll(() => clockNow(page)).toBe(paused);
    await page.keyboard.press('.');
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.keyboard.press('b');
    await page.getByRole('button', { name: 'Play' }).waitFor();
    await page.getByRole('button', { name: 'Back to live' }).click().catch(() => undefined);

    // Select node-2 on the map, arm "a node goes NotReady", press f: the command shows in the scrollback.
    const map = page.getByRole('region', { name: 'Cluster map' });
    await map.getByRole('button', { name: 'node-2', exact: true }).click();
    await presenter.getByRole('checkbox', { name: 'node NotReady' }).check();
    await expect.poll(() => presenter.getByRole('checkbox', { name: 'node NotReady' }).isChecked()).toBe(true);
    await page.keyboard.press('f');
    expect(await entryExit(page, 'sim node fail node-2')).toBe('0');
    const failedAt = await clockNow(page);
    await expect.poll(() => presenter.locator('.pres-last-line').textContent()).toBe('$ sim node fail node-2');

    // 100× through the + key, then play: the clock stops by itself when node-2 goes NotReady.
    for (let i = 0; i < 5; i++) await page.keyboard.press('+');
    await expect.poll(() => page.getByRole('combobox', { name: 'Speed' }).inputValue()).toBe('100');
    await page.keyboard.press('.'); // a clicker's key (Space would toggle the focused checkbox)
    const banner = presenter.getByRole('alert');
    await banner.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await screenshot(page, 'presenter-debug.png');
      console.log('DEBUG', await clockNow(page), failedAt, await page.evaluate(() => JSON.stringify(document.querySelector('.pres-triggers')?.outerHTML)), await page.evaluate(() => window.podlab!.exec('kubectl get nodes').then((r) => r.output)));
      throw e;
    });
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const stoppedAt = await clockNow(page);
    const changedAt = await readyChangedAt(page, 'node-2');
    // The node monitor grace period (40 s) from the last heartbeat, at the controller's next 5 s check.
    expect(changedAt).toBeGreaterThanOrEqual(failedAt + 30_000);
    expect(changedAt).toBeLessThanOrEqual(failedAt + 50_000);
    expect(stoppedAt - changedAt).toBeGreaterThanOrEqual(0);
    expect(stoppedAt - changedAt).toBeLessThanOrEqual(2000); // at the moment, not a 10 s tick later
    const text = (await banner.textContent()) ?? '';
    expect(text).toMatch(/^Paused: node-2 went NotReady at \+\d\d:\d\d:\d\d$/);
    const [h, m, s] = text.slice(-8).split(':').map(Number);
    expect(Math.abs((h * 3600 + m * 60 + s) * 1000 - changedAt)).toBeLessThanOrEqual(1000);
    await expect(map.getByRole('article', { name: 'node-2', exact: true }).textContent()).resolves.toContain('NotReady');
    await screenshot(page, 'presenter-1-paused-light-1280.png');

    // A demo: Next step runs the next command visibly, with its caption; PageDown runs the one after.
    await presenter.getByRole('combobox', { name: 'Demo' }).selectOption({ label: 'Self-healing: delete a pod' });
    await presenter.getByRole('button', { name: 'Load' }).click();
    await presenter.getByRole('button', { name: 'Next step' }).click();
    expect(await entryExit(page, 'kubectl create deployment web --image=nginx:1.26 --replicas=3')).toBe('0');
    await expect.poll(() => presenter.locator('.pres-caption').textContent()).toBe('Step 1 of 6A Deployment asks for three nginx pods');
    await page.locator('body').click({ position: { x: 5, y: 700 } }).catch(() => undefined);
    await page.keyboard.press('PageDown');
    expect(await entryExit(page, 'sim advance 30s')).toBe('0');
    await expect.poll(() => presenter.locator('.pres-caption').textContent()).toBe('Step 2 of 6The scheduler places them; the kubelets pull the image and start them');
    await expect.poll(() => presenter.locator('.pres-last-out').textContent()).toMatch(/^time is now /);
    await banner.waitFor({ state: 'detached' }); // the clock moved on from the moment it paused at
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'presenter-2-demo-light-1280.png');

    // A web pod selected on the map: u rolls its Deployment to the next image, z rolls back, x deletes the pod.
    const chip = map.getByRole('button', { name: /^web-[a-z0-9]+-[a-z0-9]+, Running$/ }).first();
    const podName = ((await chip.getAttribute('aria-label')) ?? '').split(',')[0];
    await chip.click();
    await page.keyboard.press('u');
    expect(await entryExit(page, 'kubectl set image deployment/web nginx=nginx:1.27')).toBe('0');
    await page.keyboard.press('z');
    expect(await entryExit(page, 'kubectl rollout undo deployment/web')).toBe('0');
    await page.keyboard.press('x');
    expect(await entryExit(page, `kubectl delete pod ${podName} --wait=false`)).toBe('0');
    await expect.poll(() => presenter.locator('.pres-last-out').textContent()).toBe(`pod "${podName}" deleted`);

    // A pasted script: typing it fires no hotkeys; its steps run one per click, captions from its comments.
    await presenter.getByRole('combobox', { name: 'Demo' }).selectOption({ label: 'Paste a script…' });
    await presenter.getByRole('textbox', { name: 'Demo script' }).fill('# Scale up for the audience\nkubectl scale deployment web --replicas=5\nkubectl get deployment web\n');
    const entries = await page.locator('.term-entry').count();
    await presenter.getByRole('textbox', { name: 'Demo script' }).press('x'); // a letter, not the delete hotkey
    expect(await presenter.getByRole('textbox', { name: 'Demo script' }).inputValue()).toMatch(/\nx$/);
    await presenter.getByRole('textbox', { name: 'Demo script' }).press('Backspace');
    expect(await page.locator('.term-entry').count()).toBe(entries);
    await presenter.getByRole('button', { name: 'Load' }).click();
    await presenter.getByRole('button', { name: 'Next step' }).click();
    expect(await entryExit(page, 'kubectl scale deployment web --replicas=5')).toBe('0');
    await expect.poll(() => presenter.locator('.pres-caption').textContent()).toBe('Step 1 of 2Scale up for the audience');
    await presenter.getByRole('button', { name: 'Next step' }).click();
    expect(await entryExit(page, 'kubectl get deployment web')).toBe('0');
    await expect.poll(() => presenter.getByRole('button', { name: 'Next step' }).isDisabled()).toBe(true);

    // The hotkey list.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Hotkeys' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toContain('Fail the selected node');
    await screenshot(page, 'presenter-3-hotkeys-light-1280.png');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // Dark, and a projector's 1920×1080: still no overflow, larger type.
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'presenter-4-dark-1280.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await overflowing(page)).toEqual([]);
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(22);
    await screenshot(page, 'presenter-5-dark-1920.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'presenter-6-light-1920.png');

    // Leaving presenter mode (p): the terminal is back, with the hotkeys' and the demo's commands on its screen.
    await page.locator('body').click({ position: { x: 5, y: 1070 } }).catch(() => undefined);
    await page.keyboard.press('p');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
    await page.locator('#console-terminal').waitFor();
    await expect.poll(() => terminalScreen(page)).toContain('$ kubectl set image deployment/web nginx=nginx:1.27\ndeployment.apps/web image updated');
    await expect.poll(() => terminalScreen(page)).toContain('$ kubectl scale deployment web --replicas=5\ndeployment.apps/web scaled');
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeLessThan(20);
    // Its triggers were disarmed with it: back in presenter mode, none is armed.
    await page.locator('body').click({ position: { x: 5, y: 1070 } }).catch(() => undefined);
    await page.keyboard.press('p');
    await presenter.waitFor();
    await expect.poll(() => presenter.getByRole('checkbox', { name: 'node NotReady' }).isChecked()).toBe(false);

    expect(errors).toEqual([]);
    await context.close();
  });
});
