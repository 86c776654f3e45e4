/**
 * A journey into a pod (issue 9, "inside a pod"): the OOM example from the manifest corpus is
 * applied, its pod selected in the Pods table, and the "Inside pod" tab shows the memory line
 * crossing the limit with the OOMKilled marker at the container's lastState time, the cgroup
 * files as `kubectl exec -- cat /sys/fs/cgroup/...` prints them, the namespace grid and the
 * layers. Light and dark, 1280×720 and 1920×1080.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFESTS_DIR, MANIFEST } from '../support/manifests.ts';
import { openApp, screenshot } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

async function run(page: Page, line: string, stdin?: string): Promise<string> {
  return page.evaluate(async ([l, s]) => (await window.podlab!.exec(l!, s ?? undefined)).output, [line, stdin ?? null] as const);
}

/** The OOM example (limit 100Mi, stress allocates 250M), bound to node-1 so the journey does not wait on anything else. */
function oomManifest(): string {
  const text = readFileSync(join(MANIFESTS_DIR, MANIFEST.memoryLimit2), 'utf8');
  return text.replace(/\nspec:\n/, '\nspec:\n  nodeName: node-1\n');
}

describe.skipIf(!chromiumAvailable())('the pod view', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const [scheme, width, height] of [
    ['light', 1280, 720],
    ['dark', 1920, 1080],
  ] as const) {
    it(`memory-demo-2 shows its OOM kill, cgroup files and namespaces (${scheme}, ${width}×${height})`, async () => {
      const { page, context, errors } = await openApp(browser, { viewport: { width, height }, colorScheme: scheme });
      expect(await run(page, 'kubectl create namespace mem-example')).toBe('namespace/mem-example created\n');
      expect(await run(page, 'kubectl apply -f -', oomManifest())).toBe('pod/memory-demo-2 created\n');
      await run(page, 'sim advance 25s');

      const podsPanel = page.getByRole('region', { name: 'Pods' });
      const ns = podsPanel.getByRole('button', { name: /mem-example/ });
      if ((await ns.count()) > 0 && (await ns.first().getAttribute('aria-expanded')) === 'false') await ns.first().click();
      await podsPanel.locator('tr[data-namespace=mem-example]').filter({ hasText: 'memory-demo-2' }).first().click();
      const details = page.getByRole('region', { name: 'Details' });
      await details.getByRole('tab', { name: 'Inside pod' }).click();
      const view = details.getByRole('region', { name: 'Pod view' });
      await expect.poll(() => view.locator('.podv-name').textContent()).toBe('memory-demo-2');

      // The memory chart: the limit line, the OOM marker, at the time the API reports.
      const memory = view.getByRole('img', { name: /^Memory of memory-demo-2-ctr/ });
      await expect.poll(() => memory.getAttribute('aria-label')).toMatch(/limit 100Mi.*OOMKilled at \+00:00:\d\d/);
      const label = (await memory.getAttribute('aria-label')) ?? '';
      const finished = await run(page, "kubectl get pod memory-demo-2 -n mem-example -o jsonpath={.status.containerStatuses[0].lastState.terminated.finishedAt}");
      const second = finished.match(/T00:00:(\d\d)Z/)?.[1];
      expect(label).toContain(`OOMKilled at +00:00:${second}`);
      await expect.poll(() => view.locator('.podv-oom').count()).toBe(1);
      expect(await view.locator('.podv-ref-limit text').first().textContent()).toBe('limit 100Mi');

      // The exit code, in words.
      await expect.poll(() => view.getByRole('list', { name: 'Runs of memory-demo-2-ctr' }).textContent()).toContain('exit code 137 OOMKilled (128 + SIGKILL 9)');

      // CrashLoopBackOff: the countdown to the next restart (back-off 20 s after the second crash).
      await expect.poll(() => view.getByRole('timer', { name: /^Restart back-off: \d+ seconds left$/ }).textContent()).toContain('back-off 20s');

      // The cgroup table shows what the container's cgroup files hold.
      const cgroup = view.getByRole('table', { name: /cgroup of memory-demo-2-ctr/ });
      const memoryMax = ((await cgroup.getByRole('row', { name: /memory\.max/ }).locator('td').first().textContent()) ?? '').trim();
      expect(memoryMax).toBe(String(100 * 1024 * 1024));
      expect(await cgroup.getByRole('row', { name: /oom_score_adj/ }).locator('td').nth(1).textContent()).toContain('Burstable: 1000 − 1000 × memory request');

      // Linux namespaces: the container shares the pause container's net namespace.
      const grid = view.getByRole('region', { name: 'Linux namespaces' });
      const netCells = await grid.getByRole('row', { name: /^net/ }).locator('td').allTextContents();
      expect(netCells[1]).toBe(netCells[2]);
      expect(netCells[0]).not.toBe(netCells[1]);

      // The node's containers against the same apps as VMs, in the model's numbers.
      const vs = view.getByRole('region', { name: 'Containers vs VMs' });
      await expect.poll(() => vs.getByRole('group', { name: /^Disk for the images: containers [\d.]+ MB, VMs [\d.]+ (MB|GB)$/ }).count()).toBe(1);
      expect(await vs.getByRole('group', { name: /^Start \(image present\)/ }).getAttribute('aria-label')).toMatch(/containers 0\.\d s, VMs 30 s/);

      await details.getByRole('button', { name: 'Expand details' }).click();
      await screenshot(page, `pod-view-oom-${scheme}-${width}.png`);
      await vs.scrollIntoViewIfNeeded();
      await screenshot(page, `pod-view-vms-${scheme}-${width}.png`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
