import { describe, expect, it } from 'vitest';
import { Session } from '../commands/session.ts';
import { Simulation } from '../engine/simulation.ts';
import { eventMarker, isReadOnly, TimeTravel } from './time-travel.ts';
import type { KEvent } from '../engine/api/types.ts';
import { webDeploymentYaml } from '../../tests/support/fixtures.ts';

const WEB = webDeploymentYaml({ requests: { cpu: '100m', memory: '64Mi' } });

const MEMHOG = `apiVersion: v1
kind: Pod
metadata:
  name: memhog
spec:
  nodeName: node-1
  containers:
  - name: stress
    image: polinux/stress
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
    resources:
      limits:
        memory: 100Mi
`;

/** What one sees of the cluster: trace hash, time, pods and nodes as kubectl prints them. */
function look(session: Session): string {
  return [session.sim.traceHash(), session.sim.now, session.execLine('kubectl get pods -o wide').output, session.execLine('kubectl get nodes').output].join('\n');
}

/**
 * The original run: a Deployment, a node failure, a scale, time in uneven chunks. Returns what it
 * looked like at each moment, and the commands in order as a plain Session would run them.
 */
function originalRun(tt: TimeTravel): Map<number, string> {
  const seen = new Map<number, string>();
  const mark = () => seen.set(tt.now, look(tt.session));
  mark();
  expect(tt.exec('kubectl apply -f -', WEB).recorded).toBe(true);
  mark();
  for (const ms of [700, 2300, 15_000, 40_000]) {
    tt.advance(ms);
    mark();
  }
  expect(tt.exec('sim node fail node-2').recorded).toBe(true);
  mark();
  for (const ms of [10_000, 45_000, 120_000, 250_000, 5_000]) {
    tt.advance(ms);
    mark();
  }
  tt.exec('kubectl scale deployment web --replicas 5');
  mark();
  tt.advance(90_000);
  mark();
  return seen;
}

describe('TimeTravel', () => {
  it('seek(t) shows exactly what the original run showed at t: same trace hash, same pods, same nodes', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }), { snapshotEveryWrites: 40 });
    const seen = originalRun(tt);
    expect(tt.snapshotCount).toBeGreaterThan(2);
    const times = [...seen.keys()];
    // Out of order, back and forth, so both restore-and-replay and replay-forward paths run.
    expect(times).toEqual([0, 700, 3000, 18_000, 58_000, 68_000, 113_000, 233_000, 483_000, 488_000, 578_000]);
    const order = [8, 2, 10, 0, 5, 6, 9, 1, 7, 3, 4].map((i) => times[i]);
    for (const t of order) {
      expect(tt.seek(t)).toBe(t);
      expect(tt.past).toBe(t < tt.end);
      expect(look(tt.session)).toBe(seen.get(t));
    }
    // Back to live: the same cluster as at the end of the original run.
    expect(tt.resumeLive()).toBe(tt.end);
    expect(tt.past).toBe(false);
    expect(look(tt.session)).toBe(seen.get(times[times.length - 1]));
  });

  it('recording does not perturb the run, and unrecorded reads change nothing: a plain Session doing the same gets the same trace hash', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    originalRun(tt);
    const reads = ['kubectl get pods -A -o yaml', 'kubectl describe pods', 'kubectl logs deployment/web', 'kubectl top node', 'kubectl top pod -A', 'kubectl get events -A', 'kubectl describe node node-2', 'sim trace'];
    for (const line of reads) {
      expect(tt.exec(line).recorded, line).toBe(false);
      tt.advance(15_000);
    }
    const plain = new Session({ seed: 1 });
    for (const c of tt.recorded) {
      plain.sim.advance(c.at - plain.sim.now);
      plain.execLine(c.line, c.stdin);
    }
    plain.sim.advance(tt.now - plain.sim.now);
    expect(plain.sim.traceHash()).toBe(tt.sim.traceHash());
    expect(tt.recorded.map((c) => c.line)).toEqual(['kubectl apply -f -', 'sim node fail node-2', 'kubectl scale deployment web --replicas 5']);
  });

  it('playing forward from the past replays the recorded commands at their times', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    const seen = originalRun(tt);
    const times = [...seen.keys()];
    tt.seek(times[1]);
    expect(tt.sim.store.tryGet('nodes', '', 'node-2')).toBeDefined();
    // Step by step across the node failure and the scale, as Play would.
    while (tt.now < tt.end) tt.advance(Math.min(7_000, tt.end - tt.now));
    expect(tt.past).toBe(false);
    expect(look(tt.session)).toBe(seen.get(times[times.length - 1]));
  });

  it('a read in the past shows the past and forks nothing', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    const seen = originalRun(tt);
    const times = [...seen.keys()];
    const end = tt.end;
    tt.seek(times[5]);
    for (const line of ['kubectl get pods', 'kubectl describe node node-2', 'kubectl get events -A', 'sim trace hash', 'kubectl rollout status deployment/web --watch=false', 'kubectl config current-context']) {
      const r = tt.exec(line);
      expect(r.recorded, line).toBe(false);
      expect(r.forked, line).toBe(false);
    }
    expect(tt.past).toBe(true);
    expect(tt.end).toBe(end);
    expect(tt.recorded).toHaveLength(3);
    expect(look(tt.session)).toBe(seen.get(times[5]));
  });

  it('acting in the past forks a new future; the fork then replays deterministically', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    const seen = originalRun(tt);
    const times = [...seen.keys()];
    const originalEnd = tt.end;
    const before = times[3]; // after the Deployment, before the node failure
    tt.seek(before);
    expect(tt.view().markers.some((m) => m.kind === 'node')).toBe(true); // the failure is still ahead
    const r = tt.exec('kubectl scale deployment web --replicas 1');
    expect(r).toMatchObject({ recorded: true, forked: true });
    expect(r.result.output).toBe('deployment.apps/web scaled\n');
    expect(tt.past).toBe(false);
    expect(tt.end).toBe(before);
    expect(tt.recorded.map((c) => c.line)).toEqual(['kubectl apply -f -', 'kubectl scale deployment web --replicas 1']);
    const view = tt.view();
    expect(view.lastForkAt).toBe(before);
    expect(view.markers.filter((m) => m.kind === 'fork').map((m) => m.at)).toEqual([before]);
    expect(view.markers.some((m) => m.kind === 'node')).toBe(false); // the failure was in the discarded future

    tt.advance(200_000);
    const forkedEnd = tt.now;
    const forked = look(tt.session);
    expect(forked).not.toBe(seen.get(times.find((t) => t >= forkedEnd) ?? originalEnd));
    expect(tt.sim.store.list('pods', { namespace: 'default' }).items).toHaveLength(1);

    // Seek into the new future and back to its end: the same.
    const mid = before + 50_000;
    tt.seek(mid);
    const atMid = look(tt.session);
    tt.seek(forkedEnd);
    expect(look(tt.session)).toBe(forked);
    tt.seek(mid);
    expect(look(tt.session)).toBe(atMid);

    // And a fresh session that does the same from scratch agrees.
    const plain = new Session({ seed: 1 });
    plain.execLine('kubectl apply -f -', WEB);
    plain.sim.advance(before - plain.sim.now);
    plain.execLine('kubectl scale deployment web --replicas 1');
    plain.sim.advance(forkedEnd - plain.sim.now);
    expect(plain.sim.traceHash()).toBe(forked.split('\n')[0]);
  });

  it('keeps the snapshot count bounded over a long run, thinning older ones, and still seeks exactly', () => {
    const tt = new TimeTravel(new Session({ seed: 3 }), { maxSnapshots: 6, snapshotEveryWrites: 50 });
    tt.exec('kubectl apply -f -', WEB);
    const hashes = new Map<number, string>();
    let maxCount = 0;
    for (let i = 0; i < 300; i++) {
      tt.advance(10_000);
      if (i % 50 === 7) hashes.set(tt.now, tt.sim.traceHash());
      maxCount = Math.max(maxCount, tt.snapshotCount);
    }
    expect(maxCount).toBe(6);
    const times = tt.snapshotTimes;
    expect(times[0]).toBe(0); // the start of the history is never dropped
    expect(tt.start).toBe(0);
    // Older gaps are wider than recent ones.
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[0]).toBeGreaterThan(gaps[gaps.length - 1]);
    for (const [t, hash] of hashes) {
      tt.seek(t);
      expect(tt.sim.traceHash()).toBe(hash);
    }
  });

  it('a snapshot shares the stored objects and the event correlator’s entries, and stays what it was: restored twice, it replays to the original trace hash', () => {
    const session = new Session({ seed: 5 });
    session.execLine('kubectl apply -f -', WEB);
    // Pods that never fit: FailedScheduling again and again, so the correlator's aggregates keep changing.
    session.execLine('kubectl create deployment huge --image=nginx:1.27 --replicas=3');
    session.execLine('kubectl set resources deployment huge --requests=cpu=64');
    session.sim.advance(120_000);
    session.execLine('sim node fail node-1');
    session.sim.advance(30_000);
    const snap = session.sim.snapshot();
    const before = JSON.stringify(snap);
    const live = session.sim;
    // The same stored objects, not copies.
    expect(snap.store.objects.pods[0]).toBe(live.store.list('pods').items.find((p) => p.metadata.uid === snap.store.objects.pods[0].metadata.uid));
    live.advance(600_000);
    const hashes = [live.traceHash()];
    for (let i = 0; i < 2; i++) {
      const restored = Simulation.restore(snap);
      const pod = snap.store.objects.pods[0];
      expect(restored.store.get('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '')).toBe(pod);
      restored.advance(600_000);
      hashes.push(restored.traceHash());
    }
    expect(new Set(hashes).size).toBe(1);
    expect(JSON.stringify(snap)).toBe(before);
    expect(live.store.list<KEvent>('events').items.some((e) => e.reason === 'FailedScheduling' && (e.count ?? 0) > 1)).toBe(true);
  });

  it('the default policy snapshots by work done, not by time: a quiet day takes a handful', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    for (let i = 0; i < 24 * 6; i++) tt.advance(600_000); // a day in ten-minute ticks
    expect(tt.snapshotCount).toBeGreaterThan(5);
    expect(tt.snapshotCount).toBeLessThanOrEqual(48);
  });

  it('going back to live after a look at the past is instant: the live simulation was kept', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    tt.exec('kubectl apply -f -', WEB);
    tt.advance(120_000);
    const live = tt.sim;
    const hash = live.traceHash();
    tt.seek(30_000);
    expect(tt.sim).not.toBe(live);
    tt.seek(60_000);
    expect(tt.resumeLive()).toBe(120_000);
    expect(tt.sim).toBe(live);
    expect(tt.sim.traceHash()).toBe(hash);
    // Played past the old edge from the past, the kept copy is stale and is not used.
    tt.seek(90_000);
    tt.advance(60_000);
    const newEnd = tt.sim.traceHash();
    tt.seek(100_000);
    expect(tt.resumeLive()).toBe(150_000);
    expect(tt.sim).not.toBe(live);
    expect(tt.sim.traceHash()).toBe(newEnd);
  });

  it('caps the command log by moving the start of the history forward', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }), { maxCommands: 10, snapshotEveryWrites: 5 });
    for (let i = 0; i < 40; i++) {
      tt.exec(`kubectl create configmap c${i} --from-literal=k=v`);
      tt.advance(6_000);
    }
    expect(tt.recorded.length).toBeLessThanOrEqual(10);
    expect(tt.start).toBeGreaterThan(0);
    const end = tt.end;
    const hash = tt.sim.traceHash();
    tt.seek(0); // clamped to the new start
    expect(tt.now).toBe(tt.start);
    tt.seek(end);
    expect(tt.sim.traceHash()).toBe(hash);
  });

  it('marks node failures, rollouts, kills and OOM kills on the timeline', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    tt.exec('kubectl apply -f -', WEB);
    tt.advance(30_000);
    tt.exec('kubectl apply -f -', MEMHOG);
    tt.advance(30_000);
    tt.exec('sim node fail node-2');
    tt.advance(120_000);
    tt.exec('kubectl delete pod -l app=web --wait=false');
    tt.advance(60_000);
    const markers = tt.view().markers;
    const kinds = new Set(markers.map((m) => m.kind));
    for (const k of ['rollout', 'oom', 'node', 'command', 'kill'] as const) expect(kinds, k).toContain(k);
    const node = markers.find((m) => m.kind === 'node')!;
    expect(node.label).toBe('NodeNotReady node/node-2: Node node-2 status is now: NodeNotReady');
    expect(node.at).toBeGreaterThan(60_000);
    expect(markers.find((m) => m.kind === 'rollout')!.label).toMatch(/^ScalingReplicaSet deployment\/web: Scaled up replica set web-\w+ /);
    // Sorted by time, and an OOM kill repeated on every status write is marked once per kill.
    expect(markers.map((m) => m.at)).toEqual([...markers.map((m) => m.at)].sort((a, b) => a - b));
    const ooms = markers.filter((m) => m.kind === 'oom');
    expect(new Set(ooms.map((m) => m.at)).size).toBe(ooms.length);
    // Replaying the same history marks nothing twice.
    const count = markers.length;
    tt.seek(10_000);
    tt.seek(tt.end);
    expect(tt.view().markers).toHaveLength(count);
  });

  it('a new cluster (sim cluster) starts a new history', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    tt.exec('kubectl create namespace a');
    tt.advance(60_000);
    expect(tt.exec('sim cluster --nodes 1').recorded).toBe(false);
    expect(tt.recorded).toHaveLength(0);
    expect(tt.start).toBe(tt.now);
    expect(tt.end).toBe(tt.now);
    expect(tt.view().markers).toEqual([]);
  });

  it('a command that waits is atomic: seeking into it lands where it began', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    tt.advance(5_000);
    expect(tt.exec('sim advance 30s').recorded).toBe(true);
    expect(tt.recorded[0]).toMatchObject({ at: 5_000, end: 35_000 });
    tt.advance(5_000);
    expect(tt.seek(20_000)).toBe(5_000);
    expect(tt.past).toBe(true);
    expect(tt.seek(35_000)).toBe(35_000);
    tt.advance(1_000);
    expect(tt.now).toBe(36_000);
  });

  it('seeks and advances in whole milliseconds, whatever a slider sends', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    tt.advance(60_000);
    expect(tt.seek(12_345.678)).toBe(12_346);
    tt.advance(0.4);
    expect(tt.now).toBe(12_346);
    tt.advance(1000.9);
    expect(tt.now).toBe(13_346);
    expect(tt.exec('kubectl scale deployment web --replicas=1').result.output).toContain('not found');
    expect(tt.exec('kubectl create deployment web --image=nginx').result.output).toBe('deployment.apps/web created\n');
  });

  it('restores the kubeconfig of the moment too', () => {
    const tt = new TimeTravel(new Session({ seed: 1 }));
    tt.exec('kubectl create namespace shop');
    tt.advance(40_000);
    tt.exec('kubectl config set-context --current --namespace=shop');
    tt.advance(40_000);
    tt.seek(20_000);
    expect(tt.exec('kubectl config view --minify -o jsonpath={..namespace}').result.output).toBe('');
    tt.resumeLive();
    expect(tt.exec('kubectl config view --minify -o jsonpath={..namespace}').result.output).toBe('shop');
  });
});

describe('isReadOnly', () => {
  it.each([
    ['kubectl get pods', true],
    ['kubectl -n kube-system get pods', true],
    ['kubectl --namespace kube-system describe pod x', true],
    ['kubectl logs web', true],
    ['kubectl rollout status deployment/web', true],
    ['kubectl rollout undo deployment/web', false],
    ['kubectl apply -f -', false],
    ['kubectl delete pod web', false],
    ['kubectl scale deploy web --replicas 2', false],
    ['kubectl exec web -- touch /tmp/x', false],
    ['kubectl delete --help', true],
    ['kubectl', true],
    ['sim trace', true],
    ['sim node fail node-1', false],
    ['sim advance 10s', false],
    ['ls', true],
    ['kubectl get "unterminated', true],
  ])('%s → %s', (line, expected) => {
    expect(isReadOnly(line)).toBe(expected);
  });
});

describe('eventMarker', () => {
  const ev = (reason: string, kind: string, name: string, message: string): KEvent => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'x' }, involvedObject: { kind, name }, reason, message });
  it('maps the reasons the timeline shows, and skips the rest and pods’ NodeNotReady', () => {
    expect(eventMarker(ev('NodeNotReady', 'Node', 'node-1', 'Node node-1 status is now: NodeNotReady'))?.kind).toBe('node');
    expect(eventMarker(ev('NodeNotReady', 'Pod', 'web-1', 'Node is not ready'))).toBeUndefined();
    expect(eventMarker(ev('TaintManagerEviction', 'Pod', 'web-1', 'Marking for deletion Pod default/web-1'))?.kind).toBe('eviction');
    expect(eventMarker(ev('Evicted', 'Pod', 'web-1', 'The node was low on resource: memory.'))?.kind).toBe('eviction');
    expect(eventMarker(ev('FailedScheduling', 'Pod', 'web-1', '0/4 nodes are available'))?.kind).toBe('scheduling');
    expect(eventMarker(ev('Killing', 'Pod', 'web-1', 'Stopping container web'))).toEqual({ kind: 'kill', label: 'Killing pod/web-1: Stopping container web' });
    expect(eventMarker(ev('Scheduled', 'Pod', 'web-1', 'Successfully assigned'))).toBeUndefined();
  });
});
