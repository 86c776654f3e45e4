/**
 * `kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [--type strategic|merge|json]`
 * as kubectl v1.31 does it (pkg/cmd/patch/patch.go): the patch text goes through yaml.ToJSON, then
 * to the API server, which decodes it (its errors in the server's words: `error decoding patch:
 * ...`, a failed JSON patch operation as the bare 422 `the server rejected our request due to an
 * error in our request`), applies it and runs admission (immutable fields, validation). The
 * message is `patched` or `patched (no change)`, with no dry-run suffix (kubectl sets the printer's
 * operation after the dry-run template). With --local or --dry-run=client kubectl patches the
 * object itself, with its own error wording (`invalid JSON document`, `Invalid JSON Patch`).
 */
import { badRequest, StatusError } from '../../../engine/api/errors.ts';
import { applyPatch, PatchError, type PatchType } from '../../../engine/api/patch.ts';
import { strictFieldErrors, withoutUnknownFields } from '../../../engine/api/schema/strict.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { DRY_RUN_FLAG, dryRunMode, type DryRun } from './common.ts';
import {
  filenameOptionFlags,
  ObjectPrinter,
  printerFormat,
  printFlagsOf,
  printVisitErrors,
  PRINT_FLAGS,
  refuseKustomize,
  selectObjects,
  type OutputFlags,
  type Visit,
} from './metadata-edit.ts';
import { applyJsonPatch, goJsonKind, goJsonParse, toJson, type PatchText } from './patch-text.ts';

const PATCH_TYPES = ['json', 'merge', 'strategic'];
const SUBRESOURCES = ['status', 'scale'];

/** Kinds the API server gives a `scale` subresource. */
const SCALABLE_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

const LONG = `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`;

const EXAMPLES = `# Partially update a node using a strategic merge patch, specifying the patch as JSON
kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

# Partially update a node using a strategic merge patch, specifying the patch as YAML
kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

# Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'

# Update a container's image; spec.containers[*].name is required because it's a merge key
kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

# Update a container's image using a JSON patch with positional arrays
kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

# Update a deployment's replicas through the 'scale' subresource using a merge patch
kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`;

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: [
    DRY_RUN_FLAG,
    { name: 'field-manager', type: 'string', default: 'kubectl-patch', usage: 'Name of the manager used to track field ownership.' },
    ...filenameOptionFlags('identifying the resource to update'),
    { name: 'local', type: 'bool', default: false, usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    ...PRINT_FLAGS,
    { name: 'patch', short: 'p', type: 'string', default: '', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', default: '', usage: 'A file containing a patch to be applied to the resource.' },
    {
      name: 'subresource',
      type: 'string',
      default: '',
      usage:
        'If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future.',
    },
    { name: 'type', type: 'string', default: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]' },
  ],
  run: runPatch,
};

interface PatchOptions {
  type: PatchType;
  patch: PatchText;
  local: boolean;
  dryRun: DryRun;
  subresource: string;
  output: string;
  printFlags: OutputFlags;
}

function runPatch(ctx: CommandContext, args: ParsedArgs): number {
  const o = validate(ctx, args);
  refuseKustomize(args);
  const sel = selectObjects(ctx, args, args.positional, o.local);
  const errors: unknown[] = [...sel.errors];
  let count = 0;
  for (const visit of sel.visits) {
    try {
      const v = visit();
      count++;
      // kubectl builds a printer per object, so YAML gets no `---` between objects.
      patchOne(ctx, v, o, new ObjectPrinter(ctx.io));
    } catch (e) {
      errors.push(e);
    }
  }
  if (count === 0 && errors.length === 0) errors.push(new Error('no objects passed to patch'));
  return printVisitErrors(ctx.io, errors);
}

/** Complete and Validate, then the patch text read and put through yaml.ToJSON. */
function validate(ctx: CommandContext, args: ParsedArgs): PatchOptions {
  const dryRun = dryRunMode(ctx, args);
  const patch = String(args.flags.patch);
  const file = String(args.flags['patch-file']);
  const local = args.flags.local === true;
  const type = String(args.flags.type);
  const subresource = String(args.flags.subresource);
  if (patch !== '' && file !== '') throw new CommandError('error: cannot specify --patch and --patch-file together');
  if (patch === '' && file === '') throw new CommandError('error: must specify --patch or --patch-file containing the contents of the patch');
  if (local && args.positional.length > 0) throw new CommandError('error: cannot specify --local and server resources');
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (type !== '' && !PATCH_TYPES.includes(type.toLowerCase())) throw new CommandError(`error: --type must be one of [json merge strategic], not ${JSON.stringify(type)}`);
  if (subresource !== '' && !SUBRESOURCES.includes(subresource)) {
    throw new CommandError(`error: invalid subresource value: ${JSON.stringify(subresource)}. Must be one of [status scale]`);
  }
  let text = patch;
  if (file !== '') {
    const kind = ctx.fs.stat(file);
    if (kind === undefined) throw new CommandError(`error: unable to read patch file: open ${file}: no such file or directory`);
    if (kind === 'dir') throw new CommandError(`error: unable to read patch file: read ${file}: is a directory`);
    text = ctx.fs.readFile(file);
  }
  let parsed: PatchText;
  try {
    parsed = toJson(text);
  } catch (e) {
    // kubectl quotes --patch here, which is empty when the patch came from --patch-file.
    throw new CommandError(`error: unable to parse ${JSON.stringify(patch)}: ${(e as Error).message}`);
  }
  return { type: (type === '' ? 'strategic' : type.toLowerCase()) as PatchType, patch: parsed, local, dryRun, subresource, output: String(args.flags.output), printFlags: printFlagsOf(ctx, args) };
}

function patchOne(ctx: CommandContext, visit: Visit, o: PatchOptions, printer: ObjectPrinter): void {
  let result: { rt: ResourceType; before: KObject; after: KObject };
  if (!o.local && o.dryRun !== 'client') result = serverPatch(ctx, visit, o);
  else result = { rt: visit.rt, before: visit.object, after: clientPatch(visit.object, o) };
  const operation = deepEqual(result.before, result.after) ? 'patched (no change)' : 'patched';
  printer.print(printerFormat(o.output, o.printFlags), result.rt, result.after, operation);
}

// ---- on the API server -----------------------------------------------------------------------

/** The PATCH request: the server decodes the patch, applies it, checks the name, and updates. */
function serverPatch(ctx: CommandContext, visit: Visit, o: PatchOptions): { rt: ResourceType; before: KObject; after: KObject } {
  const patch = decodeOnServer(o);
  if (o.subresource === 'scale') return scalePatch(ctx, visit, o, patch);
  const { store } = ctx.sim;
  const namespace = visit.rt.namespaced ? (visit.object.metadata.namespace ?? '') : '';
  const name = visit.object.metadata.name ?? '';
  const live = store.get(visit.rt, namespace, name);
  // A kind without the status subresource has no such path on the API server.
  if (o.subresource === 'status' && !visit.rt.hasStatus) throw new StatusError('NotFound', 'the server could not find the requested resource', 404);
  let patched = applyOnServer(live, patch, o.type);
  checkPatched(patched, live, namespace);
  // Decoded with fieldValidation=Warn (kubectl patch sends none): unknown fields are warned about and dropped.
  for (const w of strictFieldErrors(patched)) ctx.io.err(`Warning: ${w}\n`);
  patched = withoutUnknownFields(patched);
  // The patched object keeps the live resourceVersion unless the patch set one: then it is a
  // precondition, and the store's Conflict answers a stale one.
  const subresource = o.subresource === 'status' ? 'status' : undefined;
  const after = store.update(patched, { dryRun: o.dryRun === 'server', subresource });
  return { rt: visit.rt, before: live, after };
}

/** How the API server decodes each patch type (strictly, as kubectl's requests default to Warn). */
function decodeOnServer(o: PatchOptions): unknown {
  const prefix = o.type === 'strategic' ? '' : 'error decoding patch: ';
  let value: unknown;
  try {
    value = o.patch.kind === 'json' ? goJsonParse(o.patch.text) : o.patch.value;
  } catch (e) {
    throw badRequest(`${prefix}${(e as Error).message}`);
  }
  if (o.type === 'json') {
    if (!Array.isArray(value) && value !== null) throw badRequest(`${prefix}json: cannot unmarshal ${goJsonKind(value)} into Go value of type []handlers.jsonPatchOp`);
    const bad = ((value ?? []) as unknown[]).find((op) => goJsonKind(op) !== 'object' && op !== null);
    if (bad !== undefined) throw badRequest(`${prefix}json: cannot unmarshal ${goJsonKind(bad)} into Go value of type handlers.jsonPatchOp`);
    return value ?? [];
  }
  if (value === null && o.type === 'merge') throw new CommandError('Error from server: Invalid JSON Patch');
  if (value !== null && goJsonKind(value) !== 'object') {
    throw badRequest(`${prefix}json: cannot unmarshal ${goJsonKind(value)} into Go value of type map[string]interface {}`);
  }
  return value ?? {};
}

/** Applies the patch as the server would, to see it through; a failed JSON patch is the bare 422. */
function applyOnServer(live: KObject, patch: unknown, type: PatchType): KObject {
  try {
    return (type === 'json' ? applyJsonPatch(live, patch as unknown[]) : applyPatch(live, patch, type)) as KObject;
  } catch (e) {
    if (e instanceof PatchError && e.status === 'Unknown') throw new CommandError(`Error from server: ${e.message}`);
    if (type !== 'json') throw badRequest((e as Error).message);
    // checkErr prints such an Invalid error (no kind, name or causes) with its message appended;
    // errors.ts prints a lone field-less cause the same way.
    const message = 'the server rejected our request due to an error in our request';
    throw new StatusError('Invalid', message, 422, { causes: [{ reason: '', field: '', message }] });
  }
}

/** checkName (a patch may not rename the object or move it), and the kind it must keep. */
function checkPatched(patched: KObject, live: KObject, namespace: string): void {
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw badRequest('the server rejected our request due to an error in our request');
  if (patched.apiVersion !== live.apiVersion || patched.kind !== live.kind) throw badRequest('the API version in the data does not match');
  const name = live.metadata.name ?? '';
  const newName = patched.metadata?.name ?? '';
  if (newName !== name) throw badRequest(`the name of the object (${newName}) does not match the name on the URL (${name})`);
  const newNs = patched.metadata?.namespace ?? '';
  if (namespace !== '' && newNs !== namespace) {
    throw badRequest(`the namespace of the object (${newNs}) does not match the namespace on the URL (${namespace})`);
  }
}

/**
 * `--subresource=scale`: the patch applies to the autoscaling/v1 Scale, whose spec.replicas is
 * written back to the workload; kubectl prints the Scale (`scale.autoscaling/web patched`).
 */
function scalePatch(ctx: CommandContext, visit: Visit, o: PatchOptions, patch: unknown): { rt: ResourceType; before: KObject; after: KObject } {
  const { store } = ctx.sim;
  const namespace = visit.rt.namespaced ? (visit.object.metadata.namespace ?? '') : '';
  const name = visit.object.metadata.name ?? '';
  const live = store.get(visit.rt, namespace, name);
  if (!SCALABLE_KINDS.has(visit.rt.kind)) throw new StatusError('NotFound', 'the server could not find the requested resource', 404);
  const before = scaleOf(live);
  const after = applyOnServer(before, patch, o.type);
  checkPatched(after, before, namespace);
  const replicas = (after.spec as { replicas?: unknown } | undefined)?.replicas;
  const written = store.patch(visit.rt, namespace, name, 'merge', { spec: { replicas } }, { dryRun: o.dryRun === 'server' });
  return { rt: SCALE_RT, before, after: scaleOf(written) };
}

/** The Scale printers name: `scale.autoscaling/web`. */
const SCALE_RT = { kind: 'Scale', group: 'autoscaling', singular: 'scale', plural: 'scale', namespaced: true } as unknown as ResourceType;

function scaleOf(obj: KObject): KObject {
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
  const status = (obj.status ?? {}) as { replicas?: number };
  const m = obj.metadata;
  const selector = Object.entries(spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    status: { replicas: status.replicas ?? 0, ...(selector !== '' ? { selector } : {}) },
  } as KObject;
}

// ---- in kubectl (--local, --dry-run=client) ---------------------------------------------------

/** getPatchedJSON: kubectl's own patching, with the errors of the libraries it uses. */
function clientPatch(obj: KObject, o: PatchOptions): KObject {
  let value: unknown;
  try {
    value = o.patch.kind === 'json' ? goJsonParse(o.patch.text) : o.patch.value;
  } catch (e) {
    if (o.type === 'strategic') throw new Error('invalid JSON document');
    if (o.type === 'merge') throw new Error('Invalid JSON Patch');
    throw e;
  }
  if (o.type === 'strategic') {
    if (value === null) return deepClone(obj);
    if (goJsonKind(value) !== 'object') throw new Error('invalid JSON document');
  } else if (o.type === 'merge') {
    if (Array.isArray(value)) throw new Error('json: cannot unmarshal array into Go value of type unstructured.detector');
    if (goJsonKind(value) !== 'object') throw new Error('Invalid JSON Patch');
  } else if (!Array.isArray(value)) {
    throw new Error(`json: cannot unmarshal ${goJsonKind(value)} into Go value of type jsonpatch.Patch`);
  } else {
    const bad = value.find((op) => goJsonKind(op) !== 'object' && op !== null);
    if (bad !== undefined) throw new Error(`json: cannot unmarshal ${goJsonKind(bad)} into Go value of type jsonpatch.Operation`);
  }
  if (o.type !== 'json') return applyPatch(obj, value, o.type) as KObject;
  try {
    return applyJsonPatch(obj, value as unknown[]) as KObject;
  } catch (e) {
    // getPatchedJSON rewords the library's "doc is missing key" error.
    const msg = (e as Error).message;
    const at = msg.indexOf('key:');
    if (msg.includes('doc is missing key') && at >= 0) throw new Error(`Object to be patched is missing field (${msg.slice(at + 5)})`);
    throw e;
  }
}
