/**
 * kubectl's client-side rollback (§7.6) and the rollout status lines (§13.4), as pure functions.
 */
import { describe, expect, test } from 'vitest';
import type { Deployment } from '../../../src/engine/api/types.ts';
import { rollbackPlan, RollbackError } from '../../../src/engine/components/controllers/deployment/history.ts';
import { deploymentRolloutStatus } from '../../../src/commands/kubectl/rollout/status-viewer.ts';
import { newDeployment, newRS } from './deployment-fixtures.ts';

function withRevision(name: string, revision: number, image: string) {
  const rs = newRS(name, { replicas: 0 });
  rs.metadata.annotations = { 'deployment.kubernetes.io/revision': String(revision), 'kubernetes.io/change-cause': `image ${image}` };
  rs.spec.template = { metadata: { labels: { app: 'web', 'pod-template-hash': name } }, spec: { containers: [{ name: 'nginx', image }] } };
  return rs;
}

describe('rollout undo (rollback.go)', () => {
  const rss = [withRevision('r1', 1, 'nginx:1.24'), withRevision('r2', 2, 'nginx:1.25'), withRevision('r3', 3, 'nginx:1.26')];
  const current = (): Deployment => {
    const d = newDeployment();
    d.spec.template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } };
    d.metadata.annotations = { 'deployment.kubernetes.io/revision': '3' };
    return d;
  };

  test('--to-revision=0 picks the second-highest revision, without its hash label', () => {
    const plan = rollbackPlan(current(), rss, 0);
    expect(plan).toEqual({
      kind: 'patch',
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      annotations: { 'deployment.kubernetes.io/revision': '3', 'kubernetes.io/change-cause': 'image nginx:1.25' },
    });
  });

  test('a named revision', () => {
    const plan = rollbackPlan(current(), rss, 1);
    expect(plan.kind === 'patch' && plan.template.spec.containers[0].image).toBe('nginx:1.24');
  });

  test.each([
    { name: 'a missing revision', rss, to: 9, message: 'unable to find specified revision 9 in history' },
    { name: 'no history', rss: [rss[2]], to: 0, message: 'no rollout history found for deployment "web"' },
  ])('$name', (c) => {
    expect(() => rollbackPlan(current(), c.rss, c.to)).toThrow(new RollbackError(c.message));
  });

  test('a paused deployment is refused', () => {
    const d = current();
    d.spec.paused = true;
    expect(() => rollbackPlan(d, rss, 0)).toThrow("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  });

  test('the current template is skipped', () => {
    expect(rollbackPlan(current(), rss, 3)).toEqual({ kind: 'skip', message: 'skipped rollback (current template already matches revision 3)' });
  });
});

describe('rollout status lines (§13.4)', () => {
  const d = (generation: number, observed: number, replicas: number, status: [number, number, number]): Deployment => {
    const x = newDeployment({ replicas });
    x.metadata.name = 'foo';
    x.metadata.generation = generation;
    x.status = { observedGeneration: observed, replicas: status[0], updatedReplicas: status[1], availableReplicas: status[2] };
    return x;
  };

  test.each([
    { g: 0, o: 1, r: 1, s: [1, 0, 1], msg: 'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...\n', done: false },
    { g: 1, o: 1, r: 1, s: [2, 1, 2], msg: 'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...\n', done: false },
    { g: 1, o: 1, r: 2, s: [2, 2, 1], msg: 'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...\n', done: false },
    { g: 1, o: 1, r: 2, s: [2, 2, 2], msg: 'deployment "foo" successfully rolled out\n', done: true },
    { g: 2, o: 1, r: 2, s: [2, 2, 2], msg: 'Waiting for deployment spec update to be observed...\n', done: false },
  ])('generation $g / observed $o, replicas $r, status $s', (c) => {
    expect(deploymentRolloutStatus(d(c.g, c.o, c.r, c.s as [number, number, number]))).toEqual({ message: c.msg, done: c.done });
  });

  test('a passed progress deadline ends the wait with an error', () => {
    const x = d(1, 1, 2, [2, 1, 1]);
    x.status.conditions = [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }];
    expect(() => deploymentRolloutStatus(x)).toThrow('error: deployment "foo" exceeded its progress deadline');
  });
});
