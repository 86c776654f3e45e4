/**
 * The DaemonSet controller's rules as tables (daemon_controller.go / update.go, v1.31): which nodes
 * run a daemon pod, the tolerations and node affinity daemon pods get, which node a pending pod is
 * meant for, the RollingUpdate step with and without surge, and the status counters.
 */
import { describe, expect, it } from 'vitest';
import type { Node, Pod, Taint, Toleration } from '../../../src/engine/api/types.ts';
import { daemonSetStatus, type DaemonSet } from '../../../src/engine/components/controllers/daemonset.ts';
import {
  daemonTolerations,
  nodeNameAffinity,
  nodeShouldRunDaemonPod,
  planRollingUpdate,
  planSurgeUpdate,
  rollingBounds,
  surplusPods,
  targetNodeName,
  withDaemonTolerations,
  type NodePods,
} from '../../../src/engine/components/controllers/daemonset-pods.ts';

const T0 = '2025-01-01T00:00:00Z';

function node(name: string, labels: Record<string, string> = {}, taints: Taint[] = []): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } }, spec: { taints }, status: {} } as unknown as Node;
}

function ds(spec: Record<string, unknown> = {}, strategy: Record<string, unknown> = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid', generation: 1, annotations: { 'deprecated.daemonset.template.generation': '1' } },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox' }], ...spec } },
      updateStrategy: strategy,
    },
  } as DaemonSet;
}

/** A daemon pod on `nodeName`, at revision `hash`, ready or not. */
function pod(name: string, nodeName: string, hash: string, ready = true, created = T0): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: created, labels: { app: 'agent', 'controller-revision-hash': hash } },
    spec: { nodeName, containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: T0 }] },
  } as Pod;
}

const NO_SCHEDULE = (key: string): Taint => ({ key, effect: 'NoSchedule' });
const NO_EXECUTE = (key: string): Taint => ({ key, effect: 'NoExecute' });

describe('nodeShouldRunDaemonPod', () => {
  it.each<[string, Node, Record<string, unknown>, boolean, boolean]>([
    ['a plain node', node('n1'), {}, true, true],
    ['nodeSelector matches', node('n1', { disk: 'ssd' }), { nodeSelector: { disk: 'ssd' } }, true, true],
    ['nodeSelector does not match', node('n1', { disk: 'hdd' }), { nodeSelector: { disk: 'ssd' } }, false, false],
    [
      'required node affinity does not match',
      node('n1', { zone: 'a' }),
      { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } } },
      false,
      false,
    ],
    ['the template names another node', node('n1'), { nodeName: 'n2' }, false, false],
    ['an untolerated NoSchedule taint: no new pod, the old one stays', node('n1', {}, [NO_SCHEDULE('dedicated')]), {}, false, true],
    ['an untolerated NoExecute taint: the pod must go', node('n1', {}, [NO_EXECUTE('dedicated')]), {}, false, false],
    ['a tolerated taint', node('n1', {}, [NO_SCHEDULE('dedicated')]), { tolerations: [{ key: 'dedicated', operator: 'Exists' }] }, true, true],
    ['the control-plane taint without a toleration', node('cp', {}, [NO_SCHEDULE('node-role.kubernetes.io/control-plane')]), {}, false, true],
    ['cordoned (unschedulable taint): daemons tolerate it', node('n1', {}, [NO_SCHEDULE('node.kubernetes.io/unschedulable')]), {}, true, true],
    ['not-ready and unreachable: tolerated for ever', node('n1', {}, [NO_EXECUTE('node.kubernetes.io/not-ready'), NO_EXECUTE('node.kubernetes.io/unreachable')]), {}, true, true],
    ['memory pressure: tolerated', node('n1', {}, [NO_SCHEDULE('node.kubernetes.io/memory-pressure')]), {}, true, true],
    ['network unavailable, pod network', node('n1', {}, [NO_SCHEDULE('node.kubernetes.io/network-unavailable')]), {}, false, true],
    ['network unavailable, host network', node('n1', {}, [NO_SCHEDULE('node.kubernetes.io/network-unavailable')]), { hostNetwork: true }, true, true],
    ['a PreferNoSchedule taint never keeps it off', node('n1', {}, [{ key: 'x', effect: 'PreferNoSchedule' }]), {}, true, true],
  ])('%s', (_name, n, spec, shouldRun, shouldContinueRunning) => {
    expect(nodeShouldRunDaemonPod(n, ds(spec))).toEqual({ shouldRun, shouldContinueRunning });
  });
});

describe('daemon pod tolerations and affinity', () => {
  const keys = (ts: Toleration[]) => ts.map((t) => `${t.key ?? ''}:${t.effect ?? ''}${t.tolerationSeconds === undefined ? '' : `/${t.tolerationSeconds}`}`);

  it('adds the node-problem tolerations after the template’s own (network-unavailable only with host network)', () => {
    expect(keys(withDaemonTolerations({ containers: [], tolerations: [{ key: 'dedicated', operator: 'Exists' }] }))).toEqual([
      'dedicated:',
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(daemonTolerations(true).at(-1)).toEqual({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  });

  it('an equal toleration already in the template is replaced in place, not repeated', () => {
    const own: Toleration = { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' };
    const out = withDaemonTolerations({ containers: [], tolerations: [own] });
    expect(out.filter((t) => t.key === own.key)).toHaveLength(1);
    expect(out[0]).toEqual(own);
    expect(out).toHaveLength(6);
  });

  it('the required affinity becomes metadata.name In [node]; preferred terms stay', () => {
    const preferred = [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }];
    const before = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] }, preferredDuringSchedulingIgnoredDuringExecution: preferred } };
    expect(nodeNameAffinity(before, 'node-2')).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-2'] }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: preferred,
      },
    });
    expect(nodeNameAffinity(undefined, 'n')).toEqual({
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] }] } },
    });
  });

  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['bound', { nodeName: 'node-1', containers: [] }, 'node-1'],
    ['pending, pinned by affinity', { containers: [], affinity: nodeNameAffinity(undefined, 'node-3') }, 'node-3'],
    ['pending, no affinity', { containers: [] }, undefined],
  ])('targetNodeName: %s', (_n, spec, want) => {
    expect(targetNodeName({ apiVersion: 'v1', kind: 'Pod', metadata: {}, spec, status: {} } as unknown as Pod)).toBe(want);
  });
});

describe('RollingUpdate step', () => {
  const NOW = Date.parse('2025-01-01T01:00:00Z') - Date.parse(T0);
  const nodes = (...pods: (Pod | undefined)[]): NodePods[] => pods.map((p, i) => ({ node: `n${i + 1}`, pods: p ? [p] : [], shouldRun: true }));

  it.each<[string, NodePods[], number, string[]]>([
    ['all old and available, maxUnavailable 1: the first one', nodes(pod('a', 'n1', 'old'), pod('b', 'n2', 'old'), pod('c', 'n3', 'old')), 1, ['a']],
    ['maxUnavailable 2: two at once', nodes(pod('a', 'n1', 'old'), pod('b', 'n2', 'old'), pod('c', 'n3', 'old')), 2, ['a', 'b']],
    ['a new pod not ready yet uses the budget', nodes(pod('a', 'n1', 'new', false), pod('b', 'n2', 'old'), pod('c', 'n3', 'old')), 1, []],
    ['a node still without its pod uses the budget', nodes(undefined, pod('b', 'n2', 'old'), pod('c', 'n3', 'old')), 1, []],
    ['an unavailable old pod is replaced whatever the budget', nodes(pod('a', 'n1', 'new', false), pod('b', 'n2', 'old', false), pod('c', 'n3', 'old')), 1, ['b']],
    ['updated and available pods move the update on', nodes(pod('a', 'n1', 'new'), pod('b', 'n2', 'old'), pod('c', 'n3', 'old')), 1, ['b']],
    ['everything updated: nothing to do', nodes(pod('a', 'n1', 'new'), pod('b', 'n2', 'new')), 1, []],
  ])('%s', (_n, walk, maxUnavailable, want) => {
    expect(planRollingUpdate(walk, 'new', undefined, maxUnavailable, 0, NOW)).toEqual({ deletePods: want, createOn: [] });
  });

  it('minReadySeconds: a pod ready for less than that is not available yet', () => {
    // The new pod became ready at NOW; the old one has been ready since T0.
    const fresh = pod('a', 'n1', 'new');
    (fresh.status.conditions ?? [])[0].lastTransitionTime = '2025-01-01T01:00:00Z';
    const walk = nodes(fresh, pod('b', 'n2', 'old'));
    // IsPodAvailable: ready + minReadySeconds must be strictly before now.
    expect(planRollingUpdate(walk, 'new', undefined, 1, 60, NOW + 60_000).deletePods).toEqual([]);
    expect(planRollingUpdate(walk, 'new', undefined, 1, 60, NOW + 60_001).deletePods).toEqual(['b']);
  });

  it('surge: a new pod beside an old one (up to maxSurge), the old one deleted once the new is available', () => {
    expect(planSurgeUpdate(nodes(pod('a', 'n1', 'old'), pod('b', 'n2', 'old')), 'new', undefined, 1, 0, NOW)).toEqual({ deletePods: [], createOn: ['n1'] });
    const surging: NodePods[] = [{ node: 'n1', pods: [pod('a', 'n1', 'old'), pod('a2', 'n1', 'new', false)], shouldRun: true }, ...nodes(pod('b', 'n2', 'old')).map((n) => ({ ...n, node: 'n2' }))];
    expect(planSurgeUpdate(surging, 'new', undefined, 1, 0, NOW)).toEqual({ deletePods: [], createOn: [] });
    surging[0].pods[1] = pod('a2', 'n1', 'new', true);
    expect(planSurgeUpdate(surging, 'new', undefined, 1, 0, NOW)).toEqual({ deletePods: ['a'], createOn: ['n2'] });
  });

  it.each<[unknown, unknown, number, { maxSurge: number; maxUnavailable: number }]>([
    [1, 0, 10, { maxSurge: 0, maxUnavailable: 1 }],
    ['25%', 0, 10, { maxSurge: 0, maxUnavailable: 3 }],
    [0, '10%', 15, { maxSurge: 2, maxUnavailable: 0 }],
    [0, 0, 5, { maxSurge: 0, maxUnavailable: 1 }],
  ])('bounds: maxUnavailable %j, maxSurge %j of %d nodes (percentages round up)', (maxUnavailable, maxSurge, desired, want) => {
    expect(rollingBounds(ds({}, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } }), desired)).toEqual(want);
  });

  it('several pods on one node: without surge only the oldest bound one stays', () => {
    const older = pod('old-one', 'n1', 'h', true, '2025-01-01T00:00:00Z');
    const newer = pod('new-one', 'n1', 'h', true, '2025-01-01T00:01:00Z');
    expect(surplusPods([newer, older], false, 'h', 0, 0)).toEqual(['new-one']);
  });
});

describe('daemonSetStatus', () => {
  it('counts desired, current, ready, updated, available and misscheduled over the nodes', () => {
    const d = ds({ nodeSelector: { role: 'edge' } });
    const ns = [node('n1', { role: 'edge' }), node('n2', { role: 'edge' }), node('n3', { role: 'edge' }), node('n4')];
    const byNode = new Map<string, Pod[]>([
      ['n1', [pod('a', 'n1', 'cur')]],
      ['n2', [pod('b', 'n2', 'old', false)]],
      ['n4', [pod('d', 'n4', 'cur')]],
    ]);
    expect(daemonSetStatus(d, ns, byNode, 'cur', 0)).toEqual({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 2,
      observedGeneration: 1,
    });
  });
});
