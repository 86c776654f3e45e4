/**
 * The scheduler cache: node order as node_tree.go's list() gives it (one node from each zone in
 * turn, zones in the order they first appeared, nodes in arrival order within a zone; the zone key
 * is utilnode.GetZoneKey — region and zone, beta labels first); pods assigned to nodes the cache
 * does not know yet; image counts; removing and re-adding nodes.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from '../../../src/engine/api/types.ts';
import { SchedulerCache } from '../../../src/engine/components/scheduler/cache.ts';
import { info, MB, newNode, newPod, type NodeOpts } from './fixtures.ts';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';

const zoned = (name: string, zone?: string, region?: string, o: NodeOpts = {}): Node =>
  newNode(name, { ...o, labels: { ...o.labels, ...(zone !== undefined ? { [ZONE]: zone } : {}), ...(region !== undefined ? { [REGION]: region } : {}) } });

function cacheWith(nodes: Node[]): SchedulerCache {
  const c = new SchedulerCache();
  for (const n of nodes) c.setNode(n);
  return c;
}
const order = (c: SchedulerCache) => c.nodes.map((n) => n.name);

describe('node order (node_tree.go list)', () => {
  // [case, nodes in arrival order as name:zone, expected list]
  const cases: [string, [string, string | undefined][], string[]][] = [
    ['one zone: arrival order', [['n3', 'a'], ['n1', 'a'], ['n2', 'a']], ['n3', 'n1', 'n2']],
    ['no zone labels: one zone ""', [['n2', undefined], ['n1', undefined]], ['n2', 'n1']],
    [
      'three zones, uneven: round-robin until every zone is exhausted',
      [['a1', 'a'], ['a2', 'a'], ['b1', 'b'], ['c1', 'c'], ['a3', 'a'], ['b2', 'b']],
      ['a1', 'b1', 'c1', 'a2', 'b2', 'a3'],
    ],
    [
      'zones ordered by first appearance, not by name',
      [['z1', 'zeta'], ['a1', 'alpha'], ['z2', 'zeta'], ['m1', 'mu'], ['a2', 'alpha']],
      ['z1', 'a1', 'm1', 'z2', 'a2'],
    ],
    [
      'zone-less nodes form their own zone',
      [['x1', undefined], ['a1', 'a'], ['x2', undefined], ['a2', 'a'], ['a3', 'a']],
      ['x1', 'a1', 'x2', 'a2', 'a3'],
    ],
    // upstream node_tree_test "add nodes to a new and to an exhausted zone"-style shape
    [
      'a zone of one and a zone of four',
      [['b1', 'b'], ['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['a4', 'a']],
      ['b1', 'a1', 'a2', 'a3', 'a4'],
    ],
  ];
  it.each(cases)('%s', (_case, nodes, want) => {
    expect(order(cacheWith(nodes.map(([name, zone]) => zoned(name, zone))))).toEqual(want);
  });

  it('the zone key is region + zone: the same zone name in two regions is two zones', () => {
    const c = cacheWith([zoned('e1', 'z1', 'eu'), zoned('e2', 'z1', 'eu'), zoned('u1', 'z1', 'us'), zoned('u2', 'z1', 'us')]);
    expect(order(c)).toEqual(['e1', 'u1', 'e2', 'u2']);
  });

  it('a region without a zone is a zone key of its own', () => {
    const c = cacheWith([zoned('r1', undefined, 'eu'), zoned('r2', undefined, 'eu'), zoned('x1'), zoned('x2')]);
    expect(order(c)).toEqual(['r1', 'x1', 'r2', 'x2']);
  });

  // GetZoneKey reads failure-domain.beta.kubernetes.io/zone (and /region) first and falls back to
  // the topology.kubernetes.io labels: a node with only the beta label is in that zone.
  it('the beta zone and region labels count as the zone (GetZoneKey)', () => {
    const beta = (name: string, zone: string) => newNode(name, { labels: { [BETA_ZONE]: zone, [BETA_REGION]: 'r' } });
    const ga = (name: string, zone: string) => zoned(name, zone, 'r');
    const c = cacheWith([beta('a1', 'a'), ga('a2', 'a'), ga('b1', 'b'), beta('b2', 'b')]);
    expect(order(c)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('a node whose zone changes moves to the end of its new zone; an emptied zone goes away', () => {
    const c = cacheWith([zoned('a1', 'a'), zoned('a2', 'a'), zoned('b1', 'b'), zoned('c1', 'c')]);
    expect(order(c)).toEqual(['a1', 'b1', 'c1', 'a2']);
    c.setNode(zoned('b1', 'a'));
    // zones: a [a1 a2 b1], c [c1]
    expect(order(c)).toEqual(['a1', 'c1', 'a2', 'b1']);
    c.setNode(zoned('b1', 'b'));
    // zone b is new again: it comes after c
    expect(order(c)).toEqual(['a1', 'c1', 'b1', 'a2']);
  });

  it('an update that keeps the zone keeps the place (and takes the new object)', () => {
    const c = cacheWith([zoned('a1', 'a'), zoned('b1', 'b'), zoned('a2', 'a')]);
    const updated = zoned('a1', 'a', undefined, { labels: { disk: 'ssd' } });
    const old = c.setNode(updated);
    expect(old?.metadata.labels?.disk).toBeUndefined();
    expect(order(c)).toEqual(['a1', 'b1', 'a2']);
    expect(c.get('a1')?.labels.disk).toBe('ssd');
  });

  it('setNode returns undefined for a new node', () => {
    expect(new SchedulerCache().setNode(zoned('n1'))).toBeUndefined();
  });

  it('removing nodes: the others keep their order; a re-added zone comes last', () => {
    const c = cacheWith([zoned('a1', 'a'), zoned('b1', 'b'), zoned('c1', 'c'), zoned('a2', 'a')]);
    c.removeNode('a1');
    expect(order(c)).toEqual(['a2', 'b1', 'c1']);
    c.removeNode('b1');
    expect(order(c)).toEqual(['a2', 'c1']);
    c.setNode(zoned('b1', 'b'));
    expect(order(c)).toEqual(['a2', 'c1', 'b1']);
    c.removeNode('nope');
    expect(order(c)).toEqual(['a2', 'c1', 'b1']);
  });
});

describe('pods', () => {
  const pod = (name: string, node: string, cpu = '500m') => info(newPod(name, { nodeName: node, containers: [{ cpu, memory: '256Mi' }] }));

  it('a pod on a known node counts on it at once', () => {
    const c = cacheWith([zoned('n1')]);
    c.setPod(pod('p', 'n1'), 'n1');
    expect(c.get('n1')?.pods.map((p) => p.key)).toEqual(['default/p']);
    expect(c.get('n1')?.requested.milliCPU).toBe(500);
    expect(c.nodeOf('default/p')).toBe('n1');
    expect(c.podCount).toBe(1);
  });

  it('pods on a node the cache does not know yet wait for it, then count on it', () => {
    const c = cacheWith([zoned('n1')]);
    c.setPod(pod('early-1', 'n2'), 'n2');
    c.setPod(pod('early-2', 'n2', '1'), 'n2');
    expect(c.get('n2')).toBeUndefined();
    expect(order(c)).toEqual(['n1']);
    expect(c.podCount).toBe(2);
    expect(c.nodeOf('default/early-1')).toBe('n2');
    c.setNode(zoned('n2'));
    const n2 = c.get('n2')!;
    expect(n2.pods.map((p) => p.key)).toEqual(['default/early-1', 'default/early-2']);
    expect(n2.requested.milliCPU).toBe(1500);
    expect(n2.nonZeroMilliCPU).toBe(1500);
  });

  it('a waiting pod deleted before its node arrives never counts', () => {
    const c = new SchedulerCache();
    c.setPod(pod('gone', 'n1'), 'n1');
    c.removePod('default/gone');
    expect(c.podCount).toBe(0);
    c.setNode(zoned('n1'));
    expect(c.get('n1')?.pods).toEqual([]);
    expect(c.get('n1')?.requested.milliCPU).toBe(0);
  });

  it('setPod replaces the previous version (moving it if the node changed)', () => {
    const c = cacheWith([zoned('n1'), zoned('n2')]);
    c.setPod(pod('p', 'n1', '1'), 'n1');
    c.setPod(pod('p', 'n1', '2'), 'n1');
    expect(c.get('n1')?.requested.milliCPU).toBe(2000);
    expect(c.get('n1')?.pods).toHaveLength(1);
    c.setPod(pod('p', 'n2', '2'), 'n2');
    expect(c.get('n1')?.pods).toHaveLength(0);
    expect(c.get('n1')?.requested.milliCPU).toBe(0);
    expect(c.get('n2')?.requested.milliCPU).toBe(2000);
    expect(c.podCount).toBe(1);
  });

  it('pods with (anti-)affinity are listed for InterPodAffinity', () => {
    const c = cacheWith([zoned('n1'), zoned('n2')]);
    const anti = info(
      newPod('anti', {
        nodeName: 'n2',
        spec: {
          affinity: {
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' }] },
          },
        },
      }),
    );
    expect(c.havePodsWithAffinity()).toEqual([]);
    c.setPod(pod('plain', 'n1'), 'n1');
    c.setPod(anti, 'n2');
    expect(c.havePodsWithAffinity().map((n) => n.name)).toEqual(['n2']);
    expect(c.havePodsWithRequiredAntiAffinity().map((n) => n.name)).toEqual(['n2']);
    c.removePod('default/anti');
    expect(c.havePodsWithAffinity()).toEqual([]);
    expect(c.havePodsWithRequiredAntiAffinity()).toEqual([]);
  });
});

describe('image counts', () => {
  const image = (names: string[], sizeMB = 100) => ({ names, sizeBytes: sizeMB * MB });

  it('counts the nodes that have each image name', () => {
    const c = cacheWith([
      zoned('n1', undefined, undefined, { images: [image(['nginx:1.27', 'docker.io/library/nginx:1.27']), image(['redis:7'])] }),
      zoned('n2', undefined, undefined, { images: [image(['nginx:1.27'])] }),
      zoned('n3'),
    ]);
    expect(c.imageNodeCount('nginx:1.27')).toBe(2);
    expect(c.imageNodeCount('docker.io/library/nginx:1.27')).toBe(1);
    expect(c.imageNodeCount('redis:7')).toBe(1);
    expect(c.imageNodeCount('busybox:1.36')).toBe(0);
    expect(c.get('n1')?.images.get('redis:7')).toBe(100 * MB);
  });

  it('a name listed twice on one node counts that node once', () => {
    const c = cacheWith([zoned('n1', undefined, undefined, { images: [image(['app:v1']), image(['app:v1', 'app:latest'])] })]);
    expect(c.imageNodeCount('app:v1')).toBe(1);
  });

  it('follows node updates and removals', () => {
    const c = cacheWith([zoned('n1', undefined, undefined, { images: [image(['a:1'])] }), zoned('n2', undefined, undefined, { images: [image(['a:1'])] })]);
    expect(c.imageNodeCount('a:1')).toBe(2);
    c.setNode(zoned('n1', undefined, undefined, { images: [image(['b:1'])] }));
    expect(c.imageNodeCount('a:1')).toBe(1);
    expect(c.imageNodeCount('b:1')).toBe(1);
    c.removeNode('n2');
    expect(c.imageNodeCount('a:1')).toBe(0);
    c.setNode(zoned('n2', undefined, undefined, { images: [image(['a:1'])] }));
    expect(c.imageNodeCount('a:1')).toBe(1);
  });
});

describe('remove / re-add', () => {
  it("a removed node's pods stay known and count again when a node of that name comes back", () => {
    const c = cacheWith([zoned('n1', 'a'), zoned('n2', 'b')]);
    c.setPod(info(newPod('p1', { nodeName: 'n1', containers: [{ cpu: '1' }] })), 'n1');
    c.setPod(info(newPod('p2', { nodeName: 'n1', containers: [{ cpu: '2' }] })), 'n1');
    c.removeNode('n1');
    expect(c.get('n1')).toBeUndefined();
    expect(order(c)).toEqual(['n2']);
    expect(c.nodeOf('default/p1')).toBe('n1');
    expect(c.podCount).toBe(2);
    // One of them is deleted while the node is away.
    c.removePod('default/p2');
    c.setNode(zoned('n1', 'a'));
    expect(order(c)).toEqual(['n2', 'n1']);
    expect(c.get('n1')?.pods.map((p) => p.key)).toEqual(['default/p1']);
    expect(c.get('n1')?.requested.milliCPU).toBe(1000);
  });

  it('a re-added node starts from its new object (allocatable, labels)', () => {
    const c = cacheWith([zoned('n1', undefined, undefined, { cpu: '2' })]);
    c.removeNode('n1');
    c.setNode(zoned('n1', undefined, undefined, { cpu: '8', labels: { gen: 'new' } }));
    expect(c.get('n1')?.allocatable.milliCPU).toBe(8000);
    expect(c.get('n1')?.labels.gen).toBe('new');
    expect(c.nodes).toHaveLength(1);
  });
});
