/**
 * A journey through the scheduler in Chromium: a pod whose nodeSelector matches no node stays
 * Pending with kube-scheduler's FailedScheduling text, `sim explain` says why node by node, and a
 * pod that fits is bound by the scheduler to the node the weighted scores pick. The terminal's
 * output equals what the command layer prints in Node for the same commands.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { openApp, screenshot, typeCommand, typeHeredoc } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const PICKY = `apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector:
    disktype: ssd
  containers:
  - name: app
    image: nginx:1.27
`;

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: 500m
        memory: 256Mi
`;

describe.skipIf(!chromiumAvailable())('the scheduler in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('an unschedulable pod is explained; a pod that fits is bound where the scores say', async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1440, height: 900 } });
    const node = new Session({ seed: 1 });
    const same = async (line: string, stdin?: string) => {
      const shown = stdin === undefined ? await typeCommand(page, line) : await typeHeredoc(page, line, stdin);
      expect(shown, line).toBe(node.execLine(line, stdin).output);
      return shown;
    };

    await same('sim advance 0s');
    await same('kubectl cordon node-2');
    await same('kubectl apply -f -', PICKY);
    await same('kubectl apply -f -', WEB);
    const events = await same('kubectl get events --field-selector reason=FailedScheduling');
    expect(events).toContain("0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector.");
    const explained = await same('sim explain pod/picky');
    expect(explained).toContain('node-2: rejected by NodeUnschedulable');
    const web = await same('sim explain pod/web');
    expect(web).toMatch(/Result: bound to node-(1|3)\./);
    await same('kubectl get pods -o wide');

    const podsPanel = page.getByRole('region', { name: 'Pods' });
    const picky = podsPanel.locator('tr[data-namespace=default]').filter({ hasText: /^picky/ });
    await expect.poll(() => picky.locator('.status').textContent()).toBe('Pending');
    await screenshot(page, 'app-scheduler-explain.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
