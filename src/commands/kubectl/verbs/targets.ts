/**
 * kubectl's resource builder for verbs that act on existing objects (delete, scale): the objects
 * named by `-f`, by `TYPE NAME...` / `TYPE/NAME...`, or by `TYPE` with `-l` / `--field-selector` /
 * `--all` (across namespaces with `-A` where the verb has it).
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { readManifests } from '../manifests.ts';
import { objectNamespace, parseResourceArgs } from '../resources.ts';

/** One object a verb acts on; `source` is the manifest it came from, for error messages. */
export interface Target {
  rt: ResourceType;
  namespace: string;
  name: string;
  source?: string;
}

/** kubectl's error when a verb that needs objects is given none. */
export const NO_RESOURCES = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** A string flag's value, '' when the verb does not have the flag. */
const flag = (args: ParsedArgs, name: string): string => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : '');

export function collectTargets(ctx: CommandContext, args: ParsedArgs, errors: unknown[]): Target[] {
  const ns = flag(args, 'namespace') || 'default';
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  if (filenames.length > 0) {
    const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
    errors.push(...m.errors);
    return m.objects.map((o) => ({ rt: o.rt, namespace: objectNamespace(o.rt, o.object, ns), name: o.object.metadata?.name ?? '', source: o.source }));
  }
  if (args.positional.length === 0) throw new CommandError(NO_RESOURCES);
  const sel = parseResourceArgs(args.positional);
  if (sel.names.length > 0) return sel.names.map(({ type, name }) => ({ rt: type, namespace: type.namespaced ? ns : '', name }));
  const labelSelector = flag(args, 'selector');
  const fieldSelector = flag(args, 'field-selector');
  if (labelSelector === '' && fieldSelector === '' && args.flags.all !== true) {
    throw new CommandError('error: resource(s) were provided, but no name was specified');
  }
  const allNs = args.flags['all-namespaces'] === true;
  return sel.types.flatMap((rt) =>
    ctx.sim.store
      .list(rt, { namespace: rt.namespaced && !allNs ? ns : undefined, labelSelector, fieldSelector })
      .items.map((o) => ({ rt, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' })),
  );
}
