/**
 * `kubectl rollout status (deployment|daemonset|statefulset)/NAME [--watch] [--timeout D]
 * [--revision N]` (rollout_status.go, v1.31): for each target, the status line for the object as
 * first read, then once per watch event (each change of the object, so a line may repeat, as with
 * kubectl), until done, an error, or the timeout. Waiting means running the simulation: the clock
 * jumps from one timer to the next, so the command ends at the simulated instant the rollout finished.
 * In the app's terminal the watch follows the live clock instead (watch.ts runWaiting).
 */
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { parseGoDuration } from '../../go-duration.ts';
import { CommandError, type Command, type CommandContext, type CommandIO } from '../../types.ts';
import { ClockedWatch, runWaiting, type PendingWait, type WaitSteps } from '../watch.ts';
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
  const watch = args.flags.watch !== false;
  return runWaiting(ctx, (io) => statusAll(ctx, io, { targets, errors, revision, timeoutMs, watch }));
}

interface StatusPlan {
  targets: readonly RolloutTarget[];
  errors: unknown[];
  revision: number;
  timeoutMs: number;
  watch: boolean;
}

function* statusAll(ctx: CommandContext, io: CommandIO, plan: StatusPlan): WaitSteps {
  const { targets, errors, revision } = plan;
  for (const [i, t] of targets.entries()) {
    try {
      const obj = getTarget(ctx, t);
      const viewer = viewerFor(t);
      const status = viewer(obj, revision);
      io.out(status.message);
      if (status.done || !plan.watch) continue;
      const failure = yield* watchUntilDone(ctx, io, t, (o) => viewer(o, revision), { timeoutMs: plan.timeoutMs, more: i < targets.length - 1 });
      if (failure !== undefined) errors.push(failure);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(io, errors);
}

/**
 * The watch: a status line per MODIFIED event while the simulation runs, until done; the error that
 * ended it, if any. `--timeout 0` waits forever in the app's terminal (Ctrl-C ends it), for
 * UNBOUNDED_WAIT_MS in a script.
 */
function* watchUntilDone(
  ctx: CommandContext,
  io: CommandIO,
  t: RolloutTarget,
  viewer: (o: KObject) => RolloutStatus,
  { timeoutMs, more }: { timeoutMs: number; more: boolean },
): Generator<PendingWait, unknown, undefined> {
  const { sim } = ctx;
  const unbounded = ctx.detachWatch ? Number.POSITIVE_INFINITY : UNBOUNDED_WAIT_MS;
  const untilMs = sim.now + (timeoutMs > 0 ? timeoutMs : unbounded);
  const fieldSelector = `metadata.name=${t.name}`;
  const watch = new ClockedWatch(sim, t.rt, { namespace: t.namespace, fieldSelector, resourceVersion: sim.store.resourceVersion }, (e) => {
    if (e.type === 'DELETED') throw new Error('object has been deleted');
    const s = viewer(e.object);
    io.out(s.message);
    return s.done;
  });
  let done = false;
  try {
    yield { watch, untilMs, more };
    done = watch.done;
  } finally {
    watch.stop();
  }
  if (watch.error !== undefined) return watch.error;
  return done ? undefined : new Error('timed out waiting for the condition');
}
