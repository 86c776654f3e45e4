/**
 * `kubectl set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...` (kubectl pkg/cmd/set/set_image.go,
 * v0.31) for the workloads with a pod template: each named container (or `*` for all, init
 * containers included) gets its image; the change goes as a strategic-merge patch and prints
 * `deployment.apps/web image updated`. An unchanged object prints nothing.
 */
import type { PodSpec } from '../../../engine/api/types.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { kindSlashName, parseResourceArgs } from '../resources.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, podSpecOf } from './common.ts';
import { outputFlagsFrom } from '../output.ts';
import { ObjectPrinter, PRINT_FLAGS, printerFormat } from './metadata-edit.ts';

export const setCommand: Command = {
  name: 'set',
  completion: { subcommands: ['image'], args: 'resources' },
  short: 'Set specific features on objects',
  usage: 'kubectl set SUBCOMMAND [options]',
  flags: [DRY_RUN_FLAG, ...PRINT_FLAGS],
  run(ctx, args) {
    const [sub, ...rest] = args.positional;
    if (sub === undefined) throw new CommandError('error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
    if (sub !== 'image') throw new CommandError(`error: unknown command "${sub}"\nSee 'kubectl set -h' for help and examples`);
    return setImage(ctx, args, rest);
  },
};


/** `NAME=IMAGE` pairs after the resources (set_image.go getResourcesAndImages). */
function splitArgs(rest: readonly string[]): { resources: string[]; images: [string, string][] } {
  const resources = rest.filter((a) => !a.includes('='));
  const images = rest.filter((a) => a.includes('=')).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as [string, string]);
  return { resources, images };
}

function setImage(ctx: CommandContext, args: ParsedArgs, rest: readonly string[]): number {
  const dryRun = dryRunMode(args);
  const output = String(args.flags.output);
  const format = printerFormat(output, outputFlagsFrom(ctx.fs, args.flags));
  const { resources, images } = splitArgs(rest);
  if (resources.length === 0 || images.length === 0) {
    throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const errors: unknown[] = [];
  const printer = new ObjectPrinter(ctx.io);
  for (const { type, name } of parseResourceArgs(resources).names) {
    const obj = ctx.sim.store.get(type, ns, name);
    const updated = deepClone(obj);
    const spec = podSpecOf(updated);
    if (!spec) {
      errors.push(new Error(`error: ${kindSlashName(type, name)} the object is not a pod or does not have a pod template: ${obj.kind}`));
      continue;
    }
    for (const [container, image] of images) {
      if (!assignImage(spec, container, image)) errors.push(new Error(`error: unable to find container named "${container}"`));
    }
    if (deepEqual(updated, obj)) continue;
    const result = dryRun === 'client' ? updated : ctx.sim.store.update(updated, { dryRun: dryRun === 'server' });
    printer.print(format, type, result, `image updated${dryRunSuffix(dryRun)}`);
  }
  return printErrors(ctx.io, errors);
}

/** setImage over init and app containers; `*` means all. Whether any container matched. */
function assignImage(spec: PodSpec, name: string, image: string): boolean {
  let found = false;
  for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
    if (c.name === name || name === '*') {
      c.image = image;
      found = true;
    }
  }
  return found;
}
