/**
 * Issue 9's console and layout journeys: `kubectl wait` and `kubectl rollout status` follow the live
 * clock in the terminal (Step and Play move them, Ctrl+C stops them as kubectl does: `^C`, exit 2,
 * the prompt back); the YAML editor shows the API server's admission errors as you type (a server
 * dry run: the cluster's state hash stays the same) at the line of the field they name; the tab
 * lists work by arrow keys, Home and End (WAI-ARIA tabs, roving tabindex); and the layout gives
 * the terminal and the Pods table room at 1280×720, with presenter mode's dock readable (≥ 20 px)
 * and inside its column on every tab. Screenshots go to test-results/ (prefix `console-live-`).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { clockNow, openApp, screenshot, terminalScreen, typeCommand, typeLine } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { webDeploymentYaml } from '../support/fixtures.ts';

async function lastEntry(page: Page): Promise<{ line: string; output: string; exitCode: string | null }> {
  const entry = page.locator('.term-entry').last();
  return {
    line: (await entry.locator('.term-line').textContent()) ?? '',
    output: (await entry.locator('.term-output').allTextContents()).join(''),
    exitCode: await entry.getAttribute('data-exit-code'),
  };
}

/** Clicks Step until the last command has ended (at most `max` times); the number of clicks. */
async function stepUntilDone(page: Page, max: number): Promise<number> {
  const step = page.getByRole('button', { name: 'Step' });
  for (let i = 1; i <= max; i++) {
    const before = await clockNow(page);
    await step.click();
    await expect.poll(() => clockNow(page)).toBe(before + 1000);
    // The worker sends a watch's output before the view that shows the clock moved.
    await page.waitForTimeout(30);
    if ((await lastEntry(page)).exitCode !== null) return i;
  }
  return max + 1;
}

/** Replaces the YAML editor's text as a paste would. */
async function setEditorText(page: Page, text: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: 'YAML to apply' });
  await editor.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await editor.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const traceHash = (page: Page): Promise<string> => page.evaluate(() => window.podlab!.exec('sim trace hash').then((r) => r.output));

/** Elements in `root` whose content is wider than their box (a cut-off panel), and the page itself. */
async function overflowIn(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    const base = document.querySelector(sel);
    if (!base) return [`${sel} missing`];
    const box = base.getBoundingClientRect();
    for (const el of [base, ...base.querySelectorAll('*')]) {
      const r = el.getBoundingClientRect();
      // A drawing's shapes are not text boxes (the map's SVG).
      if (r.width <= 1 || el.closest('svg') || getComputedStyle(el).visibility === 'hidden') continue;
      // Anything scrolling sideways (but the scheduling matrix, a focusable region made to scroll:
      // a column per plugin), or drawn past the panel's right edge outside a scroll box.
      const scrolls = el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
      if (el.closest('.sched-matrix-scroll')) continue;
      // Text cut with an ellipsis on purpose (a chart's label, a log line) is not an overflow.
      let cut = false;
      for (let a: Element | null = el; a && a !== base && !cut; a = a.parentElement) cut = getComputedStyle(a).textOverflow === 'ellipsis';
      if (cut) continue;
      if (scrolls) out.push(`${el.className || el.tagName} scrolls ${el.scrollWidth} > ${el.clientWidth}`);
      if (r.right > box.right + 1) out.push(`${el.className || el.tagName} ends at ${Math.round(r.right)} > ${Math.round(box.right)}`);
    }
    return out.slice(0, 8);
  }, root);
}

const DEPLOYMENT = webDeploymentYaml({ replicas: 2 });

describe.skipIf(!chromiumAvailable())('issue 9: live waits, admission in the editor, tabs, layout', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('kubectl wait and rollout status follow the live clock; Ctrl+C stops them with ^C and exit 2', async () => {
    const { page, context, errors } = await openApp(browser);
    const script = new Session({ seed: 1 });
    const create = 'kubectl create deployment web --image=nginx:1.26 --replicas=2';
    expect(await typeCommand(page, create)).toBe(script.execLine(create).output);

    // The wait returns nothing yet: the clock is paused, the terminal says so, and the prompt waits.
    const wait = 'kubectl wait --for=condition=Available deployment/web --timeout=2m';
    const startedAt = await clockNow(page);
    await typeLine(page, wait);
    await expect.poll(() => terminalScreen(page)).toContain('(clock paused: Play or Step moves it; Ctrl+C stops)');
    expect((await lastEntry(page)).exitCode).toBeNull();
    expect(await clockNow(page)).toBe(startedAt); // the command itself moved no time
    const waited = script.execLine(wait);
    const steps = await stepUntilDone(page, 60);
    expect(steps).toBe(Math.ceil((script.sim.now - startedAt) / 1000)); // it ended in the step the condition was met in
    expect(await lastEntry(page)).toEqual({ line: `$ ${wait}`, output: waited.output, exitCode: '0' });
    const screen = async () => (await terminalScreen(page)).trimEnd();
    await expect.poll(screen).toMatch(/\n\(clock paused: Play or Step moves it; Ctrl\+C stops\)\ndeployment\.apps\/web condition met\n\$$/);

    // rollout status prints each status line as the rollout moves; Ctrl+C stops it as kubectl's interrupt handler does.
    expect(await typeCommand(page, 'kubectl set image deployment/web nginx=nginx:1.27')).toBe('deployment.apps/web image updated\n');
    await typeLine(page, 'kubectl rollout status deployment/web');
    // (The screen wraps the line at its width.)
    await expect.poll(() => terminalScreen(page)).toMatch(/Waiting for deployment "web" rollout to finish: \d out of 2 new/);
    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('button', { name: 'Step' }).click();
    await screenshot(page, 'console-live-rollout-status.png');
    await page.getByRole('textbox', { name: 'Command' }).focus();
    await page.keyboard.press('Control+c');
    await expect.poll(async () => (await lastEntry(page)).exitCode).toBe('2');
    await expect.poll(screen).toMatch(/\^C\n\$$/);
    expect((await lastEntry(page)).output).toMatch(/^Waiting for deployment "web" rollout to finish: \d out of 2 new replicas have been updated\.\.\.\n/);

    // Played, it runs to the end by itself.
    await typeLine(page, 'kubectl rollout status deployment/web');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(async () => (await lastEntry(page)).exitCode, { timeout: 30_000 }).toBe('0');
    await page.getByRole('button', { name: 'Pause' }).click();
    expect((await lastEntry(page)).output).toMatch(/deployment "web" successfully rolled out\n$/);
    // The prompt is back and the next command runs.
    expect(await typeCommand(page, 'kubectl get deployment web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.27');
    await screenshot(page, 'console-live-wait.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows admission errors as you type, at the field they name, without touching the cluster', async () => {
    const { page, context, errors } = await openApp(browser);
    await typeCommand(page, 'kubectl create deployment api --image=nginx:1.27');
    await page.getByRole('tab', { name: 'YAML editor' }).click();
    await page.getByRole('textbox', { name: 'YAML to apply' }).waitFor();
    const before = await traceHash(page);

    // The template's labels do not match the selector: only the API server's validation says so.
    const wrong = DEPLOYMENT.replace('      labels:\n        app: web', '      labels:\n        app: shop');
    await setEditorText(page, wrong);
    const problem = page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    await expect.poll(() => problem.count()).toBe(1);
    const said = (await page.evaluate((t) => window.podlab!.exec('kubectl apply -f - --dry-run=server', t), wrong)).output;
    expect(said).toMatch(/^The Deployment "web" is invalid: spec\.template\.metadata\.labels: Invalid value: /);
    expect(`${await problem.locator('.editor-problem-text').textContent()}\n`).toBe(said);
    const line = Number(await problem.getAttribute('data-line'));
    expect(wrong.split('\n')[line - 1]).toBe('      labels:');
    await expect.poll(() => page.locator('.cm-content .cm-line').nth(line - 1).locator('.cm-lintRange-error').count()).toBe(1);
    await screenshot(page, 'console-live-admission.png');

    // Several causes: each at its own line. Nothing was created, and the cluster's trace is the same.
    await setEditorText(page, DEPLOYMENT.replace('  replicas: 2', '  replicas: -3').replace('        image: nginx:1.27', '        image: ""'));
    await expect.poll(() => problem.count()).toBe(2);
    expect(await problem.evaluateAll((items) => items.map((i) => i.getAttribute('data-line')))).toEqual(['6', '17']);
    expect(await traceHash(page)).toBe(before);
    expect((await page.evaluate(() => window.podlab!.exec('kubectl get deploy web'))).exitCode).toBe(1);

    // Fixed: no problems; Apply creates it.
    await setEditorText(page, DEPLOYMENT);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /problem/ }).textContent()).toBe('No problems found');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByLabel('Apply output').textContent()).toBe('deployment.apps/web created\n');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('moves along every tab list by arrow keys, Home and End, with one tab in the Tab order', async () => {
    const { page, context, errors } = await openApp(browser);
    await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27');
    const dock = page.getByRole('tablist', { name: 'Details' });
    const selectedTab = () => dock.getByRole('tab', { selected: true }).textContent();
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const tabStops = () => dock.getByRole('tab').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('tabindex')));
    expect(await tabStops()).toEqual(['0', '-1', '-1', '-1', '-1', '-1']);
    await dock.getByRole('tab', { name: 'Events' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await selectedTab()).toMatch(/^Pending/);
    expect(await focused()).toMatch(/^Pending/);
    expect(await tabStops()).toEqual(['-1', '0', '-1', '-1', '-1', '-1']);
    await page.keyboard.press('End');
    expect(await selectedTab()).toBe('Workloads');
    await page.keyboard.press('ArrowRight'); // wraps
    expect(await selectedTab()).toBe('Events');
    await page.keyboard.press('ArrowLeft'); // wraps back
    expect(await selectedTab()).toBe('Workloads');
    await page.keyboard.press('Home');
    expect(await selectedTab()).toBe('Events');
    expect(await focused()).toBe('Events');
    // Tab leaves the list: the other tabs are not stops.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Expand details');

    // The console's tabs: the arrow keys keep focus on the tabs (the editor and the terminal do not take it).
    const consoleTabs = page.getByRole('tablist', { name: 'Console' });
    await consoleTabs.getByRole('tab', { name: 'Terminal' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await consoleTabs.getByRole('tab', { selected: true }).textContent()).toBe('YAML editor');
    await page.getByRole('textbox', { name: 'YAML to apply' }).waitFor();
    await page.waitForTimeout(100);
    expect(await focused()).toBe('YAML editor');
    await page.keyboard.press('ArrowLeft');
    expect(await consoleTabs.getByRole('tab', { selected: true }).textContent()).toBe('Terminal');
    await page.waitForTimeout(100);
    expect(await focused()).toBe('Terminal');
    // A click still puts the keys in the terminal.
    await consoleTabs.getByRole('tab', { name: 'YAML editor' }).click();
    await consoleTabs.getByRole('tab', { name: 'Terminal' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Command');

    // The inspector's tabs, on a pod picked in the Pods table.
    await page.getByRole('region', { name: 'Pods' }).locator('tr[data-namespace=default]').first().click();
    const inspector = page.getByRole('tablist', { name: /^Inspect Pod / });
    await inspector.getByRole('tab', { name: 'YAML' }).focus();
    await page.keyboard.press('End');
    expect(await inspector.getByRole('tab', { selected: true }).textContent()).toBe('Related events');
    await page.keyboard.press('ArrowLeft');
    expect(await inspector.getByRole('tab', { selected: true }).textContent()).toBe('Owner chain');
    expect(await focused()).toBe('Owner chain');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives the terminal and the Pods table room at 1280×720 and 1920×1080, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 1920, height: 1080 },
      ]) {
        const { page, context, errors } = await openApp(browser, { viewport, colorScheme });
        await page.evaluate(async () => {
          await window.podlab!.exec('kubectl create deployment web --image=nginx:1.27 --replicas=6');
          await window.podlab!.exec('sim advance 30s');
        });
        await typeCommand(page, 'kubectl get pods -o wide');
        const tag = `${viewport.width}x${viewport.height}-${colorScheme}`;
        await screenshot(page, `console-live-layout-${tag}.png`);
        const consoleBox = (await page.locator('.console').boundingBox())!;
        const podsBox = (await page.getByRole('region', { name: 'Pods' }).boundingBox())!;
        // The terminal has most of the right column's height; the Pods table shows several rows.
        expect(consoleBox.height).toBeGreaterThanOrEqual(viewport.height * 0.42);
        expect(await page.locator('.term-host .xterm-rows > div').count()).toBeGreaterThanOrEqual(viewport.height > 1000 ? 24 : 14);
        expect(podsBox.height).toBeGreaterThanOrEqual(viewport.height * 0.25);
        const rowsShown = await page
          .getByRole('region', { name: 'Pods' })
          .locator('tbody tr')
          .evaluateAll((rows, bottom) => rows.filter((r) => r.getBoundingClientRect().bottom <= bottom).length, podsBox.y + podsBox.height);
        expect(rowsShown).toBeGreaterThanOrEqual(4);
        // The map and the dock share the left column; the dock's tabs and the Expand button sit on one row.
        const mapBox = (await page.getByRole('region', { name: 'Cluster map' }).boundingBox())!;
        const dockBox = (await page.getByRole('region', { name: 'Details' }).boundingBox())!;
        expect(dockBox.x).toBeCloseTo(mapBox.x, 0);
        expect(dockBox.y).toBeGreaterThan(mapBox.y + mapBox.height - 1);
        const tabTops = await page
          .locator('.dock-tablist > *, .dock-expand')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        expect(Math.max(...tabTops) - Math.min(...tabTops)).toBeLessThanOrEqual(8);
        expect(await overflowIn(page, '.layout')).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  });

  it('presenter mode: every dock tab reads at ≥ 20 px and stays inside its column at 1280×720 and 1920×1080', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.evaluate(async () => {
      await window.podlab!.exec('kubectl create deployment web --image=nginx:1.27 --replicas=3');
      await window.podlab!.exec('sim advance 30s');
    });
    await page.getByRole('region', { name: 'Pods' }).locator('tr[data-namespace=default]').first().click();
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    await page.getByRole('region', { name: 'Presenter' }).waitFor();
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(viewport);
      for (const tab of ['Events', 'Pending', 'Inspector', 'Scheduling', 'Inside pod', 'Workloads']) {
        await page.getByRole('tablist', { name: 'Details' }).getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
        await page.waitForTimeout(400);
        const small = await page.evaluate(() => {
          const out: string[] = [];
          for (const el of document.querySelectorAll('.dock-body td, .dock-body li, .dock-body p, .dock-body dd')) {
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (el.getBoundingClientRect().width > 0 && size < 19.5) out.push(`${el.tagName}.${el.className}: ${size}px`);
          }
          return out.slice(0, 5);
        });
        await screenshot(page, `console-live-presenter-${viewport.width}-${tab.replace(' ', '-').toLowerCase()}.png`);
        expect(small, `${tab} at ${viewport.width}`).toEqual([]);
        expect(await overflowIn(page, '.dock'), `${tab} at ${viewport.width}`).toEqual([]);
      }
    }
    // The hotkeys an instructor needs beyond the presenter journey's (tests/browser/presenter.test.ts):
    // r recovers the selected node, - slows the clock down.
    await page.setViewportSize({ width: 1280, height: 720 });
    const map = page.getByRole('region', { name: 'Cluster map' });
    await map.getByRole('button', { name: 'node-2', exact: true }).click();
    await page.keyboard.press('f');
    await expect.poll(() => page.locator('.pres-last-line').textContent()).toBe('$ sim node fail node-2');
    await page.keyboard.press('r');
    await expect.poll(() => page.locator('.pres-last-line').textContent()).toBe('$ sim node recover node-2');
    await expect.poll(() => page.locator('.pres-last-out').textContent()).toBe('node/node-2 recovered');
    const speed = page.getByRole('combobox', { name: 'Speed' });
    await page.keyboard.press('+');
    await expect.poll(() => speed.inputValue()).not.toBe('1');
    const faster = Number(await speed.inputValue());
    await page.keyboard.press('-');
    await expect.poll(() => speed.inputValue().then(Number)).toBeLessThan(faster);
    expect(errors).toEqual([]);
    await context.close();
  });
});
