/**
 * `kubectl rollout status (deployment|daemonset|statefulset)/NAME [--watch] [--timeout D]
 * [--revision N]` (rollout_status.go, v1.31): for each target, the status line for the object as
 * first read, then once per watch event (each change of the object, so a line may repeat, as with
 * kubectl), until done, an error, or the timeout. Waiting means running the simulation: the clock
 * jumps from one timer to the next, so the command ends at the simulated instant the rollout finished.
 */
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { parseGoDuration } from '../../go-duration.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { daemonSetRolloutStatus, statefulSetRolloutStatus } from './controller-revisions.ts';
import { STATUS_FLAGS } from './flags.ts';
import { deploymentRolloutStatus, type RolloutStatus } from './status-viewer.ts';
import { getTarget, groupKind, noResourcesFound, requireResources, rolloutTargets, type RolloutTarget } from './target.ts';

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

export const statusCommand: Command = {
  name: 'status',
  short: 'Show the status of the rollout',
  long: `Show the status of the rollout.

 By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.`,
  examples: `# Watch the rollout status of a deployment
kubectl rollout status deployment/nginx`,
  usage: 'kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: STATUS_FLAGS,
  completion: { args: 'resources' },
  run: runStatus,
};

/** Each target in turn (the builder's ContinueOnError visit); errors are printed at the end. */
function runStatus(ctx: CommandContext, args: ParsedArgs): number {
  requireResources(args);
  const revision = Number(args.flags.revision);
  if (revision < 0) throw new CommandError(`error: revision must be a positive integer: ${revision}`);
  // The flag parser has checked the duration.
  const timeoutMs = parseGoDuration(String(args.flags.timeout));
  const { targets, errors } = rolloutTargets(ctx, args);
  if (targets.length === 0 && errors.length === 0) ctx.io.err(noResourcesFound(args));
  for (const t of targets) {
    try {
      const obj = getTarget(ctx, t);
      const viewer = viewerFor(t);
      const status = viewer(obj, revision);
      ctx.io.out(status.message);
      if (status.done || args.flags.watch === false) continue;
      const failure = watchUntilDone(ctx, t, (o) => viewer(o, revision), timeoutMs);
      if (failure !== undefined) errors.push(failure);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

/** The watch: status lines per MODIFIED event while the simulation runs timer by timer; the error that ended it, if any. */
function watchUntilDone(ctx: CommandContext, t: RolloutTarget, viewer: (o: KObject) => RolloutStatus, timeoutMs: number): unknown {
  const { sim } = ctx;
  const deadline = sim.now + (timeoutMs > 0 ? timeoutMs : UNBOUNDED_WAIT_MS);
  let ended = false;
  let failure: unknown;
  const watch = sim.store.watch(
    t.rt,
    (e) => {
      if (ended) return;
      ended = true;
      if (e.type === 'DELETED') {
        failure = new Error('object has been deleted');
        return;
      }
      try {
        const s = viewer(e.object);
        ctx.io.out(s.message);
        ended = s.done;
      } catch (err) {
        failure = err;
      }
    },
    { namespace: t.namespace, fieldSelector: `metadata.name=${t.name}`, resourceVersion: sim.store.resourceVersion },
  );
  try {
    while (!ended && sim.now < deadline) {
      const next = sim.kernel.nextTimerAt();
      sim.kernel.runUntil(next === undefined ? deadline : Math.min(Math.max(next, sim.now), deadline));
    }
  } finally {
    watch.stop();
  }
  return ended ? failure : new Error('timed out waiting for the condition');
}
