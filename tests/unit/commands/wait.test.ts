/**
 * `kubectl wait` over simulated time, through a Session with the default cluster: conditions
 * (with kubectl's generation rule), `--for=delete`, `--for=jsonpath`, one shared `--timeout`
 * deadline, the objects chosen by name, `-l`, `--all`, `-A`, and kubectl v1.31's output and
 * errors. Client-side error texts were recorded from kubectl v1.31.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { conditionMet } from '../../../src/commands/kubectl/verbs/wait.ts';
import type { Deployment, KObject } from '../../../src/engine/api/types.ts';
import { parseTimestamp } from '../../../src/engine/kernel/time.ts';
import { Lab } from '../../support/manifests.ts';
import { WAIT_SCENARIOS, type WaitRecording } from './wait-scenarios.ts';

/** kubectl v1.31's output for each scenario, recorded by wait-record.ts against the same objects. */
const RECORDED = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'wait.recorded.json'), 'utf8')) as Record<string, WaitRecording>;

const shellQuote = (arg: string): string => `'${arg.replaceAll("'", `'\\''`)}'`;

describe('kubectl wait as kubectl v1.31 answers for the same objects', () => {
  it.each(WAIT_SCENARIOS.map((sc) => [sc.name, sc] as const))('%s', (_, sc) => {
    const lab = new Lab();
    for (const [line, stdin] of sc.setup) expect(lab.run(line, stdin).exitCode).toBe(0);
    const r = lab.run(`kubectl wait ${sc.args.map(shellQuote).join(' ')}`);
    expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual(RECORDED[sc.name]);
  });
});

const pod = (name: string, image: string, labels = `{app: ${name}}`) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels: ${labels}
spec:
  containers:
  - name: c
    image: ${image}
    command: ["sleep", "3600"]
`;

function withDeployment(): Lab {
  const lab = new Lab();
  expect(lab.out('kubectl create deployment web --image=nginx --replicas=2')).toBe('deployment.apps/web created\n');
  return lab;
}

const podNames = (lab: Lab): string[] =>
  lab
    .out('kubectl get pods -o name')
    .trim()
    .split('\n')
    .map((n) => n.slice('pod/'.length));

describe('kubectl wait --for=condition', () => {
  it('waits until the Deployment is Available, and ends at that simulated instant', () => {
    const lab = withDeployment();
    const r = lab.run('kubectl wait --for=condition=Available deploy/web --timeout=120s');
    expect(r).toMatchObject({ stdout: 'deployment.apps/web condition met\n', stderr: '', exitCode: 0 });
    const d = lab.session.sim.store.get<Deployment>('deployments', 'default', 'web');
    const available = d.status?.conditions?.find((c) => c.type === 'Available');
    expect(available?.status).toBe('True');
    // lastTransitionTime has whole seconds; the wait ended within that second.
    expect(Math.floor(lab.now / 1000) * 1000).toBe(parseTimestamp(available?.lastTransitionTime ?? ''));
    expect(lab.now).toBeGreaterThan(0);
    // The same cluster a millisecond earlier was not Available yet.
    const before = withDeployment();
    before.advanceTo(lab.now - 1);
    const earlier = before.session.sim.store.get<Deployment>('deployments', 'default', 'web');
    expect(earlier.status?.conditions?.find((c) => c.type === 'Available')?.status).not.toBe('True');
  });

  it('plays the same script to the same text and the same clock', () => {
    const run = () => {
      const lab = withDeployment();
      return `${lab.out('kubectl wait --for=condition=Ready pods --all')}@${lab.now}`;
    };
    expect(run()).toBe(run());
  });

  it('prints each object met, in order, for -l and --all (TYPE NAME and TYPE/NAME alike)', () => {
    const lab = withDeployment();
    const [a, b] = podNames(lab);
    const met = `pod/${a} condition met\npod/${b} condition met\n`;
    expect(lab.out('kubectl wait --for=condition=Ready pod -l app=web')).toBe(met);
    expect(lab.out('kubectl wait --for=condition=ready=TRUE pods --all')).toBe(met);
    expect(lab.out(`kubectl wait --for=condition=Ready pod ${a} ${b}`)).toBe(met);
    expect(lab.out(`kubectl wait --for=condition=Ready pod/${a} pod/${b} -o name`)).toBe(`pod/${a}\npod/${b}\n`);    expect(lab.out(`kubectl wait --for=condition=Ready pods --all -o jsonpath={.metadata.name}`)).toBe(`${a}${b}`);
    const yaml = lab.out('kubectl wait --for=condition=Ready pods --all -o yaml');
    expect(yaml.split('\n').filter((l) => l === '---' || l === 'kind: Pod')).toEqual(['kind: Pod', '---', 'kind: Pod']);
  });

  it('times out on the deadline with kubectl error, exit 1', () => {
    const lab = withDeployment();
    lab.out('kubectl wait --for=condition=Available deploy/web');
    const t0 = lab.now;
    const r = lab.run('kubectl wait --for=condition=Available=false deployment web --timeout=5s');
    expect(r).toMatchObject({ stdout: '', stderr: 'error: timed out waiting for the condition on deployments/web\n', exitCode: 1 });
    expect(lab.now).toBe(t0 + 5000);
  });

  it('checks once with --timeout=0', () => {
    const lab = withDeployment();
    expect(lab.run('kubectl wait --for=condition=Available deploy/web --timeout=0')).toMatchObject({
      stderr: 'error: condition not met for deployments/web\n',
      exitCode: 1,
    });
    expect(lab.now).toBe(0);
  });

  it('shares one deadline: once it has passed, the next object times out too', () => {
    const lab = new Lab();
    lab.apply(pod('a-never', 'nginx:no-such-tag', '{tier: t}'));
    lab.apply(pod('b-ready', 'busybox', '{tier: t}'));
    lab.advance('10s');
    expect(lab.out('kubectl get pod b-ready --no-headers').split(/\s+/)[2]).toBe('Running');
    const r = lab.run('kubectl wait --for=condition=Ready pod -l tier=t --timeout=20s');
    expect(r.stdout).toBe('');
    // Several errors go through kubectl's MultipleErrors: no `error: ` prefix.
    expect(r.stderr).toBe('timed out waiting for the condition on pods/a-never\ntimed out waiting for the condition on pods/b-ready\n');
    expect(r.exitCode).toBe(1);
    expect(lab.now).toBe(30_000);
  });

  it('reports a missing object as the API server does, and an empty selection as kubectl does', () => {
    const lab = new Lab();
    expect(lab.run('kubectl wait --for=condition=Available deploy/nope')).toMatchObject({
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
      exitCode: 1,
    });
    expect(lab.run('kubectl wait --for=condition=Ready pod -l app=none')).toMatchObject({ stderr: 'error: no matching resources found\n', exitCode: 1 });
    expect(lab.now).toBe(0);
  });
});

describe('kubectl wait --for=jsonpath', () => {
  it('compares the value at the path, or only needs one without =VALUE', () => {
    const lab = withDeployment();
    const [a, b] = podNames(lab);
    expect(lab.out(`kubectl wait --for=jsonpath='{.status.phase}'=Running pods --all`)).toBe(`pod/${a} condition met\npod/${b} condition met\n`);
    expect(lab.out('kubectl wait --for=jsonpath=.status.readyReplicas=2 deployment/web')).toBe('deployment.apps/web condition met\n');
    expect(lab.out(`kubectl wait --for=jsonpath='{.status.podIP}' pod/${a}`)).toBe(`pod/${a} condition met\n`);
  });

  it('fails on a path that leads to an object or to several values', () => {
    const lab = withDeployment();
    expect(lab.run('kubectl wait --for=jsonpath={.status}=x deploy/web')).toMatchObject({
      stderr: 'error: jsonpath leads to a nested object or list which is not supported\n',
      exitCode: 1,
    });
    expect(lab.run('kubectl wait --for=jsonpath={.status.conditions[*].type}=Available deploy/web')).toMatchObject({
      stderr: 'error: given jsonpath expression matches more than one value\n',
      exitCode: 1,
    });
  });
});

describe('kubectl wait --for=delete', () => {
  function deleting(): Lab {
    const lab = new Lab();
    expect(lab.apply(pod('sleeper', 'busybox'))).toBe('pod/sleeper created\n');
    expect(lab.out('kubectl wait --for=condition=Ready pod/sleeper')).toBe('pod/sleeper condition met\n');
    expect(lab.out('kubectl delete pod sleeper --wait=false')).toBe('pod "sleeper" deleted\n');
    return lab;
  }

  it('waits for the pod to go after its grace period', () => {
    const lab = deleting();
    const t0 = lab.now;
    expect(lab.run('kubectl wait --for=delete pod/sleeper --timeout=60s')).toMatchObject({ stdout: 'pod/sleeper condition met\n', exitCode: 0 });
    expect(lab.now).toBe(t0 + 30_000);
  });

  it('times out while the pod is still terminating', () => {
    const lab = deleting();
    expect(lab.run('kubectl wait --for=delete pod/sleeper --timeout=10s')).toMatchObject({
      stderr: 'error: timed out waiting for the condition on pods/sleeper\n',
      exitCode: 1,
    });
  });

  it('is met at once, silently, for an object already gone', () => {
    const lab = new Lab();
    expect(lab.run('kubectl wait --for=delete pod/nope')).toMatchObject({ output: '', exitCode: 0 });
    expect(lab.run('kubectl wait --for=delete pods -l app=none')).toMatchObject({ output: '', exitCode: 0 });
  });
});

describe('kubectl wait errors, recorded from kubectl v1.31', () => {
  it.each([
    ['kubectl wait pod/x', 'error: unrecognized condition: ""\n'],
    ['kubectl wait --for=foo pod/x', 'error: unrecognized condition: "foo"\n'],
    ["kubectl wait --for=jsonpath='{.status' pod/x", "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n"],
    ["kubectl wait --for=jsonpath='{.a}=' pod/x", "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n"],
    [
      "kubectl wait --for=jsonpath='{.a}=b=c' pod/x",
      "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n",
    ],
    ["kubectl wait --for='jsonpath={.items[}' pod/x", 'error: unterminated array\n'],
    ["kubectl wait --for='jsonpath=' pod/x", 'error: jsonpath expression cannot be empty\n'],
    [
      'kubectl wait --for=condition=Ready pod/x --timeout=abc',
      'error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl wait --help\' for usage.\n',
    ],
    ['kubectl wait --for=condition=Ready pods --timeout=5', 'error: invalid argument "5" for "--timeout" flag: time: missing unit in duration "5"\nSee \'kubectl wait --help\' for usage.\n'],
    ['kubectl wait --for=delete pod/x --timeout=5x', 'error: invalid argument "5x" for "--timeout" flag: time: unknown unit "x" in duration "5x"\nSee \'kubectl wait --help\' for usage.\n'],
    [
      'kubectl wait --for=delete pod/x -o wide',
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n',
    ],
  ])('%s', (line, stderr) => {
    const r = new Lab().run(line);
    expect(r).toMatchObject({ stdout: '', stderr, exitCode: 1 });
  });
});

describe('conditionMet (ConditionalWait.checkCondition)', () => {
  const obj = (generation: number, status: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'X', metadata: { name: 'x', generation }, status }) as unknown as KObject;
  it.each([
    ['type and status compare case-insensitively', obj(1, { conditions: [{ type: 'ready', status: 'TRUE' }] }), 'Ready', 'true', true],
    ['the first condition of the type decides', obj(1, { conditions: [{ type: 'Ready', status: 'False' }, { type: 'Ready', status: 'True' }] }), 'Ready', 'true', false],
    ['an older status.observedGeneration hides it', obj(2, { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True' }] }), 'Ready', 'true', false],
    ["the condition's own observedGeneration wins", obj(2, { observedGeneration: 1, conditions: [{ type: 'Ready', status: 'True', observedGeneration: 2 }] }), 'Ready', 'true', true],
    ['no conditions', obj(1, {}), 'Ready', 'true', false],
  ])('%s', (_, o, type, value, want) => {
    expect(conditionMet(o, type, value)).toBe(want);
  });
});
