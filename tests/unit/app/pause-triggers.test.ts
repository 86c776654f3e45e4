import { describe, expect, it } from 'vitest';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import { isPauseTrigger, PauseTriggers, TRIGGER_CHUNK_MS } from '../../../src/app/pause-triggers.ts';
import type { KEvent, Node, Pod } from '../../../src/engine/api/types.ts';

/** Plays at 100× in 100 ms real ticks until the clock stops by itself (or `maxTicks` pass). */
function playUntilPaused(live: LiveCluster, maxTicks = 400): void {
  live.setSpeed(100);
  live.play();
  for (let i = 0; i < maxTicks && live.playing; i++) live.tick(100);
}

/** When the node's Ready condition last changed (simulated ms, to the second as the API stores it). */
function readyChangedAt(live: LiveCluster, name: string): number {
  const c = live.session.sim.store.get<Node>('nodes', '', name).status?.conditions?.find((x) => x.type === 'Ready');
  return Date.parse(c?.lastTransitionTime ?? '') - Date.parse('2025-01-01T00:00:00Z');
}

/**
 * NotReady comes after the node monitor grace period (40 s) since the last heartbeat, at the node
 * lifecycle controller's next check (every 5 s): 40–50 s after the failure.
 */
function expectNotReadyMoment(live: LiveCluster, name: string, failedAt: number): void {
  const at = live.pausedBy!.at;
  expect(at).toBeGreaterThanOrEqual(failedAt + 40_000 - 10_000);
  expect(at).toBeLessThanOrEqual(failedAt + 50_000);
  expect(Math.abs(at - readyChangedAt(live, name))).toBeLessThan(1000);
}

function readyStatus(live: LiveCluster, name: string): string | undefined {
  return live.session.sim.store.get<Node>('nodes', '', name).status?.conditions?.find((c) => c.type === 'Ready')?.status;
}

describe('pause triggers', () => {
  it('names only the known triggers', () => {
    expect(isPauseTrigger('nodeNotReady')).toBe(true);
    expect(isPauseTrigger('eviction')).toBe(true);
    expect(isPauseTrigger('rolloutComplete')).toBe(true);
    expect(isPauseTrigger('nodeReady')).toBe(false);
    const t = new PauseTriggers();
    t.arm(['rolloutComplete', 'bogus', 'nodeNotReady']);
    expect(t.armed).toEqual(['nodeNotReady', 'rolloutComplete']);
  });

  it('a node failed at t pauses when NotReady is marked (40–50 s later: grace period + monitor period), within a second, and says why', () => {
    const live = new LiveCluster();
    live.setPauseWhen(['nodeNotReady']);
    live.setSpeed(100);
    live.play();
    for (let i = 0; i < 3; i++) live.tick(100); // 30 s
    const failedAt = live.session.sim.now;
    expect(live.exec('sim node fail node-2').exitCode).toBe(0);
    playUntilPaused(live);
    expect(live.playing).toBe(false);
    const by = live.pausedBy!;
    expect(by).toMatchObject({ trigger: 'nodeNotReady', subject: 'node/node-2' });
    expect(by.message).toBe('node-2 went NotReady');
    expectNotReadyMoment(live, 'node-2', failedAt);
    // Stopped at the moment: at most one chunk after it fired, not a 100× tick (10 s) later.
    expect(live.session.sim.now - by.at).toBeLessThanOrEqual(TRIGGER_CHUNK_MS);
    expect(readyStatus(live, 'node-2')).toBe('Unknown');
    // The view carries it; Play clears it.
    expect(live.viewIfChanged()).toMatchObject({ playing: false, pauseWhen: ['nodeNotReady'], pausedBy: by });
    live.play();
    expect(live.pausedBy).toBeUndefined();
    expect(live.viewIfChanged()?.pausedBy).toBeUndefined();
  });

  it('keeps saying why it paused while the clock stays there; a command that moves the clock clears it', () => {
    const live = new LiveCluster();
    live.setPauseWhen(['nodeNotReady']);
    live.exec('sim node fail node-2');
    playUntilPaused(live);
    expect(live.pausedBy).toBeDefined();
    live.exec('kubectl get nodes');
    live.exec('kubectl create namespace demo');
    expect(live.pausedBy?.subject).toBe('node/node-2');
    live.exec('sim advance 5s');
    expect(live.pausedBy).toBeUndefined();
  });

  it('does not fire for what was already so when armed, and fires again after Play for the next node', () => {
    const live = new LiveCluster();
    live.exec('sim node fail node-1');
    live.exec('sim advance 60s');
    expect(readyStatus(live, 'node-1')).toBe('Unknown');
    live.setPauseWhen(['nodeNotReady']);
    live.exec('sim node fail node-3');
    const failedAt = live.session.sim.now;
    playUntilPaused(live);
    expect(live.pausedBy?.subject).toBe('node/node-3');
    expectNotReadyMoment(live, 'node-3', failedAt);
  });

  it('a command that advances the clock itself does not leave a trigger to fire later', () => {
    const live = new LiveCluster();
    live.setPauseWhen(['nodeNotReady']);
    live.exec('sim node fail node-2');
    live.exec('sim advance 2m');
    playUntilPaused(live, 20);
    expect(live.playing).toBe(true);
    expect(live.pausedBy).toBeUndefined();
  });

  it('pauses when a rollout completes, at the moment the Deployment reports it complete', () => {
    const live = new LiveCluster();
    live.exec('kubectl create deployment web --image=nginx:1.26 --replicas=3');
    live.exec('sim advance 2m');
    live.setPauseWhen(['rolloutComplete']);
    live.exec('kubectl set image deployment/web nginx=nginx:1.27');
    playUntilPaused(live);
    const by = live.pausedBy!;
    expect(by).toMatchObject({ trigger: 'rolloutComplete', subject: 'deployment/web', message: 'deployment "web" successfully rolled out' });
    expect(by.at).toBeGreaterThan(0);
    expect(live.session.sim.now - by.at).toBeLessThanOrEqual(TRIGGER_CHUNK_MS);
    expect(live.exec('kubectl rollout status deployment/web').output).toBe('deployment "web" successfully rolled out\n');
    // One second before it fired, the rollout was still going: the trigger fired at the moment it completed.
    live.seek(by.at - 1000);
    expect(live.exec('kubectl rollout status deployment/web --watch=false').output).not.toContain('successfully rolled out');
  });

  it('pauses when a pod is evicted from a failed node (the taint manager, 300 s after NotReady)', () => {
    const live = new LiveCluster();
    live.exec('kubectl create deployment web --image=nginx:1.27 --replicas=4');
    live.exec('sim advance 1m');
    const onNode2 = live.session.sim.store.list<Pod>('pods', { namespace: 'default' }).items.filter((p) => p.spec?.nodeName === 'node-2');
    expect(onNode2.length).toBeGreaterThan(0);
    live.setPauseWhen(['eviction']);
    live.exec('sim node fail node-2');
    const failedAt = live.session.sim.now;
    playUntilPaused(live, 1000);
    const by = live.pausedBy!;
    expect(by.trigger).toBe('eviction');
    expect(by.message).toMatch(/was evicted/);
    // NotReady after 40–50 s, then the default not-ready toleration of 300 s; the moment the taint manager evicted.
    expect(by.at).toBeGreaterThanOrEqual(failedAt + 340_000);
    expect(by.at).toBeLessThanOrEqual(failedAt + 355_000);
    const evictions = live.session.sim.store
      .list<KEvent>('events', { namespace: 'default' })
      .items.filter((e) => e.reason === 'TaintManagerEviction')
      .map((e) => Date.parse(e.lastTimestamp ?? e.eventTime ?? '') - Date.parse('2025-01-01T00:00:00Z'));
    expect(evictions.length).toBeGreaterThan(0);
    expect(Math.abs(by.at - Math.min(...evictions))).toBeLessThan(1000);
    expect(live.session.sim.now - by.at).toBeLessThanOrEqual(TRIGGER_CHUNK_MS);
  });

  it('re-attaches to the new Simulation after time travel', () => {
    const live = new LiveCluster();
    live.setPauseWhen(['nodeNotReady']);
    live.exec('sim advance 10s');
    live.exec('sim node fail node-1');
    const failedAt = live.session.sim.now;
    live.exec('sim advance 2m');
    live.seek(failedAt + 5000);
    const sim = live.session.sim;
    playUntilPaused(live);
    expect(live.pausedBy?.subject).toBe('node/node-1');
    expectNotReadyMoment(live, 'node-1', failedAt);
    expect(sim).toBeDefined();
  });

  it('disarmed, the clock plays through', () => {
    const live = new LiveCluster();
    live.setPauseWhen(['nodeNotReady']);
    live.setPauseWhen([]);
    live.exec('sim node fail node-2');
    playUntilPaused(live, 100);
    expect(live.playing).toBe(true);
    expect(live.viewIfChanged()?.pauseWhen).toBeUndefined();
  });
});
