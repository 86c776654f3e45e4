/**
 * A journey through the kubelet in Chromium: a pod whose stress test allocates more than its
 * memory limit is typed into the terminal as a heredoc, time runs, and the Pods panel shows it
 * OOMKilled / CrashLoopBackOff while `kubectl exec` reads a healthy neighbour's cgroup limit. The
 * terminal's output matches what the command layer prints in Node for the same commands.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { openApp, screenshot, typeCommand, typeHeredoc } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: memhog
spec:
  nodeName: node-1
  containers:
  - name: stress
    image: polinux/stress
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
    resources:
      limits:
        memory: 100Mi
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node-1
  containers:
  - name: web
    image: nginx:1.27
    resources:
      limits:
        memory: 128Mi
`;

describe.skipIf(!chromiumAvailable())('the kubelet in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a pod over its memory limit is OOMKilled and backs off; kubectl exec reads a cgroup', async () => {
    const { page, context, errors } = await openApp(browser);
    const node = new Session({ seed: 1 });
    const podsPanel = page.getByRole('region', { name: 'Pods' });

    // The cluster starts with the control plane running in kube-system.
    const listing = await typeCommand(page, 'kubectl get pods -A');
    expect(listing).toBe(node.execLine('kubectl get pods -A').output);
    expect(listing).toMatch(/^kube-system +etcd-control-plane +1\/1 +Running/m);
    await expect.poll(() => podsPanel.getByRole('button', { name: /^kube-system/ }).textContent()).toMatch(/pods, all Running$/);

    // The heredoc is typed at the prompt, body lines shown behind a `>` prompt.
    const created = await typeHeredoc(page, 'kubectl apply -f -', PODS);
    expect(created).toBe('pod/memhog created\npod/web created\n');
    expect(node.execLine('kubectl apply -f -', PODS).output).toBe(created);
    const applied = page.locator('.term-entry').filter({ hasText: 'pod/memhog created' }).locator('.term-line');
    expect(await applied.textContent()).toContain('> EOF');

    expect(await typeCommand(page, 'sim advance 30s')).toBe('time is now 2025-01-01T00:00:30Z\n');
    node.execLine('sim advance 30s');

    const memhog = podsPanel.locator('tr[data-namespace=default]').filter({ hasText: /^memhog/ });
    await expect.poll(() => memhog.locator('.status').textContent()).toMatch(/^(OOMKilled|CrashLoopBackOff)$/);
    expect(await memhog.locator('.status').getAttribute('class')).toContain('tone-bad');
    expect(await memhog.textContent()).toContain('node-1');
    const getPods = await typeCommand(page, 'kubectl get pods');
    expect(getPods).toBe(node.execLine('kubectl get pods').output);
    expect(getPods).toMatch(/^memhog +0\/1 +(OOMKilled|CrashLoopBackOff) +[1-9]/m);
    expect(getPods).toMatch(/^web +1\/1 +Running +0 /m);

    // 128Mi, as the kubelet wrote it into the container's cgroup.
    const cgroup = await typeCommand(page, 'kubectl exec web -- cat /sys/fs/cgroup/memory.max');
    expect(cgroup).toBe('134217728\n');
    await expect(page.getByRole('region', { name: 'Terminal' }).textContent()).resolves.toContain('134217728');

    for (const line of ['kubectl top nodes', 'sim node exec node-1 -- crictl ps']) {
      expect(await typeCommand(page, line), line).toBe(node.execLine(line).output);
    }

    await screenshot(page, 'app-kubelet-oom.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
