/**
 * The cluster autoscaler through the command layer, on a cluster whose only workers come from a
 * node group: unschedulable pods trigger a scale-up whose nodes join 45 s later; a group at its
 * max says so on the pod; an emptied node goes 10 minutes after it became unneeded (and not
 * within 10 minutes of the scale-up); a node whose pods fit elsewhere is tainted, drained and
 * deleted; the group never shrinks below its min.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

function deployment(name: string, replicas: number, cpu: string): string {
  const container = { name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], resources: { requests: { cpu } } };
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container] } } },
  });
}

/** `kubectl get events` as `REASON object: message` lines, for one field selector. */
function events(lab: Lab, selector: string, namespace = 'default'): string[] {
  const out = lab.out(`kubectl get events -n ${namespace} --field-selector ${selector} -o jsonpath='{range .items[*]}{.reason} {.involvedObject.kind}/{.involvedObject.name}: {.message}{"\\n"}{end}'`);
  return out.split('\n').filter((l) => l !== '');
}

const nodeNames = (lab: Lab) => lab.out("kubectl get nodes -o jsonpath='{.items[*].metadata.name}'");

function groupCluster(max: number): Lab {
  const lab = new Lab(1);
  lab.out('sim cluster --nodes 0');
  expect(lab.out(`sim nodegroup add workers --min 1 --max ${max} --cpu 2 --memory 4Gi`)).toBe(
    `nodegroup/workers added (min 1, max ${max}, 2 CPU and 4Gi memory per node)\n`,
  );
  return lab;
}

describe('cluster autoscaler scenario', () => {
  it('adds nodes for unschedulable pods and removes them once empty for 10 minutes', () => {
    const lab = groupCluster(3);
    expect(nodeNames(lab)).toBe('control-plane workers-1');
    lab.apply(deployment('web', 3, '1500m'));
    lab.advance('10s');
    const pending = events(lab, 'reason=TriggeredScaleUp');
    expect(pending).toHaveLength(2);
    for (const e of pending) expect(e).toMatch(/^TriggeredScaleUp Pod\/web-\w+-\w+: pod triggered scale-up: \[\{workers 1->3 \(max: 3\)\}\]$/);
    expect(lab.out('sim nodegroup list')).toBe(['NAME      MIN   MAX   NODES   BOOTING   CPU   MEMORY', 'workers   1     3     1       2         2     4Gi', ''].join('\n'));
    lab.advance('44s');
    expect(nodeNames(lab)).toBe('control-plane workers-1');
    lab.advance('1s');
    expect(nodeNames(lab)).toBe('control-plane workers-1 workers-2 workers-3');
    lab.advance('30s');
    expect(lab.out("kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'").split(' ').sort().join(' ')).toBe('workers-1 workers-2 workers-3');
    // Back to one replica at 1m25s: the two pods removed take their 30 s grace period, so two nodes
    // are empty from the 2m00s scan on and go at 12m00s.
    lab.out('kubectl scale deployment web --replicas=1');
    lab.advanceTo(11 * 60_000 + 59_000);
    expect(nodeNames(lab)).toBe('control-plane workers-1 workers-2 workers-3');
    lab.advance('1s');
    expect(nodeNames(lab)).toBe('control-plane workers-1');
    expect(events(lab, 'involvedObject.name=cluster-autoscaler-status', 'kube-system')).toEqual([
      'ScaledUpGroup ConfigMap/cluster-autoscaler-status: Scale-up: setting group workers size to 3 instead of 1 (max: 3)',
      'ScaleDownEmpty ConfigMap/cluster-autoscaler-status: Scale-down: removing empty node "workers-2"',
      'ScaleDownEmpty ConfigMap/cluster-autoscaler-status: Scale-down: empty node workers-2 removed',
      'ScaleDownEmpty ConfigMap/cluster-autoscaler-status: Scale-down: removing empty node "workers-3"',
      'ScaleDownEmpty ConfigMap/cluster-autoscaler-status: Scale-down: empty node workers-3 removed',
    ]);
    expect(events(lab, 'involvedObject.name=workers-2,reason=ScaleDown')).toEqual([
      'ScaleDown Node/workers-2: marked the node as toBeDeleted/unschedulable',
      'ScaleDown Node/workers-2: nodes removed by cluster autoscaler',
    ]);
    // The last node stays: the group's min is 1.
    lab.out('kubectl scale deployment web --replicas=0');
    lab.advance('15m');
    expect(nodeNames(lab)).toBe('control-plane workers-1');
  });

  it('says when the group is at its max, and drains a node whose pods fit elsewhere', () => {
    const lab = groupCluster(2);
    lab.apply(deployment('big', 2, '1500m'));
    lab.advance('60s');
    lab.apply(deployment('small', 2, '200m'));
    lab.advance('10s');
    lab.out('kubectl scale deployment big --replicas=3');
    lab.advance('10s');
    const notTriggered = events(lab, 'reason=NotTriggerScaleUp');
    expect(notTriggered).toHaveLength(1);
    expect(notTriggered[0]).toMatch(/^NotTriggerScaleUp Pod\/big-\w+-\w+: pod didn't trigger scale-up: 1 max node group size reached$/);
    // One big pod leaves workers-2 with a 200m pod (10 %) that fits beside the big one on workers-1.
    lab.out('kubectl scale deployment big --replicas=1');
    lab.advance('10m');
    expect(nodeNames(lab)).toBe('control-plane workers-1 workers-2');
    lab.advance('1m');
    expect(nodeNames(lab)).toBe('control-plane workers-1');
    expect(lab.out("kubectl get pods -o jsonpath='{.items[*].spec.nodeName}'")).toBe('workers-1 workers-1 workers-1');
    const status = events(lab, 'involvedObject.name=cluster-autoscaler-status', 'kube-system');
    expect(status[1]).toMatch(/^ScaleDown ConfigMap\/cluster-autoscaler-status: Scale-down: removing node workers-2, utilization: \{0\.1 0 0 cpu 0\.1\}, pods to reschedule: small-\w+-\w+$/);
    expect(status[2]).toBe('ScaleDown ConfigMap/cluster-autoscaler-status: Scale-down: node workers-2 removed with drain');
    const podEvents = events(lab, 'reason=ScaleDown,involvedObject.kind=Pod');
    expect(podEvents).toHaveLength(1);
    expect(podEvents[0]).toMatch(/^ScaleDown Pod\/small-\w+-\w+: deleting pod for node scale down$/);
  });

  it('keeps a node whose pods a PodDisruptionBudget protects', () => {
    const lab = groupCluster(2);
    lab.apply(deployment('big', 2, '1500m'));
    lab.advance('60s');
    lab.apply(deployment('small', 2, '200m'));
    lab.apply(JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'small' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'small' } } } }));
    lab.advance('10s');
    lab.out('kubectl scale deployment big --replicas=1');
    lab.advance('15m');
    expect(nodeNames(lab)).toBe('control-plane workers-1 workers-2');
    expect(events(lab, 'reason=ScaleDown')).toEqual([]);
  });

  it('says why a pod no group could hold does not trigger a scale-up', () => {
    const lab = groupCluster(3);
    lab.apply(deployment('huge', 1, '3'));
    lab.advance('10s');
    const e = events(lab, 'reason=NotTriggerScaleUp');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^NotTriggerScaleUp Pod\/huge-\w+-\w+: pod didn't trigger scale-up: 1 Insufficient cpu$/);
    expect(nodeNames(lab)).toBe('control-plane workers-1');
  });

  it('refuses malformed nodegroup directives', () => {
    const lab = new Lab(1);
    expect(lab.session.execLine('sim nodegroup add workers --min 1').scriptError).toBe('sim nodegroup add: --max is required');
    expect(lab.session.execLine('sim nodegroup add workers --min 3 --max 2').scriptError).toBe(
      'sim nodegroup add: --max must be at least 1 and at least --min, got min 3, max 2',
    );
    expect(lab.session.execLine('sim nodegroup delete nope').scriptError).toBe('sim nodegroup delete: node group "nope" not found');
    expect(lab.out('sim nodegroup list')).toBe('no node groups\n');
  });

  it('continues identically after a snapshot and restore', () => {
    const run = (restore: boolean) => {
      const lab = groupCluster(3);
      lab.apply(deployment('web', 3, '1500m'));
      lab.advance('20s');
      if (restore) lab.snapshotRestore();
      lab.advance('40s');
      return `${nodeNames(lab)} ${lab.session.sim.traceHash()}`;
    };
    expect(run(true)).toBe(run(false));
  });
});
