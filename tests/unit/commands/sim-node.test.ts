/** `sim node fail|recover|exec` and `sim kill`: what they print, exit with, and refuse. */
import { describe, expect, it } from 'vitest';
import { testBed } from './harness.ts';

describe('sim node fail / recover', () => {
  it('fails and recovers a node through the simulation', () => {
    const b = testBed();
    b.sim.addNode('w1');
    expect(b.run('sim node fail w1')).toMatchObject({ stdout: 'node/w1 failed\n', exitCode: 0 });
    expect(b.run('sim node recover w1')).toMatchObject({ stdout: 'node/w1 recovered\n', exitCode: 0 });
    expect([b.sim.failed, b.sim.recovered]).toEqual([['w1'], ['w1']]);
  });

  const refusals: { line: string; message: string }[] = [
    { line: 'sim node fail nope', message: 'sim node fail: nodes "nope" not found' },
    { line: 'sim node recover nope', message: 'sim node recover: nodes "nope" not found' },
    { line: 'sim node fail', message: 'sim node fail: a node NAME is required' },
    { line: 'sim node fail w1 w2', message: 'sim node fail: unexpected argument "w2"' },
    { line: 'sim node fail w1 --cpu 4', message: 'sim node fail: unexpected flag --cpu' },
    { line: 'sim node exec nope -- ls', message: 'sim node exec: node "nope" not found' },
    { line: 'sim node exec w1', message: 'sim node exec: a command is required (usage: sim node exec NAME -- CMD...)' },
    { line: 'sim node reboot w1', message: 'sim node: unknown action "reboot" (usage: sim node add NAME' },
  ];
  for (const c of refusals) {
    it(`refuses: ${c.line}`, () => {
      const b = testBed();
      b.sim.addNode('w1');
      const r = b.run(c.line);
      expect(r.exitCode).toBe(2);
      expect(r.scriptError?.startsWith(c.message)).toBe(true);
    });
  }
});

describe('sim node exec', () => {
  it('runs argv on the node and returns its exit code', () => {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    agent.nodeExecAnswer = { stdout: 'CONTAINER  IMAGE\n', stderr: 'warn\n', exitCode: 0 };
    const r = b.run('sim node exec w1 -- crictl ps -a');
    expect(agent.nodeExecCalls).toEqual([['crictl', 'ps', '-a']]);
    expect([r.stdout, r.stderr, r.exitCode]).toEqual(['CONTAINER  IMAGE\n', 'warn\n', 0]);
    agent.nodeExecAnswer = { stdout: '', stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 };
    expect(b.run('sim node exec w1 -- cat /nope')).toMatchObject({ stderr: 'cat: /nope: No such file or directory\n', exitCode: 1 });
  });

  it('also works on a failed node (the machine shell is what the student inspects)', () => {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    agent.up = false;
    agent.nodeExecAnswer = { stdout: 'inactive\n', stderr: '', exitCode: 3 };
    expect(b.run('sim node exec w1 -- systemctl is-active kubelet')).toMatchObject({ stdout: 'inactive\n', exitCode: 3 });
  });
});

describe('sim kill', () => {
  function bed() {
    const b = testBed();
    const agent = b.sim.addNode('w1');
    b.sim.addPod('web', { nodeName: 'w1', containers: ['app', 'side'] });
    b.sim.addPod('api', { nodeName: 'w1', namespace: 'shop' });
    return { ...b, agent };
  }

  it('kills the default container with SIGKILL', () => {
    const b = bed();
    const r = b.run('sim kill web');
    expect(r.stdout).toBe('pod/web container app killed (SIGKILL)\n');
    expect(r.stderr).toBe('Defaulted container "app" out of: app, side\n');
    expect(b.agent.killCalls).toEqual([{ namespace: 'default', pod: 'web', container: 'app', signal: 'KILL' }]);
  });

  it('-c, -n and --signal TERM', () => {
    const b = bed();
    expect(b.run('sim kill web -c side --signal TERM').stdout).toBe('pod/web container side killed (SIGTERM)\n');
    expect(b.run('sim kill -n shop api --signal=sigkill').stdout).toBe('pod/api container app killed (SIGKILL)\n');
    expect(b.agent.killCalls.map((c) => `${c.namespace}/${c.pod}/${c.container}/${c.signal}`)).toEqual(['default/web/side/TERM', 'shop/api/app/KILL']);
  });

  const errors: { name: string; line: string; stderr: string; setup?: (b: ReturnType<typeof bed>) => void }[] = [
    { name: 'missing pod', line: 'sim kill nope', stderr: 'Error from server (NotFound): pods "nope" not found\n' },
    {
      name: 'pod not on a node',
      line: 'sim kill pending',
      setup: (b) => b.sim.addPod('pending'),
      stderr: 'Error from server (BadRequest): pod pending does not have a host assigned\n',
    },
    { name: 'unknown container', line: 'sim kill web -c nope', stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n' },
    {
      name: 'node down',
      line: 'sim kill web -c app',
      setup: (b) => (b.agent.up = false),
      stderr: 'Error from server: error dialing backend: dial tcp 172.18.0.2:10250: connect: no route to host\n',
    },
    {
      name: 'container not running',
      line: 'sim kill web -c app',
      setup: (b) => (b.agent.killAnswer = { kind: 'container-not-running', container: 'app' }),
      stderr: 'error: container "app" in pod "web" is not running\n',
    },
  ];
  for (const c of errors) {
    it(c.name, () => {
      const b = bed();
      c.setup?.(b);
      const r = b.run(c.line);
      expect([r.stdout, r.stderr, r.exitCode]).toEqual(['', c.stderr, 1]);
    });
  }

  it('refuses a signal other than KILL or TERM, and a missing POD', () => {
    const b = bed();
    expect(b.run('sim kill web --signal HUP')).toMatchObject({ exitCode: 2, scriptError: 'sim kill: --signal must be KILL or TERM, got "HUP"' });
    expect(b.run('sim kill').scriptError).toMatch(/^sim kill: a POD name is required/);
  });
});
