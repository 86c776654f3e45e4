/**
 * Acceptance 2: the pods of a ReplicaSet spread evenly over equal workers. The ReplicaSet
 * controller creates the pods (generateName `<rs>-`, the template's labels, a controller
 * ownerReference); the ReplicaSet's selector is what PodTopologySpread's system default
 * constraints (hostname maxSkew 3, zone maxSkew 5, ScheduleAnyway) select them with.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { events, explainScores, podDoc, podNodes, wideRows } from './support.ts';

const RS = 'web-7d4b9c8f6d';
const LABELS = { app: 'web', 'pod-template-hash': '7d4b9c8f6d' };

function replicaSetDoc(replicas: number, requests?: Record<string, string>): string {
  const resources = requests ? `\n        resources: {requests: ${JSON.stringify(requests)}}` : '';
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${RS}
  labels: {app: web, pod-template-hash: 7d4b9c8f6d}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web, pod-template-hash: 7d4b9c8f6d}
  template:
    metadata:
      labels: {app: web, pod-template-hash: 7d4b9c8f6d}
    spec:
      containers:
      - name: app
        image: nginx:1.27${resources}
`;
}

/** The ReplicaSet; its controller creates the pods and the scheduler places them. */
function replicaSetPods(lab: Lab, replicas: number, requests?: Record<string, string>): void {
  expect(lab.apply(replicaSetDoc(replicas, requests))).toBe(`replicaset.apps/${RS} created\n`);
}

const counts = (nodes: Iterable<string>): Record<string, number> => {
  const c: Record<string, number> = {};
  for (const n of nodes) c[n] = (c[n] ?? 0) + 1;
  return c;
};

describe('a ReplicaSet of 6 on 3 equal workers', () => {
  it.each([1, 2, 3, 4])('spreads 2/2/2 (seed %i)', (seed) => {
    const lab = new Lab(seed);
    replicaSetPods(lab, 6);
    const rows = wideRows(lab);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.NAME.startsWith(`${RS}-`) && r.STATUS === 'ContainerCreating')).toBe(true);
    expect(counts(rows.map((r) => r.NODE))).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    // The same count read with jsonpath.
    expect(counts(podNodes(lab).values())).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    // One Scheduled event per pod, from default-scheduler, naming the node the pod is on.
    const scheduled = events(lab, 'reason=Scheduled');
    expect(scheduled).toHaveLength(6);
    for (const e of scheduled) {
      expect(e).toMatchObject({ type: 'Normal', source: 'default-scheduler', count: 1 });
      expect(e.message).toBe(`Successfully assigned default/${e.object} to ${podNodes(lab).get(e.object)}`);
    }
    lab.advance('30s');
    expect(wideRows(lab).every((r) => r.STATUS === 'Running' && r.READY === '1/1')).toBe(true);
  });

  it('the ReplicaSet selector feeds PodTopologySpread: a node with more replicas scores lower (§5.3)', () => {
    const lab = new Lab();
    // Two matching pods already on node-1 (bound by hand); the ReplicaSet adopts them and creates the third.
    const bound = (name: string) => podDoc({ name, node: 'node-1', labels: LABELS, image: 'nginx:1.27', command: ['nginx', '-g', 'daemon off;'] });
    lab.apply(bound(`${RS}-aaaaa`));
    lab.apply(bound(`${RS}-bbbbb`));
    replicaSetPods(lab, 3);
    const created = [...podNodes(lab).keys()].filter((n) => n !== `${RS}-aaaaa` && n !== `${RS}-bbbbb`);
    expect(created).toHaveLength(1);
    const [third] = created;
    expect(lab.out(`kubectl get pod ${RS}-aaaaa -o jsonpath='{.metadata.ownerReferences[0].name}'`)).toBe(RS);
    // System default constraint hostname/maxSkew 3 (the nodes have no zone label, so the zone one adds nothing):
    // weight ln(3 candidate nodes + 2); raw = round(matching × w + (3 − 1)); normalized 100 × (max + min − raw) / max.
    const w = Math.log(3 + 2);
    const raw = [2, 0, 0].map((n) => Math.round(n * w + 2));
    const max = Math.max(...raw);
    const min = Math.min(...raw);
    const normalized = raw.map((r) => Math.trunc((100 * (max + min - r)) / max));
    expect(raw).toEqual([5, 2, 2]);
    expect(normalized).toEqual([40, 100, 100]);
    const text = lab.out(`sim explain pod/${third}`);
    const rows = explainScores(text);
    expect(rows.map((r) => [r.node, r.scores.PodTopologySpread, r.weights.PodTopologySpread])).toEqual([
      ['node-1', 40, 2],
      ['node-2', 100, 2],
      ['node-3', 100, 2],
    ]);
    expect(text).toMatch(/\n {2}node-1 +0→100 +\d+ +5→40 /);
    expect(podNodes(lab).get(third)).not.toBe('node-1');
  });

  it('with requests the spread still holds, and a seventh replica lands on one of the workers', () => {
    const lab = new Lab();
    replicaSetPods(lab, 7, { cpu: '250m', memory: '256Mi' });
    const c = counts(podNodes(lab).values());
    expect(Object.keys(c).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(Object.values(c).sort()).toEqual([2, 2, 3]);
  });

  it('scaling the ReplicaSet from 3 to 6 keeps the spread', () => {
    const lab = new Lab();
    replicaSetPods(lab, 3);
    expect(counts(podNodes(lab).values())).toEqual({ 'node-1': 1, 'node-2': 1, 'node-3': 1 });
    expect(lab.out(`kubectl scale rs ${RS} --replicas=6`)).toBe(`replicaset.apps/${RS} scaled\n`);
    expect(counts(podNodes(lab).values())).toEqual({ 'node-1': 2, 'node-2': 2, 'node-3': 2 });
    expect(lab.out(`kubectl get pods -o jsonpath='{.items[*].metadata.ownerReferences[0].name}'`)).toBe(Array(6).fill(RS).join(' '));
  });
});
