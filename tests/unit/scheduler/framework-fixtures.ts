/**
 * Builders for framework-level tests (runtime, explain): a Framework over the real plugin
 * registry with a PreemptionHandle fake — `listerHandle` for the listers, the framework itself for
 * runFilters / addPod / removePod, a PodNominator for nominated pods and a seeded Prng for
 * `randomInt` — as the scheduler wires them.
 */
import type { KObject, Pod } from '../../../src/engine/api/types.ts';
import { expandProfile, type ProfileConfig } from '../../../src/engine/components/scheduler/framework/config.ts';
import { podInfo } from '../../../src/engine/components/scheduler/framework/pod-info.ts';
import { Framework, implementsPoint } from '../../../src/engine/components/scheduler/framework/runtime.ts';
import type { PreemptionHandle, Snapshot } from '../../../src/engine/components/scheduler/framework/types.ts';
import { PodNominator } from '../../../src/engine/components/scheduler/nominator.ts';
import { PLUGIN_REGISTRY } from '../../../src/engine/components/scheduler/plugins/registry.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';
import { listerHandle } from './fixtures.ts';

export interface FrameworkFixture {
  fwk: Framework;
  handle: PreemptionHandle;
  nominator: PodNominator;
  prng: Prng;
}

export interface FrameworkOpts {
  profile?: ProfileConfig;
  /** The configuration's global percentageOfNodesToScore (0 = adaptive). */
  globalPercentage?: number;
  /** API objects the listers serve (`services` → [...]). */
  objects?: Record<string, KObject[]>;
  seed?: number;
}

/** The plugin objects of the registry, built once with an inert handle, to ask which points they implement. */
const probeHandle = listerHandle({ nodes: [], get: () => undefined, imageNodeCount: () => 0, havePodsWithAffinity: () => [], havePodsWithRequiredAntiAffinity: () => [] });
const probes = new Map(Object.entries(PLUGIN_REGISTRY).map(([name, f]) => [name, f(undefined, probeHandle as PreemptionHandle)]));

/** Does the registry's plugin `name` implement `point` (by its methods, as the framework decides)? */
export const registryImplements = (name: string, point: Parameters<typeof implementsPoint>[1]): boolean => {
  const p = probes.get(name);
  return p !== undefined && implementsPoint(p, point);
};

/** A Framework for one profile (the default one unless given) over `snapshot`, wired as the scheduler wires it. */
export function frameworkFor(snapshot: Snapshot, o: FrameworkOpts = {}): FrameworkFixture {
  const nominator = new PodNominator();
  const prng = new Prng(o.seed ?? 1);
  // The handle calls back into the framework it is given to (as the scheduler's does).
  const self: { fwk?: Framework } = {};
  const handle: PreemptionHandle = {
    ...listerHandle(snapshot, o.objects),
    runFilters: (state, pod, node) => self.fwk!.runFilters(state, pod, node, nominator),
    removePod: (state, pod, victim, node) => self.fwk!.removePod(state, pod, victim, node),
    addPod: (state, pod, other, node) => self.fwk!.addPod(state, pod, other, node),
    nominatedPods: (node) => nominator.onNode(node),
    randomInt: (n) => prng.nextInt(n),
  };
  const fwk = new Framework(expandProfile(o.profile ?? { schedulerName: 'default-scheduler' }, () => true), PLUGIN_REGISTRY, handle, o.globalPercentage ?? 0);
  self.fwk = fwk;
  return { fwk, handle, nominator, prng };
}

/** Nominates `pod` to `nodeName` (what preemption leaves behind), in the nominator and in its status. */
export function nominate(nominator: PodNominator, pod: Pod, nodeName: string): Pod {
  const p: Pod = { ...pod, status: { ...pod.status, nominatedNodeName: nodeName } };
  nominator.set(podInfo(p), nodeName);
  return p;
}
