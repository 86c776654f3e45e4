/**
 * `kubectl scale --replicas=COUNT (-f FILENAME | TYPE NAME | TYPE/NAME... | TYPE -l SELECTOR | TYPE --all)`
 * as kubectl v1.31 does it (pkg/cmd/scale/scale.go and pkg/scale): each object is scaled through
 * its scale subresource — a merge patch of spec.replicas, or with `--current-replicas` /
 * `--resource-version` a read, a precondition check and an update — and printed as
 * `deployment.apps/web scaled`. Errors are collected and printed at the end (the builder's
 * ContinueOnError), so one bad name does not stop the others. `--timeout` waits (running the
 * simulation) until the controller reports the new size.
 */
import { isStatusError, StatusError } from '../../../engine/api/errors.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { parseDuration } from '../../../engine/kernel/time.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import { filenameOptionFlags, ObjectPrinter, PRINT_FLAGS, printerFormat, printFlagsOf, refuseKustomize } from './metadata-edit.ts';
import { checkNamedSelection } from './named-selection.ts';
import { collectTargets, type Target } from './targets.ts';

/** Kinds the API server gives a `scale` subresource. */
const SCALABLE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

/** How often kubectl looks at the scale while waiting (`--timeout`), in ms. */
const WAIT_POLL_MS = 1000;

export const scaleCommand: Command = {
  name: 'scale',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# Scale a resource identified by type and name specified in "foo.yaml" to 3
kubectl scale --replicas=3 -f foo.yaml

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
kubectl scale --replicas=3 statefulset/web`,
  usage: 'kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  flags: [
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'resource-version', type: 'string', default: '', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    {
      name: 'current-replicas',
      type: 'int',
      default: -1,
      usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
    },
    { name: 'replicas', type: 'int', default: 0, usage: 'The new desired number of replicas. Required.' },
    {
      name: 'timeout',
      type: 'duration',
      default: '0s',
      usage: "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
    },
    ...filenameOptionFlags('identifying the resource to set a new size'),
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  run: runScale,
};

interface Precondition {
  size: number;
  resourceVersion: string;
}

function runScale(ctx: CommandContext, args: ParsedArgs): number {
  // cobra's MarkFlagRequired check runs before anything else.
  if (!args.set.has('replicas')) throw new CommandError('error: required flag(s) "replicas" not set');
  const format = printerFormat(String(args.flags.output), printFlagsOf(ctx, args));
  refuseKustomize(args);
  const dryRun = dryRunMode(ctx, args);
  const replicas = Number(args.flags.replicas);
  const current = Number(args.flags['current-replicas']);
  if (replicas < 0) throw new CommandError('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (current < -1) throw new CommandError('error: The --current-replicas must specify an integer of -1 or greater');
  const errors: unknown[] = [];
  checkNamedSelection(args);
  const targets = collectTargets(ctx, args, errors);
  const resourceVersion = String(args.flags['resource-version']);
  if (resourceVersion !== '' && targets.length > 1) throw new CommandError('error: cannot use --resource-version with multiple resources');
  const precondition = current !== -1 || resourceVersion !== '' ? { size: current, resourceVersion } : undefined;
  const waitMs = dryRun === 'none' ? (parseDuration(String(args.flags.timeout)) ?? 0) : 0;
  const printer = new ObjectPrinter(ctx.io);
  for (const t of targets) {
    try {
      const before = ctx.sim.store.get(t.rt, t.namespace, t.name);
      if (dryRun !== 'client') scaleOne(ctx, t, replicas, precondition, dryRun);
      if (waitMs > 0) waitForReplicas(ctx, t, replicas, waitMs);
      // PrintFlags("scaled"): the object as the builder read it, or `KIND/NAME scaled`.
      printer.print(format, t.rt, before, `scaled${dryRunSuffix(dryRun)}`);
    } catch (e) {
      errors.push(t.source ? addSourceToErr('scaling', t.source, e) : e);
    }
  }
  if (targets.length === 0 && errors.length === 0) errors.push(new Error('no objects passed to scale'));
  return printErrors(ctx.io, errors);
}

/**
 * ScaleSimple through the scale subresource, retried on conflicts as ScaleCondition does. A kind
 * without the subresource is the API server's 404 for an unknown path.
 */
function scaleOne(ctx: CommandContext, t: Target, replicas: number, precondition: Precondition | undefined, dryRun: DryRun): void {
  if (!SCALABLE_KINDS.has(t.rt.kind)) {
    ctx.sim.store.get(t.rt, t.namespace, t.name);
    throw new StatusError('NotFound', 'the server could not find the requested resource', 404);
  }
  for (;;) {
    try {
      writeScale(ctx, t, replicas, precondition, dryRun === 'server');
      return;
    } catch (e) {
      if (!isStatusError(e, 'Conflict')) throw e;
    }
  }
}

function writeScale(ctx: CommandContext, t: Target, replicas: number, precondition: Precondition | undefined, dryRun: boolean): void {
  const { store } = ctx.sim;
  if (!precondition) {
    store.patch(t.rt, t.namespace, t.name, 'merge', { spec: { replicas } }, { dryRun });
    return;
  }
  const obj = store.get(t.rt, t.namespace, t.name);
  const spec = (obj.spec ?? {}) as { replicas?: number };
  const size = spec.replicas ?? 0;
  if (precondition.size !== -1 && size !== precondition.size) throw new Error(`Expected replicas to be ${precondition.size}, was ${size}`);
  const rv = obj.metadata.resourceVersion ?? '';
  if (precondition.resourceVersion !== '' && rv !== precondition.resourceVersion) {
    throw new Error(`Expected resource version to be ${precondition.resourceVersion}, was ${rv}`);
  }
  store.update({ ...obj, spec: { ...spec, replicas } } as KObject, { dryRun });
}

/**
 * WaitForScaleHasDesiredReplicas: runs the simulation, looking every second, until the status
 * reports the new size for the current generation.
 */
function waitForReplicas(ctx: CommandContext, t: Target, replicas: number, timeoutMs: number): void {
  const deadline = ctx.sim.now + timeoutMs;
  const synced = () => {
    const o = ctx.sim.store.tryGet(t.rt, t.namespace, t.name);
    const status = (o?.status ?? {}) as { replicas?: number; observedGeneration?: number };
    return o !== undefined && (status.replicas ?? 0) === replicas && (status.observedGeneration ?? 0) >= (o.metadata.generation ?? 0);
  };
  while (!synced()) {
    if (ctx.sim.now >= deadline) throw new Error(`timed out waiting for "${t.name}" to be synced: timed out waiting for the condition`);
    ctx.sim.advance(Math.min(WAIT_POLL_MS, deadline - ctx.sim.now));
  }
}
