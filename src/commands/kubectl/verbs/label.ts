/**
 * `kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N- ...` as kubectl
 * v1.31 does it (pkg/cmd/label/label.go): values are checked on the client, keys by the API
 * server; an existing key needs --overwrite; each object is changed on a copy and the difference
 * sent as a JSON merge patch (with --resource-version, a precondition the server checks). The
 * message is `labeled`, `unlabeled` (without --overwrite, the object got shorter) or `not labeled`;
 * `-o` prints the object as kubectl changed it locally. --list, --local and --dry-run=client never
 * write. Errors of one object do not stop the others (the builder continues on error).
 */
import { conflict, CONFLICT_MODIFIED } from '../../../engine/api/errors.ts';
import { groupResource } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { isValidLabelValue } from '../../../engine/api/validation.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import {
  AggregateError,
  createMergePatch,
  filenameOptionFlags,
  goJsonLength,
  listPairs,
  ObjectPrinter,
  printerFormat,
  printFlagsOf,
  printVisitErrors,
  PRINT_FLAGS,
  refuseKustomize,
  selectObjects,
  splitPairs,
  validateSelection,
  type OutputFlags,
  type Visit,
} from './metadata-edit.ts';

const LONG = `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`;

const EXAMPLES = `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
kubectl label pods --all status=unhealthy

# Update a pod identified by the type and name in "pod.json"
kubectl label -f pod.json status=unhealthy

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl label pods foo status=unhealthy --resource-version=1

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
kubectl label pods foo bar-`;

export const labelCommand: Command = {
  name: 'label',
  short: 'Update the labels on a resource',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If true, check the specified action in all namespaces.' },
    DRY_RUN_FLAG,
    { name: 'field-manager', type: 'string', default: 'kubectl-label', usage: 'Name of the manager used to track field ownership.' },
    {
      name: 'field-selector',
      type: 'string',
      default: '',
      usage:
        "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    ...filenameOptionFlags('identifying the resource to update the labels'),
    { name: 'list', type: 'bool', default: false, usage: 'If true, display the labels for a given resource.' },
    { name: 'local', type: 'bool', default: false, usage: 'If true, label will NOT contact api-server but run locally.' },
    ...PRINT_FLAGS,
    {
      name: 'overwrite',
      type: 'bool',
      default: false,
      usage: 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
    },
    {
      name: 'resource-version',
      type: 'string',
      default: '',
      usage:
        'If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
    },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage:
        "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
  ],
  run: runLabel,
};

/** The parsed label changes: new values (last one wins) and keys to remove. */
interface LabelChanges {
  add: Map<string, string>;
  remove: string[];
}

interface LabelOptions extends LabelChanges {
  /** The arguments before the first label change. */
  resources: string[];
  overwrite: boolean;
  list: boolean;
  local: boolean;
  dryRun: DryRun;
  resourceVersion: string;
  output: string;
  printFlags: OutputFlags;
}

function runLabel(ctx: CommandContext, args: ParsedArgs): number {
  const o = complete(ctx, args);
  validateSelection(args, o.resources, o.dryRun, 'pod');
  if (o.add.size < 1 && o.remove.length < 1 && !o.list) throw new CommandError('error: at least one label update is required');
  refuseKustomize(args);
  const sel = selectObjects(ctx, args, o.resources, o.local);
  if (!sel.single && o.resourceVersion !== '') throw new CommandError('error: --resource-version may only be used with a single resource');
  const errors: unknown[] = [...sel.errors];
  for (const visit of sel.visits) {
    try {
      // kubectl builds a printer per object, so YAML gets no `---` between objects.
      labelOne(ctx, visit(), o, sel.single, new ObjectPrinter(ctx.io));
    } catch (e) {
      errors.push(e);
    }
  }
  return printVisitErrors(ctx.io, errors);
}

/** Complete: the dry-run strategy, the pairs, and --list with --output. */
function complete(ctx: CommandContext, args: ParsedArgs): LabelOptions {
  const dryRun = dryRunMode(ctx, args);
  const { resources, pairs } = splitPairs(args.positional, 'label');
  const changes = parseLabels(pairs);
  const list = args.flags.list === true;
  const output = String(args.flags.output);
  if (list && output !== '') throw new CommandError('error: --list and --output may not be specified together');
  return {
    ...changes,
    resources,
    dryRun,
    list,
    output,
    printFlags: printFlagsOf(ctx, args),
    overwrite: args.flags.overwrite === true,
    local: args.flags.local === true,
    resourceVersion: String(args.flags['resource-version']),
  };
}

/** parseLabels: `key=value` (one `=`, a valid value) or `key-`; a key both set and removed is refused. */
function parseLabels(specs: readonly string[]): LabelChanges {
  const add = new Map<string, string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec.includes('=')) {
      const parts = spec.split('=');
      if (parts.length !== 2) throw new CommandError(`error: invalid label spec: ${spec}`);
      const errs = isValidLabelValue(parts[1]);
      if (errs.length > 0) throw new CommandError(`error: invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`);
      add.set(parts[0], parts[1]);
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new CommandError(`error: unknown label spec: ${spec}`);
    }
  }
  if (remove.some((r) => add.has(r))) throw new CommandError('error: can not both modify and remove a label in the same command');
  return { add, remove };
}

/** The visitor for one object: change a copy, send the difference unless only local, print. */
function labelOne(ctx: CommandContext, visit: Visit, o: LabelOptions, single: boolean, printer: ObjectPrinter): void {
  const obj = visit.object;
  // kubectl clears the resourceVersion so that the one given is always part of the patch.
  if (o.resourceVersion !== '') delete obj.metadata.resourceVersion;
  const before = deepClone(obj);
  const localOnly = o.dryRun === 'client' || o.local || o.list;
  if (!localOnly) {
    const notFound = o.remove.filter((k) => obj.metadata.labels?.[k] === undefined);
    ctx.io.out(notFound.map((k) => `label ${JSON.stringify(k)} not found.\n`).join(''));
  }
  applyLabels(obj, o);
  const message = changeMessage(before, obj, o.overwrite);
  let written: KObject = obj;
  if (!localOnly) written = send(ctx, visit, before, obj, o);
  if (o.list) {
    listPairs(ctx.io, 'labels', visit.rt, written, written.metadata.labels, single);
    return;
  }
  printer.print(printerFormat(o.output, o.printFlags), visit.rt, obj, `${message}${dryRunSuffix(o.dryRun)}`);
}

/** labelFunc: refuses a different value for an existing key without --overwrite (all such keys, as an aggregate). */
function applyLabels(obj: KObject, o: LabelOptions): void {
  const labels = { ...(obj.metadata.labels ?? {}) };
  if (!o.overwrite) {
    const taken = [...o.add].filter(([k, v]) => labels[k] !== undefined && labels[k] !== v).map(([k]) => k);
    if (taken.length > 0) throw new AggregateError(taken.map((k) => `'${k}' already has a value (${labels[k]}), and --overwrite is false`));
  }
  for (const [k, v] of o.add) labels[k] = v;
  for (const k of o.remove) delete labels[k];
  obj.metadata.labels = labels;
  if (o.resourceVersion !== '') obj.metadata.resourceVersion = o.resourceVersion;
}

/** updateDataChangeMsg: compares the objects as kubectl compares their JSON bytes. */
function changeMessage(before: KObject, after: KObject, overwrite: boolean): string {
  if (deepEqual(before, after)) return 'not labeled';
  if (!overwrite && goJsonLength(after) < goJsonLength(before)) return 'unlabeled';
  return 'labeled';
}

/**
 * The merge patch of the change. A resourceVersion in the patch is the API server's precondition:
 * a different current version is a Conflict.
 */
function send(ctx: CommandContext, visit: Visit, before: KObject, after: KObject, o: LabelOptions): KObject {
  const { store } = ctx.sim;
  const namespace = visit.rt.namespaced ? (after.metadata.namespace ?? '') : '';
  const name = after.metadata.name ?? '';
  if (o.resourceVersion !== '' && store.get(visit.rt, namespace, name).metadata.resourceVersion !== o.resourceVersion) {
    throw conflict(groupResource(visit.rt), name, CONFLICT_MODIFIED);
  }
  const patch = createMergePatch(before, after);
  return store.patch(visit.rt, namespace, name, 'merge', patch, { dryRun: o.dryRun === 'server' });
}
