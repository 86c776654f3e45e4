/**
 * The batch Score and Filter paths (`scoreNodes` / `filterNodes`, used on the scheduler's hot
 * path) give exactly what the per-node `score` / `filter` gives, for random nodes and pods, for
 * every plugin that has one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState, type FilterPlugin, type NodeInfo, type PreFilterPlugin, type ScorePlugin, type PreScorePlugin, type Status } from '../../src/engine/components/scheduler/framework/types.ts';
import { PLUGIN_REGISTRY } from '../../src/engine/components/scheduler/plugins/registry.ts';
import { cluster, info, listerHandle, newNode, newPod } from '../unit/scheduler/fixtures.ts';

const quantity = (max: number, unit: string) => fc.integer({ min: 0, max }).map((n) => `${n}${unit}`);
/** Memory in whole units, or in bytes that are no whole number of MiB (the NodeInfo pairs' rest). */
const memory = (max: number, unit: string, maxBytes: number) => fc.oneof(quantity(max, unit), fc.integer({ min: 0, max: maxBytes }).map(String));

const nodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 64 }).map(String),
  memory: memory(256, 'Gi', 2 ** 38),
  pods: fc.array(fc.record({ cpu: quantity(4000, 'm'), memory: memory(8192, 'Mi', 2 ** 33), cpuSet: fc.boolean(), memSet: fc.boolean() }), { maxLength: 6 }),
  taints: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), effect: fc.constantFrom('PreferNoSchedule' as const, 'NoSchedule' as const) }), { maxLength: 3 }),
});

const podArb = fc.record({ cpu: quantity(8000, 'm'), memory: memory(16384, 'Mi', 2 ** 34), cpuSet: fc.boolean(), memSet: fc.boolean(), toleratesA: fc.boolean() });

const reqs = (p: { cpu: string; memory: string; cpuSet: boolean; memSet: boolean }) => ({
  ...(p.cpuSet ? { cpu: p.cpu } : {}),
  ...(p.memSet ? { memory: p.memory } : {}),
});

const STRATEGIES = [
  undefined,
  { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } },
  { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } },
];

describe('batch scoring equals per-node scoring', () => {
  for (const name of ['NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality', 'PodTopologySpread', 'TaintToleration']) {
    for (const args of name === 'NodeResourcesFit' ? STRATEGIES : [undefined]) {
      it(`${name} ${args ? JSON.stringify(args.scoringStrategy.type) : 'default'}`, () => {
        fc.assert(
          fc.property(fc.array(nodeArb, { minLength: 1, maxLength: 8 }), podArb, (nodeSpecs, podSpec) => {
            const nodes = nodeSpecs.map((n, i) => newNode(`n${i}`, { cpu: n.cpu, memory: n.memory, taints: n.taints }));
            const pods = nodeSpecs.flatMap((n, i) => n.pods.map((p, k) => newPod(`p${i}-${k}`, { nodeName: `n${i}`, containers: [reqs(p)] })));
            const { infos, snapshot } = cluster(nodes, pods);
            const plugin = PLUGIN_REGISTRY[name](args as Record<string, unknown> | undefined, listerHandle(snapshot, {})) as ScorePlugin & PreScorePlugin;
            const tolerations = podSpec.toleratesA ? [{ key: 'a', operator: 'Exists' as const, effect: 'PreferNoSchedule' as const }] : undefined;
            const pod = info(newPod('incoming', { containers: [reqs(podSpec)], spec: tolerations ? { tolerations } : {} }));
            const state = new CycleState();
            const skip = plugin.preScore?.(state, pod, infos);
            if (skip) return;
            const batch = new Int32Array(infos.length);
            plugin.scoreNodes!(state, pod, infos, batch);
            const single = infos.map((n: NodeInfo) => plugin.score(state, pod, n));
            expect(Array.from(batch)).toEqual(single);
          }),
          { numRuns: 200, seed: 4 },
        );
      });
    }
  }
});

const filterNodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 8 }).map(String),
  memory: memory(16, 'Gi', 2 ** 34),
  maxPods: fc.integer({ min: 0, max: 4 }).map(String),
  unschedulable: fc.boolean(),
  pods: fc.array(fc.record({ cpu: quantity(4000, 'm'), memory: memory(8192, 'Mi', 2 ** 33), cpuSet: fc.boolean(), memSet: fc.boolean() }), { maxLength: 4 }),
  taints: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), effect: fc.constantFrom('PreferNoSchedule' as const, 'NoSchedule' as const, 'NoExecute' as const) }), { maxLength: 2 }),
});

const filterPodArb = fc.record({
  pod: podArb,
  nodeName: fc.option(fc.constantFrom('n0', 'n1', 'n5'), { nil: undefined }),
  tolerations: fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'node.kubernetes.io/unschedulable'), operator: fc.constant('Exists' as const) }), { maxLength: 2 }),
  /** Nodes an earlier plugin already rejected (filterNodes must leave them alone). */
  earlier: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  skipFirst: fc.boolean(),
});

describe('batch filtering equals per-node filtering', () => {
  for (const name of ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeResourcesFit']) {
    it(name, () => {
      fc.assert(
        fc.property(fc.array(filterNodeArb, { minLength: 1, maxLength: 8 }), filterPodArb, (nodeSpecs, p) => {
          const nodes = nodeSpecs.map((n, i) => newNode(`n${i}`, { cpu: n.cpu, memory: n.memory, pods: n.maxPods, taints: n.taints, unschedulable: n.unschedulable }));
          const pods = nodeSpecs.flatMap((n, i) => n.pods.map((q, k) => newPod(`p${i}-${k}`, { nodeName: `n${i}`, containers: [reqs(q)] })));
          const { infos, snapshot } = cluster(nodes, pods);
          const plugin = PLUGIN_REGISTRY[name](undefined, listerHandle(snapshot, {})) as FilterPlugin & Partial<PreFilterPlugin>;
          const spec = { tolerations: p.tolerations, ...(p.nodeName ? { nodeName: p.nodeName } : {}) };
          const pod = info(newPod('incoming', { containers: [reqs(p.pod)], spec }));
          const state = new CycleState();
          if (plugin.preFilter?.(state, pod, snapshot)) return;
          const earlier: Status = { code: 2, reasons: ['earlier'], plugin: 'Earlier' };
          const out: (Status | null)[] = infos.map((_, j) => (p.earlier[j] ? earlier : null));
          // A range that leaves the first node out (the framework filters in chunks).
          const from = p.skipFirst ? 1 : 0;
          const rejected = plugin.filterNodes!(state, pod, infos, from, infos.length, out);
          const single = infos.map((n: NodeInfo, j) => {
            if (p.earlier[j]) return earlier;
            if (j < from) return null;
            const s = plugin.filter(state, pod, n);
            return s === null || s.code === 0 ? null : s;
          });
          expect(out).toEqual(single);
          expect(rejected).toBe(single.filter((s, j) => s !== null && !p.earlier[j] && j >= from).length);
        }),
        { numRuns: 300, seed: 5 },
      );
    });
  }
});
