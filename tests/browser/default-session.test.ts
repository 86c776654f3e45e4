/**
 * The session the app opens on is saved like the sandbox (issue 10 §5): in a fresh profile
 * nothing is saved until a command is typed; commands typed in the default terminal (and the
 * time played) come back on reload with the same trace hash, the Labs drawer shut; the drawer
 * shows it as the Sandbox and its tab list follows the WAI-ARIA tabs pattern; a corrupt save is
 * reported, set aside and the app starts clean.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { clockNow, openApp, screenshot, terminalScreen, typeCommand } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

async function traceHash(page: Page): Promise<string> {
  return (await page.evaluate(() => window.podlab!.exec('sim trace hash'))).output.trim();
}

const saved = (page: Page) => page.evaluate(() => localStorage.getItem('podlab.lab-progress'));

async function reloaded(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('timer', { name: 'Simulated time' }).locator('time').waitFor();
  await page.waitForFunction(() => window.podlab !== undefined);
}

describe.skipIf(!chromiumAvailable())('the default session: autosaved as the sandbox', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('saves commands typed in the default terminal, replays them on reload, and sets a corrupt save aside', async () => {
    const { page, context, errors } = await openApp(browser);
    const fresh = new Session({ seed: 1 }).sim.traceHash();
    expect(await traceHash(page)).toBe(fresh);
    // A fresh profile: a read saves nothing, the drawer stays shut.
    await page.waitForTimeout(600);
    expect(await saved(page)).toBeNull();
    expect(await page.getByRole('region', { name: 'Labs' }).count()).toBe(0);

    expect(await typeCommand(page, 'kubectl create deployment web --image=nginx:1.26 --replicas=3')).toBe('deployment.apps/web created\n');
    await expect.poll(() => saved(page)).toContain('kubectl create deployment web');
    expect(await typeCommand(page, 'sim advance 20s')).toMatch(/^time is now /);
    await expect.poll(() => saved(page)).toContain('sim advance 20s');
    expect(await typeCommand(page, 'kubectl scale deployment/web --replicas=1')).toBe('deployment.apps/web scaled\n');
    await expect.poll(() => saved(page)).toContain('kubectl scale');
    const hash = await traceHash(page);
    const now = await clockNow(page);
    expect(JSON.parse((await saved(page))!)).toEqual({
      v: 1,
      sandbox: true,
      seed: 1,
      script: 'kubectl create deployment web --image=nginx:1.26 --replicas=3\nsim advance 20s\nkubectl scale deployment/web --replicas=1\n',
    });

    await reloaded(page);
    await expect.poll(() => traceHash(page), { timeout: 15_000 }).toBe(hash);
    expect(await clockNow(page)).toBe(now);
    // The sandbox comes back in place: the drawer stays shut, and the terminal says so above its prompt.
    expect(await page.getByRole('region', { name: 'Labs' }).count()).toBe(0);
    await expect.poll(() => terminalScreen(page)).toContain('Sandbox session restored: its commands replayed.');
    expect(await typeCommand(page, 'kubectl get deploy web -o name')).toBe('deployment.apps/web\n');

    // The drawer shows it as the Sandbox; its tabs: one Tab stop, arrows/Home/End move and select.
    await page.getByRole('button', { name: 'Labs' }).click();
    const labs = page.getByRole('region', { name: 'Labs' });
    await labs.getByRole('status').filter({ hasText: 'Your sandbox session was restored.' }).waitFor();
    const tabs = labs.getByRole('tablist', { name: 'Labs sections' }).getByRole('tab');
    await expect.poll(() => tabs.allTextContents()).toEqual(['Course', 'Sandbox', 'Builder']);
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['0', '-1', '-1']);
    await tabs.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sandbox');
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['-1', '0', '-1']);
    await labs.getByText('every command is saved in this browser and replayed on reload').waitFor();
    await screenshot(page, 'default-session-restored.png');
    await page.keyboard.press('End');
    await expect.poll(() => tabs.nth(2).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Builder');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => tabs.nth(2).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Home');
    await expect.poll(() => tabs.nth(0).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Course');
    await labs.getByRole('button', { name: 'Close labs' }).click();

    // Time played, then the page left while the clock runs: the time played is kept.
    await page.evaluate(() => {
      window.podlab!.setSpeed(10);
      window.podlab!.play();
    });
    await expect.poll(() => clockNow(page), { timeout: 10_000 }).toBeGreaterThan(now + 5000);
    const before = await clockNow(page);
    await reloaded(page);
    await expect.poll(() => clockNow(page), { timeout: 15_000 }).toBeGreaterThanOrEqual(before);
    const script = JSON.parse((await saved(page))!).script as string;
    expect(script).toMatch(/^kubectl create deployment web .*\nkubectl scale deployment\/web --replicas=1\n(sim advance \d+m?s\n)+$/s);
    // The same state as the saved log run in a fresh session.
    const fromScript = await page.evaluate((text) => window.podlab!.runScript(text, 1), script);
    expect(fromScript.status).toBe(0);
    expect(await traceHash(page)).toBe(fromScript.traceHash);

    // A corrupt save: reported, set aside (not deleted), the app starts clean.
    await page.evaluate(() => localStorage.setItem('podlab.lab-progress', '{"v":1,"sandbox":tr'));
    await reloaded(page);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('error: the saved lab progress cannot be read: it is not JSON (it was set aside under "podlab.lab-progress.unreadable"; the app starts without it)');
    expect(await page.evaluate(() => localStorage.getItem('podlab.lab-progress.unreadable'))).toBe('{"v":1,"sandbox":tr');
    expect(await saved(page)).toBeNull();
    expect(await traceHash(page)).toBe(fresh);
    await screenshot(page, 'default-session-corrupt.png');
    // The clean session is saved again from its first command.
    expect(await typeCommand(page, 'kubectl create namespace again')).toBe('namespace/again created\n');
    await expect.poll(() => saved(page)).toContain('kubectl create namespace again');
    expect(errors).toEqual([]);
    await context.close();
  });
});
