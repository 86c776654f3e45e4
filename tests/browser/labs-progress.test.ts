/**
 * Progress that is never lost, in Chromium: the sandbox session is saved on every command and a
 * reload replays it to the same state; "Export progress" downloads one versioned JSON file with
 * every lab's progress, the sandbox and the builder's drafts; in a fresh profile a corrupt file
 * and a newer-version file are reported in plain words and change nothing, and the good file
 * brings it all back (same trace hashes).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinLab } from '../../src/labs/builtin/index.ts';
import { resolveLab } from '../../src/labs/variants.ts';
import { openApp, screenshot, typeCommand } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const LAB = builtinLab('deployments-scaling')!;
const SEED = 7;

async function traceHash(page: Page): Promise<string> {
  return (await page.evaluate(() => window.podlab!.exec('sim trace hash'))).output.trim();
}

/** axe-core on the labs drawer: its serious and critical violations, as "rule: target". */
async function axeDrawer(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8') });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<Result> } }).axe;
    const r = await axe.run(document.getElementById('labs-drawer')!, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
  });
}

const saved = (page: Page) => page.evaluate(() => localStorage.getItem('podlab.lab-progress') ?? '');

describe.skipIf(!chromiumAvailable())('lab progress: autosave, export and import', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('saves the sandbox on every command, exports everything, and imports it in a fresh profile', async () => {
    const { page, context, errors } = await openApp(browser);
    const cleanHash = await traceHash(page);
    await page.getByRole('button', { name: 'Labs' }).click();
    const labs = page.getByRole('region', { name: 'Labs' });
    await labs.getByRole('list', { name: 'Course' }).locator('li').first().waitFor();

    // The sandbox, saved after every command, replayed on reload.
    await labs.getByRole('button', { name: 'Sandbox', exact: true }).click();
    await labs.getByRole('tab', { name: 'Sandbox' }).waitFor();
    expect(await typeCommand(page, 'kubectl create deployment web --image=nginx:1.26 --replicas=2')).toBe('deployment.apps/web created\n');
    await expect.poll(() => saved(page)).toContain('kubectl create deployment web');
    expect(await typeCommand(page, 'sim advance 15s')).toMatch(/^time is now /);
    await expect.poll(() => saved(page)).toContain('sim advance 15s');
    const sandboxHash = await traceHash(page);
    expect(JSON.parse(await saved(page))).toEqual({ v: 1, sandbox: true, seed: 1, script: 'kubectl create deployment web --image=nginx:1.26 --replicas=2\nsim advance 15s\n' });
    await page.reload();
    // The sandbox (the session the app opens on) comes back with the drawer shut; its note is in the drawer.
    await page.getByRole('button', { name: 'Labs' }).click();
    await page.getByRole('status').filter({ hasText: 'Your sandbox session was restored.' }).waitFor();
    expect(await traceHash(page)).toBe(sandboxHash);

    // A lab, with a command; the builder's draft, saved as it is typed.
    await labs.getByRole('tab', { name: 'Course' }).click();
    await labs.getByRole('list', { name: 'Course' }).locator('li').nth(5).getByRole('button').click();
    await labs.getByLabel('Seed').fill(String(SEED));
    await labs.getByRole('button', { name: 'Start lab' }).click();
    await labs.getByRole('list', { name: 'Goals' }).waitFor();
    const app = String(resolveLab(LAB, SEED).values.app);
    expect(await typeCommand(page, `kubectl scale deployment/${app} --replicas=2`)).toBe(`deployment.apps/${app} scaled\n`);
    await expect.poll(() => saved(page)).toContain('kubectl scale');
    const labHash = await traceHash(page);
    await labs.getByRole('tab', { name: 'Builder' }).click();
    const builder = page.getByRole('region', { name: 'Lab builder' });
    await builder.getByLabel('Title', { exact: true }).fill('Scaling quiz');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('podlab.lab-drafts') ?? '')).toContain('Scaling quiz');

    // The course offers to resume the sandbox (the lab's progress is kept too).
    await labs.getByRole('tab', { name: 'Course' }).click();
    expect(await labs.getByRole('button', { name: 'Resume sandbox' }).isEnabled()).toBe(true);
    await labs.getByRole('region', { name: 'Your progress' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'labs-progress-course.png');

    // Export: one versioned JSON file.
    const [download] = await Promise.all([page.waitForEvent('download'), labs.getByRole('button', { name: 'Export progress' }).click()]);
    expect(download.suggestedFilename()).toBe('podlab-progress.json');
    const text = readFileSync(await download.path(), 'utf8');
    const file = JSON.parse(text) as Record<string, unknown>;
    expect(file.format).toBe('podlab-progress');
    expect(file.v).toBe(1);
    expect(file.current).toEqual({ v: 1, lab: LAB.id, seed: SEED, script: `kubectl scale deployment/${app} --replicas=2\n` });
    expect(file.labs).toEqual([file.current]);
    expect(file.sandbox).toEqual({ v: 1, sandbox: true, seed: 1, script: 'kubectl create deployment web --image=nginx:1.26 --replicas=2\nsim advance 15s\n' });
    expect((file.drafts as { title: string }[]).map((d) => d.title)).toEqual(['Scaling quiz']);

    // A sandbox save from a newer Podlab: reported, set aside (kept), and the app starts clean.
    const newer = JSON.stringify({ ...(file.sandbox as object), v: 2 });
    await page.evaluate((text) => localStorage.setItem('podlab.lab-progress', text), newer);
    await page.reload();
    await page.waitForFunction(() => window.podlab !== undefined);
    await expect
      .poll(() => labs.getByRole('alert').textContent())
      .toBe(
        'error: the saved lab progress cannot be read: it was saved by a newer Podlab (version 2; this one reads version 1) (it was set aside under "podlab.lab-progress.unreadable"; the app starts without it)',
      );
    expect(await page.evaluate(() => localStorage.getItem('podlab.lab-progress.unreadable'))).toBe(newer);
    expect(await traceHash(page)).toBe(cleanHash);
    expect(errors).toEqual([]);
    await context.close();

    // A fresh profile: bad files first. Each is reported in plain words; nothing changes.
    const other = await openApp(browser, { viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    const page2 = other.page;
    await page2.getByRole('button', { name: 'Labs' }).click();
    const labs2 = page2.getByRole('region', { name: 'Labs' });
    await labs2.getByRole('list', { name: 'Course' }).locator('li').first().waitFor();
    expect(await traceHash(page2)).toBe(cleanHash);
    const storageBefore = await page2.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()));
    const importInput = labs2.getByLabel('Import progress');
    const bad: [string, string][] = [
      [text.slice(0, 200), 'error: the progress file cannot be imported: it is not JSON (a Podlab progress file is the JSON that "Export progress" downloads). Your current progress was not changed.'],
      [text.replace('"v": 1,', '"v": 2,'), 'error: the progress file cannot be imported: it was exported by a newer Podlab (version 2; this one reads version 1). Your current progress was not changed.'],
      [text.replace(`"lab": "${LAB.id}"`, '"lab": "no-such-lab"'), 'error: the progress file cannot be imported: current: no built-in lab "no-such-lab". Your current progress was not changed.'],
      [text.replace('"title": "Scaling quiz"', '"title": "<img src=x onerror=alert(1)>", "extra": 1'), 'error: the progress file cannot be imported: drafts[0]: unknown field "extra". Your current progress was not changed.'],
    ];
    for (const [content, message] of bad) {
      await importInput.setInputFiles({ name: 'podlab-progress.json', mimeType: 'application/json', buffer: Buffer.from(content) });
      await expect.poll(() => labs2.getByRole('alert').textContent()).toBe(message);
      expect(await traceHash(page2)).toBe(cleanHash);
      expect(await page2.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))).toBe(storageBefore);
    }
    await labs2.getByRole('region', { name: 'Your progress' }).scrollIntoViewIfNeeded();
    await screenshot(page2, 'labs-progress-bad-import.png');
    expect(await axeDrawer(page2)).toEqual([]);

    // The good file: the lab it was on opens at the same state; the sandbox and the draft come
    // back. Its text is shown as text (a draft title that looks like markup stays markup).
    const title = '<img src=x onerror="window.__pwned=1"> quiz';
    const good = text.replace('"title": "Scaling quiz"', `"title": ${JSON.stringify(title)}`);
    await importInput.setInputFiles({ name: 'podlab-progress.json', mimeType: 'application/json', buffer: Buffer.from(good) });
    await labs2
      .getByRole('status')
      .filter({ hasText: 'Imported 1 lab, the sandbox session and 1 builder draft; the lab it was on is open (replayed 1 command).' })
      .waitFor();
    expect(await labs2.getByRole('alert').count()).toBe(0);
    expect(await traceHash(page2)).toBe(labHash);
    expect(await labs2.locator('.labs-log pre').textContent()).toBe(`kubectl scale deployment/${app} --replicas=2\n`);
    await labs2.getByRole('tab', { name: 'Builder' }).click();
    expect(await page2.getByRole('region', { name: 'Lab builder' }).getByLabel('Title', { exact: true }).inputValue()).toBe(title);
    expect(await page2.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page2.locator('#labs-drawer img').count()).toBe(0);
    // A new draft puts the imported one among the saved drafts, to open again.
    const builder2 = page2.getByRole('region', { name: 'Lab builder' });
    await builder2.getByRole('button', { name: 'New draft' }).click();
    expect(await builder2.getByLabel('Title', { exact: true }).inputValue()).toBe('My lab');
    await builder2.getByLabel('Saved drafts').selectOption({ label: `my-lab — ${title}` });
    expect(await builder2.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
    await screenshot(page2, 'labs-progress-builder.png');
    expect((JSON.parse((await page2.evaluate(() => localStorage.getItem('podlab.lab-drafts'))) ?? '{}') as { drafts: { title: string }[] }).drafts.map((d) => d.title)).toEqual([title, 'My lab']);
    await labs2.getByRole('tab', { name: 'Course' }).click();
    await labs2.getByRole('button', { name: 'Resume sandbox' }).click();
    await labs2.getByRole('status').filter({ hasText: 'Your sandbox session was resumed (replayed 2 commands).' }).waitFor();
    expect(await traceHash(page2)).toBe(sandboxHash);
    // And the lab's progress is still there to resume.
    await labs2.getByRole('list', { name: 'Course' }).locator('li').nth(5).getByRole('button').click();
    await labs2.getByRole('button', { name: 'Resume lab' }).click();
    await labs2.getByRole('status').filter({ hasText: 'Your lab progress was resumed (replayed 1 command).' }).waitFor();
    expect(await traceHash(page2)).toBe(labHash);
    expect(other.errors).toEqual([]);
    await other.context.close();
  });
});
