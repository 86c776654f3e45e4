/**
 * `kubectl rollout pause|resume deployment/NAME` and `rollout restart (deployment|daemonset|statefulset)/NAME`
 * (rollout_pause.go, rollout_resume.go, rollout_restart.go and the object pauser / resumer /
 * restarter, v1.31): a strategic-merge patch of spec.paused, or of the template's
 * `kubectl.kubernetes.io/restartedAt` annotation stamped with the (simulated) time now; the
 * patched object is printed (`deployment.apps/web paused`, or with -o).
 */
import type { Deployment, KObject } from '../../../engine/api/types.ts';
import { formatTimestamp } from '../../../engine/kernel/time.ts';
import type { ParsedArgs } from '../../flags.ts';
import type { Command, CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { printerFormat, printFlagsOf } from '../verbs/metadata-edit.ts';
import { PATCHING_FLAGS } from './flags.ts';
import { RolloutPrinter } from './printer.ts';
import { getTarget, noResourcesFound, resourceString, rolloutTargets } from './target.ts';

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

function runPatches(ctx: CommandContext, args: ParsedArgs, change: (obj: KObject) => Change): number {
  const { targets, errors } = rolloutTargets(ctx, args);
  const format = printerFormat(String(args.flags.output), printFlagsOf(ctx, args));
  const printer = new RolloutPrinter(ctx.io);
  if (targets.length === 0 && errors.length === 0) ctx.io.err(noResourcesFound(args));
  for (const t of targets) {
    try {
      const c = change(getTarget(ctx, t));
      if ('error' in c) {
        errors.push(new Error(`error: ${resourceString(t)} "${t.name}" ${c.error}`));
        continue;
      }
      const patched = ctx.sim.store.patch(t.rt, t.namespace, t.name, 'strategic', c.patch);
      printer.print(format, t.rt, patched, c.done);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

/** A pause, resume or restart subcommand: the same flags, its own words and patch. */
function patchingCommand(spec: { name: string; short: string; long: string; examples: string; change: (ctx: CommandContext) => (obj: KObject) => Change }): Command {
  return {
    name: spec.name,
    short: spec.short,
    long: spec.long,
    examples: spec.examples,
    usage: `kubectl rollout ${spec.name} RESOURCE [options]`,
    flags: PATCHING_FLAGS,
    completion: { args: 'resources' },
    run: (ctx, args) => runPatches(ctx, args, spec.change(ctx)),
  };
}

export const pauseCommand = patchingCommand({
  name: 'pause',
  short: 'Mark the provided resource as paused',
  long: `Mark the provided resource as paused.

 Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.`,
  examples: `# Mark the nginx deployment as paused
# Any current state of the deployment will continue its function; new updates
# to the deployment will not have an effect as long as the deployment is paused
kubectl rollout pause deployment/nginx`,
  change: () => pauseChange,
});

export const resumeCommand = patchingCommand({
  name: 'resume',
  short: 'Resume a paused resource',
  long: `Resume a paused resource.

 Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.`,
  examples: `# Resume an already paused deployment
kubectl rollout resume deployment/nginx`,
  change: () => resumeChange,
});

export const restartCommand = patchingCommand({
  name: 'restart',
  short: 'Restart a resource',
  long: `Restart a resource.

        Resource rollout will be restarted.`,
  examples: `# Restart all deployments in the test-namespace namespace
kubectl rollout restart deployment -n test-namespace

# Restart a deployment
kubectl rollout restart deployment/nginx

# Restart a daemon set
kubectl rollout restart daemonset/abc

# Restart deployments with the app=nginx label
kubectl rollout restart deployment --selector=app=nginx`,
  change: (ctx) => (obj) => restartChange(obj, ctx.sim.now),
});
