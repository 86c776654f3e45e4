import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import { validateManifest } from '../../../src/app/validate.ts';
import { admissionFindings, dryRunAdmitter, fieldPath } from '../../../src/app/validate-admission.ts';
import { webDeploymentYaml } from '../../support/fixtures.ts';

const DEPLOYMENT = webDeploymentYaml({ replicas: 2 });

const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: once
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: c
        image: busybox
        command: ["true"]
`;

/** Everything that decides the cluster's future: time, writes, the trace, the random stream, timers. */
function stateOf(s: Session): string {
  const k = s.sim.kernel;
  return [k.now, s.sim.store.resourceVersion, s.sim.traceHash(), k.prng.state().join(','), k.pendingTimers, k.nextTimerAt()].join('|');
}

describe('the YAML editor validates against admission as a server dry run', () => {
  it('shows an Invalid error in kubectl apply\'s words, at the line of the field it names', () => {
    const session = new Session({ seed: 1 });
    const text = DEPLOYMENT.replace('      labels:\n        app: web', '      labels:\n        app: api');
    const found = validateManifest(text, dryRunAdmitter(session));
    expect(found).toHaveLength(1);
    const applied = new Session({ seed: 1 }).execLine('kubectl apply -f -', text);
    expect(applied.exitCode).toBe(1);
    expect(`${found[0].message}\n`).toBe(applied.output);
    expect(found[0].message).toMatch(/^The Deployment "web" is invalid: spec\.template\.metadata\.labels: Invalid value: /);
    expect(text.split('\n')[found[0].line - 1]).toBe('      labels:');
  });

  it('gives each cause of an Invalid error its own line, each in the words kubectl prints for one', () => {
    const session = new Session({ seed: 1 });
    const text = DEPLOYMENT.replace('  replicas: 2', '  replicas: -1').replace('        image: nginx:1.27', '        image: ""');
    const found = validateManifest(text, dryRunAdmitter(session));
    const lines = text.split('\n');
    expect(found.map((d) => lines[d.line - 1].trim())).toEqual(['replicas: -1', 'image: ""']);
    expect(found[0].message).toBe('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(found[1].message).toMatch(/^The Deployment "web" is invalid: spec\.template\.spec\.containers\[0\]\.image: Required value/);
    // kubectl itself lists both under one heading.
    const applied = new Session({ seed: 1 }).execLine('kubectl apply -f -', text).output;
    for (const d of found) expect(applied).toContain(d.message.replace('The Deployment "web" is invalid: ', '* '));
  });

  it('finds nothing wrong with a valid object, new or already there (the three-way patch), and nothing without admit', () => {
    const session = new Session({ seed: 1 });
    const admit = dryRunAdmitter(session);
    expect(validateManifest(DEPLOYMENT, admit)).toEqual([]);
    session.execLine('kubectl apply -f -', DEPLOYMENT);
    expect(validateManifest(DEPLOYMENT.replace('replicas: 2', 'replicas: 4'), admit)).toEqual([]);
    // An update the API server refuses: the selector of a Deployment is immutable.
    const moved = DEPLOYMENT.replace('    matchLabels:\n      app: web', '    matchLabels:\n      app: web\n      tier: x').replace('      labels:\n        app: web', '      labels:\n        app: web\n        tier: x');
    const [d] = validateManifest(moved, admit);
    expect(d.message).toMatch(/^The Deployment "web" is invalid: spec\.selector: Invalid value: .*field is immutable$/);
    expect(moved.split('\n')[d.line - 1]).toBe('  selector:');
    const invalid = DEPLOYMENT.replace('replicas: 2', 'replicas: -1');
    expect(validateManifest(invalid)).toEqual([]); // decoding alone finds nothing
  });

  it('reports a missing namespace at the namespace, and decoding errors stop before admission', () => {
    const session = new Session({ seed: 1 });
    const text = DEPLOYMENT.replace('  name: web', '  name: web\n  namespace: nope');
    const [d] = validateManifest(text, dryRunAdmitter(session));
    expect(d).toEqual({ line: 5, severity: 'error', message: 'Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found' });
    expect(`${d.message}\n`).toBe(new Session({ seed: 1 }).execLine('kubectl apply -f -', text).output);
    const both = DEPLOYMENT.replace('  replicas: 2', '  replicaz: -1');
    expect(validateManifest(both, dryRunAdmitter(session)).map((x) => x.message)).toEqual([expect.stringContaining('strict decoding error: unknown field "spec.replicaz"')]);
  });

  it('follows the context namespace, as kubectl apply does', () => {
    const session = new Session({ seed: 1 });
    session.execLine('kubectl config set-context --current --namespace=ghost');
    const [d] = validateManifest(DEPLOYMENT, dryRunAdmitter(session));
    expect(d.message).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "ghost" not found');
  });

  it('changes nothing: the state, the trace hash and the random stream are as before, and the cluster runs on the same', () => {
    const live = new LiveCluster();
    live.exec('kubectl apply -f -', DEPLOYMENT);
    live.step();
    const twin = new LiveCluster();
    twin.exec('kubectl apply -f -', DEPLOYMENT);
    twin.step();
    const before = stateOf(live.session);
    expect(stateOf(twin.session)).toBe(before);
    const admit = dryRunAdmitter(live.session);
    // A Job draws a uid in admission; a new Deployment, an update, a refused object, a List.
    for (const text of [JOB, DEPLOYMENT.replace('name: web', 'name: other'), DEPLOYMENT.replace('replicas: 2', 'replicas: 9'), DEPLOYMENT.replace('replicas: 2', 'replicas: -1'), `${JOB}---\n${DEPLOYMENT}`]) {
      validateManifest(text, admit);
    }
    expect(stateOf(live.session)).toBe(before);
    expect(live.session.sim.store.tryGet('jobs', 'default', 'once')).toBeUndefined();
    expect(live.exec('kubectl get deploy web -o jsonpath={.spec.replicas}').output).toBe('2');
    // The future too: both clusters run on to the same trace.
    for (const c of [live, twin]) {
      c.exec('kubectl apply -f -', JOB);
      for (let i = 0; i < 5; i++) c.step();
    }
    expect(stateOf(live.session)).toBe(stateOf(twin.session));
  });

  it('reads API field paths, bracketed keys included', () => {
    expect(fieldPath('spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image']);
    expect(fieldPath('metadata.labels[app.kubernetes.io/name]')).toEqual(['metadata', 'labels', 'app.kubernetes.io/name']);
    expect(fieldPath('spec')).toEqual(['spec']);
    expect(admissionFindings(new Error('boom'))).toEqual([{ path: [], message: 'error: boom' }]);
  });
});
