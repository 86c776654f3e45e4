/**
 * The cluster autoscaler's simulation helpers: fit checks and their reasons, the bin-packing
 * estimate of new nodes (largest pods first, capped by the group's room), utilization, and which
 * pods block a node's removal.
 */
import { describe, expect, it } from 'vitest';
import type { Pod } from '../../../src/engine/api/types.ts';
import {
  drainBlocker,
  estimate,
  fitFailure,
  podRequest,
  staysWithNode,
  utilization,
  type SimNode,
} from '../../../src/engine/components/controllers/cluster-autoscaler-fit.ts';

const GiB = 1024 ** 3;

function node(o: Partial<SimNode> = {}): SimNode {
  return { name: 'n', labels: {}, taints: [], cpuMilli: 2000, memoryBytes: 4 * GiB, maxPods: 110, usedCpuMilli: 0, usedMemoryBytes: 0, usedPods: 0, ...o };
}

function pod(cpu: string, o: { memory?: string; nodeSelector?: Record<string, string>; owner?: string; namespace?: string; emptyDir?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `p-${cpu}`,
      namespace: o.namespace ?? 'default',
      ...(o.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: o.owner, name: 'x', uid: 'u', controller: true }] } : {}),
    },
    spec: {
      containers: [{ name: 'app', resources: { requests: { cpu, ...(o.memory ? { memory: o.memory } : {}) } } }],
      ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
      ...(o.emptyDir ? { volumes: [{ name: 'scratch', emptyDir: {} }] } : {}),
    },
    status: {},
  } as Pod;
}

describe('fitFailure', () => {
  const cases: { name: string; pod: Pod; node: SimNode; want: string | undefined }[] = [
    { name: 'fits', pod: pod('1500m'), node: node(), want: undefined },
    { name: 'cpu', pod: pod('1500m'), node: node({ usedCpuMilli: 600 }), want: 'Insufficient cpu' },
    { name: 'memory', pod: pod('100m', { memory: '5Gi' }), node: node(), want: 'Insufficient memory' },
    { name: 'pod count', pod: pod('100m'), node: node({ usedPods: 110 }), want: 'Too many pods' },
    { name: 'selector', pod: pod('100m', { nodeSelector: { disk: 'ssd' } }), node: node(), want: "node(s) didn't match Pod's node affinity/selector" },
    { name: 'taint', pod: pod('100m'), node: node({ taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }), want: 'node(s) had untolerated taint {dedicated: gpu}' },
  ];
  for (const c of cases) it(c.name, () => expect(fitFailure(podRequest(c.pod), c.node)).toBe(c.want));
});

describe('estimate', () => {
  it('packs largest first and counts the nodes', () => {
    const pods = ['600m', '1500m', '600m', '1500m', '600m'].map((c, i) => ({ ...podRequest(pod(c)), tag: i }));
    const r = estimate(pods, () => node(), 10);
    // 1500 + 1500 need two nodes; the 600s fill 400 free on neither, so a third takes all three (1800).
    expect(r.nodes.map((n) => n.usedCpuMilli)).toEqual([1500, 1500, 1800]);
    expect(r.placed).toHaveLength(5);
  });

  it('stops at the group room', () => {
    const pods = ['1500m', '1500m', '1500m'].map((c) => podRequest(pod(c)));
    const r = estimate(pods, () => node(), 2);
    expect(r.nodes).toHaveLength(2);
    expect(r.placed).toHaveLength(2);
  });

  it('places nothing a template cannot hold', () => {
    expect(estimate([podRequest(pod('3'))], () => node(), 5).nodes).toEqual([]);
  });
});

describe('utilization and drainability', () => {
  it('takes the larger of cpu and memory', () => {
    expect(utilization(node({ usedCpuMilli: 200, usedMemoryBytes: 2 * GiB }))).toEqual({ cpu: 0.1, memory: 0.5, max: 0.5, resource: 'memory' });
  });

  const cases: { name: string; pod: Pod; pdb: boolean; want: string | undefined }[] = [
    { name: 'replicated pod moves', pod: pod('1', { owner: 'ReplicaSet' }), pdb: false, want: undefined },
    { name: 'bare pod blocks', pod: pod('1'), pdb: false, want: 'pod default/p-1 is not replicated' },
    { name: 'kube-system pod without PDB blocks', pod: pod('1', { owner: 'ReplicaSet', namespace: 'kube-system' }), pdb: false, want: 'non-daemonset, non-mirrored, non-pdb-assigned kube-system pod present: p-1' },
    { name: 'kube-system pod with PDB moves', pod: pod('1', { owner: 'ReplicaSet', namespace: 'kube-system' }), pdb: true, want: undefined },
    { name: 'local storage blocks', pod: pod('1', { owner: 'ReplicaSet', emptyDir: true }), pdb: false, want: 'pod with local storage present: p-1' },
  ];
  for (const c of cases) it(c.name, () => expect(drainBlocker(c.pod, c.pdb)).toBe(c.want));

  it('DaemonSet pods stay with their node', () => {
    expect(staysWithNode(pod('1', { owner: 'DaemonSet' }))).toBe(true);
    expect(staysWithNode(pod('1', { owner: 'ReplicaSet' }))).toBe(false);
  });
});
