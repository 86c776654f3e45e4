/**
 * `kubectl rollout status (deployment|daemonset|statefulset)/NAME [--watch] [--timeout D]
 * [--revision N]`: prints the status line for the object as first read, then once per watch event (each change of the
 * object, so a line may repeat, as with kubectl), until done, an error, or the timeout. Waiting
 * means running the simulation: the clock jumps from one timer to the next, so the command ends
 * at the simulated instant the rollout finished.
 */
import { parseDuration } from '../../../engine/kernel/time.ts';
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { daemonSetRolloutStatus, statefulSetRolloutStatus } from './controller-revisions.ts';
import { deploymentRolloutStatus, type RolloutStatus } from './status-viewer.ts';
import { getTarget, groupKind, rolloutTargets, type RolloutTarget } from './target.ts';

type Viewer = (obj: KObject, revision: number) => RolloutStatus;

/** StatusViewerFor: the status line of each kind that rolls out. */
function viewerFor(t: RolloutTarget): Viewer {
  switch (t.rt.kind) {
    case 'Deployment':
      return (o, revision) => deploymentRolloutStatus(o as Deployment, revision);
    case 'DaemonSet':
      return (o) => daemonSetRolloutStatus(o as Parameters<typeof daemonSetRolloutStatus>[0]);
    case 'StatefulSet':
      return (o) => statefulSetRolloutStatus(o as Parameters<typeof statefulSetRolloutStatus>[0]);
    default:
      throw new CommandError(`error: no status viewer has been implemented for ${groupKind(t)}`);
  }
}

/**
 * How long `--timeout 0` (never) waits in simulated time before giving up: kubectl would wait
 * forever, a script cannot.
 */
export const UNBOUNDED_WAIT_MS = 60 * 60 * 1000;

export function rolloutStatus(ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number {
  const targets = rolloutTargets(args, rest);
  if (targets.length !== 1) throw new CommandError(`error: rollout status is only supported on individual resources and resource collections - ${targets.length} resources were found`);
  const revision = Number(args.flags.revision ?? 0);
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
  const timeoutMs = parseTimeout(String(args.flags.timeout ?? '0s'));
  const t = targets[0];
  const viewer = viewerFor(t);
  const first = getTarget(ctx, t);
  const status = viewer(first, revision);
  ctx.io.out(status.message);
  if (status.done || args.flags.watch === false) return 0;
  return watchUntilDone(ctx, t, (o) => viewer(o, revision), timeoutMs);
}

function parseTimeout(text: string): number {
  const ms = text === '0' ? 0 : parseDuration(text);
  if (ms === undefined) throw new CommandError(`error: invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  return ms;
}

/** The watch: status lines per MODIFIED event while the simulation runs timer by timer. */
function watchUntilDone(ctx: CommandContext, t: RolloutTarget, viewer: (o: KObject) => RolloutStatus, timeoutMs: number): number {
  const { sim } = ctx;
  const deadline = sim.now + (timeoutMs > 0 ? timeoutMs : UNBOUNDED_WAIT_MS);
  let result: number | undefined;
  const watch = sim.store.watch(
    t.rt,
    (e) => {
      if (result !== undefined) return;
      if (e.type === 'DELETED') {
        result = printErrors(ctx.io, [new Error('object has been deleted')]);
        return;
      }
      try {
        const s = viewer(e.object);
        ctx.io.out(s.message);
        if (s.done) result = 0;
      } catch (err) {
        result = printErrors(ctx.io, [err]);
      }
    },
    { namespace: t.namespace, fieldSelector: `metadata.name=${t.name}`, resourceVersion: sim.store.resourceVersion },
  );
  try {
    while (result === undefined && sim.now < deadline) {
      const next = sim.kernel.nextTimerAt();
      sim.kernel.runUntil(next === undefined ? deadline : Math.min(Math.max(next, sim.now), deadline));
    }
  } finally {
    watch.stop();
  }
  if (result !== undefined) return result;
  return printErrors(ctx.io, [new Error('timed out waiting for the condition')]);
}
