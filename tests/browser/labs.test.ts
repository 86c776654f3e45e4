/**
 * The Labs in Chromium: the course list; lab 6 (Deployments: scaling) started with a fixed seed,
 * its goals ✗; the reference solution run through the bridge turns them ✓; "Check my work" shows
 * the same report (same trace hash) as gradeLab in Node; Share makes a link that opens in a fresh
 * page to the same state; a corrupt link is reported and leaves the cluster alone; a reload
 * restores the progress, and a corrupt save is reported and set aside. Screenshots at 1280×720
 * and 1920×1080, light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { builtinLab } from '../../src/labs/builtin/index.ts';
import { gradeLab, scriptCommands, startLab } from '../../src/labs/play.ts';
import { resolveLab } from '../../src/labs/variants.ts';
import { openApp, screenshot, typeCommand } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const LAB = builtinLab('deployments-scaling')!;
const SEED = 7;

async function traceHash(page: Page): Promise<string> {
  return (await page.evaluate(() => window.podlab!.exec('sim trace hash'))).output.trim();
}

function goals(page: Page) {
  return page.getByRole('list', { name: 'Goals' }).locator('li');
}

async function waitGoals(page: Page, pass: boolean[]): Promise<void> {
  await expect
    .poll(async () => (await goals(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-pass')))).join(','), { timeout: 15_000 })
    .toBe(pass.map(String).join(','));
}

describe.skipIf(!chromiumAvailable())('labs in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('runs lab 6 from the course, grades it as Node does, shares it, and restores it on reload', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.getByRole('button', { name: 'Labs' }).click();
    const labs = page.getByRole('region', { name: 'Labs' });
    const course = labs.getByRole('list', { name: 'Course' });
    await expect.poll(() => course.locator('li').count()).toBe(14);
    const sixth = course.locator('li').nth(5);
    expect(await sixth.textContent()).toBe(`6${LAB.title}${LAB.level}`);
    await sixth.getByRole('button').click();
    await labs.getByLabel('Seed').fill(String(SEED));
    await labs.getByRole('button', { name: 'Start lab' }).click();

    // The lab's start state, paused, goals not met.
    const variant = resolveLab(LAB, SEED);
    await expect.poll(() => labs.getByRole('heading', { name: variant.title }).count()).toBe(1);
    await waitGoals(page, [false, false]);
    expect(await traceHash(page)).toBe(startLab(LAB, SEED).session.sim.traceHash());
    expect(await labs.getByText(variant.story.steps[0]).count()).toBe(1);

    // Hints one at a time.
    await labs.getByRole('button', { name: 'Show a hint' }).click();
    expect(await labs.locator('.labs-hint').allTextContents()).toEqual([`Hint 1: ${variant.hints[0]}`]);

    // The reference solution, through the bridge.
    for (const c of scriptCommands(variant.solution)) {
      const r = await page.evaluate(([line, stdin]) => window.podlab!.exec(line, stdin), [c.words.join(' '), c.stdin] as const);
      expect(r.exitCode).toBe(0);
    }
    await waitGoals(page, [true, true]);
    await screenshot(page, 'labs-1280-light.png');

    // Check my work: the same report as gradeLab in Node for the same seed and script.
    await labs.getByRole('button', { name: 'Check my work' }).click();
    const grade = labs.getByRole('status', { name: 'Grade' });
    await grade.waitFor();
    expect(await grade.locator('.labs-grade-head').textContent()).toBe('All goals passed: 2/2 goals (after 30s settle)');
    const node = gradeLab(LAB, SEED, variant.solution);
    expect(node.ok).toBe(true);
    expect(await grade.locator('.labs-report').getAttribute('data-trace-hash')).toBe(node.traceHash);
    const { run: _run, ...nodeReport } = node;
    const report = await page.evaluate(() => window.podlab!.lab({ kind: 'grade' }));
    expect(report.kind === 'grade' ? report.grade.text : report).toContain(`trace hash: ${nodeReport.traceHash}`);

    // Share: a link to the same state.
    await labs.getByRole('button', { name: 'Share' }).click();
    const linkBox = labs.getByRole('textbox', { name: 'Share link' });
    await linkBox.waitFor();
    const url = await linkBox.inputValue();
    expect(url).toMatch(/#lab=v1\.[A-Za-z0-9_-]+$/);
    const here = await traceHash(page);

    const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const opened = await other.newPage();
    const otherErrors: string[] = [];
    opened.on('console', (m) => m.type() === 'error' && otherErrors.push(m.text()));
    await opened.goto(url);
    await waitGoals(opened, [true, true]);
    expect(await traceHash(opened)).toBe(here);
    expect(await opened.getByRole('status').filter({ hasText: 'Opened a shared lab' }).count()).toBe(1);
    // `podlab lab open PAYLOAD` grades the same payload: same report as Check my work there.
    const payload = url.slice(url.indexOf('#lab=') + 5);
    const openedGrade = await opened.evaluate(() => window.podlab!.lab({ kind: 'grade' }));
    const { decodeShareLink } = await import('../../src/labs/share.ts');
    const decoded = await decodeShareLink(payload);
    expect(openedGrade.kind === 'grade' && openedGrade.grade.traceHash).toBe(gradeLab(LAB, decoded.seed, decoded.script).traceHash);
    let cli = '';
    const { runLab } = await import('../../src/cli/lab.ts');
    expect(await runLab(['open', payload, '--json'], { out: (t) => (cli += t), err: (t) => (cli += t) })).toBe(0);
    expect(openedGrade.kind === 'grade' && openedGrade.grade.traceHash).toBe((JSON.parse(cli) as { traceHash: string }).traceHash);
    expect(otherErrors).toEqual([]);

    // A corrupt link: a clear error, and the cluster is not replaced.
    const bad = await other.newPage();
    await bad.goto(`${inject('baseUrl')}#lab=v1.${payload.slice(3, 40)}@@`);
    const alert = bad.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^error: invalid share link: character "@" at position \d+ is not base64url$/);
    expect(await traceHash(bad)).toBe(new Session({ seed: 1 }).sim.traceHash());
    await screenshot(bad, 'labs-bad-link.png');
    await other.close();

    // Reload: the progress comes back (same lab, same state).
    await page.reload();
    await page.waitForFunction(() => window.podlab !== undefined);
    await page.getByRole('status').filter({ hasText: 'Your lab progress was restored.' }).waitFor();
    await waitGoals(page, [true, true]);
    expect(await traceHash(page)).toBe(here);

    // A corrupt save: reported, set aside, the app starts clean.
    await page.evaluate(() => localStorage.setItem('podlab.lab-progress', '{"v":1,"lab":'));
    await page.reload();
    await page.waitForFunction(() => window.podlab !== undefined);
    const saveAlert = page.getByRole('alert');
    await saveAlert.waitFor();
    expect(await saveAlert.textContent()).toContain('error: the saved lab progress cannot be read: it is not JSON');
    expect(await page.evaluate(() => localStorage.getItem('podlab.lab-progress.unreadable'))).toBe('{"v":1,"lab":');
    expect(await traceHash(page)).toBe(new Session({ seed: 1 }).sim.traceHash());
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a lab from a link in a fresh profile, is solved through the terminal across a reload, and grades', async () => {
    const { encodeShareLink } = await import('../../src/labs/share.ts');
    const seed = 11;
    const variant = resolveLab(LAB, seed);
    const payload = await encodeShareLink({ lab: LAB.id, seed, script: '' });
    const { context, page, errors } = await openApp(browser, { hash: `#lab=${payload}` });
    await waitGoals(page, [false, false]);
    // The link was opened once: the address no longer carries it.
    expect(new URL(page.url()).hash).toBe('');
    const [first, second, advance] = scriptCommands(variant.solution).map((c) => c.words.join(' '));
    expect(await typeCommand(page, first)).toBe(`deployment.apps/${String(variant.values.app)} scaled\n`);
    await expect.poll(() => page.evaluate(() => localStorage.getItem('podlab.lab-progress'))).toContain('kubectl scale');

    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Your lab progress was restored.' }).waitFor();
    expect(await page.getByRole('region', { name: 'Labs' }).locator('.labs-log pre').textContent()).toBe(`${first}\n`);
    await typeCommand(page, second);
    await typeCommand(page, advance);
    await waitGoals(page, [true, true]);
    await page.getByRole('button', { name: 'Check my work' }).click();
    const grade = page.getByRole('status', { name: 'Grade' });
    await grade.waitFor();
    expect(await grade.locator('.labs-grade-head').textContent()).toBe('All goals passed: 2/2 goals (after 30s settle)');
    expect(await grade.locator('.labs-report').getAttribute('data-trace-hash')).toBe(gradeLab(LAB, seed, `${first}\n${second}\n${advance}\n`).traceHash);
    await screenshot(page, 'labs-link-journey-grade.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('resumes a lab that came whole in a link from the Course tab, after the sandbox replaced it', async () => {
    const { encodeShareLink } = await import('../../src/labs/share.ts');
    const mine = { ...(JSON.parse(JSON.stringify(LAB)) as typeof LAB), id: 'my-scaling', title: 'My scaling quiz' };
    const seed = 5;
    const payload = await encodeShareLink({ lab: mine, seed, script: '' });
    const { context, page, errors } = await openApp(browser, { hash: `#lab=${payload}` });
    await waitGoals(page, [false, false]);
    const [first] = scriptCommands(resolveLab(mine, seed).solution).map((c) => c.words.join(' '));
    await typeCommand(page, first);
    const labHash = await traceHash(page);
    // Straight to the sandbox, not waiting for the lab's save: switching saves the lab first.

    const labs = page.getByRole('region', { name: 'Labs' });
    await labs.getByRole('tab', { name: 'Course' }).click();
    await labs.getByRole('button', { name: 'Sandbox', exact: true }).click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('podlab.lab-progress') ?? '')).not.toContain('my-scaling');
    await labs.getByRole('tab', { name: 'Course' }).click();
    const again = labs.getByRole('button', { name: 'Resume “My scaling quiz”' });
    // The course's progress list is read again once the sandbox's start has been saved.
    await expect.poll(() => labs.getByText('from a link or the builder, seed 5, 1 command').count(), { timeout: 15_000 }).toBe(1);
    await again.scrollIntoViewIfNeeded();
    await screenshot(page, 'labs-resume-inline.png');
    await again.click();
    await labs.getByRole('status').filter({ hasText: 'Your lab progress was resumed (replayed 1 command).' }).waitFor();
    expect(await traceHash(page)).toBe(labHash);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`draws the running lab and the builder at ${w}×${h}, ${scheme}`, async () => {
        const { page, context, errors } = await openApp(browser, { viewport: { width: w, height: h }, colorScheme: scheme });
        await page.getByRole('button', { name: 'Labs' }).click();
        const labs = page.getByRole('region', { name: 'Labs' });
        await labs.getByRole('list', { name: 'Course' }).locator('li').nth(8).getByRole('button').click();
        await labs.getByRole('button', { name: 'Start lab' }).click();
        await goals(page).first().waitFor();
        await labs.getByRole('button', { name: 'Show a hint' }).click();
        await labs.getByRole('button', { name: 'Check my work' }).click();
        await labs.getByRole('status', { name: 'Grade' }).waitFor();
        await screenshot(page, `labs-lab-${w}x${h}-${scheme}.png`);
        await labs.getByRole('tab', { name: 'Course' }).click();
        await screenshot(page, `labs-course-${w}x${h}-${scheme}.png`);
        await labs.getByRole('tab', { name: 'Builder' }).click();
        const builder = page.getByRole('region', { name: 'Lab builder' });
        await builder.getByLabel('Goals (YAML: a list of id, title, check)').fill('- id: nodes\n  title: node-1 exists\n  check: {type: exists, resource: node, name: node-1}\n');
        await builder.getByRole('button', { name: 'Test goals against the current state' }).click();
        await builder.getByRole('list', { name: 'Goal test' }).waitFor();
        expect(await builder.getByRole('list', { name: 'Goal test' }).locator('li').getAttribute('data-pass')).toBe('true');
        await screenshot(page, `labs-builder-${w}x${h}-${scheme}.png`);
        await builder.getByRole('button', { name: 'Export YAML' }).click();
        const yaml = builder.getByRole('textbox', { name: 'Lab YAML' });
        await yaml.waitFor();
        expect(await yaml.inputValue()).toMatch(/^id: my-lab\n[^]*seed: 1\n[^]*goals:\n {2}- id: nodes\n/);

        // The Sandbox: the default cluster again, no goals.
        await labs.getByRole('tab', { name: 'Course' }).click();
        await labs.getByRole('button', { name: 'Sandbox', exact: true }).click();
        await labs.getByRole('tab', { name: 'Sandbox' }).waitFor();
        expect(await traceHash(page)).toBe(new Session({ seed: 1 }).sim.traceHash());
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});
