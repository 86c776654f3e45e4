/**
 * Acceptance 6: `sim scheduler config -f -` restarts kube-scheduler with a KubeSchedulerConfiguration.
 * NodeResourcesFit with the MostAllocated strategy (reference §2.4) packs pods onto the fullest
 * node, where the default LeastAllocated spreads them; the totals `sim explain` shows are the
 * formulas' totals. A configuration kube-scheduler would refuse gives a clear error, exit code 1,
 * and leaves the configuration in effect working.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';
import { explainScores, modelScores, podDoc, podNodes, podOf, readCluster } from './support.ts';

const MOST_ALLOCATED = `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
        resources:
        - name: cpu
          weight: 1
        - name: memory
          weight: 1
`;

/** Three equal workers; node-2 already runs a 1 CPU / 1Gi pod. */
function cluster(): Lab {
  const lab = new Lab();
  lab.apply(podDoc({ name: 'fill-2', node: 'node-2', requests: { cpu: '1', memory: '1Gi' } }));
  return lab;
}

const small = (name: string) => podDoc({ name, requests: { cpu: '200m', memory: '256Mi' } });

function configure(lab: Lab, yaml: string) {
  return lab.run('sim scheduler config -f -', yaml);
}

describe('sim scheduler config: NodeResourcesFit MostAllocated', () => {
  it('packs pods onto the fullest node, with the totals of the MostAllocated formula', () => {
    const lab = cluster();
    const r = configure(lab, MOST_ALLOCATED);
    expect([r.exitCode, r.output]).toEqual([0, 'kube-scheduler restarted with the configuration from -\n']);
    expect(lab.out('sim scheduler show')).toContain('NodeResourcesFit scoring strategy: MostAllocated\n');

    for (const name of ['p1', 'p2', 'p3']) {
      const before = readCluster(lab);
      lab.apply(small(name));
      const workers = before.nodes.filter((n) => n.name !== 'control-plane');
      const expected = modelScores(workers, before.nodes, before.pods, podOf(lab, name), 'MostAllocated');
      const best = Math.max(...expected.map((e) => e.total));
      expect(expected.filter((e) => e.total === best).map((e) => e.node)).toEqual(['node-2']);
      const rows = explainScores(lab.out(`sim explain pod/${name}`));
      expect(rows.map((x) => [x.node, x.scores.NodeResourcesFit, x.scores.NodeResourcesBalancedAllocation, x.total])).toEqual(
        expected.map((e) => [e.node, e.NodeResourcesFit, e.NodeResourcesBalancedAllocation, e.total]),
      );
      expect(podNodes(lab).get(name)).toBe('node-2');
    }
    // The first one by hand: node-2 cpu (100m kube-proxy + 1000m + 200m)/2000m = 65, memory
    // (200Mi + 1Gi + 256Mi)/3996Mi = 37 → 51; node-1 (300m → 15, 456Mi → 11) → 13.
    const first = explainScores(lab.out('sim explain pod/p1'));
    expect(first.map((x) => [x.node, x.scores.NodeResourcesFit])).toEqual([
      ['node-1', 13],
      ['node-2', 51],
      ['node-3', 13],
    ]);
  });

  it('the default LeastAllocated spreads the same pods away from the fullest node', () => {
    const lab = cluster();
    expect(lab.out('sim scheduler show')).toContain('NodeResourcesFit scoring strategy: LeastAllocated\n');
    for (const name of ['p1', 'p2', 'p3']) lab.apply(small(name));
    const nodes = podNodes(lab);
    expect(['p1', 'p2', 'p3'].map((p) => nodes.get(p))).not.toContain('node-2');
  });

  it('--default goes back to LeastAllocated', () => {
    const lab = cluster();
    configure(lab, MOST_ALLOCATED);
    lab.apply(small('packed'));
    expect(lab.out('sim scheduler config --default')).toBe('kube-scheduler restarted with the default configuration\n');
    expect(lab.out('sim scheduler show')).toContain('NodeResourcesFit scoring strategy: LeastAllocated\n');
    lab.apply(small('spread'));
    expect(podNodes(lab).get('packed')).toBe('node-2');
    expect(podNodes(lab).get('spread')).not.toBe('node-2');
  });

  it('a pending pod is scheduled under the new configuration when the scheduler restarts', () => {
    const lab = cluster();
    lab.run('kubectl cordon node-1');
    lab.run('kubectl cordon node-3');
    lab.run('kubectl cordon node-2');
    lab.apply(small('waiting'));
    expect(lab.status('waiting')).toBe('Pending');
    configure(lab, MOST_ALLOCATED);
    lab.run('kubectl uncordon node-1');
    lab.run('kubectl uncordon node-2');
    lab.run('kubectl uncordon node-3');
    lab.advance('2s');
    expect(podNodes(lab).get('waiting')).toBe('node-2');
  });
});

describe('a bad configuration is refused and the old one keeps working', () => {
  const profile = (pluginConfig: string) => `apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
profiles:
- schedulerName: default-scheduler
${pluginConfig}`;

  it.each([
    [
      'an unknown scoring strategy',
      profile(`  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostlyAllocated
`),
      /Unsupported value: "MostlyAllocated": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"/,
    ],
    [
      'a resource weight out of range',
      profile(`  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: LeastAllocated
        resources:
        - name: cpu
          weight: 200
`),
      /weight: Invalid value: 200: resource weight of cpu not in valid range \[1, 100\]/,
    ],
    [
      'an unknown plugin',
      profile(`  plugins:
    score:
      enabled:
      - name: NodeResourcesFitt
`),
      /"NodeResourcesFitt": unknown plugin/,
    ],
    ['a wrong apiVersion', 'apiVersion: kubescheduler.config.k8s.io/v1beta9\nkind: KubeSchedulerConfiguration\n', /kubescheduler\.config\.k8s\.io\/v1beta9/],
    ['percentageOfNodesToScore above 100', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\npercentageOfNodesToScore: 120\n', /percentageOfNodesToScore: Invalid value: 120/],
    ['broken YAML', 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: [\n', /^error: invalid scheduler configuration in -: /],
  ])('%s', (_what, yaml, message) => {
    const lab = cluster();
    configure(lab, MOST_ALLOCATED);
    const shown = lab.out('sim scheduler show');

    const r = configure(lab, yaml);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: invalid scheduler configuration in -: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('restarted');

    // The configuration in effect is unchanged...
    expect(lab.out('sim scheduler show')).toBe(shown);
    // ...and still schedules: MostAllocated packs the next pod onto node-2.
    lab.apply(small('after'));
    expect(lab.status('after')).not.toBe('Pending');
    expect(podNodes(lab).get('after')).toBe('node-2');
  });

  it('a missing file', () => {
    const lab = cluster();
    configure(lab, MOST_ALLOCATED);
    const r = lab.run('sim scheduler config -f no-such-config.yaml');
    expect([r.exitCode, r.output]).toEqual([1, 'error: the path "no-such-config.yaml" does not exist\n']);
    lab.apply(small('after'));
    expect(podNodes(lab).get('after')).toBe('node-2');
  });
});
