/**
 * `kubectl rollout pause|resume deployment/NAME` and `rollout restart (deployment|daemonset|statefulset)/NAME` (rollout_pause.go, rollout_resume.go,
 * rollout_restart.go and the object pauser / resumer / restarter, v0.31): a strategic-merge patch
 * of spec.paused, or of the template's `kubectl.kubernetes.io/restartedAt` annotation stamped
 * with the (simulated) time now.
 */
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import { formatTimestamp } from '../../../engine/kernel/time.ts';
import type { ParsedArgs } from '../../flags.ts';
import type { CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { kindSlashName } from '../resources.ts';
import { getTarget, rolloutTargets, type RolloutTarget } from './target.ts';

/** The annotation `rollout restart` sets on the pod template. */
export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

type Change = { patch: unknown; done: string } | { error: string };

function pauseChange(obj: KObject): Change {
  if (obj.kind !== 'Deployment') return { error: 'pausing is not supported' };
  const d = obj as Deployment;
  return d.spec.paused ? { error: 'is already paused' } : { patch: { spec: { paused: true } }, done: 'paused' };
}

function resumeChange(obj: KObject): Change {
  if (obj.kind !== 'Deployment') return { error: 'resuming is not supported' };
  const d = obj as Deployment;
  return d.spec.paused ? { patch: { spec: { paused: null } }, done: 'resumed' } : { error: 'is not paused' };
}

/** ObjectRestarter: Deployments (unless paused), DaemonSets and StatefulSets. */
function restartChange(obj: KObject, nowMs: number): Change {
  if (obj.kind !== 'Deployment' && obj.kind !== 'DaemonSet' && obj.kind !== 'StatefulSet') return { error: 'restarting is not supported' };
  if ((obj as Deployment).spec?.paused) return { error: "can't restart paused deployment (run rollout resume first)" };
  return { patch: { spec: { template: { metadata: { annotations: { [RESTARTED_AT_ANNOTATION]: formatTimestamp(nowMs) } } } } }, done: 'restarted' };
}

/** resourceString as the verbs print it: `deployments.apps`. */
function resourceString(t: RolloutTarget): string {
  return t.rt.group ? `${t.rt.plural}.${t.rt.group}` : t.rt.plural;
}

function runPatches(ctx: CommandContext, args: ParsedArgs, rest: readonly string[], change: (obj: KObject) => Change): number {
  const errors: unknown[] = [];
  for (const t of rolloutTargets(args, rest)) {
    try {
      const c = change(getTarget(ctx, t));
      if ('error' in c) {
        errors.push(new Error(`error: ${resourceString(t)} "${t.name}" ${c.error}`));
        continue;
      }
      ctx.sim.store.patch(t.rt, t.namespace, t.name, 'strategic', c.patch);
      ctx.io.out(`${kindSlashName(t.rt, t.name)} ${c.done}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

export const rolloutPause = (ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number => runPatches(ctx, args, rest, pauseChange);
export const rolloutResume = (ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number => runPatches(ctx, args, rest, resumeChange);
export const rolloutRestart = (ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number =>
  runPatches(ctx, args, rest, (d) => restartChange(d, ctx.sim.now));
