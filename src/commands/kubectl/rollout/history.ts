/**
 * `kubectl rollout history (TYPE NAME | TYPE/NAME) [--revision N] [-o FORMAT]` (rollout_history.go
 * and the HistoryViewers, v1.31). Without -o: the target printed by the name printer with the
 * history as its "operation" — a REVISION / CHANGE-CAUSE table, or one revision's pod template as
 * describe prints it. With -o: the revisions themselves (GetHistory), in revision order — a
 * Deployment's ReplicaSets, a DaemonSet or StatefulSet with each ControllerRevision applied.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { Deployment, KObject, PodTemplateSpec, ReplicaSet } from '../../../engine/api/types.ts';
import type { ControllerRevision } from '../../../engine/components/controllers/history.ts';
import { ownedReplicaSets, revisions } from '../../../engine/components/controllers/deployment/history.ts';
import type { ParsedArgs } from '../../flags.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { describePodTemplate } from '../../printers/describe/pod-template.ts';
import { PrefixWriter } from '../../printers/describe/writer.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { resolveType } from '../resources.ts';
import { printerFormat, printFlagsOf, type ObjectFormat } from '../verbs/metadata-edit.ts';
import { historyRevision, ownerRevisions, revisionHistoryTable, revisionObjects } from './controller-revisions.ts';
import { HISTORY_FLAGS } from './flags.ts';
import { RolloutPrinter } from './printer.ts';
import { getTarget, groupKind, requireResources, rolloutTargets, type RolloutTarget } from './target.ts';

export const historyCommand: Command = {
  name: 'history',
  short: 'View rollout history',
  long: 'View previous rollout revisions and configurations.',
  examples: `# View the rollout history of a deployment
kubectl rollout history deployment/abc

# View the details of daemonset revision 3
kubectl rollout history daemonset/abc --revision=3`,
  usage: 'kubectl rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: HISTORY_FLAGS,
  completion: { args: 'resources' },
  run: runHistory,
};

type Workload = Parameters<typeof ownerRevisions>[0];

function runHistory(ctx: CommandContext, args: ParsedArgs): number {
  const revision = Number(args.flags.revision);
  requireResources(args);
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
  const { targets, errors } = rolloutTargets(ctx, args);
  const output = String(args.flags.output);
  const format = printerFormat(output, printFlagsOf(ctx, args));
  const printer = new RolloutPrinter(ctx.io);
  for (const t of targets) {
    try {
      const obj = getTarget(ctx, t);
      if (output !== '') {
        printRevisions(printer, format, historyObjects(ctx, t, obj), revision);
        continue;
      }
      const withRevision = revision > 0 ? `with revision #${revision}` : '';
      printer.print(format, t.rt, obj, `${withRevision}\n${viewHistory(ctx, t, obj, revision)}`);
    } catch (e) {
      // A panic ends the process: the targets after it are not visited, no error list is printed.
      if (e instanceof KubectlPanic) throw e;
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

/** What kubectl 1.31 dies of when -o asks for a revision that does not exist. */
class KubectlPanic extends CommandError {
  constructor() {
    super('panic: reflect: call of reflect.Value.Type on zero Value', 2);
  }
}

/** HistoryViewerFor: the kinds that keep a history. */
function checkViewer(t: RolloutTarget): void {
  if (t.rt.kind !== 'Deployment' && t.rt.kind !== 'DaemonSet' && t.rt.kind !== 'StatefulSet') {
    throw new CommandError(`error: no history viewer has been implemented for ${JSON.stringify(groupKind(t))}`);
  }
}

/** ViewHistory: the table, or the template of one revision. */
function viewHistory(ctx: CommandContext, t: RolloutTarget, obj: KObject, revision: number): string {
  checkViewer(t);
  if (t.rt.kind === 'Deployment') return deploymentHistory(replicaSetsOf(ctx, obj as Deployment), revision);
  const revs = controllerRevisionsOf(ctx, obj as Workload);
  return revision > 0 ? printTemplate(historyRevision(revs, revision)) : revisionHistoryTable(revs);
}

/** GetHistory: each revision as an object, by revision number. */
function historyObjects(ctx: CommandContext, t: RolloutTarget, obj: KObject): { rt: ResourceType; byRevision: Map<number, KObject> } {
  checkViewer(t);
  if (t.rt.kind === 'Deployment') {
    const byRevision = new Map(revisions(replicaSetsOf(ctx, obj as Deployment)).map((r) => [r.revision, r.rs as KObject]));
    return { rt: resolveType('replicasets'), byRevision };
  }
  return { rt: t.rt, byRevision: revisionObjects(obj, controllerRevisionsOf(ctx, obj as Workload)) };
}

/**
 * One revision, or all in ascending order. kubectl 1.31 prints a missing revision without
 * checking for it and panics (exit 2); the goroutine trace that follows is left out.
 */
function printRevisions(
  printer: RolloutPrinter,
  format: ObjectFormat | undefined,
  history: { rt: ResourceType; byRevision: Map<number, KObject> },
  revision: number,
): void {
  const { rt, byRevision } = history;
  const wanted = revision > 0 ? [revision] : [...byRevision.keys()].sort((a, b) => a - b);
  for (const n of wanted) {
    const obj = byRevision.get(n);
    if (!obj) throw new KubectlPanic();
    printer.print(format, rt, obj, '');
  }
}

function replicaSetsOf(ctx: CommandContext, d: Deployment): ReplicaSet[] {
  const all = ctx.sim.store.list<ReplicaSet>('replicasets', { namespace: d.metadata.namespace }).items;
  return ownedReplicaSets(d, all);
}

function controllerRevisionsOf(ctx: CommandContext, owner: Workload): ControllerRevision[] {
  return ownerRevisions(owner, ctx.sim.store.list<ControllerRevision>('controllerrevisions', { namespace: owner.metadata.namespace }).items);
}

/** printTemplate: describe's Pod Template block through a PrefixWriter straight to a buffer (tabs not aligned). */
export function printTemplate(template: PodTemplateSpec): string {
  const w = new PrefixWriter();
  describePodTemplate(template, w);
  return w.raw();
}

/** The Deployment viewer: the table, or the template of one revision. */
function deploymentHistory(rss: readonly ReplicaSet[], revision: number): string {
  const revs = revisions(rss);
  if (revision > 0) {
    const hit = revs.find((r) => r.revision === revision);
    if (!hit) throw new CommandError('error: unable to find the specified revision');
    return printTemplate(hit.rs.spec.template);
  }
  const rows = revs.map((r) => `${r.revision}\t${r.changeCause || '<none>'}\n`).join('');
  return alignTabs(`REVISION\tCHANGE-CAUSE\n${rows}`, { minWidth: 0, padding: 2, padChar: ' ' });
}
