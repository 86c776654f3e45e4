/**
 * `kubectl apply -f`: create what does not exist, three-way-merge what does, and report
 * `created`, `configured` or `unchanged` per object (or, with `-o`, the object: what the server
 * returned; under --dry-run=client the manifest, or the live object with its new last-applied
 * annotation, as kubectl v1.31 prints them). A rejected object is reported after the others have
 * been applied, as kubectl does.
 */
import { isStatusError } from '../../../engine/api/errors.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { lastApplied, threeWayMerge, withLastApplied, LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { decodeForServer, fieldValidation, readManifests, type ManifestObject } from '../manifests.ts';
import {
  DRY_RUN_FLAG,
  dryRunMode,
  dryRunSuffix,
  filenameFlags,
  requireFilenames,
  resolveNamespace,
  VALIDATE_FLAG,
  type DryRun,
} from './common.ts';
import { outputFlagsFrom } from '../output.ts';
import { ObjectPrinter, PRINT_FLAGS, printerFormat } from './metadata-edit.ts';


export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [
    ...filenameFlags('The files that contain the configurations to apply.'),
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
    VALIDATE_FLAG,
  ],
  run: runApply,
};

function runApply(ctx: CommandContext, args: ParsedArgs): number {
  const filenames = requireFilenames(args, 'error: must specify one of -f and -k');
  const dryRun = dryRunMode(ctx, args);
  fieldValidation(args.flags.validate);
  const output = String(args.flags.output);
  const format = printerFormat(output, outputFlagsFrom(ctx.fs, args.flags));
  const manifests = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
  const errors: unknown[] = [...manifests.errors];
  // One printer for the command: YAML documents after the first get a `---` line.
  const printer = new ObjectPrinter(ctx.io);
  if (manifests.objects.length === 0 && errors.length === 0) throw new CommandError('error: no objects passed to apply');
  for (const m of manifests.objects) {
    try {
      const result = applyOne(ctx, m, args, dryRun);
      printer.print(format, m.rt, result.object, `${result.verb}${dryRunSuffix(dryRun)}`);
    } catch (e) {
      errors.push(e);
    }
  }
  return printErrors(ctx.io, errors);
}

interface Applied {
  name: string;
  verb: string;
  /** What `-o` prints. */
  object: KObject;
}

function applyOne(ctx: CommandContext, m: ManifestObject, args: ParsedArgs, dryRun: DryRun): Applied {
  const desired = decodeForServer(ctx.io, m, fieldValidation(args.flags.validate), dryRun === 'client');
  desired.metadata = desired.metadata ?? {};
  const ns = resolveNamespace(m.rt, desired, args);
  if (m.rt.namespaced) desired.metadata.namespace = ns;
  const name = desired.metadata.name ?? '';
  if (!name) {
    if (desired.metadata.generateName) throw new CommandError(`error: from ${desired.metadata.generateName}: cannot use generate name with apply`);
    throw new CommandError(`error: error when retrieving current configuration of:\nResource: "${m.rt.group}/${m.rt.version}, Resource=${m.rt.plural}", GroupVersionKind: "${m.rt.group}/${m.rt.version}, Kind=${m.rt.kind}"\nName: "", Namespace: "${ns}"\nfrom server for: "${m.source}": resource name may not be empty`);
  }
  const modified = withLastApplied(desired);
  const store = ctx.sim.store;
  const live = store.tryGet(m.rt, ns, name);
  if (!live) {
    if (dryRun === 'client') return { name, verb: 'created', object: modified };
    try {
      const created = store.create(modified, { dryRun: dryRun === 'server', namespace: m.rt.namespaced ? ns : undefined });
      return { name, verb: 'created', object: created };
    } catch (e) {
      throw addSourceToErr('creating', m.source, e);
    }
  }
  if (!live.metadata.annotations?.[LAST_APPLIED_ANNOTATION]) {
    ctx.io.err(
      `Warning: resource ${m.rt.group ? `${m.rt.plural}.${m.rt.group}` : m.rt.plural}/${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  const merged = threeWayMerge(lastApplied(live), modified, live) as KObject;
  merged.metadata = { ...merged.metadata, resourceVersion: live.metadata.resourceVersion };
  if (dryRun === 'client') {
    // kubectl's client dry run prints the live object with only the annotation it would send.
    const annotations = { ...live.metadata.annotations, [LAST_APPLIED_ANNOTATION]: modified.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '' };
    return { name, verb: 'configured', object: { ...live, metadata: { ...live.metadata, annotations } } };
  }
  let updated: KObject;
  try {
    updated = store.update(merged, { dryRun: dryRun === 'server' });
  } catch (e) {
    throw isStatusError(e, 'Invalid') ? e : addSourceToErr('patching', m.source, e);
  }
  return { name, verb: updated.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'configured', object: updated };
}
