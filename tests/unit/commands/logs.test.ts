/**
 * `kubectl logs`: kubectl v1.31's checks (logs.go, logsforobject.go), the API server's
 * (LogLocation), the kubelet's reasons (validateContainerLogStatus), and the kubelet's log
 * reader options (tail, timestamps, since, limit-bytes).
 */
import { describe, expect, it } from 'vitest';
import { lines, testBed } from './harness.ts';

function bed(containers = ['app']) {
  const b = testBed();
  const agent = b.sim.addNode('w1');
  b.sim.addPod('web', { nodeName: 'w1', containers, labels: { app: 'web' } });
  return { ...b, agent };
}

describe('kubectl logs: reading', () => {
  it('prints what the container wrote, stdout and stderr alike, on stdout', () => {
    const b = bed();
    b.agent.logStore.set('default/web/app', [
      { at: 1000, stream: 'stdout', text: 'starting' },
      { at: 2000, stream: 'stderr', text: 'warning: slow disk' },
    ]);
    const r = b.run('kubectl logs web');
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['starting\nwarning: slow disk\n', '', 0]);
    expect(b.agent.logCalls).toEqual([{ namespace: 'default', pod: 'web', container: 'app', previous: false }]);
  });

  it('--tail N keeps the last N lines; --tail=0 none', () => {
    const b = bed();
    b.agent.logStore.set('default/web/app', lines([1, 'a'], [2, 'b'], [3, 'c']));
    expect(b.run('kubectl logs web --tail 2').stdout).toBe('b\nc\n');
    expect(b.run('kubectl logs web --tail=0').stdout).toBe('');
    expect(b.run('kubectl logs web --tail=-1').stdout).toBe('a\nb\nc\n');
  });

  it('--timestamps prefixes the kubelet\'s RFC3339Nano (fixed nine digits) simulated time', () => {
    const b = bed();
    b.agent.logStore.set('default/web/app', lines([5250, 'ready'], [60_000, 'tick']));
    expect(b.run('kubectl logs web --timestamps').stdout).toBe('2025-01-01T00:00:05.250000000Z ready\n2025-01-01T00:01:00.000000000Z tick\n');
  });

  it('--since keeps recent lines; --limit-bytes cuts the output', () => {
    const b = bed();
    b.agent.logStore.set('default/web/app', lines([0, 'old'], [50_000, 'new']));
    b.sim.advance(60_000);
    expect(b.run('kubectl logs web --since=30s').stdout).toBe('new\n');
    expect(b.run('kubectl logs web --limit-bytes=5').stdout).toBe('old\nn');
  });

  it('-p asks the kubelet for the previous instance', () => {
    const b = bed();
    b.agent.logStore.set('default/web/app/previous', lines([1, 'panic: boom']));
    expect(b.run('kubectl logs -p web').stdout).toBe('panic: boom\n');
    expect(b.agent.logCalls[0].previous).toBe(true);
  });

  it('a pod with no node yet has no log location: empty output, exit 0', () => {
    const b = bed();
    b.sim.addPod('pending');
    expect(b.run('kubectl logs pending')).toMatchObject({ output: '', exitCode: 0 });
  });

  it('-f prints what exists and returns', () => {
    const b = bed();
    b.agent.logStore.set('default/web/app', lines([1, 'x']));
    expect(b.run('kubectl logs -f web')).toMatchObject({ stdout: 'x\n', exitCode: 0 });
  });
});

describe('kubectl logs: containers', () => {
  it('defaults to the first container with a notice; -c and the inline CONTAINER pick', () => {
    const b = bed(['a', 'b']);
    b.agent.logStore.set('default/web/a', lines([1, 'from a']));
    b.agent.logStore.set('default/web/b', lines([1, 'from b']));
    const r = b.run('kubectl logs web');
    expect([r.stdout, r.stderr]).toEqual(['from a\n', 'Defaulted container "a" out of: a, b\n']);
    expect(b.run('kubectl logs web -c b')).toMatchObject({ stdout: 'from b\n', stderr: '' });
    expect(b.run('kubectl logs web b')).toMatchObject({ stdout: 'from b\n', stderr: '' });
  });

  it('the default-container annotation picks; a wrong one is reported and the first is used', () => {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    b.sim.addPod('p1', { nodeName: 'w1', containers: ['a', 'b'], annotations: { 'kubectl.kubernetes.io/default-container': 'b' } });
    b.sim.addPod('p2', { nodeName: 'w1', containers: ['a', 'b'], annotations: { 'kubectl.kubernetes.io/default-container': 'zz' } });
    expect(b.run('kubectl logs p1').stderr).toBe('');
    expect(b.run('kubectl logs p2').stderr).toBe('Default container name "zz" not found in pod p2\nDefaulted container "a" out of: a, b\n');
    expect(agent.logCalls.map((c) => `${c.pod}/${c.container}`)).toEqual(['p1/b', 'p2/a']);
  });

  it('--all-containers reads init containers first, then the others; --prefix names each line', () => {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    b.sim.addPod('web', { nodeName: 'w1', containers: ['app', 'side'], initContainers: ['setup'] });
    agent.logStore.set('default/web/setup', lines([1, 'migrated']));
    agent.logStore.set('default/web/app', lines([2, 'serving']));
    agent.logStore.set('default/web/side', lines([3, 'shipping']));
    const r = b.run('kubectl logs web --all-containers --prefix');
    expect(r.stdout).toBe('[pod/web/setup] migrated\n[pod/web/app] serving\n[pod/web/side] shipping\n');
    expect(r.stderr).toBe('');
  });
});

describe('kubectl logs: errors', () => {
  const cases: { name: string; line: string; setup?: (b: ReturnType<typeof bed>) => void; stderr: string }[] = [
    {
      name: 'no pod',
      line: 'kubectl logs',
      stderr: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    },
    {
      name: 'too many arguments',
      line: 'kubectl logs a b c',
      stderr: "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
    },
    { name: 'a name and a selector', line: 'kubectl logs web -l app=web', stderr: "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n" },
    { name: 'missing pod (v1.30+ wording)', line: 'kubectl logs nope', stderr: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n' },
    { name: 'missing pod, -n', line: 'kubectl logs -n shop web', stderr: 'error: error from server (NotFound): pods "web" not found in namespace "shop"\n' },
    { name: 'unknown container', line: 'kubectl logs web -c nope', stderr: 'error: container nope is not valid for pod web\n' },
    { name: '--all-containers with a container', line: 'kubectl logs web --all-containers -c app', stderr: 'error: --all-containers=true should not be specified with container name app\n' },
    { name: '-c and an inline container', line: 'kubectl logs web app -c app', stderr: 'error: only one of -c or an inline [CONTAINER] arg is allowed\n' },
    { name: '--tail below -1', line: 'kubectl logs web --tail=-2', stderr: 'error: --tail must be greater than or equal to -1\n' },
    {
      name: 'no previous instance',
      line: 'kubectl logs web -p',
      setup: (b) => b.agent.logStore.set('default/web/app/previous', { kind: 'no-previous', container: 'app', podName: 'web' }),
      stderr: 'Error from server (BadRequest): previous terminated container "app" in pod "web" not found\n',
    },
    {
      name: 'container creating',
      line: 'kubectl logs web',
      setup: (b) => b.agent.logStore.set('default/web/app', { kind: 'waiting', container: 'app', podName: 'web', reason: 'ContainerCreating' }),
      stderr: 'Error from server (BadRequest): container "app" in pod "web" is waiting to start: ContainerCreating\n',
    },
    {
      name: 'image pull failing',
      line: 'kubectl logs web',
      setup: (b) => b.agent.logStore.set('default/web/app', { kind: 'waiting', container: 'app', podName: 'web', reason: 'ErrImagePull' }),
      stderr: 'Error from server (BadRequest): container "app" in pod "web" is waiting to start: image can\'t be pulled\n',
    },
    {
      name: 'image pull backing off',
      line: 'kubectl logs web',
      setup: (b) => b.agent.logStore.set('default/web/app', { kind: 'waiting', container: 'app', podName: 'web', reason: 'ImagePullBackOff' }),
      stderr: 'Error from server (BadRequest): container "app" in pod "web" is waiting to start: trying and failing to pull image\n',
    },
    {
      name: 'pod unknown to the kubelet',
      line: 'kubectl logs web',
      setup: (b) => b.agent.logStore.set('default/web/app', { kind: 'pod-not-found' }),
      stderr: 'Error from server (NotFound): the server could not find the requested resource ( pods/log web)\n',
    },
    {
      name: 'node down: the API server cannot dial the kubelet',
      line: 'kubectl logs web --tail 5 --timestamps',
      setup: (b) => (b.agent.up = false),
      stderr: 'Error from server: Get "https://172.18.0.2:10250/containerLogs/default/web/app?tailLines=5&timestamps=true": dial tcp 172.18.0.2:10250: connect: no route to host\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = bed();
      c.setup?.(b);
      const r = b.run(c.line);
      expect(r.stderr).toBe(c.stderr);
      expect(r.stdout).toBe('');
      expect(r.exitCode).toBe(1);
    });
  }

  it('--ignore-errors prints the error in the output and goes on', () => {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    b.sim.addPod('web', { nodeName: 'w1', containers: ['a', 'b'] });
    agent.logStore.set('default/web/a', { kind: 'waiting', container: 'a', podName: 'web', reason: 'ContainerCreating' });
    agent.logStore.set('default/web/b', lines([1, 'ok']));
    const r = b.run('kubectl logs web --all-containers --ignore-errors');
    expect(r.stdout).toBe('error: container "a" in pod "web" is waiting to start: ContainerCreating\nok\n');
    expect(r.exitCode).toBe(0);
  });
});

describe('kubectl logs -l and TYPE/NAME', () => {
  function fleet() {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    for (const name of ['web-2', 'web-1']) {
      b.sim.addPod(name, { nodeName: 'w1', labels: { app: 'web' }, ready: true });
      agent.logStore.set(`default/${name}/app`, lines(...Array.from({ length: 12 }, (_, i): [number, string] => [i, `${name} line ${i}`])));
    }
    b.sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
    });
    return { ...b, agent };
  }

  it('-l reads every matching pod, 10 lines each unless --tail', () => {
    const b = fleet();
    const out = b.run('kubectl logs -l app=web').stdout.split('\n').filter((l) => l);
    expect(out).toHaveLength(20);
    expect(out[0]).toBe('web-1 line 2');
    expect(b.run('kubectl logs -l app=web --tail 1 --prefix').stdout).toBe('[pod/web-1/app] web-1 line 11\n[pod/web-2/app] web-2 line 11\n');
  });

  it('-l matching nothing says so on stderr', () => {
    const b = fleet();
    expect(b.run('kubectl logs -l app=none')).toMatchObject({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('deployment/NAME uses one pod and says which', () => {
    const b = fleet();
    const r = b.run('kubectl logs deploy/web --tail 1');
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[12]\n$/);
    expect(r.stdout).toMatch(/^web-[12] line 11\n$/);
  });

  it('--all-pods reads them all, prefixed', () => {
    const b = fleet();
    const r = b.run('kubectl logs deploy/web --all-pods --tail 1');
    expect(r.stdout.split('\n').sort()).toEqual(['', '[pod/web-1/app] web-1 line 11', '[pod/web-2/app] web-2 line 11']);
  });
});

describe('kubectl logs --help', () => {
  it("has kubectl's usage line", () => {
    const r = testBed().run('kubectl logs --help');
    expect(r.stdout).toContain('Usage:\n  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]\n');
    for (const flag of ['--all-containers', '-p, --previous', '--tail=-1', '--timestamps', '-l, --selector']) expect(r.stdout).toContain(flag);
  });
});
