/**
 * `kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N- ...` as kubectl
 * v1.31 does it (pkg/cmd/annotate/annotate.go): a value is anything after the first `=`; an
 * existing key needs --overwrite (except kubernetes.io/change-cause); the change goes as a JSON
 * merge patch, and what the server returns is printed, always as `annotated`. --list, --local and
 * --dry-run=client never write. Keys and the total size are the API server's to check.
 */
import { conflict, CONFLICT_MODIFIED } from '../../../engine/api/errors.ts';
import { groupResource } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import {
  createMergePatch,
  filenameOptionFlags,
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
  type ObjectFormat,
  type Visit,
} from './metadata-edit.ts';

/** polymorphichelpers.ChangeCauseAnnotation: always overwritable. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

const LONG = `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.

Use "kubectl api-resources" for a complete list of supported resources.`;

const EXAMPLES = `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
kubectl annotate pods foo description='my frontend'

# Update a pod identified by type and name in "pod.json"
kubectl annotate -f pod.json description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
kubectl annotate --overwrite pods foo description='my frontend running nginx'

# Update all pods in the namespace
kubectl annotate pods --all description='my frontend running nginx'

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl annotate pods foo description='my frontend running nginx' --resource-version=1

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
kubectl annotate pods foo description-`;

export const annotateCommand: Command = {
  name: 'annotate',
  short: 'Update the annotations on a resource',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources, in the namespace of the specified resource types.' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If true, check the specified action in all namespaces.' },
    DRY_RUN_FLAG,
    { name: 'field-manager', type: 'string', default: 'kubectl-annotate', usage: 'Name of the manager used to track field ownership.' },
    {
      name: 'field-selector',
      type: 'string',
      default: '',
      usage:
        "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
    },
    ...filenameOptionFlags('identifying the resource to update the annotation'),
    { name: 'list', type: 'bool', default: false, usage: 'If true, display the annotations for a given resource.' },
    { name: 'local', type: 'bool', default: false, usage: 'If true, annotation will NOT contact api-server but run locally.' },
    ...PRINT_FLAGS,
    {
      name: 'overwrite',
      type: 'bool',
      default: false,
      usage: 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.',
    },
    {
      name: 'resource-version',
      type: 'string',
      default: '',
      usage:
        'If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
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
  run: runAnnotate,
};

interface AnnotateOptions {
  add: Map<string, string>;
  remove: string[];
  overwrite: boolean;
  list: boolean;
  local: boolean;
  dryRun: DryRun;
  resourceVersion: string;
  format: ObjectFormat | undefined;
}

function runAnnotate(ctx: CommandContext, args: ParsedArgs): number {
  const o = complete(ctx, args);
  const { resources } = splitPairs(args.positional, 'annotation');
  validateSelection(args, resources, o.dryRun, 'rsrc');
  if (o.add.size < 1 && o.remove.length < 1 && !o.list) throw new CommandError('error: at least one annotation update is required');
  const both = o.remove.filter((k) => o.add.has(k));
  if (both.length > 0) throw new CommandError(`error: can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}`);
  refuseKustomize(args);
  const sel = selectObjects(ctx, args, resources, o.local);
  if (!sel.single && o.resourceVersion !== '') throw new CommandError('error: --resource-version may only be used with a single resource');
  const errors: unknown[] = [...sel.errors];
  const printer = new ObjectPrinter(ctx.io);
  for (const visit of sel.visits) {
    try {
      annotateOne(ctx, visit(), o, sel.single, printer);
    } catch (e) {
      errors.push(e);
    }
  }
  return printVisitErrors(ctx.io, errors);
}

/** Complete: dry-run strategy, the printer, then the pairs. */
function complete(ctx: CommandContext, args: ParsedArgs): AnnotateOptions {
  const dryRun = dryRunMode(ctx, args);
  const output = String(args.flags.output);
  let format: ObjectFormat | undefined;
  try {
    format = printerFormat(output, printFlagsOf(ctx, args));
  } catch (e) {
    throw e instanceof CommandError ? e : new CommandError(`error: ${(e as Error).message}`);
  }
  // Unlike label, annotate v1.31 lets --list and --output go together (--list wins).
  const list = args.flags.list === true;
  const { pairs } = splitPairs(args.positional, 'annotation');
  const add = new Map<string, string>();
  const remove: string[] = [];
  // ParsePairs: split at the first `=`; anything else splitPairs let through ends in `-`.
  for (const p of pairs) {
    if (p.includes('=') && !p.startsWith('=')) add.set(p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1));
    else remove.push(p.slice(0, -1));
  }
  return {
    add,
    remove,
    dryRun,
    list,
    format,
    overwrite: args.flags.overwrite === true,
    local: args.flags.local === true,
    resourceVersion: String(args.flags['resource-version']),
  };
}

function annotateOne(ctx: CommandContext, visit: Visit, o: AnnotateOptions, single: boolean, printer: ObjectPrinter): void {
  const obj = visit.object;
  let output: KObject = obj;
  if (o.dryRun === 'client' || o.local || o.list) {
    applyAnnotations(obj, o);
  } else {
    // kubectl clears the resourceVersion so that the one given is always part of the patch.
    if (o.resourceVersion !== '') delete obj.metadata.resourceVersion;
    const before = deepClone(obj);
    applyAnnotations(obj, o);
    output = send(ctx, visit, before, obj, o);
  }
  if (o.list) {
    listPairs(ctx.io, 'annotations', visit.rt, output, output.metadata.annotations, single);
    return;
  }
  printer.print(o.format, visit.rt, output, `annotated${dryRunSuffix(o.dryRun)}`);
}

/** updateAnnotations: refuses a different value for an existing key without --overwrite, all named in one error. */
function applyAnnotations(obj: KObject, o: AnnotateOptions): void {
  const annotations = { ...(obj.metadata.annotations ?? {}) };
  if (!o.overwrite) {
    const taken = [...o.add].filter(([k, v]) => k !== CHANGE_CAUSE && annotations[k] !== undefined && annotations[k] !== v).map(([k]) => k);
    if (taken.length > 0) {
      const found = taken.map((k) => `'${k}' already has a value (${annotations[k]})`).join('; ');
      throw new Error(`--overwrite is false but found the following declared annotation(s): ${found}`);
    }
  }
  for (const [k, v] of o.add) annotations[k] = v;
  for (const k of o.remove) delete annotations[k];
  obj.metadata.annotations = annotations;
  if (o.resourceVersion !== '') obj.metadata.resourceVersion = o.resourceVersion;
}

/** The merge patch of the change; a resourceVersion in it is the server's precondition. */
function send(ctx: CommandContext, visit: Visit, before: KObject, after: KObject, o: AnnotateOptions): KObject {
  const { store } = ctx.sim;
  const namespace = visit.rt.namespaced ? (after.metadata.namespace ?? '') : '';
  const name = after.metadata.name ?? '';
  if (o.resourceVersion !== '' && store.get(visit.rt, namespace, name).metadata.resourceVersion !== o.resourceVersion) {
    throw conflict(groupResource(visit.rt), name, CONFLICT_MODIFIED);
  }
  return store.patch(visit.rt, namespace, name, 'merge', createMergePatch(before, after), { dryRun: o.dryRun === 'server' });
}
