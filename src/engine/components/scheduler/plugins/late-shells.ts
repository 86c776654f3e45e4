/**
 * Shells of the scheduler plugins whose logic is a late part of the engine (engine/late.ts):
 * PodTopologySpread, InterPodAffinity, VolumeBinding and DefaultPreemption. The default cluster's
 * scheduler is built at boot, but it schedules no pod until a command makes one, and the worker
 * handles its first command only once the late parts are loaded.
 *
 * A shell is made at boot with what the framework reads when it builds a profile: the plugin's
 * name, its events, its args (checked here, so a bad configuration fails where it always did), and
 * the same set of methods as the real plugin (the framework picks extension points by which methods
 * a plugin has). The first call of any method builds the real plugin (pod-topology-spread.ts, …)
 * and puts its methods on the shell, so every later call goes straight to them. The plugins are
 * pure over their inputs, so a cycle decides the same whichever call built them.
 */
import { late } from '../../../late.ts';
import type { ClusterEvent, FrameworkHandle, Plugin, PluginFactory } from '../framework/types.ts';
import type { DefaultPreemptionArgs, DefaultPreemptionPlugin } from './default-preemption.ts';
import type { InterPodAffinityArgs } from './inter-pod-affinity.ts';
import type { PodTopologySpreadArgs, TopologySpreadConstraintSpec } from './pod-topology-spread.ts';

/**
 * A plugin object with `fields` whose `methods` build the real plugin (`make`) on their first
 * call and are then replaced by the real plugin's own (bound to it).
 */
function latePlugin<P extends Plugin>(fields: Partial<P> & Plugin, methods: readonly string[], make: () => P): P {
  const shell = fields as unknown as Record<string, unknown>;
  const load = (): Record<string, unknown> => {
    const real = make() as unknown as Record<string, unknown>;
    for (const m of methods) {
      const f = real[m];
      if (typeof f !== 'function') throw new Error(`internal error: the ${fields.name} plugin has no method ${m}`);
      shell[m] = (f as (...args: unknown[]) => unknown).bind(real);
    }
    return shell;
  };
  for (const m of methods) shell[m] = (...args: unknown[]) => (load()[m] as (...a: unknown[]) => unknown)(...args);
  return shell as unknown as P;
}

// ---- PodTopologySpread -----------------------------------------------------------------------

export const PTS_NAME = 'PodTopologySpread';
export const HOSTNAME_KEY = 'kubernetes.io/hostname';
export const ZONE_KEY = 'topology.kubernetes.io/zone';

/** The constraints `defaultingType: System` applies (plugin.go systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraintSpec[] = Object.freeze([
  { maxSkew: 3, topologyKey: HOSTNAME_KEY, whenUnsatisfiable: 'ScheduleAnyway' },
  { maxSkew: 5, topologyKey: ZONE_KEY, whenUnsatisfiable: 'ScheduleAnyway' },
]);

/** Pods with an assigned pod's change, nodes added/removed/relabelled/retainted (v1.31 EventsToRegister). */
export const PTS_EVENTS: readonly ClusterEvent[] = [
  { resource: 'Pod', action: 'All' },
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'Delete' },
  { resource: 'Node', action: 'UpdateNodeLabel' },
  { resource: 'Node', action: 'UpdateNodeTaint' },
];

/** PodTopologySpreadArgs checked and defaulted: the default constraints, and whether they are the system's. */
export function podTopologySpreadDefaults(args: Record<string, unknown> | undefined): { defaults: readonly TopologySpreadConstraintSpec[]; systemDefaulted: boolean } {
  const a = (args ?? {}) as PodTopologySpreadArgs;
  const defaultingType = a.defaultingType ?? 'System';
  const listed = a.defaultConstraints ?? [];
  if (defaultingType === 'System' && listed.length > 0) {
    throw new Error('defaultConstraints: Invalid value: when .defaultingType is "System", .defaultConstraints must be empty');
  }
  return { defaults: defaultingType === 'System' ? SYSTEM_DEFAULT_CONSTRAINTS : listed, systemDefaulted: defaultingType === 'System' };
}

export const PTS_METHODS = ['preFilter', 'filter', 'removePod', 'addPod', 'preScore', 'score', 'scoreNodes', 'normalizeScore', 'explain'] as const;

export const podTopologySpread: PluginFactory = (args, handle) => {
  podTopologySpreadDefaults(args);
  return latePlugin({ name: PTS_NAME, events: PTS_EVENTS }, PTS_METHODS, () => late().podTopologySpread(args, handle));
};

// ---- InterPodAffinity ------------------------------------------------------------------------

export const IPA_NAME = 'InterPodAffinity';

/** v1.31 EventsToRegister: assigned pods added/relabelled/deleted, nodes added/relabelled/retainted. */
export const IPA_EVENTS: readonly ClusterEvent[] = [
  { resource: 'Pod', action: 'Add' },
  { resource: 'Pod', action: 'UpdatePodLabel' },
  { resource: 'Pod', action: 'Delete' },
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'UpdateNodeLabel' },
  { resource: 'Node', action: 'UpdateNodeTaint' },
];

/** InterPodAffinityArgs checked and defaulted. */
export function interPodAffinityArgs(args: Record<string, unknown> | undefined): Required<InterPodAffinityArgs> {
  const a = (args ?? {}) as InterPodAffinityArgs;
  const hardPodAffinityWeight = a.hardPodAffinityWeight ?? 1;
  if (!Number.isInteger(hardPodAffinityWeight) || hardPodAffinityWeight < 0 || hardPodAffinityWeight > 100) {
    throw new Error(`hardPodAffinityWeight: Invalid value: ${hardPodAffinityWeight}: not in valid range [0-100]`);
  }
  return { hardPodAffinityWeight, ignorePreferredTermsOfExistingPods: a.ignorePreferredTermsOfExistingPods ?? false };
}

export const IPA_METHODS = ['preFilter', 'filter', 'removePod', 'addPod', 'preScore', 'score', 'normalizeScore', 'explain'] as const;

export const interPodAffinity: PluginFactory = (args, handle) => {
  interPodAffinityArgs(args);
  return latePlugin({ name: IPA_NAME, events: IPA_EVENTS }, IPA_METHODS, () => late().interPodAffinity(args, handle));
};

// ---- VolumeBinding ---------------------------------------------------------------------------

export const VB_NAME = 'VolumeBinding';

export const VB_EVENTS: readonly ClusterEvent[] = [
  { resource: 'Node', action: 'Add' },
  { resource: 'Node', action: 'UpdateNodeLabel' },
  { resource: 'PersistentVolumeClaim', action: 'All' },
  { resource: 'PersistentVolume', action: 'All' },
  { resource: 'StorageClass', action: 'All' },
];

export const VB_METHODS = ['preFilter', 'filter', 'preBind', 'explain'] as const;

export const volumeBinding: PluginFactory = (args, handle) =>
  latePlugin({ name: VB_NAME, events: VB_EVENTS }, VB_METHODS, () => late().volumeBinding(args, handle));

// ---- DefaultPreemption -----------------------------------------------------------------------

export const DP_NAME = 'DefaultPreemption';

/** Defaults (v1 SetDefaults_DefaultPreemptionArgs) and validation (ValidateDefaultPreemptionArgs). */
export function defaultPreemptionArgs(args: Record<string, unknown> | undefined): DefaultPreemptionArgs {
  const pct = args?.minCandidateNodesPercentage ?? 10;
  const abs = args?.minCandidateNodesAbsolute ?? 100;
  const errors: string[] = [];
  if (!Number.isInteger(pct) || (pct as number) < 0 || (pct as number) > 100) {
    errors.push(`minCandidateNodesPercentage: Invalid value: ${String(pct)}: not in valid range [0, 100]`);
  }
  if (!Number.isInteger(abs) || (abs as number) < 0) {
    errors.push(`minCandidateNodesAbsolute: Invalid value: ${String(abs)}: not in valid range [0, inf)`);
  }
  if (pct === 0 && abs === 0) {
    errors.push(
      'minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute',
      'minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage',
    );
  }
  if (errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  return { minCandidateNodesPercentage: pct as number, minCandidateNodesAbsolute: abs as number };
}

export const DP_METHODS = ['preempt', 'postFilter'] as const;

export function defaultPreemption(args: Record<string, unknown> | undefined, handle: FrameworkHandle): DefaultPreemptionPlugin {
  return latePlugin<DefaultPreemptionPlugin>({ name: DP_NAME, args: defaultPreemptionArgs(args) }, DP_METHODS, () => late().defaultPreemption(args, handle));
}
