/**
 * The cluster map in Chromium: a Deployment's pods appear as chips on the nodes the scheduler
 * picked, named by pod and status; a failed node greys out and counts down to eviction, and the
 * replacements appear elsewhere; the namespace filter, selection and zoom work. Screenshots in
 * light and dark at 1280×720 and 1920×1080 go to test-results/.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, screenshot, typeCommand, typeHeredoc } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { webDeploymentYaml } from '../support/fixtures.ts';

const WEB = webDeploymentYaml({ container: 'nginx', requests: { cpu: '250m', memory: '256Mi' } });

/** Asks for more CPU than any node has: it stays Pending, unscheduled. */
const HUGE = `apiVersion: v1
kind: Pod
metadata:
  name: huge
spec:
  containers:
  - name: huge
    image: nginx:1.27
    resources:
      requests:
        cpu: "64"`;

const WORKERS = ['node-1', 'node-2', 'node-3'];

function map(page: Page): Locator {
  return page.getByRole('region', { name: 'Cluster map' });
}

function webChips(page: Page, status = 'Running'): Locator {
  return map(page).getByRole('button', { name: new RegExp(`^web-[a-z0-9]+-[a-z0-9]{5}, ${status}$`) });
}

/** The node card each web chip sits on, by accessible name. */
async function nodesOfWebPods(page: Page, status = 'Running'): Promise<string[]> {
  const chips = webChips(page, status);
  const out: string[] = [];
  for (let i = 0; i < (await chips.count()); i++) {
    out.push((await chips.nth(i).evaluate((el) => el.closest('article')?.getAttribute('aria-label'))) ?? '');
  }
  return out.sort();
}

describe.skipIf(!chromiumAvailable())('the cluster map', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the control plane, every node, and a Deployment’s pods on the nodes that run them', async () => {
    const { page, context, errors } = await openApp(browser);
    const region = map(page);
    await expect.poll(() => region.getByRole('article').count()).toBe(4);
    for (const name of ['control-plane', ...WORKERS]) await expect(region.getByRole('article', { name, exact: true }).textContent()).resolves.toContain('Ready');
    const controlPlane = region.getByRole('list', { name: 'Control plane' });
    for (const c of ['kube-apiserver, Running', 'etcd, Running', 'kube-scheduler, Running', 'kube-controller-manager, Running', 'cloud-controller-manager, Off']) {
      await expect(controlPlane.getByRole('listitem', { name: c, exact: true }).count()).resolves.toBe(1);
    }
    // The control plane's own pods are chips on its card.
    await expect.poll(() => region.getByRole('article', { name: 'control-plane' }).getByRole('button', { name: 'etcd-control-plane, Running' }).count()).toBe(1);

    expect(await typeHeredoc(page, 'kubectl apply -f -', WEB)).toBe('deployment.apps/web created\n');
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => webChips(page).count(), { timeout: 20_000 }).toBe(3);
    await page.getByRole('button', { name: 'Pause' }).click();
    const nodes = await nodesOfWebPods(page);
    expect(nodes).toHaveLength(3);
    for (const n of nodes) expect(WORKERS).toContain(n);
    // Requests show on the node bars: three 250m pods spread over the workers.
    const firstNode = region.getByRole('article', { name: nodes[0], exact: true });
    await expect(firstNode.getByRole('meter', { name: 'CPU requested' }).getAttribute('aria-valuetext')).resolves.toMatch(/^\d+m \/ 2 requested, \d+m used$/);

    // Clicking a chip selects that pod.
    const chip = webChips(page).first();
    await chip.click();
    await expect.poll(() => chip.getAttribute('aria-pressed')).toBe('true');
    await region.getByRole('button', { name: 'node-2', exact: true }).click();
    await expect.poll(() => chip.getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => region.getByRole('button', { name: 'node-2', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'cluster-map-running.png');

    // Chips are not tab stops (there can be thousands): arrow keys move among a card's chips, Enter selects.
    const card = region.getByRole('article', { name: nodes[1], exact: true });
    await card.getByRole('button', { name: nodes[1], exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused).toMatch(/^web-.*, Running$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => card.getByRole('button', { name: focused }).getAttribute('aria-pressed')).toBe('true');

    // Chips pop in when bound, unless the user prefers reduced motion.
    const popIn = () => region.locator('.cm-chip-inner').first().evaluate((el) => getComputedStyle(el).animationName);
    expect(await popIn()).toBe('cm-pop-in');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(popIn).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });

    // The namespace filter hides the other namespaces' chips.
    await region.getByLabel('Namespace').selectOption('kube-system');
    await expect.poll(() => webChips(page).count()).toBe(0);
    await region.getByLabel('Namespace').selectOption('');
    await expect.poll(() => webChips(page).count()).toBe(3);

    // Zoom buttons scale the stage; Fit brings the whole cluster back.
    const stage = region.locator('.cm-stage');
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await stage.getAttribute('style')) ?? '')?.[1]);
    const settled = async () => {
      // The map refits while panels around it settle; wait for two equal readings.
      let last = NaN;
      await expect.poll(async () => last === (last = await scale())).toBe(true);
      return last;
    };
    const fitted = await settled();
    await region.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(scale).toBeCloseTo(fitted * 1.25, 3);
    // Zoomed by hand, the map stays put; Fit brings the whole cluster back.
    await region.getByRole('button', { name: 'Fit to view' }).click();
    await expect.poll(scale).toBeCloseTo(fitted, 3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws each status with its own shape, older revisions dashed, and unscheduled pods in a lane', async () => {
    const { page, context, errors } = await openApp(browser);
    const region = map(page);
    expect(await typeHeredoc(page, 'kubectl apply -f -', WEB)).toBe('deployment.apps/web created\n');
    await typeCommand(page, 'sim advance 30s');
    await typeCommand(page, 'kubectl run broken --image=podlab.invalid/nope:1');
    await typeCommand(page, 'kubectl create job once --image=busybox:1.36 -- true');
    expect(await typeHeredoc(page, 'kubectl apply -f -', HUGE)).toBe('pod/huge created\n');
    await typeCommand(page, 'sim advance 40s');
    await typeCommand(page, 'kubectl set image deployment/web nginx=nginx:1.28');
    await typeCommand(page, 'sim advance 1s');
    // A rollout in progress: the new revision's pods are solid, the old one's dashed.
    await expect.poll(() => region.locator('.cm-chip.rev-old[aria-label^="web-"]').count()).toBeGreaterThan(0);
    await expect.poll(() => region.locator('.cm-chip.rev-new[aria-label^="web-"]').count()).toBeGreaterThan(0);
    await expect(region.textContent()).resolves.toContain('rev 1 → 2');
    const lane = region.getByRole('region', { name: 'Waiting for a node' });
    await expect.poll(() => lane.getByRole('button', { name: 'huge, Pending' }).count()).toBe(1);
    await expect.poll(() => region.getByRole('button', { name: /^broken, (ErrImagePull|ImagePullBackOff)$/ }).count()).toBe(1);
    await expect.poll(() => region.getByRole('button', { name: /^once-[a-z0-9]{5}, Completed$/ }).count()).toBe(1);
    const kinds = await region.locator('.cm-chip').evaluateAll((els) => [...new Set(els.map((e) => [...e.classList].find((c) => c.startsWith('kind-'))))].sort());
    expect(kinds).toEqual(expect.arrayContaining(['kind-completed', 'kind-creating', 'kind-failed', 'kind-pending', 'kind-running']));
    await screenshot(page, 'cluster-map-statuses.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'cluster-map-statuses-1080p.png');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await screenshot(page, 'cluster-map-statuses-dark-1080p.png');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('greys out a failed node, counts down to eviction, and shows the replacements elsewhere (light and dark, 720p and 1080p)', async () => {
    const { page, context, errors } = await openApp(browser);
    const region = map(page);
    expect(await typeHeredoc(page, 'kubectl apply -f -', WEB)).toBe('deployment.apps/web created\n');
    await typeCommand(page, 'sim advance 30s');
    await expect.poll(() => webChips(page).count()).toBe(3);
    const victim = (await nodesOfWebPods(page))[0];
    const card = region.getByRole('article', { name: victim, exact: true });

    expect(await typeCommand(page, `sim node fail ${victim}`)).toContain(victim);
    // The kubelet is down at once; the control plane notices after the 40 s grace period.
    await expect.poll(() => card.getByRole('listitem', { name: 'kubelet: down' }).count()).toBe(1);
    await typeCommand(page, 'sim advance 60s');
    await expect.poll(() => card.locator('.badge').first().textContent()).toBe('NotReady');
    await expect.poll(() => card.evaluate((el) => el.classList.contains('is-notready'))).toBe(true);
    const body = card.locator('.cm-node-body');
    await expect.poll(() => body.locator('.cm-bar-row').first().evaluate((el) => getComputedStyle(el).filter)).toBe('grayscale(1)');
    await expect.poll(() => body.locator('.cm-flags').evaluate((el) => getComputedStyle(el).filter)).toBe('none');
    const countdown = card.getByRole('timer', { name: 'Eviction countdown' });
    await expect.poll(() => countdown.textContent()).toMatch(/^Evicting pods in [0-4]:\d\d$/);
    await expect(card.textContent()).resolves.toContain('node.kubernetes.io/unreachable:NoSchedule, NoExecute');
    await expect(card.textContent()).resolves.toContain('Ready=Unknown');
    await expect(card.textContent()).resolves.toContain('Memory/Disk/PIDPressure=Unknown');

    await screenshot(page, 'cluster-map-node-failed.png');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'cluster-map-node-failed-dark.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await screenshot(page, 'cluster-map-node-failed-dark-1080p.png');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await screenshot(page, 'cluster-map-node-failed-1080p.png');

    // Five minutes on, the taint eviction controller deletes the pod; its replacement runs elsewhere.
    await typeCommand(page, 'sim advance 5m');
    await expect.poll(() => countdown.count()).toBe(0);
    await expect.poll(() => card.getByRole('button', { name: /^web-.*, Terminating$/ }).count()).toBe(1);
    await expect.poll(() => nodesOfWebPods(page)).toHaveLength(3);
    expect(await nodesOfWebPods(page)).not.toContain(victim);
    await screenshot(page, 'cluster-map-replaced-1080p.png');
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await screenshot(page, 'cluster-map-replaced-dark.png');
    expect(errors).toEqual([]);
    await context.close();
  });
});
