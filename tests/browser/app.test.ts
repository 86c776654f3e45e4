/**
 * Journeys through the built app in Chromium: the default cluster appears, the terminal runs
 * commands exactly as the command layer does in Node, playback moves the clock, and commands sent
 * in a burst come back complete and in order.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { clockNow, openApp, promptLine, screenshot, terminalScreen, typeCommand, typeLine } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const SHOP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
data:
  mode: demo
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: 250m
        memory: 128Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: api
  namespace: shop
spec:
  containers:
  - name: api
    image: ghcr.io/podlab/api:2.1
`;

describe.skipIf(!chromiumAvailable())('the app in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads the default cluster with no console errors, and the terminal runs kubectl', async () => {
    const { page, context, errors } = await openApp(browser);
    await expect(page.title()).resolves.toBe('Podlab — a Kubernetes cluster you can break in your browser');

    const nodes = page.getByRole('region', { name: 'Cluster map' }).getByRole('article');
    await expect.poll(() => nodes.count()).toBe(4);
    for (const name of ['control-plane', 'node-1', 'node-2', 'node-3']) {
      const card = page.getByRole('region', { name: 'Cluster map' }).getByRole('article', { name, exact: true });
      await expect(card.textContent()).resolves.toContain('Ready');
    }
    await expect(page.getByRole('article', { name: 'control-plane' }).textContent()).resolves.toContain('node-role.kubernetes.io/control-plane:NoSchedule');

    const clock = page.getByRole('timer', { name: 'Simulated time' });
    await expect(clock.textContent()).resolves.toContain('2025-01-01T00:00:00Z');
    await expect(clock.textContent()).resolves.toContain('+00:00:00');
    await expect(page.getByRole('region', { name: 'Pods' }).getByRole('table').isVisible()).resolves.toBe(true);

    const output = await typeCommand(page, 'kubectl get nodes');
    const expected = new Session({ seed: 1 }).execLine('kubectl get nodes').output;
    expect(expected).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/);
    expect(output).toBe(expected);
    await expect(page.getByRole('region', { name: 'Terminal' }).textContent()).resolves.toContain('$ kubectl get nodes');

    await screenshot(page, 'app-empty.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('plays, pauses, steps and changes speed', async () => {
    const { page, context, errors } = await openApp(browser);
    const clock = page.getByRole('timer', { name: 'Simulated time' });
    expect(await clockNow(page)).toBe(0);

    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => clockNow(page)).toBe(1000);
    await expect(clock.textContent()).resolves.toContain('+00:00:01');

    // 1×: about one simulated second per real second.
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    const start1 = await clockNow(page);
    await page.waitForTimeout(1000);
    const slow = (await clockNow(page)) - start1;
    expect(slow).toBeGreaterThan(300);
    expect(slow).toBeLessThan(3000);

    // 100×: a hundred times faster.
    await page.getByLabel('Speed').selectOption('100');
    await expect.poll(() => page.getByLabel('Speed').inputValue()).toBe('100');
    const start100 = await clockNow(page);
    await page.waitForTimeout(1000);
    const fast = (await clockNow(page)) - start100;
    expect(fast).toBeGreaterThan(30_000);

    // Paused, the clock stands still.
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const paused = await clockNow(page);
    await page.waitForTimeout(500);
    expect(await clockNow(page)).toBe(paused);

    // Step while playing pauses first, then advances exactly one second.
    await page.getByLabel('Speed').selectOption('0.25');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('button', { name: 'Play' }).waitFor();
    const afterStep = await clockNow(page);
    await page.waitForTimeout(400);
    expect(await clockNow(page)).toBe(afterStep);
    expect(await clock.textContent()).toMatch(/\+\d\d:\d\d:\d\d/);

    // sim advance from the terminal moves the same clock.
    await typeCommand(page, 'sim advance 1h');
    await expect.poll(() => clockNow(page)).toBe(afterStep + 3_600_000);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('applies 30 commands sent without waiting, in order, none lost', async () => {
    const { page, context, errors } = await openApp(browser);
    const lines = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? `kubectl create namespace burst-${i}` : i % 3 === 1 ? 'sim advance 7s' : `kubectl get namespace burst-${i - 2} -o name`,
    );
    const results = await page.evaluate(async (ls) => Promise.all(ls.map((l) => window.podlab!.exec(l))), lines);

    const session = new Session({ seed: 1 });
    const expected = lines.map((l) => {
      const r = session.execLine(l);
      return { output: r.output, exitCode: r.exitCode };
    });
    expect(results).toEqual(expected);
    expect(results.every((r) => r.exitCode === 0)).toBe(true);
    await expect.poll(() => clockNow(page)).toBe(session.sim.now);
    await expect.poll(() => page.evaluate(() => document.querySelector('[role=timer]')?.textContent)).toContain('+00:01:10');

    // Typed quickly at the prompt (without waiting for output), commands land in the scrollback in the order typed.
    const typed = ['sim advance 1s', 'kubectl get ns burst-0', 'kubectl get ns nope', 'sim advance 2s', 'kubectl get nodes -o name'];
    for (const l of typed) await typeLine(page, l);
    const done = page.locator('.term-entry[data-exit-code]');
    await expect.poll(() => done.count()).toBe(typed.length);
    expect(await page.locator('.term-entry .term-line').allTextContents()).toEqual(typed.map((l) => `$ ${l}`));
    expect(await page.locator('.term-entry').last().textContent()).toContain('node/control-plane');
    expect(await page.locator('.term-entry').nth(2).getAttribute('data-exit-code')).toBe('1');

    // Up recalls the last command.
    await page.keyboard.press('ArrowUp');
    expect(await promptLine(page)).toBe('kubectl get nodes -o name');
    await page.keyboard.press('ArrowUp');
    expect(await promptLine(page)).toBe('sim advance 2s');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await promptLine(page)).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('completes words with Tab from the live cluster, listing candidates when ambiguous', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.getByRole('textbox', { name: 'Command' }).focus();
    await page.keyboard.type('kubectl ro');
    await page.keyboard.press('Tab');
    await expect.poll(() => promptLine(page), { timeout: 10_000 }).toBe('kubectl rollout ');
    await page.keyboard.press('Control+u');
    // As in bash, a second Tab lists the candidates when the word cannot be extended.
    await page.keyboard.type('kubectl cordon node-');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => terminalScreen(page), { timeout: 10_000 }).toMatch(/^node-1 {2}node-2 {2}node-3$/m);
    expect(await promptLine(page)).toBe('kubectl cordon node-');
    await page.keyboard.press('Control+u');
    await page.keyboard.type('kubectl get no');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => terminalScreen(page), { timeout: 10_000 }).toMatch(/^no +nodes$/m);
    expect(await promptLine(page)).toBe('kubectl get no');
    await screenshot(page, 'terminal-completion.png');
    await page.keyboard.press('Control+u');
    const explained = await typeCommand(page, 'kubectl explain deployment.spec.strategy');
    expect(explained).toContain('FIELD: strategy <DeploymentStrategy>');
    await screenshot(page, 'terminal-explain.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('kubectl edit opens the editor; saving patches the object, Escape cancels', async () => {
    const { page, context, errors } = await openApp(browser);
    await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    await typeLine(page, 'kubectl edit deploy/web');
    const editor = page.getByRole('textbox', { name: 'Object to edit' });
    await expect.poll(() => editor.isVisible()).toBe(true);
    await expect.poll(() => editor.textContent()).toMatch(/^# Please edit the object below\. Lines beginning with a '#' will be ignored,/);
    // The YAML editor (CodeMirror): change `replicas: 2` where it stands.
    await page.locator('.cm-content .cm-line').filter({ hasText: /^ {2}replicas: 2$/ }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('4');
    await screenshot(page, 'terminal-edit.png');
    await page.keyboard.press('Control+s');
    const last = page.locator('.term-entry').last();
    await expect.poll(() => last.getAttribute('data-exit-code')).toBe('0');
    expect(await last.locator('.term-output').textContent()).toBe('deployment.apps/web edited\n');
    expect((await page.evaluate(() => window.podlab!.exec('kubectl get deploy web -o jsonpath={.spec.replicas}'))).output).toBe('4');

    await typeLine(page, 'kubectl edit deploy/web');
    await expect.poll(() => editor.isVisible()).toBe(true);
    await editor.press('Escape');
    await expect.poll(() => page.locator('.term-entry').last().locator('.term-output').textContent()).toBe('Edit cancelled, no changes made.\n');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('looks right in both themes (screenshots in test-results/)', async () => {
    const { page, context, errors } = await openApp(browser);
    const r = await page.evaluate((yaml) => window.podlab!.exec('kubectl apply -f -', yaml), SHOP);
    expect(r.exitCode).toBe(0);
    await page.evaluate(() => window.podlab!.exec('sim node add node-4 --cpu 4 --memory 8Gi --taints gpu=true:NoSchedule'));
    await typeCommand(page, 'kubectl get nodes');
    await typeCommand(page, 'sim advance 2m');
    await typeCommand(page, 'kubectl get pods -n shop');
    // Pods are grouped by namespace: the student's open, kube-system folded into one summary row.
    const podsPanel = page.getByRole('region', { name: 'Pods' });
    await expect.poll(() => podsPanel.locator('tr[data-namespace=shop]').count()).toBe(2);
    expect(await podsPanel.getByRole('button', { name: /^shop/ }).getAttribute('aria-expanded')).toBe('true');
    const systemGroup = podsPanel.getByRole('button', { name: /^kube-system/ });
    await expect.poll(() => systemGroup.textContent()).toMatch(/^▸kube-system\d+ pods, all Running$/);
    expect(await podsPanel.locator('tr[data-namespace=kube-system]').count()).toBe(0);
    await systemGroup.click();
    await expect.poll(() => podsPanel.locator('tr[data-namespace=kube-system]').count()).toBeGreaterThanOrEqual(10);
    await systemGroup.click();
    await expect.poll(() => podsPanel.locator('tr[data-namespace=kube-system]').count()).toBe(0);
    await expect.poll(() => page.getByRole('region', { name: 'Cluster map' }).getByRole('article').count()).toBe(5);
    await screenshot(page, 'app-default.png');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).not.toBe('rgb(238, 241, 246)');
    await screenshot(page, 'app-dark.png');

    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'app-dark-1080p.png');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await screenshot(page, 'app-1080p.png');
    expect(errors).toEqual([]);
    await context.close();

    // The system preference picks the theme until the user chooses one.
    const dark = await openApp(browser, { colorScheme: 'dark' });
    const darkBg = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(darkBg).toBe(bg);
    expect(await dark.page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed')).toBe('true');
    await dark.context.close();
  });
});
