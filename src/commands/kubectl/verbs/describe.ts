/**
 * `kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)`: a detailed,
 * human-readable description of each selected object with related objects and events
 * (kubectl/pkg/cmd/describe/describe.go). Descriptions are separated by two blank lines. A
 * `TYPE NAME` that does not exist describes every object of that type in the namespace whose name
 * starts with NAME, each followed by a blank line; with none, the NotFound error stands.
 * The describers themselves are in printers/describe/.
 */
import { StatusError } from '../../../engine/api/errors.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { describerFor, type DescribeContext } from '../../printers/describe/index.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { objectNamespace, parseResourceArgs } from '../resources.ts';

const MISSING_TYPE =
  'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.';

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  examples: `# Describe a node
kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
kubectl describe pods/nginx

# Describe a pod identified by type and name in "pod.json"
kubectl describe -f pod.json

# Describe all pods
kubectl describe pods

# Describe pods by label name=myLabel
kubectl describe pods -l name=myLabel

# Describe all pods managed by the 'frontend' replication controller
# (rc-created pods get the name of the rc as a prefix in the pod name)
kubectl describe pods frontend`,
  usage: 'kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: false,
      usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
    },
    {
      name: 'chunk-size',
      type: 'int',
      default: 500,
      usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
    },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'Filename, directory, or URL to files containing the resource to describe' },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      default: false,
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage:
        "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
    { name: 'show-events', type: 'bool', default: true, usage: 'If true, display events related to the described object.' },
  ],
  run: runDescribe,
};

interface Info {
  rt: ResourceType;
  object: KObject;
}

function runDescribe(ctx: CommandContext, args: ParsedArgs): number {
  const filenames = args.flags.filename as string[];
  if (args.flags.kustomize !== '') throw new CommandError('error: kustomize directories are not available in Podlab: apply the manifests with -f');
  if (args.positional.length === 0 && filenames.length === 0) throw new CommandError(MISSING_TYPE);
  const allNs = args.flags['all-namespaces'] === true;
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const dctx: DescribeContext = { store: ctx.sim.store, nowMs: ctx.sim.now, showEvents: args.flags['show-events'] !== false };

  const errors: unknown[] = [];
  const infos = filenames.length > 0 ? fromFiles(ctx, args, ns, errors) : fromArgs(ctx, args, ns, allNs, errors);

  // describe.go Run: a lone `TYPE NAME` that is not found falls back to the name as a prefix.
  if (errors.length === 1 && isNotFound(errors[0]) && args.positional.length === 2 && filenames.length === 0) {
    return describeMatching(ctx, dctx, args.positional[0], args.positional[1], ns, errors[0]);
  }

  const seen = new Set<string>();
  const outputs: string[] = [];
  for (const info of infos) {
    try {
      outputs.push(describeOne(dctx, info));
    } catch (e) {
      const key = e instanceof Error ? e.message : String(e);
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(e);
    }
  }
  if (outputs.length > 0) ctx.io.out(outputs.map((s, i) => (i === 0 ? s : `\n\n${s}`)).join(''));
  if (infos.length === 0 && errors.length === 0) {
    ctx.io.err(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
  }
  return printErrors(ctx.io, errors);
}

function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.reason === 'NotFound';
}

function describeOne(dctx: DescribeContext, info: Info): string {
  return describerFor(info.rt.group, info.rt.kind)(dctx, info.object);
}

/** DescribeMatchingResources: every object of the type in the namespace whose name has the prefix. */
function describeMatching(ctx: CommandContext, dctx: DescribeContext, typeArg: string, prefix: string, ns: string, original: unknown): number {
  const { types } = parseResourceArgs([typeArg]);
  if (types.length !== 1) return printErrors(ctx.io, [original]);
  const rt = types[0];
  const describer = describerFor(rt.group, rt.kind);
  const items = ctx.sim.store.list(rt, { namespace: rt.namespaced ? ns : undefined }).items;
  const matching = items.filter((o) => (o.metadata.name ?? '').startsWith(prefix));
  if (matching.length === 0) return printErrors(ctx.io, [original]);
  ctx.io.out(matching.map((o) => `${describer(dctx, o)}\n`).join(''));
  return 0;
}

function fromArgs(ctx: CommandContext, args: ParsedArgs, ns: string, allNs: boolean, errors: unknown[]): Info[] {
  const sel = parseResourceArgs(args.positional);
  const labelSelector = String(args.flags.selector);
  if (sel.names.length > 0) {
    if (labelSelector !== '') throw new CommandError('error: name cannot be provided when a selector is specified');
    if (allNs && sel.names.some((n) => n.type.namespaced)) {
      throw new CommandError('error: a resource cannot be retrieved by name across all namespaces');
    }
    const infos: Info[] = [];
    for (const { type, name } of sel.names) {
      try {
        infos.push({ rt: type, object: ctx.sim.store.get(type, type.namespaced ? ns : '', name) });
      } catch (e) {
        errors.push(e);
      }
    }
    return infos;
  }
  const infos: Info[] = [];
  for (const rt of sel.types) {
    try {
      const items = ctx.sim.store.list(rt, { namespace: rt.namespaced && !allNs ? ns : undefined, labelSelector }).items;
      for (const object of items) infos.push({ rt, object });
    } catch (e) {
      if (e instanceof StatusError && e.reason === 'BadRequest') {
        const gvr = `${rt.group}/${rt.version}, Resource=${rt.plural}`;
        errors.push(e.withMessage(`Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "": ${e.message}`));
        continue;
      }
      throw e;
    }
  }
  return infos;
}

function fromFiles(ctx: CommandContext, args: ParsedArgs, ns: string, errors: unknown[]): Info[] {
  const manifests = readManifests(ctx.fs, args.flags.filename as string[], args.flags.recursive === true, ctx.stdin);
  errors.push(...manifests.errors);
  const infos: Info[] = [];
  for (const m of manifests.objects) {
    try {
      infos.push({ rt: m.rt, object: ctx.sim.store.get(m.rt, objectNamespace(m.rt, m.object, ns), m.object.metadata?.name ?? '') });
    } catch (e) {
      errors.push(e);
    }
  }
  return infos;
}
