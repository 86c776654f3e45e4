/**
 * A node fails, as on a real v1.31 cluster (reference §11): the node controller marks it Unknown
 * about 40 s after its last heartbeat, taints it unreachable (NoSchedule at once, NoExecute on the
 * next monitor pass), and the taint eviction controller deletes its pods when their default
 * 300 s toleration runs out — the Deployment's replacement runs elsewhere while the original
 * shows Terminating until the node comes back (or its Node object is deleted and the pod GC
 * force-deletes it). Plus cordon's taint and the zone rule that stops tainting when most nodes die.
 */
import { describe, expect, it } from 'vitest';
import { Lab, simMs } from '../../support/manifests.ts';
import { webDeploymentYaml } from '../../support/fixtures.ts';

const DEPLOYMENT = webDeploymentYaml();

interface Row {
  name: string;
  status: string;
  node: string;
}

function pods(lab: Lab): Row[] {
  const out = lab.out('kubectl get pods -o wide --no-headers');
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(/\s+/))
    .map((c) => ({ name: c[0], status: c[2], node: c[6] }));
}

const ready = (lab: Lab, node: string): string => lab.out(`kubectl get node ${node} -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'`);
const taints = (lab: Lab, node: string): { key: string; effect: string; timeAdded?: string }[] =>
  JSON.parse(lab.out(`kubectl get node ${node} -o jsonpath='{.spec.taints}'`) || '[]') as { key: string; effect: string; timeAdded?: string }[];

/** A cluster running the 3-replica Deployment, and the node of its first pod, failed at `failedAt`. */
function failedCluster(): { lab: Lab; node: string; victim: string; failedAt: number } {
  const lab = new Lab();
  lab.apply(DEPLOYMENT);
  lab.advance('30s');
  const first = pods(lab)[0];
  lab.out(`sim node fail ${first.node}`);
  return { lab, node: first.node, victim: first.name, failedAt: lab.now };
}

/** Advances 1 s at a time until `done` holds; returns the simulated ms it first held. */
function until(lab: Lab, done: () => boolean, limitMs: number): number {
  const end = lab.now + limitMs;
  while (!done()) {
    if (lab.now >= end) throw new Error('condition not reached');
    lab.advance('1s');
  }
  return lab.now;
}

describe('a failed node', () => {
  it('is Ready=Unknown about 40 s after its last heartbeat, with the v1.31 reason and message', () => {
    const { lab, node, failedAt } = failedCluster();
    lab.advance('30s');
    expect(ready(lab, node)).toBe('True');
    const unknownAt = until(lab, () => ready(lab, node) === 'Unknown', 60_000);
    // Last Lease renewal ≤ 10 s before the failure, seen on a 5 s monitor tick, then > 40 s of grace.
    expect(unknownAt - failedAt).toBeGreaterThanOrEqual(35_000);
    expect(unknownAt - failedAt).toBeLessThanOrEqual(55_000);
    const conditions = JSON.parse(lab.out(`kubectl get node ${node} -o jsonpath='{.status.conditions}'`)) as Record<string, string>[];
    expect(conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['DiskPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['PIDPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
      ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.'],
    ]);
    expect(lab.out('kubectl get nodes')).toMatch(new RegExp(`${node}\\s+NotReady\\s`));
    expect(lab.events(node)).toContainEqual({ type: 'Normal', reason: 'NodeNotReady', message: `Node ${node} status is now: NodeNotReady`, count: 1 });
  });

  it('gets the unreachable NoSchedule taint at once and the NoExecute taint on the next monitor pass', () => {
    const { lab, node } = failedCluster();
    const unknownAt = until(lab, () => ready(lab, node) === 'Unknown', 60_000);
    expect(taints(lab, node).map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    lab.advance('6s');
    const all = taints(lab, node);
    expect(all.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    const noExecuteAt = simMs(all[1].timeAdded ?? '');
    expect(noExecuteAt - unknownAt).toBeGreaterThanOrEqual(0);
    expect(noExecuteAt - unknownAt).toBeLessThanOrEqual(6_000);
    expect(lab.out(`kubectl describe node ${node}`)).toContain(
      'Taints:             node.kubernetes.io/unreachable:NoExecute\n                    node.kubernetes.io/unreachable:NoSchedule\n',
    );
  });

  it("marks its pods not ready (NodeNotReady) and evicts them about 5¾ minutes after the failure; the original stays Terminating", () => {
    const { lab, node, victim, failedAt } = failedCluster();
    lab.advance('1m');
    expect(lab.events(victim)).toContainEqual({ type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', count: 1 });
    expect(lab.jsonpath(victim, '.status.conditions[?(@.type=="Ready")].status')).toBe('False');
    const evictedAt = until(lab, () => pods(lab).find((p) => p.name === victim)?.status === 'Terminating', 6 * 60_000);
    // 40 s grace (+ up to 15 s of heartbeat and monitor phase) + 5 s to the NoExecute taint + 300 s.
    expect(evictedAt - failedAt).toBeGreaterThanOrEqual(340_000);
    expect(evictedAt - failedAt).toBeLessThanOrEqual(365_000);
    expect(lab.events(victim)).toContainEqual({ type: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod default/${victim}`, count: 1 });
    expect(lab.jsonpath(victim, '.status.conditions[?(@.type=="DisruptionTarget")].reason')).toBe('DeletionByTaintManager');
    lab.advance('30s');
    const rows = pods(lab);
    expect(rows.filter((p) => p.status === 'Running' && p.node !== node)).toHaveLength(3);
    lab.advance('10m');
    expect(pods(lab).find((p) => p.name === victim)).toMatchObject({ status: 'Terminating', node });
  });

  it('recovering ends the Terminating pod and lifts the taints', () => {
    const { lab, node, victim } = failedCluster();
    lab.advance('7m');
    expect(pods(lab).find((p) => p.name === victim)?.status).toBe('Terminating');
    lab.out(`sim node recover ${node}`);
    lab.advance('10s');
    expect(pods(lab).find((p) => p.name === victim)).toBeUndefined();
    expect(ready(lab, node)).toBe('True');
    expect(taints(lab, node)).toEqual([]);
    expect(pods(lab).filter((p) => p.status === 'Running')).toHaveLength(3);
  });

  it('deleting the Node object lets the pod GC force-delete its pods after the 40 s quarantine', () => {
    const { lab, node, victim } = failedCluster();
    lab.advance('7m');
    lab.out(`kubectl delete node ${node}`);
    lab.advance('15s');
    expect(pods(lab).find((p) => p.name === victim)?.status).toBe('Terminating');
    lab.advance('50s');
    expect(pods(lab).find((p) => p.name === victim)).toBeUndefined();
  });

  it('a pod recovered before its toleration runs out is not evicted (the deletion is cancelled)', () => {
    const { lab, node, victim } = failedCluster();
    lab.advance('2m');
    lab.out(`sim node recover ${node}`);
    lab.advance('10s');
    expect(taints(lab, node)).toEqual([]);
    expect(lab.events(victim)).toContainEqual({ type: 'Normal', reason: 'TaintManagerEviction', message: `Cancelling deletion of Pod default/${victim}`, count: 1 });
    lab.advance('5m');
    expect(pods(lab).find((p) => p.name === victim)?.status).toBe('Running');
  });

  it('three of four nodes down is a partial disruption of a small zone: no NoExecute taints, no evictions', () => {
    const lab = new Lab();
    lab.apply(DEPLOYMENT);
    lab.advance('30s');
    for (const n of ['node-1', 'node-2', 'node-3']) lab.out(`sim node fail ${n}`);
    lab.advance('7m');
    for (const n of ['node-1', 'node-2', 'node-3']) {
      expect(ready(lab, n)).toBe('Unknown');
      expect(taints(lab, n).map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    }
    expect(pods(lab).every((p) => p.status === 'Running')).toBe(true);
  });

  it('survives a snapshot and restore in the middle of the grace period', () => {
    const a = failedCluster();
    const b = failedCluster();
    a.lab.advance('20s');
    b.lab.advance('20s');
    b.lab.snapshotRestore();
    a.lab.advance('7m');
    b.lab.advance('7m');
    expect(b.lab.out('kubectl get pods -o wide')).toBe(a.lab.out('kubectl get pods -o wide'));
    expect(taints(b.lab, b.node)).toEqual(taints(a.lab, a.node));
    expect(b.lab.session.sim.traceHash()).toBe(a.lab.session.sim.traceHash());
  });
});

describe('cordon and uncordon', () => {
  it('cordon shows the unschedulable NoSchedule taint the node controller adds; uncordon takes it off', () => {
    const lab = new Lab();
    lab.out('kubectl cordon node-1');
    expect(taints(lab, 'node-1').map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    expect(lab.out('kubectl describe node node-1')).toContain('Taints:             node.kubernetes.io/unschedulable:NoSchedule\nUnschedulable:      true\n');
    expect(taints(lab, 'node-1')[0].timeAdded).toBe('2025-01-01T00:00:00Z');
    lab.out('kubectl uncordon node-1');
    expect(taints(lab, 'node-1')).toEqual([]);
  });
});
