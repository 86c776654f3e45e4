import { describe, expect, it } from 'vitest';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import type { RolloutSample, WorkloadsReport } from '../../../src/app/protocol.ts';
import { fenceposts, RvLog, WorkloadHistory } from '../../../src/app/workload-history.ts';
import type { Deployment, Pod } from '../../../src/engine/api/types.ts';
import { Simulation } from '../../../src/engine/simulation.ts';

/** Plays the live cluster for `ms` of simulated time at 1× in real ticks of 100 ms. */
function play(live: LiveCluster, ms: number): void {
  live.play();
  for (let t = 0; t < ms; t += 100) live.tick(100);
  live.pause();
}

function run(live: LiveCluster, line: string): string {
  const r = live.exec(line);
  expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
  return r.output;
}

const total = (s: RolloutSample) => s.sets.reduce((n, set) => n + set.replicas, 0);

/** A Deployment of 4 on nginx:1.25, rolled to nginx:1.26 at 10 s; returns the report after it settled. */
function rolledOut(): { live: LiveCluster; rolloutAt: number; report: WorkloadsReport } {
  const live = new LiveCluster();
  run(live, 'kubectl create deployment web --image=nginx:1.25 --replicas=4');
  play(live, 10_000);
  const rolloutAt = live.session.sim.now;
  run(live, 'kubectl set image deployment/web nginx=nginx:1.26');
  play(live, 20_000);
  return { live, rolloutAt, report: live.workloadsReport({ kind: 'Deployment', namespace: 'default', name: 'web' }) };
}

describe('RvLog', () => {
  it('keeps entries in resourceVersion order, skips replays, cuts and stashes the future', () => {
    const log = new RvLog<{ rv: number; v: string }>(3);
    expect(log.put({ rv: 1, v: 'a' })).toBe(true);
    expect(log.put({ rv: 2, v: 'b' })).toBe(true);
    expect(log.put({ rv: 2, v: 'replayed' })).toBe(false);
    log.put({ rv: 5, v: 'c' });
    log.put({ rv: 7, v: 'd' });
    expect(log.upTo(Infinity).map((e) => e.v)).toEqual(['b', 'c', 'd']); // bounded
    expect(log.upTo(5).map((e) => e.v)).toEqual(['b', 'c']);
    expect(log.latest(6)?.v).toBe('c');
    const putBack = log.stashAbove(2);
    expect(log.size).toBe(1);
    putBack();
    expect(log.upTo(Infinity).map((e) => e.v)).toEqual(['b', 'c', 'd']);
    const dropped = log.stashAbove(2);
    log.put({ rv: 3, v: 'fork' });
    dropped(); // something new was written: the old future stays gone
    expect(log.upTo(Infinity).map((e) => e.v)).toEqual(['b', 'fork']);
    log.cutAbove(2);
    expect(log.upTo(Infinity).map((e) => e.v)).toEqual(['b']);
  });
});

describe('fenceposts', () => {
  const deployment = (replicas: number, strategy: Deployment['spec']['strategy']): Deployment =>
    ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas, strategy, selector: {}, template: {} } }) as unknown as Deployment;

  it('resolves them as the deployment controller does', () => {
    expect(fenceposts(deployment(4, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }))).toEqual({ surge: 1, unavailable: 1 });
    expect(fenceposts(deployment(10, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }))).toEqual({ surge: 3, unavailable: 2 });
    expect(fenceposts(deployment(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }))).toEqual({ surge: 0, unavailable: 1 });
    expect(fenceposts(deployment(3, { type: 'Recreate' }))).toEqual({ surge: 0, unavailable: 0 });
    expect(fenceposts(deployment(3, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'lots', maxUnavailable: 1 } }))).toEqual({ surge: 0, unavailable: 0 });
  });
});

describe('WorkloadHistory', () => {
  it('records a rolling update: two ReplicaSets within the maxSurge ceiling and maxUnavailable floor', () => {
    const { rolloutAt, report } = rolledOut();
    const rollout = report.detail?.rollout;
    expect(report.detail?.kind).toBe('Deployment');
    expect(rollout).toBeDefined();
    const during = rollout!.samples.filter((s) => s.at >= rolloutAt);
    expect(during.length).toBeGreaterThan(3);
    // 25% of 4: surge rounds up to 1, unavailable down to 1 (the deployment controller's ResolveFenceposts).
    for (const s of during) {
      expect([s.desired, s.surge, s.unavailable]).toEqual([4, 1, 1]);
      expect(total(s)).toBeLessThanOrEqual(s.desired + s.surge);
      expect(s.available).toBeGreaterThanOrEqual(s.desired - s.unavailable);
    }
    const last = during[during.length - 1];
    expect(last.sets.map((s) => [s.revision, s.replicas])).toEqual([
      ['1', 0],
      ['2', 4],
    ]);
    expect(during.some((s) => s.sets.length === 2 && s.sets.every((set) => set.replicas > 0))).toBe(true);
    expect(rollout!.currentRevision).toBe(2);
    expect(rollout!.revisions.map((r) => [r.revision, r.images, r.current])).toEqual([
      [2, ['nginx=nginx:1.26'], true],
      [1, ['nginx=nginx:1.25'], false],
    ]);
    expect(rollout!.maxSurge).toBe('25%');
  });

  it('follows controller actions through the loop, with the actors their Events name', () => {
    const { report } = rolledOut();
    const create = report.flows.find((f) => f.action === 'create' && f.steps.length === 5);
    expect(create?.steps.map((s) => s.stage)).toEqual(['watch', 'controller', 'api', 'scheduler', 'kubelet']);
    expect(create?.steps.map((s) => s.actor).slice(1, 4)).toEqual(['replicaset-controller', 'replicaset-controller', 'default-scheduler']);
    expect(create?.steps[4].actor).toMatch(/^kubelet \(node-\d\)$/);
    const scale = report.flows.find((f) => f.action === 'scale');
    expect(scale?.steps[1].actor).toBe('deployment-controller');
    expect(scale?.steps[2].text).toMatch(/^(POST|PATCH) replicasets\/web-/);
    const del = report.flows.find((f) => f.action === 'delete');
    expect(del?.steps[1]).toMatchObject({ actor: 'replicaset-controller' });
    expect(del?.steps[1].text).toMatch(/^SuccessfulDelete: Deleted pod: web-/);
    // Steps are real writes: their resourceVersions rise along the loop.
    for (const f of report.flows) {
      const rvs = f.steps.slice(1).map((s) => s.rv);
      expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    }
  });

  it('marks a failed node on the charts of the workloads whose pods it held, and the dip it caused', () => {
    const { live } = rolledOut();
    const node = live.session.sim.store.list<Pod>('pods', { namespace: 'default' }).items[0].spec!.nodeName!;
    run(live, `sim node fail ${node}`);
    live.setSpeed(100);
    play(live, 6_000); // 6 real seconds at 100×: 10 simulated minutes
    const detail = live.workloadsReport({ kind: 'Deployment', namespace: 'default', name: 'web' }).detail!;
    const kinds = new Set(detail.markers.map((m) => m.kind));
    expect(kinds.has('node')).toBe(true);
    expect(kinds.has('eviction')).toBe(true);
    expect(detail.markers.find((m) => m.kind === 'node')?.label).toContain(`node/${node} is not ready`);
    const failAt = detail.markers.find((m) => m.kind === 'node')!.at;
    const after = detail.samples.filter((s) => s.at >= failAt);
    expect(after.some((s) => s.ready < s.desired)).toBe(true);
    expect(after[after.length - 1]).toMatchObject({ desired: 4, ready: 4 }); // healed
    const flows = live.workloadsReport({ kind: 'Deployment', namespace: 'default', name: 'web' }).flows;
    expect(flows.some((f) => f.action === 'node' && f.steps[1].actor === 'node-controller')).toBe(true);
    expect(flows.some((f) => f.action === 'delete' && f.steps[1].actor === 'taint-eviction-controller')).toBe(true);
  });

  it('marks a pod a person deleted, and a pod selection charts its Deployment', () => {
    const live = new LiveCluster();
    run(live, 'kubectl create deployment web --image=nginx:1.25 --replicas=2');
    play(live, 5_000);
    const pod = run(live, "kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'").trim();
    run(live, `kubectl delete pod ${pod} --wait=false`);
    play(live, 5_000);
    const report = live.workloadsReport({ kind: 'Pod', namespace: 'default', name: run(live, "kubectl get pods -l app=web -o jsonpath='{.items[0].metadata.name}'").trim() });
    expect(report.detail).toMatchObject({ kind: 'Deployment', name: 'web' });
    expect(report.detail!.markers).toEqual([expect.objectContaining({ kind: 'delete', label: `pod/${pod} deleted by a client (kubectl delete)` })]);
    const del = report.flows.find((f) => f.action === 'delete' && f.subject === `pod/${pod}`);
    expect(del?.steps[1].actor).toBe('kubectl');
  });

  it('shows the moment time travel shows, keeps the future for a read, and drops it on a fork', () => {
    const { live, rolloutAt } = rolledOut();
    const web = { kind: 'Deployment', namespace: 'default', name: 'web' };
    const liveSamples = live.workloadsReport(web).detail!.rollout!.samples.length;
    live.seek(rolloutAt - 1000);
    const past = live.workloadsReport(web).detail!.rollout!;
    expect(past.samples.every((s) => s.at < rolloutAt)).toBe(true);
    expect(past.samples[past.samples.length - 1].sets.map((s) => s.revision)).toEqual(['1']);
    expect(past.currentRevision).toBe(1);
    run(live, 'kubectl get pods'); // a read: no fork
    live.resumeLive();
    expect(live.workloadsReport(web).detail!.rollout!.samples.length).toBe(liveSamples);
    // Replaying the past from a seek records nothing twice.
    live.seek(rolloutAt - 1000);
    play(live, 30_000);
    expect(live.workloadsReport(web).detail!.rollout!.samples.length).toBe(liveSamples);
    // A change in the past forks: the rollout that came after is gone.
    live.seek(rolloutAt - 1000);
    run(live, 'kubectl scale deployment/web --replicas=6');
    play(live, 5_000);
    const forked = live.workloadsReport(web).detail!;
    expect(forked.rollout!.samples.every((s) => s.sets.length <= 1)).toBe(true);
    expect(forked.samples[forked.samples.length - 1]).toMatchObject({ desired: 6, ready: 6 });
  });

  it('charts a StatefulSet, and a container killed in one of its pods', () => {
    const live = new LiveCluster();
    const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: web
        image: nginx:1.25
`;
    expect(live.exec('kubectl apply -f -', sts)).toEqual({ output: 'statefulset.apps/db created\n', exitCode: 0 });
    play(live, 20_000);
    run(live, 'sim kill db-0');
    play(live, 20_000);
    const report = live.workloadsReport({ kind: 'Pod', namespace: 'default', name: 'db-1' });
    expect(report.workloads.find((w) => w.kind === 'StatefulSet')).toMatchObject({ name: 'db', desired: 2, ready: 2 });
    const detail = report.detail!;
    expect(detail).toMatchObject({ kind: 'StatefulSet', name: 'db' });
    expect(detail.rollout).toBeUndefined();
    expect(detail.samples.map((s) => s.ready)).toEqual(expect.arrayContaining([0, 2]));
    expect(detail.markers.map((m) => m.kind)).toContain('kill');
    const created = report.flows.filter((f) => f.action === 'create');
    expect(created.map((f) => f.subject)).toEqual(['pod/db-0', 'pod/db-1']);
    expect(created[0].steps[1].actor).toBe('statefulset-controller');
  });

  it('starts over on a new cluster and lists workloads with their counts', () => {
    const history = new WorkloadHistory().following(Simulation.create(1));
    const report = history.report();
    expect(report.workloads.map((w) => `${w.kind}/${w.namespace}/${w.name} ${w.ready}/${w.desired}`)).toEqual([
      'Deployment/kube-system/coredns 2/2',
      expect.stringMatching(/^ReplicaSet\/kube-system\/coredns-\w+ 2\/2$/),
    ]);
    expect(report.detail?.name).toBe('coredns');
    const live = new LiveCluster();
    run(live, 'kubectl create deployment web --image=nginx --replicas=1');
    run(live, 'sim cluster --nodes 2');
    expect(live.workloadsReport().workloads.some((w) => w.name === 'web')).toBe(false);
  });
});
