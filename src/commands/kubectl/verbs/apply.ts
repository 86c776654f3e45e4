/**
 * `kubectl apply -f`: create what does not exist, three-way-merge what does, and report
 * `created`, `configured` or `unchanged` per object (or, with `-o`, the object: what the server
 * returned; under --dry-run=client the manifest, or the live object with its new last-applied
 * annotation, as kubectl v1.31 prints them). A rejected object is reported after the others have
 * been applied, as kubectl does. `-l` applies only the objects it selects; `--prune` then deletes
 * what was applied before and is no longer in the files (apply-prune.ts). The last-applied
 * annotation has its own subcommands: view-, set- and edit-last-applied (apply-*-last-applied.ts).
 * Server-side apply, kustomize, --force (delete and re-create) and --wait are not modelled: their
 * flags are listed as kubectl lists them and refused when used.
 */
import { isStatusError } from '../../../engine/api/errors.ts';
import { applyPatch } from '../../../engine/api/patch.ts';
import { matchesLabels, parseLabelSelector } from '../../../engine/api/selectors.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepEqual } from '../../../engine/kernel/objects.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { lastApplied, threeWayPatch, withLastApplied, LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { decodeForServer, fieldValidation, readManifests, type ManifestObject } from '../manifests.ts';
import { outputFlagsFrom } from '../output.ts';
import { editLastAppliedCommand } from './apply-edit-last-applied.ts';
import { cascadeFlag, pruneAll, pruneKinds, validatePruneFlags, type PrunePlan, type Visited } from './apply-prune.ts';
import { setLastAppliedCommand } from './apply-set-last-applied.ts';
import { viewLastAppliedCommand } from './apply-view-last-applied.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, filenameFlags, resolveNamespace, VALIDATE_FLAG, type DryRun } from './common.ts';
import { KUSTOMIZE_FLAG, ObjectPrinter, PRINT_FLAGS, printerFormat } from './metadata-edit.ts';

const APPLY_LONG = `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.`;

const APPLY_EXAMPLES = `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml
kubectl apply -k dir/

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -

# Apply the configuration from all files that end with '.json'
kubectl apply -f '*.json'

# Note: --prune is still in Alpha
# Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx
kubectl apply --prune -f manifest.yaml -l app=nginx

# Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file
kubectl apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap`;

const bool = (name: string, usage: string, def = false): FlagSpec => ({ name, type: 'bool', default: def, usage });

const APPLY_FLAGS: FlagSpec[] = [
  bool('all', 'Select all resources in the namespace of the specified resource types.'),
  {
    name: 'cascade',
    type: 'string',
    default: 'background',
    noOptDefault: 'background',
    usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
  },
  DRY_RUN_FLAG,
  // Podlab's store keeps no managedFields, so the manager's name has nothing to be recorded in.
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply', usage: 'Name of the manager used to track field ownership.' },
  ...filenameFlags('The files that contain the configurations to apply.').map((f) =>
    f.name === 'recursive' ? { ...f, usage: `${f.usage} Useful when you want to manage related manifests organized within the same directory.` } : f,
  ),
  bool(
    'force',
    'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
  ),
  bool('force-conflicts', 'If true, server-side apply will force the changes against conflicts.'),
  {
    name: 'grace-period',
    type: 'int',
    default: -1,
    usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
  },
  { ...KUSTOMIZE_FLAG, usage: "Process a kustomization directory. This flag can't be used together with -f or -R." },
  // The merge is computed from Podlab's own merge keys either way.
  bool(
    'openapi-patch',
    'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types.',
    true,
  ),
  ...PRINT_FLAGS,
  bool('overwrite', 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration', true),
  bool('prune', 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.'),
  { name: 'prune-allowlist', type: 'strings', default: [], usage: 'Overwrite the default allowlist with <group/version/kind> for --prune' },
  {
    name: 'selector',
    short: 'l',
    type: 'string',
    default: '',
    usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
  },
  bool('server-side', 'If true, apply runs in the server instead of the client.'),
  { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
  VALIDATE_FLAG,
  bool('wait', 'If true, wait for resources to be gone before returning. This waits for finalizers.'),
];

const SUBCOMMANDS: Command[] = [editLastAppliedCommand, setLastAppliedCommand, viewLastAppliedCommand];

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: APPLY_LONG,
  examples: APPLY_EXAMPLES,
  usage: 'kubectl apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: APPLY_FLAGS,
  subcommands: SUBCOMMANDS,
  completion: { subcommands: SUBCOMMANDS.map((c) => c.name), args: 'none' },
  run: runApply,
};

/** Flags whose behaviour Podlab does not model, refused when set to anything but their default. */
const UNMODELLED: readonly { flag: string; when: (args: ParsedArgs) => boolean }[] = [
  { flag: 'server-side', when: (a) => a.flags['server-side'] === true },
  { flag: 'force', when: (a) => a.flags.force === true },
  { flag: 'wait', when: (a) => a.flags.wait === true },
  { flag: 'overwrite', when: (a) => a.flags.overwrite === false },
];

/** ApplyFlags.ToOptions and ApplyOptions.Validate, in kubectl's order; the prune plan when --prune. */
function checkFlags(ctx: CommandContext, args: ParsedArgs): { dryRun: DryRun; prune?: PrunePlan } {
  const dryRun = dryRunMode(ctx, args);
  if (args.flags['force-conflicts'] === true && args.flags['server-side'] !== true) throw new CommandError('error: --force-conflicts only works with --server-side');
  const propagationPolicy = cascadeFlag(ctx, String(args.flags.cascade));
  const filenames = args.flags.filename as string[];
  const kustomize = String(args.flags.kustomize);
  if (filenames.length > 0 && kustomize !== '') throw new CommandError('error: only one of -f or -k can be specified');
  if (kustomize !== '') throw new CommandError('error: kustomize directories are not supported in Podlab');
  if (filenames.length === 0) throw new CommandError('error: must specify one of -f and -k');
  const kinds = args.flags.prune === true ? pruneKinds(args.flags['prune-allowlist'] as string[]) : [];
  validatePruneFlags(args);
  if (args.flags.prune === true && args.flags['server-side'] === true) {
    throw new CommandError("error: --prune is in alpha and doesn't currently work on objects created by server-side apply");
  }
  const refused = UNMODELLED.find((u) => u.when(args));
  if (refused) throw new CommandError(`error: --${refused.flag} is not available in Podlab yet`);
  if (args.flags.prune !== true) return { dryRun };
  const grace = Number(args.flags['grace-period']);
  return { dryRun, prune: { kinds, selector: String(args.flags.selector), propagationPolicy, gracePeriodSeconds: grace >= 0 ? grace : undefined } };
}

function runApply(ctx: CommandContext, args: ParsedArgs): number {
  if (args.positional.length > 0) throw new CommandError(`error: Unexpected args: [${args.positional.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  const { dryRun, prune } = checkFlags(ctx, args);
  fieldValidation(args.flags.validate);
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const manifests = readManifests(ctx.fs, args.flags.filename as string[], args.flags.recursive === true, ctx.stdin);
  const errors: unknown[] = [...manifests.errors];
  // LabelSelectorParam: objects from the files that the selector does not match are skipped.
  const selector = String(args.flags.selector);
  const requirements = selector === '' ? undefined : parseLabelSelector(selector);
  const selected = manifests.objects.filter((m) => !requirements || matchesLabels(requirements, m.object.metadata?.labels));
  // One printer for the command: YAML documents after the first get a `---` line.
  const printer = new ObjectPrinter(ctx.io);
  if (selected.length === 0 && errors.length === 0) throw new CommandError('error: no objects passed to apply');
  const visited: Visited = { namespaces: new Set(), uids: new Set() };
  for (const m of selected) {
    try {
      const result = applyOne(ctx, m, args, dryRun);
      if (m.rt.namespaced) visited.namespaces.add(result.object.metadata.namespace ?? '');
      if (result.uid) visited.uids.add(result.uid);
      printer.print(format, m.rt, result.object, `${result.verb}${dryRunSuffix(dryRun)}`);
    } catch (e) {
      errors.push(e);
    }
  }
  // Pruning follows only an apply without errors.
  if (prune && errors.length === 0) {
    try {
      pruneAll(ctx, prune, visited, dryRun, format);
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
  /** The uid of the object on the server (none for a client dry run of a new object). */
  uid?: string;
}

/** One object as `kubectl apply` sends it (also the YAML editor's server dry run: src/app/validate-admission.ts). */
export function applyOne(ctx: CommandContext, m: ManifestObject, args: ParsedArgs, dryRun: DryRun): Applied {
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
      return { name, verb: 'created', object: created, uid: created.metadata.uid };
    } catch (e) {
      throw addSourceToErr('creating', m.source, e);
    }
  }
  if (!live.metadata.annotations?.[LAST_APPLIED_ANNOTATION]) {
    ctx.io.err(
      `Warning: resource ${m.rt.group ? `${m.rt.plural}.${m.rt.group}` : m.rt.plural}/${name} is missing the ${LAST_APPLIED_ANNOTATION} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  }
  // kubectl sends the three-way patch, and reports `unchanged` when it is empty (not sent at all).
  // It reads the live object in the manifest's version; Podlab stores one version per kind (an
  // autoscaling/v1 HPA is kept as v2), so across versions only a real change counts.
  const patch = threeWayPatch(lastApplied(live), modified, live);
  const merged = applyPatch(live, patch, 'strategic') as KObject;
  const crossVersion = (modified.apiVersion ?? live.apiVersion) !== live.apiVersion;
  merged.metadata = { ...merged.metadata, resourceVersion: live.metadata.resourceVersion };
  const uid = live.metadata.uid;
  if (dryRun === 'client') {
    // kubectl's client dry run prints the live object with only the annotation it would send.
    const annotations = { ...live.metadata.annotations, [LAST_APPLIED_ANNOTATION]: modified.metadata.annotations?.[LAST_APPLIED_ANNOTATION] ?? '' };
    return { name, verb: 'configured', object: { ...live, metadata: { ...live.metadata, annotations } }, uid };
  }
  let updated: KObject;
  try {
    updated = store.update(merged, { dryRun: dryRun === 'server' });
  } catch (e) {
    throw isStatusError(e, 'Invalid') ? e : addSourceToErr('patching', m.source, e);
  }
  const unchanged = crossVersion ? sameObject(updated, live) : Object.keys(patch as object).length === 0;
  return { name, verb: unchanged ? 'unchanged' : 'configured', object: updated, uid };
}

/** Across versions: the update changed nothing (the same resourceVersion, or under a server dry run the same object). */
function sameObject(updated: KObject, live: KObject): boolean {
  if (updated.metadata.resourceVersion !== live.metadata.resourceVersion) return false;
  const { resourceVersion: _u, ...updatedMeta } = updated.metadata;
  const { resourceVersion: _l, ...liveMeta } = live.metadata;
  return deepEqual({ ...updated, metadata: updatedMeta }, { ...live, metadata: liveMeta });
}
