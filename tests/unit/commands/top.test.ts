/**
 * `kubectl top`: kubectl v1.31's tables (metrics_printer.go: `CPU%`/`MEMORY%` headers, every cell
 * tab-terminated, millicores rounded up, MiB truncated, percentages truncated), its sorting, and
 * its answers when metrics-server has nothing for a node or pod.
 */
import { describe, expect, it } from 'vitest';
import { renderNodeMetrics, renderPodMetrics } from '../../../src/commands/printers/top-columns.ts';
import { testBed } from './harness.ts';

const Mi = 1024 * 1024;

/** A table laid out with column widths computed by hand (cell + 3 spaces, at least 6). */
function table(widths: number[], rows: string[][]): string {
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('') + '\n').join('');
}

/** w1 (2 CPU, 4Gi: allocatable 3996Mi), w2 (4 CPU, 8Gi), w3 (down); pods in default and shop. */
function cluster() {
  const b = testBed();
  const w1 = b.sim.addNode('w1', { cpu: '2', memory: '4Gi' });
  const w2 = b.sim.addNode('w2', { cpu: '4', memory: '8Gi', labels: { disk: 'ssd' } });
  const w3 = b.sim.addNode('w3');
  w1.usage = { cpuMilli: 250, memoryBytes: 1024 * Mi };
  w2.usage = { cpuMilli: 1500, memoryBytes: 512 * Mi };
  w3.usage = { cpuMilli: 999, memoryBytes: 999 * Mi };
  w3.up = false;
  b.sim.addPod('web', { nodeName: 'w1', containers: ['app', 'side'], labels: { app: 'web' } });
  b.sim.addPod('db', { nodeName: 'w1', labels: { app: 'db' } });
  b.sim.addPod('api', { nodeName: 'w2', namespace: 'shop' });
  w1.pods = [
    { namespace: 'default', name: 'web', containers: [{ name: 'side', cpuMilli: 5, memoryBytes: 10 * Mi }, { name: 'app', cpuMilli: 100, memoryBytes: 64 * Mi }] },
    { namespace: 'default', name: 'db', containers: [{ name: 'app', cpuMilli: 300, memoryBytes: 256 * Mi }] },
  ];
  w2.pods = [{ namespace: 'shop', name: 'api', containers: [{ name: 'app', cpuMilli: 2, memoryBytes: 20 * Mi }] }];
  // A kubelet that does not answer has no fresh metrics: its pods must not show.
  w3.pods = [{ namespace: 'default', name: 'ghost', containers: [{ name: 'app', cpuMilli: 1, memoryBytes: Mi }] }];
  return { ...b, w1, w2, w3 };
}

const NODE_W = [7, 13, 12, 16, 12];
const NODE_HEAD = ['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'];
const W1 = ['w1', '250m', '12%', '1024Mi', '25%'];
const W2 = ['w2', '1500m', '37%', '512Mi', '6%'];
const W3 = ['w3', '<unknown>', '<unknown>', '<unknown>', '<unknown>'];

describe('kubectl top node', () => {
  it('prints usage against allocatable; a node without metrics last, <unknown>', () => {
    const r = cluster().run('kubectl top nodes');
    expect(r.stdout).toBe(table(NODE_W, [NODE_HEAD, W1, W2, W3]));
    expect(r.exitCode).toBe(0);
  });

  it('--sort-by cpu and memory: biggest first', () => {
    const b = cluster();
    expect(b.run('kubectl top node --sort-by=cpu').stdout).toBe(table(NODE_W, [NODE_HEAD, W2, W1, W3]));
    expect(b.run('kubectl top node --sort-by memory').stdout).toBe(table(NODE_W, [NODE_HEAD, W1, W2, W3]));
  });

  it('--no-headers, -l, NAME', () => {
    const b = cluster();
    expect(b.run('kubectl top no --no-headers -l disk=ssd').stdout).toBe(table([6, 8, 6, 8, 6], [W2]));
    expect(b.run('kubectl top node w1').stdout).toBe(table([7, 13, 7, 16, 10], [NODE_HEAD, W1]));
  });

  it('--show-capacity compares with capacity instead', () => {
    const r = cluster().run('kubectl top node w1 --show-capacity');
    // 1024Mi of 4096Mi.
    expect(r.stdout).toBe(table([7, 13, 7, 16, 10], [NODE_HEAD, ['w1', '250m', '12%', '1024Mi', '25%']]));
    const b = cluster();
    b.w1.usage = { cpuMilli: 250, memoryBytes: 4000 * Mi };
    expect(b.run('kubectl top node w1').stdout).toContain('4000Mi          100%');
    expect(b.run('kubectl top node w1 --show-capacity').stdout).toContain('4000Mi          97%');
  });

  const errors: { name: string; line: string; stderr: string; setup?: (b: ReturnType<typeof cluster>) => void }[] = [
    { name: 'a node without metrics, by name', line: 'kubectl top node w3', stderr: 'Error from server (NotFound): nodemetrics.metrics.k8s.io "w3" not found\n' },
    { name: 'an unknown node', line: 'kubectl top node nope', stderr: 'Error from server (NotFound): nodemetrics.metrics.k8s.io "nope" not found\n' },
    {
      name: 'no node has metrics',
      line: 'kubectl top nodes',
      setup: (b) => {
        b.w1.up = false;
        b.w2.up = false;
      },
      stderr: 'error: metrics not available yet\n',
    },
    { name: 'bad --sort-by', line: 'kubectl top node --sort-by=name', stderr: 'error: --sort-by accepts only cpu or memory\n' },
    { name: 'NAME and -l', line: 'kubectl top node w1 -l a=b', stderr: 'error: only one of NAME or --selector can be provided\n' },
    { name: 'two names', line: 'kubectl top node a b', stderr: "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n" },
    { name: 'a pod flag on node', line: 'kubectl top node --containers', stderr: "error: unknown flag: --containers\nSee 'kubectl top node --help' for usage.\n" },
  ];
  for (const c of errors) {
    it(c.name, () => {
      const b = cluster();
      c.setup?.(b);
      const r = b.run(c.line);
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', c.stderr, 1]);
    });
  }
});

describe('kubectl top pod', () => {
  const HEAD = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];

  it('sums containers per pod, sorted by name, in the namespace', () => {
    const r = cluster().run('kubectl top pods');
    expect(r.stdout).toBe(table([7, 13, 16], [HEAD, ['db', '300m', '256Mi'], ['web', '105m', '74Mi']]));
  });

  it('-A adds NAMESPACE and sorts by namespace then name; pods of a down node are missing', () => {
    const r = cluster().run('kubectl top pods -A');
    expect(r.stdout).toBe(
      table([12, 7, 13, 16], [['NAMESPACE', ...HEAD], ['default', 'db', '300m', '256Mi'], ['default', 'web', '105m', '74Mi'], ['shop', 'api', '2m', '20Mi']]),
    );
  });

  it('--containers adds POD and lists containers by name', () => {
    const r = cluster().run('kubectl top pod --containers');
    expect(r.stdout).toBe(
      table([6, 7, 13, 16], [['POD', ...HEAD], ['db', 'app', '300m', '256Mi'], ['web', 'app', '100m', '64Mi'], ['web', 'side', '5m', '10Mi']]),
    );
  });

  it('--sort-by cpu / memory puts the biggest pod first', () => {
    const b = cluster();
    b.w1.pods[1].containers[0].memoryBytes = 70 * Mi;
    expect(b.run('kubectl top pod --sort-by=memory').stdout).toBe(table([7, 13, 16], [HEAD, ['web', '105m', '74Mi'], ['db', '300m', '70Mi']]));
    expect(b.run('kubectl top pod --sort-by=cpu').stdout).toBe(table([7, 13, 16], [HEAD, ['db', '300m', '70Mi'], ['web', '105m', '74Mi']]));
  });

  it('-l filters by the pods\' labels; NAME picks one; -n another namespace', () => {
    const b = cluster();
    expect(b.run('kubectl top pod -l app=web --no-headers').stdout).toBe(table([6, 7, 7], [['web', '105m', '74Mi']]));
    expect(b.run('kubectl top pod db').stdout).toBe(table([7, 13, 16], [HEAD, ['db', '300m', '256Mi']]));
    expect(b.run('kubectl top pod -n shop').stdout).toBe(table([7, 13, 16], [HEAD, ['api', '2m', '20Mi']]));
  });

  it('--sum adds a rule and the total under the usage columns', () => {
    const r = cluster().run('kubectl top pod --sum');
    expect(r.stdout).toBe(table([7, 13, 16], [HEAD, ['db', '300m', '256Mi'], ['web', '105m', '74Mi'], ['', '________', '________'], ['', '405m', '330Mi']]));
  });

  it('no pods: No resources found; pods but no metrics: why', () => {
    const b = cluster();
    expect(b.run('kubectl top pods -n kube-system')).toMatchObject({ stdout: '', stderr: 'No resources found in kube-system namespace.\n', exitCode: 0 });
    b.w1.pods = [];
    b.sim.advance(30_000);
    expect(b.run('kubectl top pods').stderr).toBe('error: metrics not available yet\n');
    b.sim.advance(272_500);
    expect(b.run('kubectl top pods')).toMatchObject({ stderr: 'error: Metrics not available for pod default/db, age: 5m2.5s\n', exitCode: 1 });
  });

  const errors: { name: string; line: string; stderr: string }[] = [
    { name: 'a pod without metrics, by name', line: 'kubectl top pod ghost', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/ghost" not found\n' },
    { name: 'NAME and a selector', line: 'kubectl top pod web -l app=web', stderr: 'error: only one of NAME or selector can be provided\n' },
    { name: 'bad --sort-by', line: 'kubectl top pod --sort-by=name', stderr: 'error: --sort-by accepts only cpu or memory\n' },
    { name: 'two names', line: 'kubectl top pod a b', stderr: "error: pod [NAME | -l label]\nSee 'kubectl top pod -h' for help and examples\n" },
    { name: 'a node flag on pod', line: 'kubectl top pod --show-capacity', stderr: "error: unknown flag: --show-capacity\nSee 'kubectl top pod --help' for usage.\n" },
  ];
  for (const c of errors) {
    it(c.name, () => {
      const r = cluster().run(c.line);
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', c.stderr, 1]);
    });
  }
});

describe('kubectl top itself', () => {
  it('without a subcommand prints its help on stderr and exits 1', () => {
    const r = testBed().run('kubectl top');
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Available Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod ');
    expect(r.exitCode).toBe(1);
  });

  it('an unknown subcommand', () => {
    expect(testBed().run('kubectl top foo').stderr).toBe(`error: unknown command "foo"\nSee 'kubectl top -h' for help and examples\n`);
  });

  it('has no flags of its own: a subcommand flag before the subcommand is unknown to top', () => {
    expect(testBed().run('kubectl top --containers').stderr).toBe("error: unknown flag: --containers\nSee 'kubectl top --help' for usage.\n");
    expect(testBed().run('kubectl top -A pod').stderr).toBe("error: unknown shorthand flag: 'A' in -A\nSee 'kubectl top --help' for usage.\n");
  });

  it('subcommand aliases take their flags: top po -A, top no --show-capacity', () => {
    expect(cluster().run('kubectl top po -A').stdout).toBe(cluster().run('kubectl top pod --all-namespaces').stdout);
    expect(cluster().run('kubectl top no w1 --show-capacity').exitCode).toBe(0);
  });
});

describe('top printers: rounding', () => {
  it('CPU rounds up to a millicore, memory truncates to a MiB, percentages truncate', () => {
    const out = renderPodMetrics([{ namespace: 'd', name: 'p', containers: [{ name: 'c', cpuMilli: 0.2, memoryBytes: Mi - 1 }] }], { noHeaders: true });
    expect(out).toBe(table([6, 6, 6], [['p', '1m', '0Mi']]));
    const nodes = renderNodeMetrics([{ name: 'n', cpuMilli: 1999, memoryBytes: 2047 * Mi }], new Map([['n', { cpuMilli: 2000, memoryBytes: 2048 * Mi }]]), { noHeaders: true });
    expect(nodes).toBe(table([6, 8, 6, 9, 6], [['n', '1999m', '99%', '2047Mi', '99%']]));
  });

  it('nothing to print prints nothing', () => {
    expect(renderPodMetrics([])).toBe('');
    expect(renderNodeMetrics([], new Map([['n', { cpuMilli: 1, memoryBytes: 1 }]]))).toBe('');
  });
});
