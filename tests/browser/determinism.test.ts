/**
 * The architecture invariant, checked end to end: a scenario script run by the app's worker in
 * Chromium gives the same trace hash and the same transcript as the runner gives in Node.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../../src/commands/runner.ts';
import { openApp } from './support/app.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const SEED = 7;

const SCENARIO = `# A small day in the life of a cluster.
kubectl create namespace shop
kubectl apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
  labels:
    app: shop
data:
  mode: demo
  replicas: "3"
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
EOF
kubectl create -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  generateName: worker-
  namespace: shop
spec:
  containers:
  - name: worker
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
sim advance 5m
sim node add node-9 --cpu 4 --memory 8Gi
kubectl get pods -n shop
kubectl get configmap settings -n shop -o yaml
kubectl get pods -n shop -o json
kubectl delete pod web -n shop
sim advance 30s
kubectl get pods -A
kubectl get nodes
kubectl delete namespace shop
sim advance 1m
kubectl get namespaces
`;

describe.skipIf(!chromiumAvailable())('determinism across Node and Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it(`a scenario script gives the same trace hash and transcript (seed=${SEED})`, async () => {
    const node = runScript(SCENARIO, { seed: SEED });
    expect(node.error, 'the scenario itself must run cleanly in Node').toBeUndefined();
    expect(node.status).toBe(0);
    expect(node.entries.length).toBe(15);

    const { page, context, errors } = await openApp(browser);
    const liveNowBefore = await page.evaluate(() => document.querySelector('[role=timer]')?.getAttribute('data-now'));
    const inBrowser = await page.evaluate(([text, seed]) => window.podlab!.runScript(text, seed), [SCENARIO, SEED] as const);

    expect(inBrowser.status).toBe(node.status);
    expect(inBrowser.entries).toEqual(node.entries);
    expect(inBrowser.traceHash, `reproduce with seed=${SEED}`).toBe(node.session.sim.traceHash());

    // The seed matters, and the live cluster is not touched by a script run.
    const other = await page.evaluate((text) => window.podlab!.runScript(text, 8), SCENARIO);
    expect(other.traceHash).not.toBe(inBrowser.traceHash);
    expect(other.traceHash).toBe(runScript(SCENARIO, { seed: 8 }).session.sim.traceHash());
    expect(await page.evaluate(() => document.querySelector('[role=timer]')?.getAttribute('data-now'))).toBe(liveNowBefore);
    expect(errors).toEqual([]);
    await context.close();
  });
});
