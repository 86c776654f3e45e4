/**
 * `kubectl rollout undo (deployment|daemonset|statefulset)/NAME [--to-revision N]`: the client-side
 * rollback of kubectl v0.31: a Deployment gets the chosen revision's pod template and annotations by
 * a JSON patch (DeploymentRollbacker), a DaemonSet or StatefulSet its ControllerRevision's data by a
 * strategic-merge patch; the controller then rolls it out as a new revision.
 */
import type { ReplicaSet } from '../../../engine/api/types.ts';
import type { ControllerRevision } from '../../../engine/components/controllers/history.ts';
import { ownedReplicaSets, rollbackPlan } from '../../../engine/components/controllers/deployment/history.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { dryRunMode, dryRunSuffix } from '../verbs/common.ts';
import { kindSlashName } from '../resources.ts';
import { ownerRevisions, revisionRollback } from './controller-revisions.ts';
import { getDeployment, getTarget, groupKind, rolloutTargets, type RolloutTarget } from './target.ts';

export function rolloutUndo(ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number {
  const dryRun = dryRunMode(args);
  const toRevision = Number(args.flags['to-revision'] ?? 0);
  for (const t of rolloutTargets(args, rest)) {
    const plan = t.rt.kind === 'Deployment' ? deploymentPlan(ctx, t, toRevision) : revisionPlan(ctx, t, toRevision);
    if (plan.kind === 'skip') {
      ctx.io.out(`${kindSlashName(t.rt, t.name)} ${plan.message}${dryRunSuffix(dryRun)}\n`);
      continue;
    }
    if (dryRun !== 'client') ctx.sim.store.patch(t.rt, t.namespace, t.name, plan.type, plan.patch, { dryRun: dryRun === 'server' });
    ctx.io.out(`${kindSlashName(t.rt, t.name)} rolled back${dryRunSuffix(dryRun)}\n`);
  }
  return 0;
}

type UndoPlan = { kind: 'skip'; message: string } | { kind: 'patch'; type: 'json' | 'strategic'; patch: unknown };

/** DeploymentRollbacker: a JSON patch of the template and the annotations. */
function deploymentPlan(ctx: CommandContext, t: RolloutTarget, toRevision: number): UndoPlan {
  const d = getDeployment(ctx, t);
  const all = ctx.sim.store.list<ReplicaSet>('replicasets', { namespace: t.namespace }).items;
  const plan = rollbackPlan(d, ownedReplicaSets(d, all), toRevision);
  if (plan.kind === 'skip') return plan;
  const patch = [
    { op: 'replace', path: '/spec/template', value: plan.template },
    { op: 'replace', path: '/metadata/annotations', value: plan.annotations },
  ];
  return { kind: 'patch', type: 'json', patch };
}

/** DaemonSet / StatefulSet rollbackers: a strategic-merge patch with the revision's data. */
function revisionPlan(ctx: CommandContext, t: RolloutTarget, toRevision: number): UndoPlan {
  if (t.rt.kind !== 'DaemonSet' && t.rt.kind !== 'StatefulSet') throw new CommandError(`error: no rollbacker has been implemented for ${groupKind(t)}`);
  const owner = getTarget(ctx, t) as Parameters<typeof ownerRevisions>[0];
  const revs = ownerRevisions(owner, ctx.sim.store.list<ControllerRevision>('controllerrevisions', { namespace: t.namespace }).items);
  const plan = revisionRollback(owner, revs, toRevision);
  return plan.kind === 'skip' ? plan : { kind: 'patch', type: 'strategic', patch: plan.patch };
}
