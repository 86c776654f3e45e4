/**
 * The column forms of Filter and Score (`filterSlots` / `scoreSlots`, over the scheduler cache's
 * NodeColumns) give exactly what the per-node `filter` / `score` gives — for random nodes, pods
 * and slot orders, and again after the cache changed (a pod bound, a node cordoned), which is
 * what the score memo (SlotMemo) must notice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../src/engine/components/scheduler/cache.ts';
import { podInfo } from '../../src/engine/components/scheduler/framework/pod-info.ts';
import { CycleState, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin, type Status } from '../../src/engine/components/scheduler/framework/types.ts';
import { PLUGIN_REGISTRY } from '../../src/engine/components/scheduler/plugins/registry.ts';
import { listerHandle, newNode, newPod } from '../unit/scheduler/fixtures.ts';

const quantity = (max: number, unit: string) => fc.integer({ min: 0, max }).map((n) => `${n}${unit}`);
const memory = (max: number, unit: string, maxBytes: number) => fc.oneof(quantity(max, unit), fc.integer({ min: 0, max: maxBytes }).map(String));
const reqArb = fc.record({ cpu: quantity(4000, 'm'), memory: memory(8192, 'Mi', 2 ** 33), cpuSet: fc.boolean(), memSet: fc.boolean() });
const reqs = (p: { cpu: string; memory: string; cpuSet: boolean; memSet: boolean }) => ({ ...(p.cpuSet ? { cpu: p.cpu } : {}), ...(p.memSet ? { memory: p.memory } : {}) });

const nodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 8 }).map(String),
  memory: memory(16, 'Gi', 2 ** 34),
  maxPods: fc.integer({ min: 0, max: 4 }).map(String),
  unschedulable: fc.boolean(),
  pods: fc.array(reqArb, { maxLength: 4 }),
  taints: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), effect: fc.constantFrom('PreferNoSchedule' as const, 'NoSchedule' as const, 'NoExecute' as const) }), { maxLength: 2 }),
});

const caseArb = fc.record({
  nodes: fc.array(nodeArb, { minLength: 1, maxLength: 8 }),
  pod: reqArb,
  nodeName: fc.option(fc.constantFrom('n0', 'n1', 'n5'), { nil: undefined }),
  tolerations: fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'node.kubernetes.io/unschedulable'), operator: fc.constant('Exists' as const) }), { maxLength: 2 }),
  /** Slots in a scrambled order (the window wraps around the node list). */
  shift: fc.nat(),
  /** Between the two rounds a pod lands on this node (index modulo the node count). */
  bindTo: fc.nat(),
  extra: reqArb,
});

function setup(c: typeof caseArb extends fc.Arbitrary<infer T> ? T : never) {
  const cache = new SchedulerCache();
  c.nodes.forEach((n, i) => cache.setNode(newNode(`n${i}`, { cpu: n.cpu, memory: n.memory, pods: n.maxPods, taints: n.taints, unschedulable: n.unschedulable })));
  c.nodes.forEach((n, i) => n.pods.forEach((q, k) => cache.setPod(podInfo(newPod(`p${i}-${k}`, { nodeName: `n${i}`, containers: [reqs(q)] })), `n${i}`)));
  const spec = { tolerations: c.tolerations, ...(c.nodeName ? { nodeName: c.nodeName } : {}) };
  const pod = podInfo(newPod('incoming', { containers: [reqs(c.pod)], spec }));
  return { cache, pod };
}

const slotsOf = (n: number, shift: number) => Int32Array.from({ length: n }, (_, j) => (j + shift) % n);

describe('column filtering equals per-node filtering', () => {
  for (const name of ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeResourcesFit']) {
    it(name, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const { cache, pod } = setup(c);
          const plugin = PLUGIN_REGISTRY[name](undefined, listerHandle(cache, {})) as FilterPlugin & Partial<PreFilterPlugin>;
          const state = new CycleState();
          if (plugin.preFilter?.(state, pod, cache)) return;
          const nodes = cache.nodes;
          const slots = slotsOf(nodes.length, c.shift);
          const out: (Status | null)[] = nodes.map(() => null);
          const rejected = plugin.filterSlots!(state, pod, cache.columns, slots, 0, nodes.length, out);
          const single = Array.from(slots, (s) => {
            const r = plugin.filter(state, pod, nodes[s]);
            return r === null || r.code === 0 ? null : r;
          });
          expect(out).toEqual(single);
          expect(rejected).toBe(single.filter((s) => s !== null).length);
        }),
        { numRuns: 300, seed: 6 },
      );
    });
  }
});

describe('column scoring equals per-node scoring, before and after the cache changes', () => {
  for (const name of ['NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality', 'TaintToleration']) {
    it(name, () => {
      fc.assert(
        fc.property(caseArb, (c) => {
          const { cache, pod } = setup(c);
          const plugin = PLUGIN_REGISTRY[name](undefined, listerHandle(cache, {})) as ScorePlugin & PreScorePlugin;
          const round = () => {
            const state = new CycleState();
            const nodes = cache.nodes;
            if (plugin.preScore?.(state, pod, nodes)) return;
            const slots = slotsOf(nodes.length, c.shift);
            const out = new Int32Array(nodes.length);
            plugin.scoreSlots!(state, pod, cache.columns, slots, out);
            expect(Array.from(out)).toEqual(Array.from(slots, (s) => plugin.score(state, pod, nodes[s])));
          };
          round();
          const target = `n${c.bindTo % c.nodes.length}`;
          cache.setPod(podInfo(newPod('extra', { nodeName: target, containers: [reqs(c.extra)] })), target);
          round();
        }),
        { numRuns: 300, seed: 7 },
      );
    });
  }
});
