/**
 * The kubelet is deterministic: probes, OOM kills, back-offs, pulls, node failure and recovery
 * give the same transcript and trace hash on every run with the same seed, and a snapshot taken
 * mid-way, restored and continued equals the run that never stopped.
 */
import { describe, expect, it } from 'vitest';
import { formatEntry } from '../../../src/commands/runner.ts';
import { applyHeredoc, boundPodYaml, Lab, MANIFEST, runManifestScript } from '../../support/manifests.ts';

const SETUP = [
  'kubectl create namespace mem-example',
  applyHeredoc(boundPodYaml(MANIFEST.memoryLimit2)),
  applyHeredoc(boundPodYaml(MANIFEST.execLiveness)),
  applyHeredoc(boundPodYaml(MANIFEST.httpLiveness, { nodeName: 'node-2' })),
  applyHeredoc(`apiVersion: v1
kind: Pod
metadata:
  name: badtag
spec:
  nodeName: node-3
  containers:
  - name: app
    image: nginx:9.99
`),
];

const FIRST_HALF = ['sim advance 47s', 'kubectl get pods -A -o wide', 'kubectl get events -A', 'sim node fail node-3', 'sim advance 25s'];
const SECOND_HALF = [
  'sim node recover node-3',
  'sim advance 2m13s',
  'kubectl get pods -A',
  "kubectl get pod liveness-exec -o jsonpath='{.status.containerStatuses[0]}'",
  'sim kill liveness-http',
  'sim advance 95s',
  'kubectl get pods -A -o wide',
  'kubectl get events -A',
  'kubectl top pods -A',
  'sim node exec node-1 -- crictl ps -a',
  'sim trace hash',
];

describe('determinism with probes, OOM kills and restarts', () => {
  it('the same script twice: identical transcripts and trace hash', () => {
    const script = [...SETUP, ...FIRST_HALF, ...SECOND_HALF].join('\n');
    const a = runManifestScript(script);
    const b = runManifestScript(script);
    expect(a.status).toBe(0);
    expect(a.transcript).toBe(b.transcript);
    expect(a.session.sim.traceHash()).toBe(b.session.sim.traceHash());
    expect(a.out('sim trace hash')).toBe(`${a.session.sim.traceHash()}\n`);
    // The run did what it says: restarts happened, so the hash covers them.
    expect(a.transcript).toMatch(/liveness-exec +1\/1 +Running +[1-9]/);
    expect(a.transcript).toContain('CrashLoopBackOff');
    expect(a.transcript).toContain('ImagePullBackOff');
    // Another seed is another (equally reproducible) cluster.
    const c = runManifestScript(script, 2);
    expect(c.session.sim.traceHash()).not.toBe(a.session.sim.traceHash());
  });

  it('snapshot mid-way, restore, continue == an uninterrupted run', () => {
    const play = (lab: Lab, lines: string[]) =>
      lines.map((line) => {
        const m = /^(.*) <<EOF\n([\s\S]*)\nEOF$/.exec(line);
        const r = m ? lab.run(m[1], `${m[2]}\n`) : lab.run(line);
        return formatEntry({ line, output: r.output, exitCode: r.exitCode, time: lab.now });
      });

    const straight = new Lab();
    play(straight, [...SETUP, ...FIRST_HALF]);
    const straightTail = play(straight, SECOND_HALF);

    const interrupted = new Lab();
    play(interrupted, [...SETUP, ...FIRST_HALF]);
    const before = JSON.stringify(interrupted.session.sim.snapshot());
    interrupted.snapshotRestore();
    // The restored simulation is the same state, byte for byte.
    expect(JSON.stringify(interrupted.session.sim.snapshot())).toBe(before);
    const resumedTail = play(interrupted, SECOND_HALF);

    expect(resumedTail).toEqual(straightTail);
    expect(interrupted.session.sim.traceHash()).toBe(straight.session.sim.traceHash());
    expect(JSON.stringify(interrupted.session.sim.snapshot())).toBe(JSON.stringify(straight.session.sim.snapshot()));
  });

  it.each([12_345, 31_000, 70_500, 141_000])('restoring at %i ms (mid-probe, mid-grace, mid-back-off) changes nothing', (atMs) => {
    const run = (restoreAt?: number) => {
      const lab = new Lab();
      for (const line of SETUP) {
        const m = /^(.*) <<EOF\n([\s\S]*)\nEOF$/.exec(line);
        if (m) lab.run(m[1], `${m[2]}\n`);
        else lab.run(line);
      }
      if (restoreAt !== undefined) {
        lab.advanceTo(restoreAt);
        lab.snapshotRestore();
      }
      lab.advanceTo(200_000);
      return {
        pods: lab.out('kubectl get pods -A'),
        exec: lab.jsonpath('liveness-exec', '.status.containerStatuses[0]'),
        hash: lab.session.sim.traceHash(),
      };
    };
    const straight = run();
    expect(run(atMs)).toEqual(straight);
  });
});
