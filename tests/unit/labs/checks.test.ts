/**
 * The goal-check language: field paths and matchers (pure), and each check type against a small
 * cluster built through the command layer — reading only what the check names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { runCheck } from '../../../src/labs/checks.ts';
import { FieldPathError, firstMismatch, readField } from '../../../src/labs/fields.ts';
import type { Check } from '../../../src/labs/types.ts';

describe('field paths', () => {
  const pod = {
    metadata: { labels: { app: 'web' }, annotations: { 'example.com/x': '1' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.26', resources: { limits: { memory: '256Mi' } } }, { name: 'side', image: 'busybox' }] },
  };
  it.each([
    ['metadata.labels.app', ['web']],
    ["metadata.annotations['example.com/x']", ['1']],
    ['spec.containers[1].image', ['busybox']],
    ['spec.containers[name=side].image', ['busybox']],
    ['spec.containers[*].name', ['app', 'side']],
    ['spec.containers[5].image', []],
    ['spec.missing.deeper', []],
  ])('%s', (path, want) => {
    expect(readField(pod, path)).toEqual(want);
  });

  it('refuses malformed paths', () => {
    expect(() => readField(pod, 'spec..x')).toThrow(FieldPathError);
    expect(() => readField(pod, 'spec.containers[')).toThrow('invalid field path "spec.containers[": "[" without "]"');
    expect(() => readField(pod, 'a[x y]')).toThrow(FieldPathError);
  });

  it.each([
    [{ 'spec.containers[*].image': 'busybox' }, undefined],
    [{ 'spec.containers[0].resources.limits.memory': { quantity: '268435456' } }, undefined],
    [{ 'spec.containers[0].resources.limits.memory': { quantityGte: '300Mi' } }, 'spec.containers[0].resources.limits.memory is "256Mi", want >= 300Mi'],
    [{ 'metadata.labels.app': { oneOf: ['api', 'db'] } }, 'metadata.labels.app is "web", want one of ["api","db"]'],
    [{ 'metadata.labels.tier': { exists: false } }, undefined],
    [{ 'metadata.labels.app': { exists: false } }, 'metadata.labels.app is "web", want absent'],
    [{ "metadata.annotations['example.com/x']": { gte: 1, lte: 1 } }, undefined],
    [{ 'spec.containers[0].image': { contains: 'nginx' } }, undefined],
    [{ 'spec.containers[0].image': 'nginx:1.25' }, 'spec.containers[0].image is "nginx:1.26", want = "nginx:1.25"'],
  ])('matcher %j', (fields, want) => {
    expect(firstMismatch(pod, fields)).toBe(want);
  });
});

describe('checks against a cluster', () => {
  let session: Session;
  const ctx = () => ({ store: session.sim.store, nowMs: session.sim.now });
  const check = (c: Check) => runCheck(c, ctx());

  beforeAll(() => {
    session = new Session({ seed: 3 });
    session.execLine('kubectl create deployment web --image=nginx:1.26 --replicas=3');
    session.execLine('kubectl expose deployment web --port=80');
    session.execLine('kubectl create deployment extra --image=nginx:1.26 --replicas=2');
    session.execLine('kubectl run solo --image=busybox:1.36 -- sleep 3600');
    session.execLine('sim advance 30s');
  });

  it.each<[Check, boolean, string]>([
    [{ type: 'deploymentAvailable', name: 'web', replicas: 3, image: 'nginx:1.26' }, true, 'deployment "web": 3 replicas available running nginx:1.26'],
    [{ type: 'deploymentAvailable', name: 'web', replicas: 5 }, false, 'deployment "web" wants 3 replicas, not 5'],
    [{ type: 'deploymentAvailable', name: 'web', image: 'nginx:1.25' }, false, 'deployment "web" runs nginx:1.26, not nginx:1.25'],
    [{ type: 'deploymentAvailable', name: 'nope' }, false, 'deployment "nope" not found in namespace "default"'],
    [{ type: 'pods', selector: 'app=web', count: 3, ready: true }, true, '3 pods match app=web and are Ready'],
    [{ type: 'pods', selector: 'app=web', max: 2 }, false, '3 pods match app=web, want at most 2'],
    [{ type: 'serviceReadyEndpoints', name: 'web', count: 3 }, true, 'service "web" has 3 ready endpoints'],
    [{ type: 'serviceReadyEndpoints', name: 'web', count: 2 }, false, 'service "web" has 3 ready endpoints, want 2'],
    [{ type: 'podQoS', name: 'solo', qosClass: 'BestEffort' }, true, 'pod "solo": QoS class BestEffort'],
    [{ type: 'podQoS', selector: 'app=web', qosClass: 'Guaranteed' }, false, 'is BestEffort, want Guaranteed'],
    [{ type: 'podRestarts', name: 'solo', max: 0 }, true, 'pod "solo": restarts within bounds'],
    [{ type: 'podRestarts', name: 'solo', min: 1 }, false, 'pod "solo" restarted 0 times, want at least 1'],
    [{ type: 'exists', resource: 'deploy', name: 'web', fields: { 'spec.replicas': 3 } }, true, 'deployment "web" exists as required'],
    [{ type: 'exists', resource: 'svc', name: 'web', fields: { 'spec.ports[0].port': 8080 } }, false, 'service "web": spec.ports[0].port is 80, want = 8080'],
    [{ type: 'exists', resource: 'widgets', name: 'x' }, false, 'the server doesn\'t have a resource type "widgets"'],
    [{ type: 'absent', resource: 'pod', name: 'ghost' }, true, 'pod "ghost" is gone'],
    [{ type: 'absent', resource: 'pod', name: 'solo' }, false, 'pod "solo" still exists'],
    [{ type: 'noPodOnNode', selector: 'app=web', node: 'node-9' }, true, 'no pod with app=web on node-9'],
    [{ type: 'podsOnNodes', selector: 'app=web', nodes: ['node-9'] }, false, 'not on node-9'],
    [{ type: 'podsSpread', selector: 'app=web', topologyKey: 'kubernetes.io/hostname', maxSkew: 1, minDomains: 4 }, false, 'want at least 4'],
    [{ type: 'not', check: { type: 'absent', resource: 'pod', name: 'solo' } }, true, 'pod "solo" still exists'],
    [{ type: 'anyOf', checks: [{ type: 'absent', resource: 'pod', name: 'solo' }, { type: 'pods', selector: 'run=solo', count: 1 }] }, true, '1 pod matches run=solo'],
    [{ type: 'allOf', checks: [{ type: 'pods', selector: 'run=solo', count: 1 }, { type: 'absent', resource: 'pod', name: 'solo' }] }, false, 'pod "solo" still exists'],
    [{ type: 'pods', selector: 'app in (', count: 1 }, false, ''],
  ])('%j → %s', (c, pass, reason) => {
    const r = check(c);
    expect(r.pass).toBe(pass);
    expect(r.reason).toContain(reason);
  });

  it('extra objects never change a check on named ones', () => {
    const before = check({ type: 'deploymentAvailable', name: 'web', replicas: 3 });
    session.execLine('kubectl create deployment web2 --image=nginx:1.25 --replicas=1');
    session.execLine('kubectl create namespace other');
    session.execLine('kubectl create deployment web -n other --image=nginx:1.25');
    session.execLine('sim advance 10s');
    expect(check({ type: 'deploymentAvailable', name: 'web', replicas: 3 })).toEqual(before);
    expect(check({ type: 'pods', selector: 'app=web', count: 3 }).pass).toBe(true);
  });
});
