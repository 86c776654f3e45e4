/**
 * `kubectl exec`: kubectl v1.31's client-side checks (exec.go), the API server's (pod/strategy.go
 * streamLocation), the kubelet's answers (server.go getExec, GetExec), container defaulting
 * (podcmd) and exit-code propagation (remotecommand's error decoder + checkErr).
 */
import { describe, expect, it } from 'vitest';
import { testBed } from './harness.ts';

/** A bed with node w1 (172.18.0.2) and pod `web` on it (containers as given). */
function bed(containers = ['app'], annotations?: Record<string, string>) {
  const b = testBed();
  const agent = b.sim.addNode('w1');
  b.sim.addPod('web', { nodeName: 'w1', containers, annotations, ready: true });
  return { ...b, agent };
}

describe('kubectl exec: errors as kubectl v1.31 prints them', () => {
  const cases: { name: string; line: string; setup?: (b: ReturnType<typeof bed>) => void; stderr: string; exit?: number }[] = [
    { name: 'no pod', line: 'kubectl exec', stderr: 'error: pod, type/name or --filename must be specified\n' },
    { name: 'only a dash', line: 'kubectl exec -- ls', stderr: 'error: pod, type/name or --filename must be specified\n' },
    { name: 'no command', line: 'kubectl exec web', stderr: 'error: you must specify at least one command for the container\n' },
    { name: 'empty command after --', line: 'kubectl exec web --', stderr: 'error: you must specify at least one command for the container\n' },
    {
      name: 'the removed `exec POD COMMAND` form',
      line: 'kubectl exec web ls',
      stderr: "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n",
    },
    { name: 'missing pod', line: 'kubectl exec nope -- ls', stderr: 'Error from server (NotFound): pods "nope" not found\n' },
    { name: 'missing pod, type/name', line: 'kubectl exec pod/nope -- ls', stderr: 'Error from server (NotFound): pods "nope" not found\n' },
    { name: 'pod in another namespace', line: 'kubectl exec -n shop web -- ls', stderr: 'Error from server (NotFound): pods "web" not found\n' },
    { name: 'unknown type', line: 'kubectl exec foo/web -- ls', stderr: 'error: the server doesn\'t have a resource type "foo"\n' },
    {
      name: 'container not in the spec (API server)',
      line: 'kubectl exec web -c nope -- ls',
      stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n',
    },
    {
      name: 'container in the spec but not running (kubelet)',
      line: 'kubectl exec web -- ls',
      setup: (b) => (b.agent.execAnswer = () => ({ kind: 'container-not-running', container: 'app' })),
      stderr: 'error: unable to upgrade connection: container not found ("app")\n',
    },
    {
      name: 'container still being created (kubelet)',
      line: 'kubectl exec web -- ls',
      setup: (b) => (b.agent.execAnswer = () => ({ kind: 'waiting', container: 'app', podName: 'web', reason: 'ContainerCreating' })),
      stderr: 'error: unable to upgrade connection: container not found ("app")\n',
    },
    {
      name: 'container unknown to the runtime (kubelet)',
      line: 'kubectl exec web -- ls',
      setup: (b) => (b.agent.execAnswer = () => ({ kind: 'container-not-found', container: 'app' })),
      stderr: 'error: unable to upgrade connection: container not found ("app")\n',
    },
    {
      name: 'pod unknown to the kubelet',
      line: 'kubectl exec web -- ls',
      setup: (b) => (b.agent.execAnswer = () => ({ kind: 'pod-not-found' })),
      stderr: 'error: unable to upgrade connection: pod does not exist\n',
    },
    {
      name: 'completed pod',
      line: 'kubectl exec done -- ls',
      setup: (b) => b.sim.addPod('done', { nodeName: 'w1', phase: 'Succeeded' }),
      stderr: 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n',
    },
    {
      name: 'failed pod',
      line: 'kubectl exec broken -- ls',
      setup: (b) => b.sim.addPod('broken', { nodeName: 'w1', phase: 'Failed' }),
      stderr: 'error: cannot exec into a container in a completed pod; current phase is Failed\n',
    },
    {
      name: 'pod not scheduled yet',
      line: 'kubectl exec pending -- ls',
      setup: (b) => b.sim.addPod('pending'),
      stderr: 'Error from server (BadRequest): pod pending does not have a host assigned\n',
    },
    {
      name: 'node down (kubelet does not answer)',
      line: 'kubectl exec web -- ls',
      setup: (b) => (b.agent.up = false),
      stderr: 'Error from server: error dialing backend: dial tcp 172.18.0.2:10250: connect: no route to host\n',
    },
    {
      name: 'node down reported by the agent',
      line: 'kubectl exec web -- ls',
      setup: (b) => (b.agent.execAnswer = () => ({ kind: 'node-down' })),
      stderr: 'Error from server: error dialing backend: dial tcp 172.18.0.2:10250: connect: no route to host\n',
    },
    {
      name: 'node without a kubelet',
      line: 'kubectl exec far -- ls',
      setup: (b) => {
        b.sim.addNode('w2', { agent: false });
        b.sim.addPod('far', { nodeName: 'w2' });
      },
      stderr: 'Error from server: error dialing backend: dial tcp 172.18.0.3:10250: connect: no route to host\n',
    },
    {
      name: 'pod bound to a node that is gone',
      line: 'kubectl exec ghost -- ls',
      setup: (b) => b.sim.addPod('ghost', { nodeName: 'gone' }),
      stderr: 'Error from server (NotFound): nodes "gone" not found\n',
    },
    {
      name: 'bad --pod-running-timeout',
      line: 'kubectl exec web --pod-running-timeout=0s -- ls',
      stderr: "error: --pod-running-timeout must be higher than zero\nSee 'kubectl exec -h' for help and examples\n",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = bed();
      c.setup?.(b);
      const r = b.run(c.line);
      expect(r.stderr).toBe(c.stderr);
      expect(r.stdout).toBe('');
      expect(r.exitCode).toBe(c.exit ?? 1);
    });
  }
});

describe('kubectl exec: running the command', () => {
  it('passes argv and prints stdout and stderr on their streams', () => {
    const b = bed();
    b.agent.execAnswer = () => ({ stdout: 'hello\n', stderr: 'warn\n', exitCode: 0 });
    const r = b.run("kubectl exec web -- sh -c 'echo hello; echo warn >&2'");
    expect(b.agent.execCalls).toEqual([{ namespace: 'default', pod: 'web', container: 'app', argv: ['sh', '-c', 'echo hello; echo warn >&2'], stdin: undefined }]);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['hello\n', 'warn\n', 0]);
  });

  it('propagates a non-zero exit: `command terminated with exit code N`, kubectl exits N', () => {
    const b = bed();
    b.agent.execAnswer = () => ({ stdout: '', stderr: '', exitCode: 3 });
    const r = b.run("kubectl exec web -- sh -c 'exit 3'");
    expect(r.stderr).toBe('command terminated with exit code 3\n');
    expect(r.exitCode).toBe(3);
  });

  it('prints the output before the exit-code line', () => {
    const b = bed();
    b.agent.execAnswer = () => ({ stdout: 'partial\n', stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 });
    const r = b.run('kubectl exec web -- cat /nope');
    expect(r.output).toBe('partial\ncat: /nope: No such file or directory\ncommand terminated with exit code 1\n');
    expect(r.exitCode).toBe(1);
  });

  it('-i passes the heredoc as stdin; without -i the container gets none', () => {
    const b = bed();
    b.run('kubectl exec -i web -- cat', 'piped\n');
    b.run('kubectl exec web -- cat', 'ignored\n');
    expect(b.agent.execCalls.map((c) => c.stdin)).toEqual(['piped\n', undefined]);
  });

  it('-it gives the remote one terminal: its stderr arrives on stdout', () => {
    const b = bed();
    b.agent.execAnswer = () => ({ stdout: 'out\n', stderr: 'err\n', exitCode: 0 });
    const r = b.run('kubectl exec -it web -- sh');
    expect([r.stdout, r.stderr]).toEqual(['out\nerr\n', '']);
  });

  it('-n picks the namespace; pod/NAME names a pod', () => {
    const b = bed();
    b.sim.addPod('api', { namespace: 'shop', nodeName: 'w1' });
    expect(b.run('kubectl exec -n shop pod/api -- true').exitCode).toBe(0);
    expect(b.agent.execCalls[0]).toMatchObject({ namespace: 'shop', pod: 'api', container: 'app' });
  });
});

describe('kubectl exec: container defaulting (podcmd.FindOrDefaultContainerByName)', () => {
  const cases: { name: string; containers: string[]; init?: string[]; annotations?: Record<string, string>; flags: string; container: string; stderr: string }[] = [
    { name: 'one container: no notice', containers: ['app'], flags: '', container: 'app', stderr: '' },
    { name: 'several: the first, with a notice', containers: ['a', 'b'], flags: '', container: 'a', stderr: 'Defaulted container "a" out of: a, b\n' },
    { name: 'init containers count', containers: ['a'], init: ['setup'], flags: '', container: 'a', stderr: 'Defaulted container "a" out of: a, setup (init)\n' },
    { name: '-q silences the notice', containers: ['a', 'b'], flags: '-q', container: 'a', stderr: '' },
    { name: '-c picks', containers: ['a', 'b'], flags: '-c b', container: 'b', stderr: '' },
    {
      name: 'the default-container annotation picks, silently',
      containers: ['a', 'b'],
      annotations: { 'kubectl.kubernetes.io/default-container': 'b' },
      flags: '',
      container: 'b',
      stderr: '',
    },
    {
      name: 'an annotation naming no container falls back to the first',
      containers: ['a', 'b'],
      annotations: { 'kubectl.kubernetes.io/default-container': 'zz' },
      flags: '',
      container: 'a',
      stderr: 'Defaulted container "a" out of: a, b\n',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const b = testBed();
      const agent = b.sim.addNode('w1');
      b.sim.addPod('web', { nodeName: 'w1', containers: c.containers, initContainers: c.init, annotations: c.annotations });
      const r = b.run(`kubectl exec web ${c.flags} -- date`);
      expect(r.stderr).toBe(c.stderr);
      expect(agent.execCalls.map((x) => x.container)).toEqual([c.container]);
    });
  }
});

describe('kubectl exec TYPE/NAME', () => {
  it('deployment/NAME runs in the most active pod (bound, running, ready first)', () => {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    b.sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
    });
    b.sim.addPod('web-a', { labels: { app: 'web' } });
    b.sim.addPod('web-b', { labels: { app: 'web' }, nodeName: 'w1', phase: 'Running' });
    b.sim.addPod('web-c', { labels: { app: 'web' }, nodeName: 'w1', phase: 'Running', ready: true });
    b.sim.addPod('other', { labels: { app: 'db' }, nodeName: 'w1', ready: true });
    const r = b.run('kubectl exec deploy/web -- hostname');
    expect(r.stderr).toBe('');
    expect(agent.execCalls.map((c) => c.pod)).toEqual(['web-c']);
  });

  it('waits --pod-running-timeout for a pod, then gives up as GetFirstPod does', () => {
    const b = testBed();
    b.sim.addNode('w1');
    b.sim.store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { app: 'db' }, ports: [{ port: 5432 }] } });
    const before = b.sim.now;
    const r = b.run('kubectl exec svc/db --pod-running-timeout=5s -- true');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
    expect(b.sim.now - before).toBe(5000);
  });

  it('a kind without a selector is refused as attachablePodForObject refuses it', () => {
    const b = testBed();
    b.sim.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: {} });
    expect(b.run('kubectl exec configmap/c -- true').stderr).toBe('error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n');
  });
});

describe('kubectl exec --help', () => {
  it("has kubectl's usage line and flags", () => {
    const r = testBed().run('kubectl exec --help');
    expect(r.stdout).toContain('Execute a command in a container');
    expect(r.stdout).toContain('Usage:\n  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]\n');
    for (const flag of ['-c, --container', '--pod-running-timeout=1m0s', '-q, --quiet', '-i, --stdin', '-t, --tty']) expect(r.stdout).toContain(flag);
    expect(r.exitCode).toBe(0);
  });
});
