/**
 * Journeys through the console: the xterm terminal (history, Tab completion, a live
 * `kubectl get -w` stopped with Ctrl+C, heredocs typed and pasted, clear) and the YAML editor
 * (diagnostics at the right line in kubectl's words, Apply, `kubectl edit`, examples).
 * Screenshots at 1280×720 and 1920×1080, light and dark, go to test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { openApp, pasteIntoTerminal, promptLine, screenshot, terminalScreen, typeCommand, typeLine } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { webDeploymentYaml } from '../support/fixtures.ts';

const DEPLOYMENT = webDeploymentYaml({ replicas: 2 });

/** Replaces the whole text of the YAML editor by typing it (CodeMirror indents nothing: auto-indent is on Enter only). */
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

async function lastEntry(page: Page): Promise<{ line: string; output: string; exitCode: string | null }> {
  const entry = page.locator('.term-entry').last();
  return {
    line: (await entry.locator('.term-line').textContent()) ?? '',
    output: (await entry.locator('.term-output').allTextContents()).join(''),
    exitCode: await entry.getAttribute('data-exit-code'),
  };
}

describe.skipIf(!chromiumAvailable())('the terminal and the YAML editor', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('recalls history, completes names with Tab, stops a watch with Ctrl+C, reads heredocs and clears', async () => {
    const { page, context, errors } = await openApp(browser);
    const node = new Session({ seed: 1 });
    const terminal = page.getByRole('region', { name: 'Terminal' });
    // The terminal has real room at 1280×720 (it had 70 px): most of its column, and the bar below gives it more.
    const rows = await page.locator('.term-host .xterm-rows > div').count();
    expect(rows).toBeGreaterThanOrEqual(6);
    expect(await terminalShare(page)).toBeGreaterThan(0.55);
    expect(await page.locator('.term-host .xterm-accessibility-tree').count()).toBe(1);
    // The bar under the console resizes it, by keyboard too; the terminal refits its rows.
    const split = page.getByRole('separator', { name: 'Resize the terminal' });
    expect(await split.getAttribute('aria-valuenow')).toBe('62');
    await split.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    expect(await split.getAttribute('aria-valuenow')).toBe('85');
    await expect.poll(() => page.locator('.term-host .xterm-rows > div').count()).toBeGreaterThan(rows);
    await page.keyboard.press('Home');
    expect(await split.getAttribute('aria-valuenow')).toBe('20');
    await page.keyboard.press('ArrowDown');
    expect(await split.getAttribute('aria-valuenow')).toBe('25');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowDown');
    expect(await split.getAttribute('aria-valuenow')).toBe('75');
    await page.keyboard.press('Home');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowDown');
    expect(await split.getAttribute('aria-valuenow')).toBe('60');

    const created = await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=2');
    expect(created).toBe(node.execLine('kubectl create deployment web --image=nginx:1.27 --replicas=2').output);
    expect(await typeCommand(page, 'sim advance 20s')).toBe(node.execLine('sim advance 20s').output);
    const pods = await typeCommand(page, 'kubectl get pods');
    expect(pods).toBe(node.execLine('kubectl get pods').output);
    await expect.poll(() => terminalScreen(page)).toContain('$ kubectl get pods');

    // Up/Down walk the history; typing after a recall edits the recalled line.
    await page.keyboard.press('ArrowUp');
    expect(await promptLine(page)).toBe('kubectl get pods');
    await page.keyboard.press('ArrowUp');
    expect(await promptLine(page)).toBe('sim advance 20s');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await promptLine(page)).toBe('');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type(' -o name');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lastEntry(page)).line).toBe('$ kubectl get pods -o name');

    // Tab completes kinds, then names: `kubectl get po` → `pods`, then the pod names on a second Tab.
    await page.keyboard.type('kubectl get po');
    await page.keyboard.press('Tab');
    await expect.poll(() => promptLine(page)).toBe('kubectl get po');
    await page.keyboard.press('Tab');
    await expect.poll(() => terminalScreen(page)).toMatch(/^po +poddisruptionbudgets +pods$/m);
    await page.keyboard.type('ds ');
    const names = node
      .execLine('kubectl get pods -o name')
      .output.trim()
      .split('\n')
      .map((n) => n.replace('pod/', ''));
    await page.keyboard.press('Tab');
    await expect.poll(() => promptLine(page)).toBe(`kubectl get pods ${commonPrefix(names)}`);
    await page.keyboard.press('Tab');
    await expect.poll(() => terminalScreen(page)).toContain(names.join('  '));
    await page.keyboard.type(names[0].slice(commonPrefix(names).length, -1));
    await page.keyboard.press('Tab');
    await expect.poll(() => promptLine(page)).toBe(`kubectl get pods ${names[0]} `);
    await page.keyboard.type('-o jsonpath={.metadata.name}');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lastEntry(page)).output).toBe(names[0]);
    // Flags complete too.
    await page.keyboard.type('kubectl get pods --show-la');
    await page.keyboard.press('Tab');
    await expect.poll(() => promptLine(page)).toBe('kubectl get pods --show-labels ');
    await page.keyboard.press('Control+u');
    expect(await promptLine(page)).toBe('');
    await screenshot(page, 'terminal-xterm-completion.png');

    // A live watch: the current pods, then a change as the clock runs, until Ctrl+C.
    await typeLine(page, 'kubectl get pods -w');
    await expect.poll(() => terminalScreen(page)).toMatch(/\$ kubectl get pods -w\nNAME +READY +STATUS/);
    expect(await page.locator('.term-entry').last().getAttribute('data-exit-code')).toBeNull();
    await page.evaluate(() => window.podlab!.exec('kubectl scale deployment web --replicas=3'));
    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByRole('button', { name: 'Step' }).click();
    const watched = await terminalScreen(page);
    await page.getByRole('textbox', { name: 'Command' }).focus();
    await page.keyboard.press('Control+c');
    await expect.poll(async () => (await lastEntry(page)).exitCode).toBe('2');
    const watch = await lastEntry(page);
    expect(watch.line).toBe('$ kubectl get pods -w');
    // The rows the watch printed after the list: the new pod, Pending then ContainerCreating.
    const added = watch.output.split('\n').filter((l) => l !== '' && !names.some((n) => l.startsWith(n)) && !l.startsWith('NAME'));
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(added[0]).toMatch(/^web-\S+ +0\/1 +Pending/);
    expect(watched).toContain(added[0]);
    await expect.poll(() => terminalScreen(page)).toMatch(/\^C\n\$$/);
    // The prompt is back and the next command runs.
    expect(await typeCommand(page, 'kubectl get deployment web -o jsonpath={.spec.replicas}')).toBe('3');
    await screenshot(page, 'terminal-xterm-watch.png');

    // A heredoc typed line by line behind `>` prompts.
    const before = await page.locator('.term-entry').count();
    await typeLine(page, 'kubectl apply -f - <<EOF');
    for (const l of ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', 'data:', '  mode: demo', 'EOF']) {
      await page.keyboard.type(l);
      await page.keyboard.press('Enter');
    }
    await page.locator('.term-entry').nth(before).and(page.locator('[data-exit-code]')).waitFor({ state: 'attached' });
    expect(await lastEntry(page)).toEqual({
      line: '$ kubectl apply -f - <<EOF\n> apiVersion: v1\n> kind: ConfigMap\n> metadata:\n>   name: settings\n> data:\n>   mode: demo\n> EOF',
      output: 'configmap/settings created\n',
      exitCode: '0',
    });
    expect(await terminalScreen(page)).toContain('>   name: settings');

    // A pasted block runs line by line, a heredoc in it included.
    const pasteFrom = await page.locator('.term-entry').count();
    await pasteIntoTerminal(page, 'kubectl get cm settings -o name\nkubectl create -f - <<END\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: pasted\nEND\nkubectl get ns pasted -o name\n');
    await expect.poll(() => page.locator('.term-entry[data-exit-code]').count()).toBe(pasteFrom + 3);
    expect(await page.locator('.term-entry .term-output').allTextContents()).toEqual(expect.arrayContaining(['configmap/settings\n', 'namespace/pasted created\n', 'namespace/pasted\n']));

    // With text selected, Ctrl+C copies it (the line being typed stays); without, it abandons the line.
    await page.evaluate(() => {
      const w = window as unknown as { copied: string[] };
      w.copied = [];
      document.addEventListener('copy', (e) => w.copied.push(e.clipboardData?.getData('text/plain') ?? ''));
    });
    await page.keyboard.type('kubectl get');
    const row = page.locator('.term-host .xterm-rows > div').filter({ hasText: /^namespace\/pasted/ }).last();
    const box = (await row.boundingBox())!;
    await page.mouse.move(box.x + 1, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.press('Control+c');
    await expect.poll(() => page.evaluate(() => (window as unknown as { copied: string[] }).copied)).toEqual(['namespace/pasted']);
    expect(await promptLine(page)).toBe('kubectl get');
    await page.getByRole('textbox', { name: 'Command' }).focus();
    await page.keyboard.press('Control+u');

    // Ctrl+C at the prompt abandons the line; `clear` empties the screen and the scrollback.
    await page.keyboard.type('kubectl delete ns pasted');
    await page.keyboard.press('Control+c');
    expect(await promptLine(page)).toBe('');
    expect((await page.evaluate(() => window.podlab!.exec('kubectl get ns pasted -o name'))).output).toBe('namespace/pasted\n');
    await typeLine(page, 'clear');
    await expect.poll(() => page.locator('.term-entry').count()).toBe(0);
    await expect.poll(async () => (await terminalScreen(page)).trim()).toBe('$');
    expect(await terminal.locator('.term-transcript').textContent()).toBe('');
    await page.keyboard.type('kubectl get ns');
    await page.keyboard.press('Control+l');
    await expect.poll(async () => (await terminalScreen(page)).trim()).toBe('$ kubectl get ns');
    expect(await promptLine(page)).toBe('kubectl get ns');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows kubectl diagnostics at the right line, applies from the editor, and kubectl edit opens it', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.getByRole('tab', { name: 'YAML editor' }).click();
    const editor = page.getByRole('textbox', { name: 'YAML to apply' });
    await editor.waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /problem/ }).textContent()).toBe('No problems found');

    // An unknown field: the diagnostic is on its line, in the words kubectl apply prints.
    const wrong = DEPLOYMENT.replace('  replicas: 2', '  replicaz: 2');
    await setEditorText(page, wrong);
    const problem = page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.getAttribute('data-line')).toBe('6');
    const said = (await page.evaluate((t) => window.podlab!.exec('kubectl apply -f -', t), wrong)).output;
    expect(said).toBe('Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz"\n');
    expect(`${await problem.locator('.editor-problem-text').textContent()}\n`).toBe(said);
    // The squiggle sits on line 6 of the editor, under the key.
    const line6 = page.locator('.cm-content .cm-line').nth(5);
    await expect.poll(() => line6.locator('.cm-lintRange-error').count()).toBe(1);
    expect(await line6.textContent()).toBe('  replicaz: 2');
    await screenshot(page, 'editor-diagnostic.png');

    // Fixing it clears the problem; Apply creates the Deployment.
    await setEditorText(page, DEPLOYMENT);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /problem/ }).textContent()).toBe('No problems found');
    await page.getByRole('button', { name: 'Apply' }).click();
    const output = page.getByLabel('Apply output');
    await expect.poll(() => output.textContent()).toBe('deployment.apps/web created\n');
    expect((await page.evaluate(() => window.podlab!.exec('kubectl get deploy web -o jsonpath={.spec.replicas}'))).output).toBe('2');
    await page.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Pods' }).locator('tr[data-namespace=default]').count()).toBe(2);

    // An example is one pick away, as the corpus file has it.
    await page.getByLabel('Example').selectOption('simple-pod');
    await expect.poll(() => page.locator('.editor-source').textContent()).toContain('kubernetes/website: content/en/examples/pods/simple-pod.yaml (CC BY 4.0');
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('apiVersion: "v1",');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => output.textContent()).toBe('pod/nginx created\n');

    // kubectl edit opens the editor on the object; saving patches it as kubectl edit does.
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await typeLine(page, 'kubectl edit deployment/web');
    const edit = page.getByRole('textbox', { name: 'Object to edit' });
    await edit.waitFor();
    expect(await page.getByRole('tab', { name: /YAML editor/ }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => edit.textContent()).toContain("# Please edit the object below. Lines beginning with a '#' will be ignored,");
    const replicasLine = page.locator('.cm-content .cm-line').filter({ hasText: /^ {2}replicas: 2$/ });
    // CodeMirror draws the lines in view (and a margin): scroll down to the field, as one would.
    for (let i = 0; i < 12 && (await replicasLine.count()) === 0; i++) {
      await page.locator('.cm-scroller').evaluate((el) => el.scrollBy(0, 150));
      await page.waitForTimeout(50);
    }
    await replicasLine.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('4');
    await screenshot(page, 'editor-kubectl-edit.png');
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await lastEntry(page)).exitCode).toBe('0');
    expect(await lastEntry(page)).toMatchObject({ line: '$ kubectl edit deployment/web', output: 'deployment.apps/web edited\n' });
    expect(await page.getByRole('tab', { name: 'Terminal' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => terminalScreen(page)).toContain('deployment.apps/web edited');
    expect((await page.evaluate(() => window.podlab!.exec('kubectl get deploy web -o jsonpath={.spec.replicas}'))).output).toBe('4');
    // Back in the editor, the manifest being written before the edit is still there.
    await page.getByRole('tab', { name: 'YAML editor' }).click();
    await expect.poll(() => page.locator('.cm-content').textContent()).toContain('apiVersion: "v1",');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('looks right at 1280×720 and 1920×1080, light and dark (screenshots in test-results/)', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [
        { width: 1280, height: 720 },
        { width: 1920, height: 1080 },
      ]) {
        const { page, context, errors } = await openApp(browser, { viewport, colorScheme });
        await typeCommand(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=3');
        await typeCommand(page, 'sim advance 30s');
        await typeCommand(page, 'kubectl get pods -o wide');
        await typeCommand(page, 'kubectl get deploy web -o yaml');
        await typeCommand(page, 'kubectl get nodes');
        await typeLine(page, 'kubectl get po');
        const tag = `${viewport.width}x${viewport.height}-${colorScheme}`;
        await screenshot(page, `terminal-${tag}.png`);
        // The terminal shows real scrollback: most of its column.
        expect(await terminalShare(page)).toBeGreaterThan(0.55);
        expect(await page.locator('.term-host .xterm-rows > div').count()).toBeGreaterThanOrEqual(viewport.height > 1000 ? 14 : 6);
        await page.getByRole('tab', { name: 'YAML editor' }).click();
        await page.getByRole('textbox', { name: 'YAML to apply' }).waitFor();
        await setEditorText(page, DEPLOYMENT.replace('        image: nginx:1.27', '        image: nginx:1.27\n        imagePullPolicyy: Always'));
        await expect.poll(() => page.getByRole('list', { name: 'Problems' }).getByRole('listitem').count()).toBe(1);
        await screenshot(page, `editor-${tag}.png`);
        expect(errors).toEqual([]);
        await context.close();
      }
    }
  });
});

/** The console's height over the side column's (terminal, resize bar and Pods table). */
async function terminalShare(page: Page): Promise<number> {
  const console = (await page.locator('.console').boundingBox())!;
  const column = (await page.locator('.side-column').boundingBox())!;
  return console.height / column.height;
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
