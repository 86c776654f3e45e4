/**
 * A journey through the Scheduling tab in Chromium: a pod that fits only the nodes labelled
 * disktype=ssd is selected, and the decision matrix shows each rejected node with the plugin and
 * its reason in words, the scores, and the winner — the node the pod was bound to. An
 * unschedulable pod shows kube-scheduler's FailedScheduling message verbatim beside plain words.
 * Replay plays the cycle on the map from the decision's data: rejected nodes turn red, score bars
 * grow, the pod flies to the winner. At 150 nodes the matrix stays short until "Show all".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot } from './support/app.ts';
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
    resources:
      requests:
        cpu: 500m
        memory: 256Mi
`;

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

const HUGE_MESSAGE =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..';

const PRIORITY_CLASS = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`;

/** A low-priority pod pinned to node-N, filling it up. */
const low = (n: number, cpu: string) => `apiVersion: v1
kind: Pod
metadata:
  name: low-${n}
spec:
  nodeName: node-${n}
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: ${cpu}
`;

const VIP = `apiVersion: v1
kind: Pod
metadata:
  name: vip
spec:
  priorityClassName: high
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests:
        cpu: 1500m
`;

/** Runs a command through the bridge (not the terminal) and returns its output. */
async function run(page: Page, line: string, stdin?: string): Promise<string> {
  const r = await page.evaluate(([l, s]) => window.podlab!.exec(l!, s), [line, stdin] as const);
  expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
  return r.output;
}

async function openScheduling(page: Page) {
  const details = page.getByRole('region', { name: 'Details' });
  await details.getByRole('tab', { name: 'Scheduling' }).click();
  return details.getByRole('region', { name: 'Scheduling decision' });
}

describe.skipIf(!chromiumAvailable())('the scheduling decision in the app', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows why each node was rejected and which won, replays it on the map, and quotes FailedScheduling', async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1280, height: 720 } });
    await run(page, 'kubectl label node node-1 disktype=ssd');
    await run(page, 'kubectl label node node-3 disktype=ssd');
    await run(page, 'kubectl apply -f -', PICKY);
    await run(page, 'sim advance 2s');
    const nodeName = await run(page, 'kubectl get pod picky -o jsonpath={.spec.nodeName}');
    expect(['node-1', 'node-3']).toContain(nodeName);

    // Select the pod in the Pods table, then open the Scheduling tab.
    const podsPanel = page.getByRole('region', { name: 'Pods' });
    await podsPanel.locator('tr[data-namespace=default]').filter({ hasText: /^picky/ }).click();
    const sched = await openScheduling(page);
    const table = sched.getByRole('table');
    await table.waitFor();

    // Rejected nodes: the plugin, kube-scheduler's reason, and the reason in words.
    const node2 = table.getByRole('row', { name: 'node-2', exact: true });
    await expect.poll(() => node2.getAttribute('data-status')).toBe('rejected');
    const why2 = table.locator('tr[data-reason-for="node-2"]');
    expect(await why2.locator('.sched-reason-plugin').textContent()).toBe('✕ NodeAffinity');
    expect(await why2.locator('.sched-reason-code').textContent()).toBe("node(s) didn't match Pod's node affinity/selector");
    expect(await why2.locator('.sched-reason-words').textContent()).toBe("the node's labels do not match the pod's nodeSelector disktype=ssd (the node has no disktype label)");
    // Filters before NodeAffinity passed, NodeAffinity failed; none ran after it.
    const headers = await table.locator('thead tr').nth(1).locator('th').allTextContents();
    const affinityAt = headers.indexOf('NodeAffinity');
    expect(affinityAt).toBeGreaterThan(0);
    const cells = await node2.locator('td.sched-cell').evaluateAll((tds) => tds.map((td) => td.className.replace('sched-cell ', '')));
    const filterCount = headers.indexOf('NodeResourcesFit') + 1;
    expect(cells).toEqual(headers.slice(0, filterCount).map((_, i) => (i < affinityAt ? 'sched-f-pass' : i === affinityAt ? 'sched-f-fail' : 'sched-f-none')));
    expect(await node2.locator('.sched-total').textContent()).toBe('✕');
    const cp = table.getByRole('row', { name: 'control-plane', exact: true });
    expect(await cp.getAttribute('data-status')).toBe('rejected');
    expect(await table.locator('tr[data-reason-for="control-plane"] .sched-reason-plugin').textContent()).toBe('✕ TaintToleration');

    // The winner comes first, highlighted, and is the node the pod was bound to.
    const winner = table.locator('tbody tr[data-status=selected]');
    expect(await winner.getAttribute('aria-label')).toBe(nodeName);
    expect(await table.locator('tbody tr[data-node]').first().getAttribute('aria-label')).toBe(nodeName);
    expect(await winner.locator('.sched-badge-win').textContent()).toBe('★ winner');
    // Scores: weight × normalized per plugin, raw → normalized beneath, and the total.
    const weighted = (await winner.locator('.sched-weighted').allTextContents()).map(Number);
    expect(weighted.length).toBeGreaterThan(1);
    expect(Number(await winner.locator('.sched-total-num').textContent())).toBe(weighted.reduce((a, b) => a + b, 0));
    expect(await sched.locator('.sched-result').textContent()).toBe(`Bound to ${nodeName}`);
    await screenshot(page, 'scheduling-matrix-light.png');
    const details = page.getByRole('region', { name: 'Details' });
    await details.getByRole('button', { name: 'Expand details' }).click();
    await screenshot(page, 'scheduling-matrix-expanded-light.png');
    await details.getByRole('button', { name: 'Shrink details' }).click();

    // Replay: the map marks rejected nodes red, grows score bars, then flies the pod to the winner.
    await sched.getByRole('button', { name: 'Replay' }).click();
    const map = page.getByRole('region', { name: 'Cluster map' });
    const caption = map.getByRole('status', { name: 'Replay step' });
    await expect.poll(() => caption.textContent(), { timeout: 10_000 }).toContain('NodeAffinity rejects 1 node');
    expect(await map.locator('[data-node="node-2"] .sched-mark').getAttribute('data-replay')).toBe('rejected');
    expect(await map.locator('[data-node="control-plane"] .sched-mark').getAttribute('data-replay')).toBe('rejected');
    expect(await map.locator('[data-node="node-2"] .sched-mark-label').textContent()).toBe('✕ NodeAffinity');
    await screenshot(page, 'scheduling-replay-filter-light.png');
    await expect.poll(() => caption.textContent(), { timeout: 15_000 }).toContain('Score:');
    await expect.poll(() => map.locator(`[data-node="${nodeName}"] .sched-mark-bar`).count()).toBe(1);
    await screenshot(page, 'scheduling-replay-score-light.png');
    await expect.poll(() => caption.textContent(), { timeout: 20_000 }).toContain(`Bind: default/picky → ${nodeName}.`);
    expect(await map.locator(`[data-node="${nodeName}"] .sched-mark`).getAttribute('data-replay')).toBe('winner');
    expect(await map.locator('.sched-fly').getAttribute('data-flying')).toBe('picky');
    await page.waitForTimeout(1200);
    await screenshot(page, 'scheduling-replay-bound-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'scheduling-replay-bound-dark.png');
    await page.emulateMedia({ colorScheme: 'light' });
    // The step control scrubs back to any step; End replay clears the map.
    await sched.getByRole('slider', { name: 'Replay step' }).fill('1');
    await expect.poll(() => caption.textContent()).toMatch(/^Replay 2\//);
    await sched.getByRole('button', { name: 'End replay' }).click();
    await expect.poll(() => map.locator('.sched-mark').count()).toBe(0);

    // An unschedulable pod: the exact FailedScheduling message next to plain words.
    await run(page, 'kubectl apply -f -', HUGE);
    await run(page, 'sim advance 5s');
    expect(await run(page, 'kubectl get events --field-selector reason=FailedScheduling')).toContain(HUGE_MESSAGE);
    // Picked in the pending tray, the pod opens on the Scheduling tab: the tray's reason, in full.
    await details.getByRole('tab', { name: /^Pending/ }).click();
    await details.getByRole('region', { name: 'Pending tray' }).getByRole('button', { name: 'huge' }).click();
    expect(await details.getByRole('tab', { name: 'Scheduling' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => sched.locator('.sched-verbatim code').textContent()).toBe(HUGE_MESSAGE);
    expect(await sched.locator('.sched-plain').textContent()).toBe(
      'In plain wordsNone of the 4 nodes can run it: 3 lack the CPU for its 64 CPU request; 1 is the control plane, whose taint (node-role.kubernetes.io/control-plane) it does not tolerate. Evicting lower-priority pods would not make room on any of them.',
    );
    expect(await sched.locator('.sched-result').textContent()).toBe('Not scheduled');
    expect(await sched.locator('.sched-preempt').textContent()).toContain('did not help');
    expect(await table.locator('tbody tr[data-status=rejected]').count()).toBe(4);
    expect(await table.locator('tr[data-reason-for="node-2"] .sched-reason-words').textContent()).toBe(
      'not enough CPU — the pod requests 64 cores, the node has 2 cores free',
    );
    expect(await table.locator(`tr[data-reason-for="${nodeName}"] .sched-reason-words`).textContent()).toBe(
      'not enough CPU — the pod requests 64 cores, the node has 1.5 cores free',
    );
    await screenshot(page, 'scheduling-failed-light.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await details.getByRole('button', { name: 'Expand details' }).click();
    await screenshot(page, 'scheduling-failed-expanded-dark.png');
    await details.getByRole('button', { name: 'Shrink details' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    await sched.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => caption.textContent(), { timeout: 15_000 }).toContain('No node fits. FailedScheduling:');
    expect(await map.locator('.sched-mark[data-replay=rejected]').count()).toBe(4);
    await screenshot(page, 'scheduling-replay-failed-light.png');
    await sched.getByRole('button', { name: 'End replay' }).click();

    // Preemption: a high-priority pod finds every worker full; PostFilter nominates a node and
    // names the lower-priority pod it evicts there.
    await run(page, 'kubectl apply -f -', PRIORITY_CLASS);
    for (const n of [1, 2, 3]) await run(page, 'kubectl apply -f -', low(n, n === 3 ? '1000m' : '1500m'));
    await run(page, 'sim advance 2s');
    await run(page, 'kubectl apply -f -', VIP);
    await run(page, 'sim advance 0s');
    const nominated = await run(page, 'kubectl get pod vip -o jsonpath={.status.nominatedNodeName}');
    expect(nominated).toMatch(/^node-[123]$/);
    await map.locator('[data-pod="vip"]').click();
    await expect.poll(() => sched.locator('.sched-preempt').textContent()).toBe(
      `Preemption (PostFilter)nominated ${nominated}; evicting default/low-${nominated.slice(5)} to make room. The pod is scheduled there once they are gone.`,
    );
    expect(await sched.locator('.sched-plain').textContent()).toContain(`Preemption picked ${nominated}`);
    await screenshot(page, 'scheduling-preemption-light.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays usable with 150 nodes, in the dark at 1920×1080, with reduced motion', async () => {
    const { page, context, errors } = await openApp(browser, { viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await run(page, 'sim cluster --nodes 150');
    for (const n of [4, 5, 6]) await run(page, `kubectl cordon node-${n}`);
    await run(page, 'kubectl apply -f -', PICKY.replace('  nodeSelector:\n    disktype: ssd\n', ''));
    await run(page, 'sim advance 2s');
    const nodeName = await run(page, 'kubectl get pod picky -o jsonpath={.spec.nodeName}');
    expect(nodeName).toMatch(/^node-\d+$/);

    const podsPanel = page.getByRole('region', { name: 'Pods' });
    await podsPanel.locator('tr[data-namespace=default]').filter({ hasText: /^picky/ }).click();
    const sched = await openScheduling(page);
    const table = sched.getByRole('table');
    await table.waitFor();
    const rows = table.locator('tbody tr[data-node]');
    // Capped: the winner first, the best-scored nodes, and some of each other group.
    expect(await rows.count()).toBe(24);
    expect(await rows.first().getAttribute('aria-label')).toBe(nodeName);
    expect(await table.locator('tbody tr[data-status=rejected]').count()).toBeGreaterThan(0);
    expect(await table.locator('tbody tr[data-status=notEvaluated]').count()).toBeGreaterThan(0);
    expect(await table.locator('tbody tr[data-status=notEvaluated]').first().textContent()).toContain('not evaluated (percentageOfNodesToScore');
    expect(await sched.locator('.sched-summary').textContent()).toMatch(/^Filters: \d+ of 151 nodes examined, \d+ feasible; \d+ not evaluated \(percentageOfNodesToScore/);
    expect(await table.locator('tr[data-reason-for="node-4"] .sched-reason-plugin').textContent()).toBe('✕ NodeUnschedulable');
    await screenshot(page, 'scheduling-matrix-150-nodes-dark-1080p.png');
    await sched.getByRole('button', { name: 'Show all 151 nodes' }).click();
    expect(await rows.count()).toBe(151);
    await sched.getByRole('button', { name: 'Show the first 24 nodes' }).click();

    // Expanded, the dock shows more of the matrix; the replay still runs on the map.
    await page.getByRole('region', { name: 'Details' }).getByRole('button', { name: 'Expand details' }).click();
    await sched.getByRole('button', { name: 'Replay' }).click();
    const map = page.getByRole('region', { name: 'Cluster map' });
    const caption = map.getByRole('status', { name: 'Replay step' });
    await expect.poll(() => caption.textContent(), { timeout: 10_000 }).toContain('NodeUnschedulable rejects 3 nodes');
    // NodeUnschedulable runs first: at its step only the cordoned nodes are red.
    expect(await map.locator('.sched-mark[data-replay=rejected]').count()).toBe(3);
    expect(await map.locator('.sched-mark[data-replay=skipped]').count()).toBeGreaterThan(0);
    await screenshot(page, 'scheduling-replay-150-nodes-dark-1080p.png');
    // The first journey watches the replay play step by step; here the slider jumps to its end.
    const slider = sched.getByRole('slider', { name: 'Replay step' });
    await slider.fill((await slider.getAttribute('max'))!);
    await expect.poll(() => caption.textContent()).toContain(`→ ${nodeName}.`);
    // Reduced motion: the pod is shown at the winner without a flight.
    const fly = map.locator('.sched-fly');
    expect(await fly.evaluate((el) => el.getAnimations().length)).toBe(0);
    await screenshot(page, 'scheduling-replay-150-nodes-bound-dark-1080p.png');
    await page.emulateMedia({ colorScheme: 'light' });
    await screenshot(page, 'scheduling-replay-150-nodes-bound-light-1080p.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
