/**
 * `kubectl drain` against a PodDisruptionBudget, with kubectl v1.31's exact output: DaemonSet pods
 * stop the drain without --ignore-daemonsets, a budget with no disruptions left makes every
 * eviction a 429 retried every 5 s until --timeout, and once the budget allows it the pod is
 * evicted, replaced elsewhere, and the node reported drained. Also `kubectl get/describe pdb`.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { webDeploymentYaml } from '../../support/fixtures.ts';

const DEPLOYMENT = webDeploymentYaml();

const pdb = (minAvailable: number) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-pdb
spec:
  minAvailable: ${minAvailable}
  selector:
    matchLabels:
      app: web
`;

/** The cluster with the Deployment and the budget settled; the web pod on node-1 and node-1's kube-proxy pod. */
function setup(minAvailable: number): { lab: Lab; webPod: string; proxyPod: string } {
  const lab = new Lab();
  lab.apply(DEPLOYMENT);
  lab.apply(pdb(minAvailable));
  lab.advance('30s');
  const onNode1 = (ns: string) =>
    lab
      .out(`kubectl get pods -n ${ns} --field-selector spec.nodeName=node-1 -o jsonpath='{.items[*].metadata.name}'`)
      .split(' ')
      .filter((n) => n !== '');
  const [webPod] = onNode1('default');
  const proxyPod = onNode1('kube-system').find((n) => n.startsWith('kube-proxy-')) ?? '';
  return { lab, webPod, proxyPod };
}

describe('kubectl drain', () => {
  it('refuses DaemonSet pods without --ignore-daemonsets (but has cordoned the node)', () => {
    const { lab, proxyPod } = setup(2);
    const r = lab.run('kubectl drain node-1');
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      'node/node-1 cordoned\n' +
        `error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxyPod}, continuing command...\n` +
        'There are pending nodes to be drained:\n node-1\n' +
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/${proxyPod}\n`,
    );
    expect(lab.out('kubectl get nodes')).toMatch(/node-1\s+Ready,SchedulingDisabled\s/);
  });

  it('retries a PDB-blocked eviction every 5 s until --timeout, then succeeds once the budget allows it', () => {
    const { lab, webPod, proxyPod } = setup(3);
    expect(lab.out('kubectl get pdb')).toBe('NAME      MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\nweb-pdb   3               N/A               0                     30s\n');
    const blocked = lab.run('kubectl drain node-1 --ignore-daemonsets --timeout=12s');
    const retry = `evicting pod default/${webPod}\nerror when evicting pods/"${webPod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    const timeout = `error when evicting pods/"${webPod}" -n "default": global timeout reached: 12s`;
    expect(blocked.exitCode).toBe(1);
    expect(blocked.output).toBe(
      'node/node-1 cordoned\n' +
        `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyPod}\n` +
        retry.repeat(3) +
        `evicting pod default/${webPod}\n` +
        `There are pending pods in node "node-1" when an error occurred: ${timeout}\npod/${webPod}\n` +
        `error: unable to drain node "node-1" due to error: ${timeout}, continuing command...\n` +
        'There are pending nodes to be drained:\n node-1\n' +
        `${timeout}\n`,
    );
    lab.apply(pdb(2));
    expect(lab.out('kubectl describe pdb web-pdb')).toBe(
      'Name:           web-pdb\nNamespace:      default\nMin available:  2\nSelector:       app=web\nStatus:\n' +
        '    Allowed disruptions:  1\n    Current:              3\n    Desired:              2\n    Total:                3\nEvents:                   <none>\n',
    );
    const start = lab.now;
    const ok = lab.run('kubectl drain node-1 --ignore-daemonsets');
    expect(ok.exitCode).toBe(0);
    expect(ok.output).toBe(
      'node/node-1 already cordoned\n' +
        `Warning: ignoring DaemonSet-managed Pods: kube-system/${proxyPod}\n` +
        `evicting pod default/${webPod}\n` +
        `pod/${webPod} evicted\n` +
        'node/node-1 drained\n',
    );
    expect(lab.now - start).toBeLessThanOrEqual(31_000);
    const rows = lab.out('kubectl get pods -o wide --no-headers').trim().split('\n');
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => /\sRunning\s/.test(r) && !/\snode-1\s/.test(r))).toBe(true);
  });

  it('needs --force for a pod without a controller, and --delete-emptydir-data for emptyDir', () => {
    const lab = new Lab();
    lab.apply(
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  nodeName: node-2\n  volumes:\n  - name: scratch\n    emptyDir: {}\n  containers:\n  - name: c\n    image: nginx:1.27\n`,
    );
    lab.advance('10s');
    const r = lab.run('kubectl drain node-2 --ignore-daemonsets');
    expect(r.output).toContain('cannot delete Pods with local storage (use --delete-emptydir-data to override): default/solo\n');
    const forced = lab.run('kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data --force');
    // The local-storage warning is dropped by the filter after it, as in kubectl; messages come in
    // pod order (kubectl's own order is Go's map order).
    expect(forced.output).toMatch(/^node\/node-2 already cordoned\nWarning: deleting Pods that declare no controller: default\/solo; ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-[a-z0-9]{5}\n/);
    expect(forced.output).toContain('evicting pod default/solo\npod/solo evicted\nnode/node-2 drained\n');
  });

  it('a dry run evicts nothing', () => {
    const { lab, webPod } = setup(2);
    const r = lab.run('kubectl drain node-1 --ignore-daemonsets --dry-run=client');
    expect(r.output).toContain(`node/node-1 cordoned (dry run)\n`);
    expect(r.output).toContain(`evicting pod default/${webPod} (dry run)\nnode/node-1 drained (dry run)\n`);
    expect(lab.out('kubectl get nodes')).toMatch(/node-1\s+Ready\s/);
  });
});
