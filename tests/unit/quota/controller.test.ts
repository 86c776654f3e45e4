/**
 * The resource quota controller: a new quota's usage counts what already exists, a pod that
 * finishes returns its compute quota (but still counts in count/pods until deleted), a deleted
 * object returns its count, and the controller's state survives snapshot and restore.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

const quotaYaml = (hard: string): string => `apiVersion: v1
kind: ResourceQuota
metadata:
  name: q
spec:
  hard:
${hard}
`;

const jobPod = `apiVersion: v1
kind: Pod
metadata:
  name: once
spec:
  restartPolicy: Never
  containers:
  - name: c
    image: busybox:1.36
    command: [sh, -c, "sleep 5"]
    resources:
      requests: {cpu: 100m, memory: 50Mi}
      limits: {cpu: 100m, memory: 50Mi}
`;

function lab(hard: string): Lab {
  const l = new Lab();
  l.out('kubectl create namespace team');
  expect(l.out('kubectl apply -n team -f -', quotaYaml(hard))).toBe('resourcequota/q created\n');
  return l;
}

const used = (l: Lab): string => l.out("kubectl get quota q -n team -o jsonpath='{.status.used}'");

describe('resource quota controller', () => {
  it('counts objects that existed before the quota (the namespace\'s kube-root-ca.crt)', () => {
    const l = lab('    count/configmaps: "5"\n    configmaps: "5"\n    secrets: "5"');
    expect(used(l)).toBe('{"configmaps":"1","count/configmaps":"1","secrets":"0"}');
    l.out('kubectl create configmap extra -n team --from-literal=a=b');
    expect(used(l)).toBe('{"configmaps":"2","count/configmaps":"2","secrets":"0"}');
    l.out('kubectl delete configmap extra -n team');
    expect(used(l)).toBe('{"configmaps":"1","count/configmaps":"1","secrets":"0"}');
  });

  it('a pod that succeeds gives back its compute quota; count/pods drops only when it is deleted', () => {
    const l = lab('    pods: "1"\n    count/pods: "5"\n    requests.cpu: "1"');
    expect(l.out('kubectl apply -n team -f -', jobPod)).toBe('pod/once created\n');
    expect(used(l)).toBe('{"count/pods":"1","pods":"1","requests.cpu":"100m"}');
    l.advance('30s');
    expect(l.jsonpath('once', '.status.phase', 'team')).toBe('Succeeded');
    expect(used(l)).toBe('{"count/pods":"1","pods":"0","requests.cpu":"0"}');
    l.out('kubectl delete pod once -n team');
    expect(used(l)).toBe('{"count/pods":"0","pods":"0","requests.cpu":"0"}');
  });

  it('a quota on Deployments counts count/deployments.apps and rejects the one too many', () => {
    const l = lab('    count/deployments.apps: "1"');
    const deploy = (name: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: c, image: nginx}]\n`;
    expect(l.out('kubectl apply -n team -f -', deploy('one'))).toBe('deployment.apps/one created\n');
    expect(l.out('kubectl apply -n team -f -', deploy('two'))).toBe(
      'Error from server (Forbidden): error when creating "STDIN": deployments.apps "two" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1\n',
    );
  });

  it('snapshot and restore in the middle gives the same trace as an uninterrupted run', () => {
    const run = (restore: boolean): string => {
      const l = lab('    pods: "3"\n    requests.cpu: "1"');
      l.out('kubectl apply -n team -f -', jobPod);
      l.advance('2s');
      if (restore) l.snapshotRestore();
      l.advance('6m');
      expect(used(l)).toBe('{"pods":"0","requests.cpu":"0"}');
      return l.session.sim.traceHash();
    };
    expect(run(true)).toBe(run(false));
  });
});
