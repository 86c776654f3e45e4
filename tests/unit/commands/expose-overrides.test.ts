/**
 * `kubectl expose --overrides` / `--override-type`: what real kubectl v1.31 printed for the same
 * cluster (apply-expose.recorded.json, scenario expose-overrides), and that the overridden object
 * is what is created.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Recorded } from './apply-expose-record.ts';
import { playSetup, SCENARIOS } from './apply-expose-scenarios.ts';

const recorded = (JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'apply-expose.recorded.json'), 'utf8')) as Recorded[]).filter(
  (r) => r.scenario === 'expose-overrides',
);
const scenario = SCENARIOS.find((s) => s.name === 'expose-overrides');
if (!scenario) throw new Error('no expose-overrides scenario');

describe('kubectl expose --overrides as kubectl v1.31 prints it', () => {
  it.each(recorded.map((r) => [r.line, r] as const))('%s', (_line, r) => {
    const res = playSetup(scenario).execLine(r.line);
    expect({ stdout: res.stdout, stderr: res.stderr, exitCode: res.exitCode }).toEqual({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });
  });
});

describe('kubectl expose --overrides: what is created', () => {
  it('the Service as overridden (a merge patch by default)', () => {
    const s = playSetup(scenario);
    const r = s.execLine(`kubectl expose deploy web --port=80 --overrides='{"spec":{"type":"NodePort","sessionAffinity":"ClientIP"}}'`);
    expect([r.stdout, r.exitCode]).toEqual(['service/web exposed\n', 0]);
    const svc = s.sim.store.get('services', 'default', 'web');
    expect(svc.spec).toMatchObject({ type: 'NodePort', sessionAffinity: 'ClientIP', selector: { app: 'web' } });
  });

  it('a JSON patch, with --save-config recording the overridden object', () => {
    const s = playSetup(scenario);
    s.execLine(`kubectl expose deploy web --port=80 --save-config --override-type=json --overrides='[{"op":"replace","path":"/metadata/name","value":"front"}]'`);
    const svc = s.sim.store.get('services', 'default', 'front');
    expect(svc.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"kind":"Service","apiVersion":"v1","metadata":{"name":"front","creationTimestamp":null,"labels":{"app":"web"}},"spec":{"ports":[{"protocol":"TCP","port":80,"targetPort":80}],"selector":{"app":"web"}},"status":{"loadBalancer":{}}}\n',
    );
    expect(s.sim.store.tryGet('services', 'default', 'web')).toBeUndefined();
  });

  it('an override to another kind creates that kind, as kubectl does', () => {
    const s = playSetup(scenario);
    expect(s.execLine(`kubectl expose deploy web --port=80 --overrides='{"kind":"ConfigMap","data":{"a":"b"}}'`).stdout).toBe('configmap/web exposed\n');
    expect(s.sim.store.get('configmaps', 'default', 'web').data).toEqual({ a: 'b' });
  });

  it('a refused override creates nothing', () => {
    const s = playSetup(scenario);
    expect(s.execLine(`kubectl expose deploy web --port=80 --overrides='{"spec":{"ports":[{"port":"80"}]}}'`).exitCode).toBe(1);
    expect(s.sim.store.tryGet('services', 'default', 'web')).toBeUndefined();
  });
});
