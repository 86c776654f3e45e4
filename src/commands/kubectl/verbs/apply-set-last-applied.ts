/**
 * `kubectl apply set-last-applied -f FILE` (kubectl v1.31 pkg/cmd/apply/apply_set_last_applied.go):
 * sets each live object's last-applied-configuration annotation to the file's object, as
 * `kubectl apply -f FILE` would record it, without changing anything else. Every object is checked
 * first (it must exist, and have the annotation unless --create-annotation); one whose annotation
 * already says the same prints `set-last-applied NAME: no changes required.`; then the others are
 * patched and printed as `KIND/NAME configured`. A client dry run prints the live object as it is.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { sortedJson } from '../json.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { readManifests } from '../manifests.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { ObjectPrinter, PRINT_FLAGS, printerFormat } from './metadata-edit.ts';
import { NO_RESOURCES } from './targets.ts';

export const setLastAppliedCommand: Command = {
  name: 'set-last-applied',
  short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
  long: "Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, without updating any other parts of the object.",
  examples: `# Set the last-applied-configuration of a resource to match the contents of a file
kubectl apply set-last-applied -f deploy.yaml

# Execute set-last-applied against each configuration file in a directory
kubectl apply set-last-applied -f path/

# Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
kubectl apply set-last-applied -f deploy.yaml --create-annotation=true`,
  usage: 'kubectl apply set-last-applied -f FILENAME [options]',
  flags: [
    ...PRINT_FLAGS,
    { name: 'create-annotation', type: 'bool', default: false, usage: "Will create 'last-applied-configuration' annotations if current objects doesn't have one" },
    DRY_RUN_FLAG,
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'Filename, directory, or URL to files that contains the last-applied-configuration annotations' },
  ],
  completion: { args: 'none' },
  run: runSetLastApplied,
};

interface Change {
  rt: ResourceType;
  live: KObject;
  /** The annotation's new text: the file's object as compact JSON with sorted keys. */
  config: string;
}

function runSetLastApplied(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const changes = collectChanges(ctx, args);
  const printer = new ObjectPrinter(ctx.io);
  for (const { rt, live, config } of changes) {
    let result = live;
    if (dryRun !== 'client') {
      const patch = { metadata: { annotations: { [LAST_APPLIED_ANNOTATION]: config } } };
      result = ctx.sim.store.patch(rt, live.metadata.namespace ?? '', live.metadata.name ?? '', 'merge', patch, { dryRun: dryRun === 'server' });
    }
    printer.print(format, rt, result, `configured${dryRunSuffix(dryRun)}`);
  }
  return 0;
}

/** Validate: every object of the files, checked against the server before any is patched. */
function collectChanges(ctx: CommandContext, args: ParsedArgs): Change[] {
  const filenames = args.flags.filename as string[];
  if (filenames.length === 0) throw new CommandError(NO_RESOURCES);
  const m = readManifests(ctx.fs, filenames, false, ctx.stdin);
  if (m.errors.length > 0) throw m.errors[0];
  const explicitNs = args.set.has('namespace');
  const ns = String(args.flags.namespace ?? '') || 'default';
  const changes: Change[] = [];
  for (const o of m.objects) {
    const obj = deepClone(o.object);
    obj.metadata = obj.metadata ?? {};
    const own = obj.metadata.namespace ?? '';
    if (o.rt.namespaced && explicitNs && own !== '' && own !== ns) {
      throw new CommandError(`error: the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`);
    }
    // The builder's SetNamespace: a namespaced object from a file without one gets the request's.
    if (o.rt.namespaced && own === '') obj.metadata.namespace = ns;
    const name = obj.metadata.name ?? '';
    const config = sortedJson(obj);
    const live = ctx.sim.store.get(o.rt, o.rt.namespaced ? obj.metadata.namespace ?? ns : '', name);
    const current = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    if (current === undefined && args.flags['create-annotation'] !== true) {
      throw new CommandError(`error: no last-applied-configuration annotation found on resource: ${name}, to create the annotation, run the command with --create-annotation`);
    }
    if (current !== undefined && sameJson(current, config)) ctx.io.out(`set-last-applied ${name}: no changes required.\n`);
    else changes.push({ rt: o.rt, live, config });
  }
  return changes;
}

/** cmdutil.StripComments compares the two as JSON: same data, whatever the layout. */
function sameJson(a: string, b: string): boolean {
  try {
    return sortedJson(JSON.parse(a)) === sortedJson(JSON.parse(b));
  } catch {
    return false;
  }
}
