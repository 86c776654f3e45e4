/**
 * `kubectl rollout undo (deployment|daemonset|statefulset)/NAME [--to-revision N]`: the client-side
 * rollback of kubectl v1.31 (rollout_undo.go, polymorphichelpers rollback.go): a Deployment gets
 * the chosen revision's pod template and annotations by a JSON patch (DeploymentRollbacker), a
 * DaemonSet or StatefulSet its ControllerRevision's data by a strategic-merge patch; the
 * controller then rolls it out as a new revision. With --dry-run=client nothing is sent and the
 * result is the template it would roll back to. The object is printed as read, before the rollback.
 */
import type { Deployment, KObject, PodTemplateSpec, ReplicaSet } from '../../../engine/api/types.ts';
import type { ControllerRevision } from '../../../engine/components/controllers/history.ts';
import { ownedReplicaSets, replicaSetForRevision, rollbackPlan } from '../../../engine/components/controllers/deployment/history.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { dryRunMode, dryRunSuffix, type DryRun } from '../verbs/common.ts';
import { printerFormat, printFlagsOf } from '../verbs/metadata-edit.ts';
import { ownerRevisions, revisionRollback, revisionTemplate, rollbackRevision } from './controller-revisions.ts';
import { UNDO_FLAGS } from './flags.ts';
import { RolloutPrinter } from './printer.ts';
import { printTemplate } from './history.ts';
import { getTarget, groupKind, rolloutTargets, type RolloutTarget } from './target.ts';

export const undoCommand: Command = {
  name: 'undo',
  short: 'Undo a previous rollout',
  long: 'Roll back to a previous rollout.',
  examples: `# Roll back to the previous deployment
kubectl rollout undo deployment/abc

# Roll back to daemonset revision 3
kubectl rollout undo daemonset/abc --to-revision=3

# Roll back to the previous deployment with dry-run
kubectl rollout undo --dry-run=server deployment/abc`,
  usage: 'kubectl rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: UNDO_FLAGS,
  completion: { args: 'resources' },
  run: runUndo,
};

function runUndo(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const toRevision = Number(args.flags['to-revision']);
  const { targets, errors } = rolloutTargets(ctx, args);
  const format = printerFormat(String(args.flags.output), printFlagsOf(ctx, args));
  const printer = new RolloutPrinter(ctx.io);
  for (const t of targets) {
    try {
      const obj = getTarget(ctx, t);
      const plan = t.rt.kind === 'Deployment' ? deploymentPlan(ctx, obj as Deployment, toRevision, dryRun) : revisionPlan(ctx, t, obj, toRevision, dryRun);
      if (plan.kind === 'patch') ctx.sim.store.patch(t.rt, t.namespace, t.name, plan.type, plan.patch, { dryRun: dryRun === 'server' });
      const result = plan.kind === 'patch' ? 'rolled back' : plan.message;
      printer.print(format, t.rt, obj, `${result}${dryRunSuffix(dryRun)}`);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

/** What a rollbacker does: send a patch, or only say something (skipped, or the dry run's template). */
type UndoPlan = { kind: 'message'; message: string } | { kind: 'patch'; type: 'json' | 'strategic'; patch: unknown };

/** DeploymentRollbacker: a JSON patch of the template and the annotations. */
function deploymentPlan(ctx: CommandContext, d: Deployment, toRevision: number, dryRun: DryRun): UndoPlan {
  const all = ctx.sim.store.list<ReplicaSet>('replicasets', { namespace: d.metadata.namespace }).items;
  const rss = ownedReplicaSets(d, all);
  if (dryRun === 'client') {
    if (toRevision < 0) throw new CommandError(`error: unable to find specified revision ${toRevision} in history`);
    return { kind: 'message', message: printTemplate(replicaSetForRevision(d, rss, toRevision).spec.template) };
  }
  const plan = rollbackPlan(d, rss, toRevision);
  if (plan.kind === 'skip') return { kind: 'message', message: plan.message };
  const patch = [
    { op: 'replace', path: '/spec/template', value: plan.template },
    { op: 'replace', path: '/metadata/annotations', value: plan.annotations },
  ];
  return { kind: 'patch', type: 'json', patch };
}

/** DaemonSet / StatefulSet rollbackers: a strategic-merge patch with the revision's data. */
function revisionPlan(ctx: CommandContext, t: RolloutTarget, obj: KObject, toRevision: number, dryRun: DryRun): UndoPlan {
  if (t.rt.kind !== 'DaemonSet' && t.rt.kind !== 'StatefulSet') throw new CommandError(`error: no rollbacker has been implemented for ${JSON.stringify(groupKind(t))}`);
  const owner = obj as Parameters<typeof ownerRevisions>[0];
  const revs = ownerRevisions(owner, ctx.sim.store.list<ControllerRevision>('controllerrevisions', { namespace: t.namespace }).items);
  if (dryRun === 'client') {
    const template: PodTemplateSpec = revisionTemplate(rollbackRevision(revs, toRevision));
    return { kind: 'message', message: `will roll back to ${printTemplate(template)}` };
  }
  const plan = revisionRollback(owner, revs, toRevision);
  return plan.kind === 'skip' ? { kind: 'message', message: plan.message } : { kind: 'patch', type: 'strategic', patch: plan.patch };
}
