/**
 * KubeSchedulerConfiguration: numFeasibleNodesToFind against every row of reference §1.2; the
 * default profile's expansion into extension points against §1.1 (order and score weights); how
 * multiPoint and per-point enabled/disabled sets combine (v1 defaults.go mergePluginSet and the
 * framework's expandMultiPointPlugins / getScoreWeights); and the validation errors of parsing.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  ConfigError,
  DEFAULT_MULTIPOINT,
  DEFAULT_SCHEDULER_NAME,
  EXTENSION_POINTS,
  defaultSchedulerConfig,
  expandProfile,
  numFeasibleNodesToFind,
  parseSchedulerConfig,
  type ExtensionPoint,
  type ProfileConfig,
} from '../../../src/engine/components/scheduler/framework/config.ts';
import { isKnownPlugin } from '../../../src/engine/components/scheduler/plugins/registry.ts';
import { registryImplements } from './framework-fixtures.ts';

// ---- numFeasibleNodesToFind (§1.2) ---------------------------------------------------------------

describe('numFeasibleNodesToFind (§1.2)', () => {
  // [numAllNodes, percentageOfNodesToScore (undefined = unset), nodes to find, source]
  const rows: [number, number | undefined, number, string][] = [
    [10, undefined, 10, 'upstream test'],
    [10, 40, 10, 'upstream test'],
    [1000, undefined, 420, 'upstream test: 50 − 8 = 42 %'],
    [1000, 40, 400, 'upstream test'],
    [6000, undefined, 300, 'upstream test: 50 − 48 = 2 → floored to 5 %'],
    [6000, 40, 2400, 'upstream test'],
    [5000, undefined, 500, 'derived: 10 %'],
    [200, undefined, 100, 'derived: 49 % → 98 → raised to 100'],
  ];
  it.each(rows)('%i nodes, percentage %s → %i (%s)', (n, pct, want) => {
    expect(numFeasibleNodesToFind(n, pct)).toBe(want);
  });

  // Rule 1 and 3 at their edges.
  it.each<[number, number | undefined, number, string]>([
    [99, undefined, 99, 'below 100 nodes every node is evaluated'],
    [99, 1, 99, 'even with a tiny percentage'],
    [100, undefined, 100, '50 % of 100 = 50, raised to 100'],
    [150, 0, 100, '0 is the same as unset (adaptive)'],
    [500, 100, 500, '100 % = all nodes'],
    [500, 10, 100, '10 % = 50, raised to the minimum of 100'],
    [3000, 5, 150, '5 % of 3000'],
    [6250, undefined, 312, 'adaptive 50 − 50 = 0 → 5 %, 6250 × 5 / 100 = 312 (integer)'],
  ])('%i nodes, percentage %s → %i (%s)', (n, pct, want) => {
    expect(numFeasibleNodesToFind(n, pct)).toBe(want);
  });
});

// ---- expansion of the default profile (§1.1) -------------------------------------------------------

/**
 * §1.1's "extension points used by default" per plugin, as the implements() oracle for
 * expandProfile (NodeVolumeLimits has a PreFilter too in v1.31: CSILimits.PreFilter skips pods
 * without volumes — the reference's table leaves it out).
 */
const REFERENCE_POINTS: Record<string, readonly ExtensionPoint[]> = {
  SchedulingGates: ['preEnqueue'],
  PrioritySort: ['queueSort'],
  NodeUnschedulable: ['filter'],
  NodeName: ['filter'],
  TaintToleration: ['filter', 'preScore', 'score'],
  NodeAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  NodePorts: ['preFilter', 'filter'],
  NodeResourcesFit: ['preFilter', 'filter', 'preScore', 'score'],
  VolumeRestrictions: ['preFilter', 'filter'],
  NodeVolumeLimits: ['preFilter', 'filter'],
  VolumeBinding: ['preFilter', 'filter', 'reserve', 'preBind'],
  VolumeZone: ['preFilter', 'filter'],
  PodTopologySpread: ['preFilter', 'filter', 'preScore', 'score'],
  InterPodAffinity: ['preFilter', 'filter', 'preScore', 'score'],
  DefaultPreemption: ['postFilter'],
  NodeResourcesBalancedAllocation: ['preScore', 'score'],
  ImageLocality: ['score'],
  DefaultBinder: ['bind'],
};
const refImplements = (name: string, point: ExtensionPoint): boolean => REFERENCE_POINTS[name]?.includes(point) ?? false;

/** The v1.31 default plugins per extension point, in §1.1's order. */
const DEFAULT_POINTS: Record<ExtensionPoint, string[]> = {
  preEnqueue: ['SchedulingGates'],
  queueSort: ['PrioritySort'],
  preFilter: [
    'NodeAffinity',
    'NodePorts',
    'NodeResourcesFit',
    'VolumeRestrictions',
    'NodeVolumeLimits',
    'VolumeBinding',
    'VolumeZone',
    'PodTopologySpread',
    'InterPodAffinity',
  ],
  filter: [
    'NodeUnschedulable',
    'NodeName',
    'TaintToleration',
    'NodeAffinity',
    'NodePorts',
    'NodeResourcesFit',
    'VolumeRestrictions',
    'NodeVolumeLimits',
    'VolumeBinding',
    'VolumeZone',
    'PodTopologySpread',
    'InterPodAffinity',
  ],
  postFilter: ['DefaultPreemption'],
  preScore: ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation'],
  score: ['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'PodTopologySpread', 'InterPodAffinity', 'NodeResourcesBalancedAllocation', 'ImageLocality'],
  reserve: ['VolumeBinding'],
  permit: [],
  preBind: ['VolumeBinding'],
  bind: ['DefaultBinder'],
};

const DEFAULT_SCORE_WEIGHTS: Record<string, number> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  NodeResourcesFit: 1,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
};

const without = (list: readonly string[], ...names: string[]) => list.filter((n) => !names.includes(n));
const scoreWeights = (weights: Record<string, number>, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, weights[n]]));

describe('default profile expansion (§1.1)', () => {
  const x = expandProfile({ schedulerName: DEFAULT_SCHEDULER_NAME }, refImplements);

  it('the MultiPoint list is §1.1 in order (no EBS/GCEPD/AzureDisk limits in v1.31, no DynamicResources)', () => {
    expect(DEFAULT_MULTIPOINT.map((r) => r.name)).toEqual(Object.keys(REFERENCE_POINTS));
  });

  it.each(EXTENSION_POINTS.map((p) => [p]))('%s: the §1.1 plugins, in order', (point) => {
    expect(x.points[point]).toEqual(DEFAULT_POINTS[point]);
  });

  // §1.1 says the maximum total is 1100, but 3+2+1+2+2+1+1 = 12 weights × 100 = 1200.
  it('score weights 3,2,1,2,2,1,1 — a maximum total of 1200', () => {
    expect(scoreWeights(x.weights, x.points.score)).toEqual(DEFAULT_SCORE_WEIGHTS);
    expect(x.points.score.reduce((s, n) => s + 100 * x.weights[n], 0)).toBe(1200);
  });

  it('the profile keeps its name, no percentage of its own, no args', () => {
    expect(x.schedulerName).toBe('default-scheduler');
    expect(x.percentageOfNodesToScore).toBeUndefined();
    expect(x.args).toEqual({});
  });

  // The registry's plugin objects implement what §1.1 says, except VolumeBinding's Reserve and
  // PreBind (binding unbound WaitForFirstConsumer claims belongs to the storage issue) and
  // ImageLocality's PreScore (Podlab's caches the pod's images there and never skips; upstream's
  // is Score-only — no observable difference).
  it.each(EXTENSION_POINTS.filter((p) => p !== 'reserve' && p !== 'preBind').map((p) => [p]))(
    '%s: the real registry expands to the same plugins',
    (point) => {
      const got = expandProfile({ schedulerName: 'default-scheduler' }, registryImplements).points[point];
      expect(point === 'preScore' ? without(got, 'ImageLocality') : got).toEqual(DEFAULT_POINTS[point]);
    },
  );

  it('the default configuration: adaptive percentage, back-off 1 s to 10 s, one default-scheduler profile', () => {
    expect(defaultSchedulerConfig()).toEqual({
      percentageOfNodesToScore: 0,
      podInitialBackoffSeconds: 1,
      podMaxBackoffSeconds: 10,
      profiles: [{ schedulerName: 'default-scheduler' }],
    });
  });
});

// ---- multiPoint and per-point sets ---------------------------------------------------------------

const expand = (plugins: ProfileConfig['plugins'], extra: Partial<ProfileConfig> = {}) =>
  expandProfile({ schedulerName: 'p', plugins, ...extra }, refImplements);

describe('multiPoint', () => {
  it("disabled '*' leaves only the plugins enabled explicitly", () => {
    const x = expand({
      multiPoint: {
        disabled: [{ name: '*' }],
        enabled: [{ name: 'PrioritySort' }, { name: 'NodeResourcesFit', weight: 4 }, { name: 'TaintToleration' }, { name: 'DefaultBinder' }],
      },
    });
    expect(x.points).toEqual({
      preEnqueue: [],
      queueSort: ['PrioritySort'],
      preFilter: ['NodeResourcesFit'],
      filter: ['NodeResourcesFit', 'TaintToleration'],
      postFilter: [],
      preScore: ['NodeResourcesFit', 'TaintToleration'],
      score: ['NodeResourcesFit', 'TaintToleration'],
      reserve: [],
      permit: [],
      preBind: [],
      bind: ['DefaultBinder'],
    });
    // A re-enabled plugin has the weight given there (none = 1), not its default weight.
    expect(scoreWeights(x.weights, x.points.score)).toEqual({ NodeResourcesFit: 4, TaintToleration: 1 });
  });

  it('disabling one default plugin removes it from every point', () => {
    const x = expand({ multiPoint: { disabled: [{ name: 'NodeResourcesFit' }] } });
    for (const point of EXTENSION_POINTS) expect(x.points[point]).toEqual(without(DEFAULT_POINTS[point], 'NodeResourcesFit'));
  });

  it('disabled at multiPoint and enabled again there: appended after the defaults', () => {
    const x = expand({ multiPoint: { disabled: [{ name: 'TaintToleration' }], enabled: [{ name: 'TaintToleration', weight: 5 }] } });
    expect(x.points.filter).toEqual([...without(DEFAULT_POINTS.filter, 'TaintToleration'), 'TaintToleration']);
    expect(x.points.score).toEqual([...without(DEFAULT_POINTS.score, 'TaintToleration'), 'TaintToleration']);
    expect(x.weights.TaintToleration).toBe(5);
  });

  // mergePluginSet: "The default plugin is explicitly re-configured ... Update the default plugin
  // in place to preserve order."
  it('re-configuring a default plugin (a new weight) keeps its place in the order', () => {
    const x = expand({ multiPoint: { enabled: [{ name: 'TaintToleration', weight: 7 }] } });
    expect(x.points.filter).toEqual(DEFAULT_POINTS.filter);
    expect(x.points.score).toEqual(DEFAULT_POINTS.score);
  });

  it('re-configuring a default plugin sets its weight', () => {
    const x = expand({ multiPoint: { enabled: [{ name: 'TaintToleration', weight: 7 }, { name: 'NodeAffinity' }] } });
    expect(x.weights.TaintToleration).toBe(7);
    // Replaced in place with a weight of 0 → getScoreWeights makes it 1.
    expect(x.weights.NodeAffinity).toBe(1);
  });
});

describe('per-point enabled / disabled', () => {
  it('a plugin disabled at one point stays at the others', () => {
    const x = expand({ filter: { disabled: [{ name: 'TaintToleration' }] } });
    expect(x.points.filter).toEqual(without(DEFAULT_POINTS.filter, 'TaintToleration'));
    expect(x.points.preScore).toEqual(DEFAULT_POINTS.preScore);
    expect(x.points.score).toEqual(DEFAULT_POINTS.score);
  });

  it("disabled '*' at a point: only that point's explicit plugins, the others untouched", () => {
    const x = expand({ filter: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }, { name: 'NodeUnschedulable' }] } });
    expect(x.points.filter).toEqual(['NodeResourcesFit', 'NodeUnschedulable']);
    expect(x.points.preFilter).toEqual(DEFAULT_POINTS.preFilter);
    expect(x.points.score).toEqual(DEFAULT_POINTS.score);
  });

  it("score disabled '*': no scoring at all, PreScore unchanged", () => {
    const x = expand({ score: { disabled: [{ name: '*' }] } });
    expect(x.points.score).toEqual([]);
    expect(x.points.preScore).toEqual(DEFAULT_POINTS.preScore);
  });

  it('enabling a MultiPoint plugin at a point again moves it first there (an override)', () => {
    const x = expand({ filter: { enabled: [{ name: 'InterPodAffinity' }, { name: 'NodeResourcesFit' }] } });
    expect(x.points.filter).toEqual(['InterPodAffinity', 'NodeResourcesFit', ...without(DEFAULT_POINTS.filter, 'InterPodAffinity', 'NodeResourcesFit')]);
    expect(x.points.preFilter).toEqual(DEFAULT_POINTS.preFilter);
  });

  // expandMultiPointPlugins: part 1 overrides, part 2 MultiPoint plugins, part 3 the point's other
  // explicit plugins — a plugin enabled only at the point comes after the MultiPoint ones.
  it('a plugin enabled only at a point (not in MultiPoint) comes after the MultiPoint plugins', () => {
    const x = expand({ multiPoint: { disabled: [{ name: 'NodePorts' }] }, filter: { enabled: [{ name: 'NodePorts' }] } });
    expect(x.points.filter).toEqual([...without(DEFAULT_POINTS.filter, 'NodePorts'), 'NodePorts']);
    expect(x.points.preFilter).toEqual(without(DEFAULT_POINTS.preFilter, 'NodePorts'));
  });
});

describe('score weights', () => {
  it('score.enabled with a weight overrides the MultiPoint weight (and moves the plugin first)', () => {
    const x = expand({ score: { enabled: [{ name: 'ImageLocality', weight: 5 }] } });
    expect(x.points.score).toEqual(['ImageLocality', ...without(DEFAULT_POINTS.score, 'ImageLocality')]);
    expect(scoreWeights(x.weights, x.points.score)).toEqual({ ...DEFAULT_SCORE_WEIGHTS, ImageLocality: 5 });
  });

  it('several overrides at once; the others keep their defaults', () => {
    const x = expand({ score: { enabled: [{ name: 'NodeResourcesFit', weight: 10 }, { name: 'TaintToleration', weight: 1 }] } });
    expect(scoreWeights(x.weights, x.points.score)).toEqual({ ...DEFAULT_SCORE_WEIGHTS, NodeResourcesFit: 10, TaintToleration: 1 });
  });

  // getScoreWeights(Score.Enabled ++ MultiPoint.Enabled): the first entry for a plugin wins and a
  // weight of 0 (unset) becomes 1 — the MultiPoint weight is not consulted.
  it('score.enabled without a weight gives weight 1, not the MultiPoint weight', () => {
    const x = expand({ score: { enabled: [{ name: 'TaintToleration' }] } });
    expect(x.weights.TaintToleration).toBe(1);
  });

  it('a score plugin disabled at MultiPoint and enabled at score, with its weight', () => {
    const x = expand({ multiPoint: { disabled: [{ name: 'ImageLocality' }] }, score: { enabled: [{ name: 'ImageLocality', weight: 4 }] } });
    expect(x.points.score).toContain('ImageLocality');
    expect(x.weights.ImageLocality).toBe(4);
  });

  it('percentageOfNodesToScore and pluginConfig args carry through', () => {
    const x = expand(undefined, {
      percentageOfNodesToScore: 30,
      pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
    });
    expect(x.percentageOfNodesToScore).toBe(30);
    expect(x.args).toEqual({ NodeResourcesFit: { scoringStrategy: { type: 'MostAllocated' } } });
  });
});

// ---- parsing ---------------------------------------------------------------------------------------

const HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';
const parseYaml = (text: string) => parseSchedulerConfig(parse(text), isKnownPlugin);

describe('parseSchedulerConfig', () => {
  it('an empty configuration is the default one', () => {
    expect(parseYaml(HEAD)).toEqual(defaultSchedulerConfig());
  });

  it('reads every field Podlab models', () => {
    const cfg = parseYaml(
      HEAD +
        `percentageOfNodesToScore: 40
podInitialBackoffSeconds: 2
podMaxBackoffSeconds: 20
profiles:
  - schedulerName: default-scheduler
    percentageOfNodesToScore: 70
    plugins:
      multiPoint:
        disabled:
          - name: ImageLocality
      score:
        enabled:
          - name: NodeResourcesFit
            weight: 5
    pluginConfig:
      - name: NodeResourcesFit
        args:
          scoringStrategy:
            type: MostAllocated
  - schedulerName: bin-packer
`,
    );
    expect(cfg).toEqual({
      percentageOfNodesToScore: 40,
      podInitialBackoffSeconds: 2,
      podMaxBackoffSeconds: 20,
      profiles: [
        {
          schedulerName: 'default-scheduler',
          percentageOfNodesToScore: 70,
          plugins: {
            multiPoint: { enabled: [], disabled: [{ name: 'ImageLocality' }] },
            score: { enabled: [{ name: 'NodeResourcesFit', weight: 5 }], disabled: [] },
          },
          pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
        },
        { schedulerName: 'bin-packer' },
      ],
    });
  });

  it('a single profile without a name is default-scheduler', () => {
    expect(parseYaml(HEAD + 'profiles:\n  - percentageOfNodesToScore: 10\n').profiles).toEqual([
      { schedulerName: 'default-scheduler', percentageOfNodesToScore: 10 },
    ]);
  });

  it.each([0, 100, 55])('percentageOfNodesToScore %i is valid', (v) => {
    expect(parseYaml(HEAD + `percentageOfNodesToScore: ${v}\n`).percentageOfNodesToScore).toBe(v);
  });

  // [case, document, error]
  const errors: [string, string, string | RegExp][] = [
    // shapes
    ['a YAML list', '- a\n- b\n', 'the configuration is not a YAML mapping'],
    ['a scalar', 'hello\n', 'the configuration is not a YAML mapping'],
    ['an empty document', '', 'the configuration is not a YAML mapping'],
    ['the wrong kind', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: Pod\n', 'kind "Pod" is not KubeSchedulerConfiguration'],
    ['no kind', 'apiVersion: kubescheduler.config.k8s.io/v1\n', 'kind "" is not KubeSchedulerConfiguration'],
    [
      'an old apiVersion',
      'apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n',
      'apiVersion "kubescheduler.config.k8s.io/v1beta3" is not kubescheduler.config.k8s.io/v1',
    ],
    ['profiles is a mapping', HEAD + 'profiles:\n  schedulerName: a\n', 'profiles: Required value'],
    ['profiles is empty', HEAD + 'profiles: []\n', 'profiles: Required value'],
    ['a profile is a string', HEAD + 'profiles:\n  - default-scheduler\n', 'profiles[0]: must be a mapping'],
    ['an empty schedulerName', HEAD + 'profiles:\n  - schedulerName: ""\n', 'profiles[0].schedulerName: Required value'],
    ['plugins is a list', HEAD + 'profiles:\n  - plugins: []\n', 'profiles[0].plugins: must be a mapping'],
    ['an unknown extension point', HEAD + 'profiles:\n  - plugins:\n      postBindz: {}\n', 'profiles[0].plugins: unknown extension point "postBindz"'],
    ['a plugin set is a list', HEAD + 'profiles:\n  - plugins:\n      filter: []\n', 'profiles[0].plugins.filter: must be a mapping'],
    ['enabled is a mapping', HEAD + 'profiles:\n  - plugins:\n      score:\n        enabled: {name: ImageLocality}\n', 'profiles[0].plugins.score.enabled: must be a list'],
    ['a plugin without a name', HEAD + 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - weight: 2\n', 'profiles[0].plugins.score.enabled[0].name: Required value'],
    ['a negative weight', HEAD + 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - {name: ImageLocality, weight: -1}\n', 'profiles[0].plugins.score.enabled[0].weight: Invalid value: -1'],
    ['a fractional weight', HEAD + 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - {name: ImageLocality, weight: 1.5}\n', 'profiles[0].plugins.score.enabled[0].weight: Invalid value: 1.5'],
    ['pluginConfig is a mapping', HEAD + 'profiles:\n  - pluginConfig: {}\n', 'profiles[0].pluginConfig: must be a list'],
    ['pluginConfig without a name', HEAD + 'profiles:\n  - pluginConfig:\n      - args: {}\n', 'profiles[0].pluginConfig[0].name: Required value'],
    ['pluginConfig args is a list', HEAD + 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesFit\n        args: []\n', 'profiles[0].pluginConfig[0].args: must be a mapping'],
    // unknown plugins
    ['an unknown plugin at multiPoint', HEAD + 'profiles:\n  - plugins:\n      multiPoint:\n        enabled:\n          - name: Coscheduling\n', 'profiles[0].plugins.multiPoint.enabled[0]: Invalid value: "Coscheduling": unknown plugin'],
    ['an unknown plugin disabled', HEAD + 'profiles:\n  - plugins:\n      filter:\n        disabled:\n          - name: EBSLimits\n', 'profiles[0].plugins.filter.disabled[0]: Invalid value: "EBSLimits": unknown plugin'],
    ['an unknown plugin in pluginConfig', HEAD + 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesFitt\n', 'profiles[0].pluginConfig[0]: Invalid value: "NodeResourcesFitt": unknown plugin'],
    ['a plugin name differing in case', HEAD + 'profiles:\n  - plugins:\n      score:\n        enabled:\n          - name: imagelocality\n', /"imagelocality": unknown plugin/],
    // percentages
    ['percentage 101', HEAD + 'percentageOfNodesToScore: 101\n', 'percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]'],
    ['percentage -1', HEAD + 'percentageOfNodesToScore: -1\n', 'percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]'],
    ['percentage 12.5', HEAD + 'percentageOfNodesToScore: 12.5\n', 'percentageOfNodesToScore: Invalid value: 12.5: not in valid range [0-100]'],
    ['percentage "50"', HEAD + 'percentageOfNodesToScore: "50"\n', 'percentageOfNodesToScore: Invalid value: 50: not in valid range [0-100]'],
    ['a profile percentage 150', HEAD + 'profiles:\n  - percentageOfNodesToScore: 150\n', 'profiles[0].percentageOfNodesToScore: Invalid value: 150: not in valid range [0-100]'],
    // back-off
    ['podInitialBackoffSeconds 0', HEAD + 'podInitialBackoffSeconds: 0\n', 'podInitialBackoffSeconds: Invalid value: 0: must be greater than 0'],
    ['podMaxBackoffSeconds below the initial', HEAD + 'podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n', 'podMaxBackoffSeconds: Invalid value: must be greater than or equal to PodInitialBackoffSeconds'],
    // duplicate profiles
    ['two profiles with one name', HEAD + 'profiles:\n  - schedulerName: a\n  - schedulerName: b\n  - schedulerName: a\n', 'profiles[2].schedulerName: Duplicate value: "a"'],
    ['two default-scheduler profiles', HEAD + 'profiles:\n  - schedulerName: default-scheduler\n  - schedulerName: default-scheduler\n', 'profiles[1].schedulerName: Duplicate value: "default-scheduler"'],
    // defaults.go names a profile default-scheduler only when it is the only one; validation then
    // requires a name on every profile of several.
    ['a second profile without a name', HEAD + 'profiles:\n  - schedulerName: a\n  - percentageOfNodesToScore: 10\n', 'profiles[1].schedulerName: Required value'],
    // validatePluginConfig: field.Duplicate on a plugin configured twice.
    [
      'a plugin configured twice',
      HEAD + 'profiles:\n  - pluginConfig:\n      - name: NodeResourcesFit\n      - name: NodeResourcesFit\n',
      /profiles\[0\]\.pluginConfig\[1\].*Duplicate value: "NodeResourcesFit"/,
    ],
  ];
  it.each(errors)('rejects %s', (_case, doc, message) => {
    let err: unknown;
    try {
      parseYaml(doc);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    if (typeof message === 'string') expect((err as Error).message).toBe(message);
    else expect((err as Error).message).toMatch(message);
  });

  it("'*' is accepted as a disabled name", () => {
    const cfg = parseYaml(HEAD + "profiles:\n  - plugins:\n      multiPoint:\n        disabled:\n          - name: '*'\n");
    expect(cfg.profiles[0].plugins?.multiPoint?.disabled).toEqual([{ name: '*' }]);
  });
});
