/**
 * Playing a lab step by step, as the app's panel will: start, run commands one at a time, check
 * without moving time, sim events on the kernel (surviving snapshot/restore), refused commands,
 * setup failures. And the lab core's purity: no Node APIs, no wall clock, no unseeded randomness.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.ts';
import { builtinLab } from '../../../src/labs/builtin/index.ts';
import { checkNow, labExec, LabSetupError, scheduleSimEvents, startLab } from '../../../src/labs/play.ts';
import type { Lab } from '../../../src/labs/types.ts';

const nodeReady = (sim: Simulation, name: string) =>
  (sim.store.get('nodes', '', name) as unknown as { status: { conditions: { type: string; status: string }[] } }).status.conditions.find((c) => c.type === 'Ready')?.status;

const tiny: Lab = {
  id: 'tiny',
  title: 'Tiny',
  level: 'beginner',
  seed: 1,
  setup: { cluster: { nodes: 2 } },
  sim: [
    { at: '30s', event: 'nodeFail', node: 'node-2' },
    { at: '3m', event: 'nodeRecover', node: 'node-2' },
  ],
  story: { intro: 'x', steps: [] },
  goals: [{ id: 'web', title: 'web exists', check: { type: 'exists', resource: 'deployment', name: 'web' } }],
  hints: [],
  solution: 'kubectl create deployment web --image=nginx:1.26\n',
};

describe('a lab session', () => {
  it('runs commands one at a time and checks without moving time', () => {
    const run = startLab(tiny);
    expect(run.session.sim.store.list('nodes').items.map((n) => n.metadata.name)).toEqual(['control-plane', 'node-1', 'node-2']);
    const before = run.session.sim.now;
    expect(checkNow(run)).toMatchObject({ ok: false, passed: 0, total: 1, gradedAtMs: 0 });
    expect(labExec(run, { words: ['kubectl', 'create', 'deployment', 'web', '--image=nginx:1.26'] }).output).toBe('deployment.apps/web created\n');
    const report = checkNow(run);
    expect(report).toMatchObject({ ok: true, passed: 1, goals: [{ id: 'web', pass: true, reason: 'deployment "web" exists' }] });
    expect(run.session.sim.now).toBe(before);
    expect(run.commands.map((c) => c.line)).toEqual(['kubectl create deployment web --image=nginx:1.26']);
  });

  it('refuses sim cluster without running it', () => {
    const run = startLab(tiny);
    const hash = run.session.sim.traceHash();
    const r = labExec(run, { words: ['sim', 'cluster', '--nodes', '1'] });
    expect(r.exitCode).toBe(2);
    expect(r.output).toBe("sim cluster is not allowed in a lab: it would replace the lab's cluster\n");
    expect(run.session.sim.traceHash()).toBe(hash);
  });

  it('fires sim events at their time after the lab starts', () => {
    const run = startLab(tiny);
    const sim = run.session.sim;
    sim.advance(29_000);
    expect(sim.nodeAgent('node-2')).toBeDefined();
    sim.advance(60_000);
    expect(nodeReady(sim, 'node-2')).toBe('Unknown');
    sim.advance(120_000);
    expect(nodeReady(sim, 'node-2')).toBe('True');
  });

  it('keeps sim events across snapshot and restore (handler registered again, timers from the snapshot)', () => {
    const straight = startLab(tiny);
    straight.session.sim.advance(10_000);
    const snap = straight.session.sim.snapshot();
    straight.session.sim.advance(200_000);
    const restored = Simulation.restore(JSON.parse(JSON.stringify(snap)));
    scheduleSimEvents(restored, tiny.sim ?? [], false);
    restored.advance(200_000);
    expect(restored.traceHash()).toBe(straight.session.sim.traceHash());
  });

  it('reports a setup that fails as a lab error', () => {
    expect(() => startLab({ ...tiny, setup: { script: 'kubectl get deployment missing\n' } })).toThrow(LabSetupError);
    expect(() => startLab({ ...tiny, setup: { script: 'kubectl get deployment missing\n' } })).toThrow('lab tiny: setup command "kubectl get deployment missing" failed: Error from server (NotFound): deployments.apps "missing" not found');
  });

  it('starts every built-in lab identically for one seed', () => {
    const lab = builtinLab('scheduling')!;
    expect(startLab(lab, 12).session.sim.traceHash()).toBe(startLab(lab, 12).session.sim.traceHash());
  });
});

describe('the lab core is pure', () => {
  const labsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'labs');
  const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
  it.each([
    [/from ['"]node:/, 'a Node built-in module'],
    [/\bprocess\./, 'the host process'],
    [/Math\.random|Date\.now|performance\.now|new Date\(\)/, 'the wall clock or unseeded randomness'],
    [/\b(setTimeout|setInterval|require)\(/, 'timers or require'],
    [/from ['"](react|zustand|d3|immer)/, 'UI libraries'],
  ])('no file under src/labs uses %s (%s)', (pattern) => {
    const offenders = files(labsDir).filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
