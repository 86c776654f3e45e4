/**
 * `kubectl set image (-f FILENAME | TYPE NAME) CONTAINER=IMAGE ...` (kubectl v1.31
 * pkg/cmd/set/set_image.go) for the kinds with a pod template: each named container (or `*` for
 * all, init containers included) gets its image; the change goes to the API server and prints
 * `deployment.apps/web image updated`. An unchanged object prints nothing.
 */
import type { PodSpec } from '../../../engine/api/types.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { PRINT_FLAGS, printerFormat, splitPairs } from './metadata-edit.ts';
import { SetPrinter, fetchObjects, LOCAL_RESOURCE_ERROR, messageOf, podSpecFor, printSetErrors, selectionFlags, sendUpdate, withVisitErrors } from './set-common.ts';

const LONG = `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`;

const EXAMPLES = `# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

# Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
kubectl set image deployments,rc nginx=nginx:1.9.1 --all

# Update image of all containers of daemonset abc to 'nginx:1.9.1'
kubectl set image daemonset abc *=nginx:1.9.1

# Print result (in yaml format) of updating nginx container image from local file, without hitting the server
kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml`;

export const setImageCommand: Command = {
  name: 'image',
  short: 'Update the image of a pod template',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  flags: [
    ...selectionFlags('image', 'identifying the resource to get from a server.', 'Select all resources, in the namespace of the specified resource types'),
    DRY_RUN_FLAG,
    ...PRINT_FLAGS,
  ],
  run: (ctx, args) => withVisitErrors(ctx.io, () => runImage(ctx, args)),
};

function runImage(ctx: CommandContext, args: ParsedArgs): number {
  // Complete: dry run, printer, the pairs, then the objects.
  const dryRun = dryRunMode(ctx, args);
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const { resources, pairs } = splitPairs(args.positional, 'image');
  const images = parseImages(pairs);
  const local = args.flags.local === true;
  if (local && resources.length > 0) throw new CommandError(LOCAL_RESOURCE_ERROR);
  const visits = fetchObjects(ctx, args, resources, local);
  const invalid = validate(args, resources, images, local && dryRun === 'server');
  if (invalid.length > 0) return printSetErrors(ctx.io, invalid);
  const errors: string[] = [];
  const results = visits.map((visit) => {
    const before = deepClone(visit.object);
    try {
      const spec = podSpecFor(visit.rt, visit.object);
      for (const [container, image] of images) {
        if (!assignImage(spec, container, image)) errors.push(`error: unable to find container named ${JSON.stringify(container)}`);
      }
      return { visit, changed: !deepEqual(before, visit.object) };
    } catch (e) {
      return { visit, changed: false, error: `error: ${visit.rt.plural}/${visit.object.metadata?.name ?? ''} ${messageOf(e)}\n` };
    }
  });
  const printer = new SetPrinter(ctx.io);
  for (const { visit, changed, error } of results) {
    if (error !== undefined) errors.push(error);
    if (!changed) continue;
    let shown = visit.object;
    if (!local && dryRun !== 'client') {
      try {
        shown = sendUpdate(ctx, visit.object, dryRun);
      } catch (e) {
        errors.push(`failed to patch image update to pod template: ${messageOf(e)}`);
        continue;
      }
    }
    printer.print(format, visit.rt, shown, `image updated${dryRunSuffix(dryRun)}`);
  }
  return printSetErrors(ctx.io, errors);
}

/** ParsePairs without removal: `NAME=IMAGE` (not starting with `=`); the rest listed in one error. A later pair wins. */
function parseImages(pairs: readonly string[]): Map<string, string> {
  const images = new Map<string, string>();
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes('=') && !p.startsWith('=')) images.set(p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1));
    else invalid.push(p);
  }
  if (invalid.length > 0) throw new CommandError(`error: invalid image format: ${invalid.join(', ')}`);
  return images;
}

/** Validate: every problem found (kubectl returns them as one aggregate). */
function validate(args: ParsedArgs, resources: readonly string[], images: Map<string, string>, localServerDryRun: boolean): string[] {
  const errs: string[] = [];
  if (args.flags.all === true && String(args.flags.selector) !== '') errs.push('cannot set --all and --selector at the same time');
  if (resources.length < 1 && (args.flags.filename as string[]).length === 0 && String(args.flags.kustomize) === '') {
    errs.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (images.size < 1) errs.push('at least one image update is required');
  else if (images.size > 1 && images.has('*')) errs.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (localServerDryRun) errs.push('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  return errs;
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
