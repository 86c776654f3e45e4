/**
 * KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1) as far as Podlab models it: the
 * default profile of v1.31 (reference §1.1), percentageOfNodesToScore, back-off, and per-profile
 * plugin sets and args — parsed from the YAML `sim scheduler config -f FILE` reads, and expanded
 * into the plugin list of each extension point the way the framework expands MultiPoint.
 */

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
export const CONFIG_API_VERSION = 'kubescheduler.config.k8s.io/v1';

export interface PluginRef {
  name: string;
  weight?: number;
}

export interface PluginSet {
  enabled?: PluginRef[];
  disabled?: PluginRef[];
}

export const EXTENSION_POINTS = [
  'preEnqueue',
  'queueSort',
  'preFilter',
  'filter',
  'postFilter',
  'preScore',
  'score',
  'reserve',
  'permit',
  'preBind',
  'bind',
] as const;
export type ExtensionPoint = (typeof EXTENSION_POINTS)[number];

export interface ProfileConfig {
  schedulerName: string;
  percentageOfNodesToScore?: number;
  plugins?: Partial<Record<ExtensionPoint | 'multiPoint', PluginSet>>;
  pluginConfig?: { name: string; args?: Record<string, unknown> }[];
}

export interface SchedulerConfig {
  percentageOfNodesToScore: number;
  podInitialBackoffSeconds: number;
  podMaxBackoffSeconds: number;
  profiles: ProfileConfig[];
}

/** The v1.31 default MultiPoint plugins, in order, with their score weights (reference §1.1). */
export const DEFAULT_MULTIPOINT: readonly PluginRef[] = [
  { name: 'SchedulingGates' },
  { name: 'PrioritySort' },
  { name: 'NodeUnschedulable' },
  { name: 'NodeName' },
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodePorts' },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'VolumeRestrictions' },
  { name: 'NodeVolumeLimits' },
  { name: 'VolumeBinding' },
  { name: 'VolumeZone' },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'DefaultPreemption' },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
  { name: 'DefaultBinder' },
];

export function defaultSchedulerConfig(): SchedulerConfig {
  return {
    percentageOfNodesToScore: 0,
    podInitialBackoffSeconds: 1,
    podMaxBackoffSeconds: 10,
    profiles: [{ schedulerName: DEFAULT_SCHEDULER_NAME }],
  };
}

/** One profile's plugins per extension point, with score weights and args. */
export interface ExpandedProfile {
  schedulerName: string;
  percentageOfNodesToScore?: number;
  points: Record<ExtensionPoint, string[]>;
  weights: Record<string, number>;
  args: Record<string, Record<string, unknown> | undefined>;
}

/**
 * Expands a profile as the v1.31 framework does: the default MultiPoint set minus the profile's
 * multiPoint.disabled (`*` = all) plus its multiPoint.enabled; then, per extension point, the
 * plugins enabled there explicitly come first, followed by the MultiPoint plugins that implement
 * the point and are not disabled there. `implements(name, point)` says which points a plugin has.
 */
export function expandProfile(p: ProfileConfig, implements_: (name: string, point: ExtensionPoint) => boolean): ExpandedProfile {
  const mp = p.plugins?.multiPoint;
  // mergePluginSet: a default re-enabled with new settings keeps its place; new plugins go last.
  const multi: PluginRef[] = disabledAll(mp) ? [] : DEFAULT_MULTIPOINT.filter((r) => !isDisabled(mp, r.name));
  for (const e of mp?.enabled ?? []) {
    const i = multi.findIndex((r) => r.name === e.name);
    if (i >= 0) multi[i] = e;
    else multi.push(e);
  }
  const points = {} as Record<ExtensionPoint, string[]>;
  for (const point of EXTENSION_POINTS) {
    const set = p.plugins?.[point];
    const explicit = (set?.enabled ?? []).map((r) => r.name);
    const multiNames = multi.map((r) => r.name);
    // expandMultiPointPlugins: plugins enabled at the point that MultiPoint also has (overrides)
    // first, in the point's order; then the rest of MultiPoint; then plugins only at the point.
    const overrides = explicit.filter((n) => multiNames.includes(n));
    const fromMulti = disabledAll(set)
      ? []
      : multiNames.filter((n) => !explicit.includes(n) && !isDisabled(set, n) && implements_(n, point));
    const onlyHere = explicit.filter((n) => !multiNames.includes(n));
    points[point] = [...overrides, ...fromMulti, ...onlyHere];
  }
  // getScoreWeights: the first entry for a plugin in score.enabled, then MultiPoint, wins; 0 means 1.
  const weights: Record<string, number> = {};
  for (const r of [...(p.plugins?.score?.enabled ?? []), ...multi]) {
    if (!Object.hasOwn(weights, r.name)) weights[r.name] = r.weight || 1;
  }
  const args: Record<string, Record<string, unknown> | undefined> = {};
  for (const c of p.pluginConfig ?? []) args[c.name] = c.args;
  return { schedulerName: p.schedulerName, percentageOfNodesToScore: p.percentageOfNodesToScore, points, weights, args };
}

const disabledAll = (s: PluginSet | undefined): boolean => (s?.disabled ?? []).some((d) => d.name === '*');
const isDisabled = (s: PluginSet | undefined, name: string): boolean => (s?.disabled ?? []).some((d) => d.name === name);

// ---- numFeasibleNodesToFind -----------------------------------------------------------------

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes a cycle looks for (schedule_one.go numFeasibleNodesToFind, reference
 * §1.2): all of them below 100 nodes or at ≥ 100 %; else the configured percentage, or the
 * adaptive 50 − n/125 floored at 5 %, and never fewer than 100.
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage: number | undefined): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let pct = percentage ?? 0;
  if (pct >= 100) return numAllNodes;
  if (pct <= 0) {
    pct = 50 - Math.trunc(numAllNodes / 125);
    if (pct < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) pct = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * pct) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

// ---- parsing ---------------------------------------------------------------------------------

export class ConfigError extends Error {}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a KubeSchedulerConfiguration document (already parsed from YAML) into a SchedulerConfig,
 * checking what kube-scheduler's validation checks for the fields Podlab uses. `known` says
 * whether a plugin name exists in the registry.
 */
export function parseSchedulerConfig(doc: unknown, known: (name: string) => boolean): SchedulerConfig {
  if (!isDict(doc)) throw new ConfigError('the configuration is not a YAML mapping');
  if (doc.kind !== 'KubeSchedulerConfiguration') throw new ConfigError(`kind "${String(doc.kind ?? '')}" is not KubeSchedulerConfiguration`);
  if (doc.apiVersion !== CONFIG_API_VERSION) throw new ConfigError(`apiVersion "${String(doc.apiVersion ?? '')}" is not ${CONFIG_API_VERSION}`);
  const cfg = defaultSchedulerConfig();
  cfg.percentageOfNodesToScore = percentage(doc.percentageOfNodesToScore, 'percentageOfNodesToScore') ?? 0;
  cfg.podInitialBackoffSeconds = positive(doc.podInitialBackoffSeconds, 'podInitialBackoffSeconds') ?? 1;
  cfg.podMaxBackoffSeconds = positive(doc.podMaxBackoffSeconds, 'podMaxBackoffSeconds') ?? 10;
  if (cfg.podMaxBackoffSeconds < cfg.podInitialBackoffSeconds) {
    throw new ConfigError('podMaxBackoffSeconds: Invalid value: must be greater than or equal to PodInitialBackoffSeconds');
  }
  if (doc.profiles !== undefined) {
    if (!Array.isArray(doc.profiles) || doc.profiles.length === 0) throw new ConfigError('profiles: Required value');
    const single = doc.profiles.length === 1;
    cfg.profiles = doc.profiles.map((p, i) => parseProfile(p, `profiles[${i}]`, known, single));
    const names = new Set<string>();
    cfg.profiles.forEach((p, i) => {
      if (names.has(p.schedulerName)) throw new ConfigError(`profiles[${i}].schedulerName: Duplicate value: "${p.schedulerName}"`);
      names.add(p.schedulerName);
    });
  }
  return cfg;
}

/** A lone profile without a name is the default scheduler's (SetDefaults); among several, every one needs a name. */
function parseProfile(p: unknown, path: string, known: (name: string) => boolean, single: boolean): ProfileConfig {
  if (!isDict(p)) throw new ConfigError(`${path}: must be a mapping`);
  const schedulerName = p.schedulerName === undefined && single ? DEFAULT_SCHEDULER_NAME : p.schedulerName;
  if (typeof schedulerName !== 'string' || schedulerName === '') throw new ConfigError(`${path}.schedulerName: Required value`);
  const out: ProfileConfig = { schedulerName };
  const pct = percentage(p.percentageOfNodesToScore, `${path}.percentageOfNodesToScore`);
  if (pct !== undefined) out.percentageOfNodesToScore = pct;
  if (p.plugins !== undefined) {
    if (!isDict(p.plugins)) throw new ConfigError(`${path}.plugins: must be a mapping`);
    out.plugins = {};
    for (const [point, set] of Object.entries(p.plugins)) {
      if (point !== 'multiPoint' && !(EXTENSION_POINTS as readonly string[]).includes(point)) {
        throw new ConfigError(`${path}.plugins: unknown extension point "${point}"`);
      }
      out.plugins[point as ExtensionPoint] = parsePluginSet(set, `${path}.plugins.${point}`, known);
    }
  }
  if (p.pluginConfig !== undefined) {
    if (!Array.isArray(p.pluginConfig)) throw new ConfigError(`${path}.pluginConfig: must be a list`);
    const seen = new Set<string>();
    out.pluginConfig = p.pluginConfig.map((c, i) => {
      if (!isDict(c) || typeof c.name !== 'string') throw new ConfigError(`${path}.pluginConfig[${i}].name: Required value`);
      if (seen.has(c.name)) throw new ConfigError(`${path}.pluginConfig[${i}].name: Duplicate value: "${c.name}"`);
      seen.add(c.name);
      if (!known(c.name)) throw new ConfigError(`${path}.pluginConfig[${i}]: Invalid value: "${c.name}": unknown plugin`);
      if (c.args !== undefined && !isDict(c.args)) throw new ConfigError(`${path}.pluginConfig[${i}].args: must be a mapping`);
      return { name: c.name, args: c.args as Dict | undefined };
    });
  }
  return out;
}

function parsePluginSet(set: unknown, path: string, known: (name: string) => boolean): PluginSet {
  if (!isDict(set)) throw new ConfigError(`${path}: must be a mapping`);
  const refs = (list: unknown, which: string): PluginRef[] => {
    if (list === undefined) return [];
    if (!Array.isArray(list)) throw new ConfigError(`${path}.${which}: must be a list`);
    return list.map((r, i) => {
      if (!isDict(r) || typeof r.name !== 'string') throw new ConfigError(`${path}.${which}[${i}].name: Required value`);
      if (r.name !== '*' && !known(r.name)) throw new ConfigError(`${path}.${which}[${i}]: Invalid value: "${r.name}": unknown plugin`);
      const ref: PluginRef = { name: r.name };
      if (r.weight !== undefined) {
        if (!Number.isInteger(r.weight) || (r.weight as number) < 0) throw new ConfigError(`${path}.${which}[${i}].weight: Invalid value: ${String(r.weight)}`);
        ref.weight = r.weight as number;
      }
      return ref;
    });
  };
  return { enabled: refs(set.enabled, 'enabled'), disabled: refs(set.disabled, 'disabled') };
}

function percentage(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 100) {
    throw new ConfigError(`${path}: Invalid value: ${String(v)}: not in valid range [0-100]`);
  }
  return v as number;
}

function positive(v: unknown, path: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Number.isInteger(v) || (v as number) <= 0) throw new ConfigError(`${path}: Invalid value: ${String(v)}: must be greater than 0`);
  return v as number;
}
