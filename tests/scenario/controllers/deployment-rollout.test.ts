/**
 * The Deployment controller through the command layer (reference §7, §13.4): a RollingUpdate of
 * 10 replicas at 25%/25% never runs more than 13 pods or fewer than 8 available, `rollout undo`
 * restores the previous template as a new revision, a Recreate rollout never overlaps, a paused
 * Deployment does not roll, and an unpullable image ends in ProgressDeadlineExceeded.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../../src/engine/api/types.ts';
import { Lab } from '../../support/manifests.ts';
import { activePods, condition, deployment, deploymentYaml, podsOf, replicaSets, scalingMessages } from './deployment-support.ts';

function started(opts: Parameters<typeof deploymentYaml>[0] = {}): Lab {
  const lab = new Lab();
  expect(lab.apply(deploymentYaml(opts))).toBe('deployment.apps/web created\n');
  lab.advance('30s');
  expect(lab.out('kubectl rollout status deployment/web')).toBe('deployment "web" successfully rolled out\n');
  return lab;
}

const sizes = (rss: readonly ReplicaSet[]): number[] => rss.map((rs) => rs.spec.replicas ?? 0);

describe('a RollingUpdate of 10 replicas at 25% / 25%', () => {
  it('scales the new ReplicaSet up to 3 first, then the old one down to 8, at once', () => {
    const lab = started({ replicas: 10 });
    const seen: number[][] = [];
    const watch = lab.session.sim.store.watch('replicasets', () => seen.push(sizes(replicaSets(lab))), { resourceVersion: lab.session.sim.store.resourceVersion });
    const t0 = lab.now;
    expect(lab.out('kubectl set image deployment/web nginx=nginx:1.26')).toBe('deployment.apps/web image updated\n');
    lab.advance('1s');
    watch.stop();
    const firstSpecs = seen.filter((s, i) => i === 0 || s.join() !== seen[i - 1].join());
    // [old, new]: the new RS is created at 3 (13 = 10 + 3 surge), then the old one goes to 8.
    expect(firstSpecs.slice(0, 2)).toEqual([
      [10, 3],
      [8, 3],
    ]);
    const [oldRs, newRs] = replicaSets(lab);
    expect(scalingMessages(lab).slice(1, 3)).toEqual([
      `Scaled up replica set ${newRs.metadata.name} to 3`,
      `Scaled down replica set ${oldRs.metadata.name} to 8 from 10`,
    ]);
    expect(lab.now - t0).toBe(1000);
  });

  it('never runs more than 13 pods nor fewer than 8 available, checked every 100 ms and at every change', () => {
    const lab = started({ replicas: 10 });
    const violations: string[] = [];
    // At every ReplicaSet change: the sum of their replicas and of their available pods.
    const checkReplicaSets = (where: string): void => {
      const rss = replicaSets(lab);
      const specTotal = rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
      const available = rss.reduce((n, rs) => n + (rs.status.availableReplicas ?? 0), 0);
      if (specTotal > 13) violations.push(`${where}: ${specTotal} desired`);
      if (available < 8) violations.push(`${where}: ${available} available`);
    };
    // After every advance (once the ReplicaSet controller has caught up): the pods themselves.
    const check = (where: string): void => {
      checkReplicaSets(where);
      const pods = activePods(lab);
      if (pods.active > 13) violations.push(`${where}: ${pods.active} pods`);
      if (pods.ready < 8) violations.push(`${where}: ${pods.ready} ready`);
    };
    const watch = lab.session.sim.store.watch('replicasets', () => checkReplicaSets('rs change'), { resourceVersion: lab.session.sim.store.resourceVersion });
    lab.out('kubectl set image deployment/web nginx=nginx:1.26');
    for (let i = 0; i < 600 && deployment(lab).status.updatedReplicas !== 10; i++) {
      lab.advance('100ms');
      check(`t=${lab.now}`);
    }
    lab.advance('40s');
    check('end');
    watch.stop();
    expect(violations).toEqual([]);
    expect(sizes(replicaSets(lab))).toEqual([0, 10]);
    // Old ReplicaSets scaled to 0 are not listed.
    // The old ReplicaSet, scaled to 0, is still listed (kubectl v1.31, recorded in golden-kubectl).
    expect(lab.out('kubectl describe deploy web')).toMatch(/\nOldReplicaSets: {2}web-[456789bcdf]+ \(0\/0 replicas created\)\nNewReplicaSet: {3}web-[456789bcdf]+ \(10\/10 replicas created\)\n/);
    expect(lab.out('kubectl get deploy web')).toMatch(/^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb {4}10\/10 {3}10 {11}10 {10}\d+s\n$/);
  });

  it('rollout status reports progress until the rollout is done', () => {
    const lab = started({ replicas: 10 });
    lab.out('kubectl set image deployment/web nginx=nginx:1.26');
    const r = lab.run('kubectl rollout status deployment/web');
    expect(r.exitCode).toBe(0);
    const lines = r.output.split('\n').filter((l) => l !== '');
    expect(lines[0]).toMatch(/^Waiting for deployment "web" rollout to finish: \d+ out of 10 new replicas have been updated\.\.\.$/);
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(lines).toContain('Waiting for deployment "web" rollout to finish: 3 old replicas are pending termination...');
    expect(deployment(lab).status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10, readyReplicas: 10 });
  });
});

describe('rollout undo', () => {
  it('restores the previous template as a new revision, re-using its ReplicaSet', () => {
    const lab = started({ replicas: 3 });
    const [first] = replicaSets(lab);
    lab.out('kubectl set image deployment/web nginx=nginx:1.26');
    lab.out('kubectl rollout status deployment/web');
    expect(lab.out('kubectl rollout history deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(lab.out('kubectl rollout undo deployment/web')).toBe('deployment.apps/web rolled back\n');
    expect(lab.out('kubectl rollout status deployment/web').split('\n').at(-2)).toBe('deployment "web" successfully rolled out');
    const d = deployment(lab);
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.25');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const reused = replicaSets(lab).find((rs) => rs.metadata.name === first.metadata.name);
    expect(reused?.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(sizes(replicaSets(lab))).toEqual([3, 0]);
    expect(lab.out('kubectl rollout history deployment/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(lab.out('kubectl rollout undo deployment/web --to-revision=3')).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n');
    expect(lab.run('kubectl rollout undo deployment/web --to-revision=7').output).toBe('error: unable to find specified revision 7 in history\n');
  });
});

describe('a Recreate rollout', () => {
  it('never has old and new pods at once', () => {
    // `sleep` ignores SIGTERM: the old pods take their 30 s grace period to go.
    const lab = started({ replicas: 3, strategy: '{type: Recreate}', image: 'busybox:1.36', command: '[sleep, "3600"]' });
    const [old] = replicaSets(lab);
    const overlaps: string[] = [];
    const watch = lab.session.sim.store.watch(
      'pods',
      (e) => {
        if (e.type !== 'ADDED') return;
        const left = podsOf(lab, old.metadata.name ?? '');
        if (left.length > 0 && !e.object.metadata.name?.startsWith(old.metadata.name ?? '')) overlaps.push(`${e.object.metadata.name} while ${left.length} old`);
      },
      { resourceVersion: lab.session.sim.store.resourceVersion },
    );
    lab.out('kubectl set image deployment/web nginx=busybox:1.37');
    // The new ReplicaSet does not exist until the old pods are gone.
    lab.advance('29s');
    expect(replicaSets(lab)).toHaveLength(1);
    expect(podsOf(lab, old.metadata.name ?? '')).toHaveLength(3);
    expect(scalingMessages(lab).at(-1)).toBe(`Scaled down replica set ${old.metadata.name} to 0 from 3`);
    lab.out('kubectl rollout status deployment/web');
    watch.stop();
    expect(overlaps).toEqual([]);
    const [, fresh] = replicaSets(lab);
    expect(lab.now).toBeGreaterThanOrEqual(60_000);
    expect(scalingMessages(lab).slice(-2)).toEqual([`Scaled down replica set ${old.metadata.name} to 0 from 3`, `Scaled up replica set ${fresh.metadata.name} to 3`]);
    expect(podsOf(lab, fresh.metadata.name ?? '')).toHaveLength(3);
  });
});

describe('pause and resume', () => {
  it('a paused Deployment records the new template but does not roll it out', () => {
    const lab = started({ replicas: 3 });
    expect(lab.out('kubectl rollout pause deployment/web')).toBe('deployment.apps/web paused\n');
    expect(lab.run('kubectl rollout pause deployment/web').output).toBe('error: deployments.apps "web" is already paused\n');
    lab.out('kubectl set image deployment/web nginx=nginx:1.26');
    lab.advance('60s');
    expect(replicaSets(lab)).toHaveLength(1);
    expect(condition(lab, 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(deployment(lab).status.observedGeneration).toBe(deployment(lab).metadata.generation);
    // kubectl looks for the revision before it looks at spec.paused.
    expect(lab.run('kubectl rollout undo deployment/web').output).toBe('error: no rollout history found for deployment "web"\n');
    expect(lab.out('kubectl rollout resume deployment/web')).toBe('deployment.apps/web resumed\n');
    expect(lab.run('kubectl rollout resume deployment/web').output).toBe('error: deployments.apps "web" is not paused\n');
    lab.out('kubectl rollout status deployment/web');
    expect(sizes(replicaSets(lab))).toEqual([0, 3]);
    expect(condition(lab, 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    lab.out('kubectl rollout pause deployment/web');
    expect(lab.run('kubectl rollout undo deployment/web').output).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n",
    );
  });

  it('rollout restart stamps the template with the simulated time and rolls out', () => {
    const lab = started({ replicas: 2 });
    expect(lab.out('kubectl rollout restart deployment/web')).toBe('deployment.apps/web restarted\n');
    expect(deployment(lab).spec.template.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:30Z' });
    lab.out('kubectl rollout status deployment/web');
    expect(sizes(replicaSets(lab))).toEqual([0, 2]);
  });
});

describe('progress deadline', () => {
  it('an unpullable image ends in ProgressDeadlineExceeded, and rollout status says so', () => {
    const lab = started({ replicas: 3, extraSpec: 'progressDeadlineSeconds: 60' });
    lab.out('kubectl set image deployment/web nginx=nginx:does-not-exist');
    const t0 = lab.now;
    const r = lab.run('kubectl rollout status deployment/web');
    expect(r.exitCode).toBe(1);
    expect(r.output.split('\n').at(-2)).toBe('error: deployment "web" exceeded its progress deadline');
    const [, fresh] = replicaSets(lab);
    expect(condition(lab, 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${fresh.metadata.name}" has timed out progressing.` });
    // The deadline counts from the last progress (lastUpdateTime, in whole seconds), requeued a second after.
    expect(lab.now - t0).toBeGreaterThan(60_000);
    expect(lab.now - t0).toBeLessThanOrEqual(62_000);
    // maxUnavailable 0 of 3: the old pods keep serving.
    expect(sizes(replicaSets(lab))).toEqual([3, 1]);
    expect(condition(lab, 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
  });
});

describe('proportional scaling during a rollout', () => {
  it('kubectl scale mid-rollout spreads the new replicas by the ReplicaSets sizes', () => {
    const lab = started({ replicas: 10, extraSpec: 'strategy: {rollingUpdate: {maxSurge: 3, maxUnavailable: 2}}' });
    lab.out('kubectl set image deployment/web nginx=nginx:does-not-exist');
    lab.advance('5s');
    // Stuck: old 8 available, new 5 pulling (13 = 10 + 3).
    expect(sizes(replicaSets(lab))).toEqual([8, 5]);
    lab.out('kubectl scale deployment/web --replicas=15');
    // 18 allowed, 5 to add: old round(8·18/13) − 8 = 3, new the other 2.
    expect(sizes(replicaSets(lab))).toEqual([11, 7]);
    for (const rs of replicaSets(lab)) {
      expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '15', 'deployment.kubernetes.io/max-replicas': '18' });
    }
  });
});

describe('history and bootstrap', () => {
  it('keeps revisionHistoryLimit old ReplicaSets', () => {
    const lab = started({ replicas: 1, extraSpec: 'revisionHistoryLimit: 2' });
    // Tags the image catalog has (an unknown tag would never pull).
    for (const tag of ['1.26', '1.27', '1.25.5', '1.26.2']) {
      lab.out(`kubectl set image deployment/web nginx=nginx:${tag}`);
      lab.out('kubectl rollout status deployment/web');
      lab.advance('40s');
    }
    const revisions = replicaSets(lab).map((rs) => rs.metadata.annotations?.['deployment.kubernetes.io/revision']);
    expect(revisions.sort()).toEqual(['3', '4', '5']);
  });

  it('adopts the bootstrap CoreDNS ReplicaSet instead of rolling out', () => {
    const lab = new Lab();
    lab.advance('30s');
    const rss = lab.session.sim.store.list<ReplicaSet>('replicasets', { namespace: 'kube-system' }).items.filter((rs) => rs.metadata.name?.startsWith('coredns-'));
    expect(rss).toHaveLength(1);
    const d = lab.session.sim.store.get('deployments', 'kube-system', 'coredns') as ReturnType<typeof deployment>;
    expect(rss[0].metadata.name).toBe(`coredns-${rss[0].spec.selector.matchLabels?.['pod-template-hash']}`);
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(lab.out('kubectl rollout status deployment/coredns -n kube-system')).toBe('deployment "coredns" successfully rolled out\n');
    expect(lab.out('kubectl get events -n kube-system --field-selector reason=ScalingReplicaSet')).toBe('No resources found in kube-system namespace.\n');
  });
});

describe('rollout status over simulated time', () => {
  it('--timeout ends the wait at that simulated time; --watch=false prints one line', () => {
    const lab = started({ replicas: 3, extraSpec: 'progressDeadlineSeconds: 600' });
    lab.out('kubectl set image deployment/web nginx=nginx:does-not-exist');
    const t0 = lab.now;
    const r = lab.run('kubectl rollout status deployment/web --timeout=5s');
    expect(r.exitCode).toBe(1);
    expect(r.output.split('\n').at(-2)).toBe('error: timed out waiting for the condition');
    expect(lab.now - t0).toBe(5000);
    expect(lab.out('kubectl rollout status deployment/web --watch=false')).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n');
  });

  it('a snapshot taken mid-rollout continues exactly as an uninterrupted run', () => {
    const run = (restore: boolean): string => {
      const lab = started({ replicas: 10 });
      lab.out('kubectl set image deployment/web nginx=nginx:1.26');
      lab.advance('700ms');
      if (restore) lab.snapshotRestore();
      lab.advance('60s');
      expect(sizes(replicaSets(lab))).toEqual([0, 10]);
      return lab.session.sim.traceHash();
    };
    expect(run(true)).toBe(run(false));
  });
});
