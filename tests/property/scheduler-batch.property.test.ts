/**
 * The batch Score paths (`scoreNodes`, used on the scheduler's hot path) give exactly what the
 * per-node `score` gives, for random nodes and pods, for every plugin that has one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CycleState, type NodeInfo, type ScorePlugin, type PreScorePlugin } from '../../src/engine/components/scheduler/framework/types.ts';
import { PLUGIN_REGISTRY } from '../../src/engine/components/scheduler/plugins/registry.ts';
import { cluster, info, listerHandle, newNode, newPod } from '../unit/scheduler/fixtures.ts';

const quantity = (max: number, unit: string) => fc.integer({ min: 0, max }).map((n) => `${n}${unit}`);

const nodeArb = fc.record({
  cpu: fc.integer({ min: 0, max: 64 }).map(String),
  memory: quantity(256, 'Gi'),
  pods: fc.array(fc.record({ cpu: quantity(4000, 'm'), memory: quantity(8192, 'Mi'), cpuSet: fc.boolean(), memSet: fc.boolean() }), { maxLength: 6 }),
  taints: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), effect: fc.constantFrom('PreferNoSchedule' as const, 'NoSchedule' as const) }), { maxLength: 3 }),
});

const podArb = fc.record({ cpu: quantity(8000, 'm'), memory: quantity(16384, 'Mi'), cpuSet: fc.boolean(), memSet: fc.boolean(), toleratesA: fc.boolean() });

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
