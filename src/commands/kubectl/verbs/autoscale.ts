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
import { printErrors } from '../errors.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { readManifests } from '../manifests.ts';
import { outputFlagsFrom, printObjects } from '../output.ts';
import { resolveType } from '../resources.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, resolveNamespace } from './common.ts';
import { filenameOptionFlags, PRINT_FLAGS, printerFormat, refuseKustomize } from './metadata-edit.ts';
import { collectTargets } from './targets.ts';


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
  // Podlab's store keeps no managedFields, so the manager's name has nothing to be recorded in.
  { name: 'field-manager', type: 'string', default: 'kubectl-autoscale', usage: 'Name of the manager used to track field ownership.' },
  {
    name: 'save-config',
    type: 'bool',
    default: false,
    usage:
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
  },
  ...filenameOptionFlags('identifying the resource to autoscale.'),
  ...PRINT_FLAGS,
];

export const autoscaleCommand: Command = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  long: `Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

 Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.`,
  examples: `# Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
kubectl autoscale deployment foo --min=2 --max=10

# Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
kubectl autoscale rc foo --max=5 --cpu-percent=80`,
  usage: 'kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]',
  flags: FLAGS,
  run: runAutoscale,
};

interface Limits {
  min: number;
  max: number;
  cpuPercent: number;
}

function runAutoscale(ctx: CommandContext, args: ParsedArgs): number {
  // cobra checks required flags before Run.
  if (!args.set.has('max')) throw new CommandError('error: required flag(s) "max" not set');
  const limits = { min: Number(args.flags.min), max: Number(args.flags.max), cpuPercent: Number(args.flags['cpu-percent']) };
  const dryRun = dryRunMode(ctx, args);
  refuseKustomize(args);
  if (limits.max < 1) throw new CommandError(`error: --max=MAXPODS is required and must be at least 1, max: ${limits.max}`);
  if (limits.max < limits.min) throw new CommandError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${limits.max}, min: ${limits.min}`);
  const namespace = (args.flags.namespace as string | undefined) || 'default';
  const errors: unknown[] = [];
  let count = 0;
  // The builder's ContinueOnError visit: each object is autoscaled on its own, errors are printed last.
  for (const visit of autoscaleTargets(ctx, args, errors)) {
    try {
      const { rt, object } = visit();
      if (!SCALABLE.has(rt.kind)) {
        throw new Error(`cannot autoscale a ${rt.kind}: could not find scale subresource for ${rt.apiVersion.includes('/') ? '' : '/'}${rt.apiVersion}, Resource=${rt.plural} in discovery information`);
      }
      const hpa = buildHpa(object, String(args.flags.name) || (object.metadata.name ?? ''), limits);
      count++;
      // A client dry run prints the typed v1 object kubectl built, before any annotation.
      const created = dryRun === 'client' ? hpa : ctx.sim.store.create(args.flags['save-config'] === true ? withSavedConfig(hpa) : hpa, { namespace, dryRun: dryRun === 'server' });
      // kubectl builds a printer per object, after creating it: an -o it cannot print fails then,
      // and YAML objects get no `---` between them.
      const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
      if (format) printObjects(ctx.io, format, [{ rt: resolveType('HorizontalPodAutoscaler'), object: created }], true);
      else ctx.io.out(`horizontalpodautoscaler.autoscaling/${created.metadata.name} ${dryRun === 'client' ? 'created' : 'autoscaled'}${dryRunSuffix(dryRun)}\n`);
    } catch (e) {
      errors.push(e);
    }
  }
  if (count === 0 && errors.length === 0) errors.push(new Error('no objects passed to autoscale'));
  return printErrors(ctx.io, errors);
}

/**
 * The builder's objects: those of the -f files as written (not read back from the server), or the
 * named ones, each fetched when visited.
 */
function autoscaleTargets(ctx: CommandContext, args: ParsedArgs, errors: unknown[]): (() => { rt: ResourceType; object: KObject })[] {
  const filenames = args.flags.filename as string[];
  if (filenames.length > 0 && args.positional.length > 0) {
    throw new CommandError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  }
  if (filenames.length > 0) {
    const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
    errors.push(...m.errors);
    return m.objects.map((o) => () => {
      resolveNamespace(o.rt, o.object, args);
      return { rt: o.rt, object: o.object };
    });
  }
  return collectTargets(ctx, args, errors).map((t) => () => ({ rt: t.rt, object: ctx.sim.store.get(t.rt, t.namespace, t.name) }));
}

/**
 * HorizontalPodAutoscalerGeneratorV1: the v1 object kubectl v1.31 sends, its keys in the Go
 * struct's order (the --save-config annotation is its JSON).
 */
function buildHpa(target: KObject, name: string, o: Limits): KObject {
  const spec: Record<string, unknown> = { scaleTargetRef: { kind: target.kind, name: target.metadata.name, apiVersion: target.apiVersion } };
  if (o.min > 0) spec.minReplicas = o.min;
  spec.maxReplicas = o.max;
  if (o.cpuPercent >= 0) spec.targetCPUUtilizationPercentage = o.cpuPercent;
  return {
    kind: 'HorizontalPodAutoscaler',
    apiVersion: 'autoscaling/v1',
    metadata: { name, creationTimestamp: null },
    spec,
    status: { currentReplicas: 0, desiredReplicas: 0 },
  } as unknown as KObject;
}

/** util.CreateOrUpdateAnnotation: the object's own JSON, as Go encodes the typed struct, in the last-applied annotation. */
function withSavedConfig(hpa: KObject): KObject {
  return { ...hpa, metadata: { ...hpa.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: `${JSON.stringify(hpa)}\n` } } };
}
