/**
 * A journey through the pending-pods tray, the events list and the object inspector in Chromium:
 * a pod asking for 64 CPUs waits in the tray with kube-scheduler's FailedScheduling message
 * verbatim and in plain words; the events list shows that warning (filtered to Warning); a
 * Deployment's pod, clicked in the Pods table, opens in the inspector with its YAML
 * (ownerReferences) and its owner chain Pod → ReplicaSet → Deployment. Light and dark.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/commands/session.ts';
import { openApp, screenshot, typeCommand, typeHeredoc } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const HUGE = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"
`;

/** What kube-scheduler v1.31 says about HUGE on the default cluster (3 workers, 1 control plane). */
const VERBATIM =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..';
const PLAIN =
  'None of the 4 nodes can run it: 3 lack the CPU for its 64 CPU request; 1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate. Evicting lower-priority pods would not make room on any of them.';

async function setUpCluster(page: Page): Promise<void> {
  const node = new Session({ seed: 1 });
  const same = async (line: string, stdin?: string) => {
    const shown = stdin === undefined ? await typeCommand(page, line) : await typeHeredoc(page, line, stdin);
    expect(shown, line).toBe(node.execLine(line, stdin).output);
    return shown;
  };
  await same('sim advance 0s');
  await same('kubectl create deployment web --image=nginx:1.27 --replicas=2');
  await same('sim advance 20s');
  await same('kubectl apply -f -', HUGE);
  await same('sim advance 5s');
  expect(await same('kubectl get events --field-selector reason=FailedScheduling')).toContain(VERBATIM);
}

describe.skipIf(!chromiumAvailable())('events, pending pods and the inspector in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a 64-CPU pod waits in the tray with the scheduler’s words; the inspector follows a pod to its Deployment', async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1280, height: 720 } });
    await setUpCluster(page);
    const details = page.getByRole('region', { name: 'Details' });

    // The tray: the pod, the message verbatim, and plain words beside it.
    await details.getByRole('tab', { name: /^Pending/ }).click();
    const tray = details.getByRole('region', { name: 'Pending tray' });
    const huge = tray.getByRole('listitem', { name: 'huge' });
    await expect.poll(() => huge.locator('.pending-verbatim code').textContent()).toBe(VERBATIM);
    expect(await huge.locator('.pending-plain').textContent()).toBe(`In plain words${PLAIN}`);
    expect(await details.getByRole('tab', { name: /^Pending/ }).textContent()).toBe('Pending1');
    await screenshot(page, 'app-pending-tray-light.png');

    // The events list, filtered to warnings: the FailedScheduling row, cells as kubectl prints them.
    await details.getByRole('tab', { name: 'Events', exact: true }).click();
    const events = details.getByRole('region', { name: 'Events' });
    await events.getByRole('combobox', { name: 'Type' }).selectOption('Warning');
    const rows = events.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(new Set(await rows.locator('td:nth-child(2)').allTextContents())).toEqual(new Set(['Warning']));
    const failed = rows.filter({ hasText: 'FailedScheduling' }).first();
    expect(await failed.locator('td').allTextContents()).toEqual([expect.stringMatching(/^\d+s$/), 'Warning', 'FailedScheduling', 'pod/huge', VERBATIM]);
    await events.getByRole('searchbox', { name: 'Filter events' }).fill('no such text anywhere');
    await expect.poll(() => rows.count()).toBe(0);
    await events.getByRole('searchbox', { name: 'Filter events' }).fill('huge');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await screenshot(page, 'app-events-warning-light.png');

    // Clicking the event's object inspects the pod; its related events include the warning.
    await failed.getByRole('button', { name: 'pod/huge' }).click();
    const inspector = details.getByRole('region', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('.inspector-title').textContent()).toBe('Pod huge in default');
    await inspector.getByRole('tab', { name: 'Related events' }).click();
    await expect.poll(() => inspector.locator('.inspector-output').textContent()).toContain('FailedScheduling');
    expect(await inspector.locator('.inspector-line').textContent()).toBe('$ kubectl events --for pod/huge -n default');

    // A Deployment's pod, clicked in the Pods table: YAML with its ownerReferences, then the chain.
    const podsPanel = page.getByRole('region', { name: 'Pods' });
    const webRow = podsPanel.locator('tr[data-namespace=default]').filter({ hasText: /^web-/ }).first();
    const podName = ((await webRow.locator('td').first().textContent()) ?? '').trim();
    expect(podName).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    await webRow.click();
    await expect.poll(() => inspector.locator('.inspector-title').textContent()).toBe(`Pod ${podName} in default`);
    await inspector.getByRole('tab', { name: 'YAML' }).click();
    const yaml = inspector.locator('.inspector-output');
    const replicaSet = podName.replace(/-[a-z0-9]{5}$/, '');
    await expect.poll(() => yaml.textContent()).toContain(`  ownerReferences:\n  - apiVersion: apps/v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: ReplicaSet\n    name: ${replicaSet}\n`);
    expect(await inspector.locator('.inspector-line').textContent()).toBe(`$ kubectl get pod ${podName} -n default -o yaml`);
    // Expanded, the dock shows the YAML down past its ownerReferences.
    const expand = details.getByRole('button', { name: 'Expand details' });
    await expand.click();
    expect(await details.getByRole('button', { name: 'Shrink details' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => yaml.getByText('kind: ReplicaSet').isVisible()).toBe(true);
    await expect.poll(() => details.boundingBox().then((b) => b?.height ?? 0)).toBeGreaterThan(400);
    await screenshot(page, 'app-inspector-yaml-light.png');
    await details.getByRole('button', { name: 'Shrink details' }).click();

    await inspector.getByRole('tab', { name: 'Owner chain' }).click();
    const chain = inspector.getByRole('list', { name: 'Owner chain' });
    await expect.poll(() => chain.getByRole('listitem').allTextContents()).toEqual([`Pod${podName}`, `→ReplicaSet${replicaSet}`, '→Deploymentweb']);
    await screenshot(page, 'app-inspector-owners-light.png');

    // Following the chain up selects the Deployment; describe shows it as kubectl does.
    await chain.getByRole('button', { name: 'Deployment web' }).click();
    await expect.poll(() => inspector.locator('.inspector-title').textContent()).toBe('Deployment web in default');
    await inspector.getByRole('tab', { name: 'Describe' }).click();
    await expect.poll(() => inspector.locator('.inspector-output').textContent()).toContain('Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable');

    // Both stay live: scaling the Deployment refreshes the describe text and adds an event on top.
    await typeCommand(page, 'kubectl scale deployment web --replicas=3');
    await typeCommand(page, 'sim advance 10s');
    await expect.poll(() => inspector.locator('.inspector-output').textContent()).toContain('Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable');
    await details.getByRole('tab', { name: 'Events', exact: true }).click();
    await events.getByRole('combobox', { name: 'Type' }).selectOption('');
    await events.getByRole('searchbox', { name: 'Filter events' }).fill('');
    // Newest first: the new pod's container events (8s ago) come before the scale-up (10s ago).
    await expect.poll(() => rows.first().locator('td').allTextContents()).toEqual(['8s', 'Normal', 'Started', expect.stringMatching(/^pod\/web-/), 'Started container nginx']);
    const scaled = rows.filter({ hasText: 'Scaled up replica set web-' }).filter({ hasText: 'to 3 from 2' });
    expect(await scaled.locator('td').allTextContents()).toEqual(['10s', 'Normal', 'ScalingReplicaSet', 'deployment/web', expect.stringMatching(/^Scaled up replica set web-\w+ to 3 from 2$/)]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads in the dark theme at 1920×1080', async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    await setUpCluster(page);
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('tab', { name: /^Pending/ }).click();
    await expect.poll(() => details.getByRole('listitem', { name: 'huge' }).locator('.pending-verbatim code').textContent()).toBe(VERBATIM);
    await screenshot(page, 'app-pending-tray-dark.png');
    await details.getByRole('tab', { name: 'Events', exact: true }).click();
    await details.getByRole('combobox', { name: 'Type' }).selectOption('Warning');
    await expect.poll(() => details.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot(page, 'app-events-warning-dark.png');
    await details.locator('tbody tr').filter({ hasText: 'FailedScheduling' }).first().click();
    await details.getByRole('tab', { name: 'Owner chain' }).click();
    await expect.poll(() => details.getByRole('list', { name: 'Owner chain' }).getByRole('listitem').allTextContents()).toEqual(['Podhuge']);
    expect(await details.locator('.inspector-body').textContent()).toContain('Pod huge has no owner');
    await screenshot(page, 'app-inspector-dark.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
