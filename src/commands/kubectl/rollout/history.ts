/**
 * `kubectl rollout history (deployment|daemonset|statefulset)/NAME [--revision N]` (rollout_history.go
 * and the HistoryViewers, v0.31): the name printer's line with the history as its "operation":
 * a REVISION / CHANGE-CAUSE table, or one revision's pod template as describe prints it.
 */
import type { PodTemplateSpec, ReplicaSet } from '../../../engine/api/types.ts';
import type { ControllerRevision } from '../../../engine/components/controllers/history.ts';
import { ownedReplicaSets, revisions } from '../../../engine/components/controllers/deployment/history.ts';
import type { ParsedArgs } from '../../flags.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { describePodTemplate } from '../../printers/describe/pod-template.ts';
import { PrefixWriter } from '../../printers/describe/writer.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { kindSlashName } from '../resources.ts';
import { historyRevision, ownerRevisions, revisionHistoryTable } from './controller-revisions.ts';
import { getDeployment, getTarget, groupKind, rolloutTargets, type RolloutTarget } from './target.ts';

export function rolloutHistory(ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number {
  const revision = Number(args.flags.revision ?? 0);
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
  for (const t of rolloutTargets(args, rest)) {
    const history = t.rt.kind === 'Deployment' ? deploymentHistory(ctx, t, revision) : revisionsHistory(ctx, t, revision);
    const withRevision = revision > 0 ? `with revision #${revision}` : '';
    ctx.io.out(`${kindSlashName(t.rt, t.name)} ${withRevision}\n${history}\n`);
  }
  return 0;
}

function deploymentHistory(ctx: CommandContext, t: RolloutTarget, revision: number): string {
  const d = getDeployment(ctx, t);
  const all = ctx.sim.store.list<ReplicaSet>('replicasets', { namespace: t.namespace }).items;
  return viewHistory(ownedReplicaSets(d, all), revision);
}

/** DaemonSets and StatefulSets: their ControllerRevisions. */
function revisionsHistory(ctx: CommandContext, t: RolloutTarget, revision: number): string {
  if (t.rt.kind !== 'DaemonSet' && t.rt.kind !== 'StatefulSet') throw new CommandError(`error: no history viewer has been implemented for ${groupKind(t)}`);
  const owner = getTarget(ctx, t) as Parameters<typeof ownerRevisions>[0];
  const revs = ownerRevisions(owner, ctx.sim.store.list<ControllerRevision>('controllerrevisions', { namespace: t.namespace }).items);
  return revision > 0 ? printTemplate(historyRevision(revs, revision)) : revisionHistoryTable(revs);
}

/** printTemplate: describe's Pod Template block through a PrefixWriter straight to a buffer (tabs not aligned). */
function printTemplate(template: PodTemplateSpec): string {
  const w = new PrefixWriter();
  describePodTemplate(template, w);
  return w.raw();
}

/** ViewHistory: the table, or the template of one revision. */
function viewHistory(rss: readonly ReplicaSet[], revision: number): string {
  const revs = revisions(rss);
  if (revision > 0) {
    const hit = revs.find((r) => r.revision === revision);
    if (!hit) throw new CommandError('error: unable to find the specified revision');
    return printTemplate(hit.rs.spec.template);
  }
  const rows = revs.map((r) => `${r.revision}\t${r.changeCause || '<none>'}\n`).join('');
  return alignTabs(`REVISION\tCHANGE-CAUSE\n${rows}`, { minWidth: 0, padding: 2, padChar: ' ' });
}
