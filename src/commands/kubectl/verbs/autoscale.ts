/**
 * `kubectl autoscale (TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]`:
 * creates a HorizontalPodAutoscaler for a Deployment, ReplicaSet, StatefulSet or
 * ReplicationController, as kubectl v1.31 pkg/cmd/autoscale does: the object is written in
 * autoscaling/v1 (`targetCPUUtilizationPercentage` only when --cpu-percent ≥ 0, minReplicas only
 * when --min > 0) and the API server stores it as autoscaling/v2. Prints
 * `horizontalpodautoscaler.autoscaling/NAME autoscaled`.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { resolveType } from '../resources.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { NO_RESOURCES } from './targets.ts';
import { outputFlagsFrom, printObjects } from '../output.ts';
import { PRINT_FLAGS, printerFormat } from './metadata-edit.ts';


/** Kinds with a scale subresource (what the discovery scale-kind resolver finds). */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

const FLAGS: FlagSpec[] = [
  DRY_RUN_FLAG,
  { name: 'min', type: 'int', default: -1, usage: "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value." },
  { name: 'max', type: 'int', default: -1, usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.' },
  {
    name: 'cpu-percent',
    type: 'int',
    default: -1,
    usage: "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
  },
  { name: 'name', type: 'string', default: '', usage: 'The name for the newly created object. If not specified, the name of the input resource will be used.' },
  ...PRINT_FLAGS,
];

export const autoscaleCommand: Command = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: FLAGS,
  run: runAutoscale,
};

function runAutoscale(ctx: CommandContext, args: ParsedArgs): number {
  // cobra checks required flags before Run.
  if (!args.set.has('max')) throw new CommandError('error: required flag(s) "max" not set');
  const min = Number(args.flags.min);
  const max = Number(args.flags.max);
  const cpuPercent = Number(args.flags['cpu-percent']);
  const dryRun = dryRunMode(args);
  const output = String(args.flags.output);
  const format = printerFormat(output, outputFlagsFrom(ctx.fs, args.flags));
  if (max < 1) throw new CommandError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new CommandError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
  const namespace = (args.flags.namespace as string | undefined) || 'default';
  const { rt, name } = targetArg(args.positional);
  const target = ctx.sim.store.get(rt, namespace, name);
  if (!SCALABLE.has(rt.kind)) {
    throw new CommandError(`error: cannot autoscale a ${rt.kind}: could not find scale subresource for ${rt.apiVersion.includes('/') ? '' : '/'}${rt.apiVersion}, Resource=${rt.plural} in discovery information`);
  }
  const hpa = buildHpa(target, String(args.flags.name) || name, { min, max, cpuPercent });
  // A client dry run prints the typed v1 object kubectl built: no timestamp, zero status.
  const created = dryRun === 'client' ? { ...hpa, metadata: { creationTimestamp: null, ...hpa.metadata }, status: { currentReplicas: 0, desiredReplicas: 0 } } : ctx.sim.store.create(hpa, { namespace, dryRun: dryRun === 'server' });
  if (format) {
    printObjects(ctx.io, format, [{ rt: resolveType('HorizontalPodAutoscaler'), object: created as KObject }], true);
    return 0;
  }
  ctx.io.out(`horizontalpodautoscaler.autoscaling/${created.metadata.name} ${dryRun === 'none' ? 'autoscaled' : 'created'}${dryRunSuffix(dryRun)}\n`);
  return 0;
}

/** `TYPE NAME` or `TYPE/NAME`, exactly one. */
function targetArg(positional: readonly string[]): { rt: ResourceType; name: string } {
  if (positional.length === 1 && positional[0].includes('/')) {
    const [type, name] = [positional[0].slice(0, positional[0].indexOf('/')), positional[0].slice(positional[0].indexOf('/') + 1)];
    return { rt: resolveType(type), name };
  }
  if (positional.length === 2) return { rt: resolveType(positional[0]), name: positional[1] };
  if (positional.length === 0) {
    throw new CommandError(NO_RESOURCES);
  }
  throw new CommandError('error: arguments in resource/name form must have a single resource and name');
}

/** HorizontalPodAutoscalerGeneratorV1: the v1 object kubectl v1.31 sends. */
function buildHpa(target: KObject, name: string, o: { min: number; max: number; cpuPercent: number }): KObject {
  const spec: Record<string, unknown> = {
    scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.metadata.name },
    maxReplicas: o.max,
  };
  if (o.min > 0) spec.minReplicas = o.min;
  if (o.cpuPercent >= 0) spec.targetCPUUtilizationPercentage = o.cpuPercent;
  return { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec };
}
