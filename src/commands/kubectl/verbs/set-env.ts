/**
 * `kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N-` (kubectl v1.31 pkg/cmd/set/set_env.go and
 * set/env): adds, replaces or removes environment variables of the selected containers (`-c`, a
 * wildcard; init containers too), takes `KEY=VALUE` pairs from the arguments, from `-e` (`-e -`
 * reads `KEY=VALUE` lines from stdin) and from the keys of a ConfigMap or Secret (`--from`, with
 * `--keys` and `--prefix`); `--list` prints the result (`--resolve` looks up the references)
 * instead of sending it. Pods are patched like the rest: the API server refuses the change.
 */
import { decodeBase64 } from '../../../engine/api/admission/base64.ts';
import { cpuMilli, memoryBytes } from '../../../engine/api/quantity.ts';
import type { Container, KObject, PodSpec } from '../../../engine/api/types.ts';
import { isEnvVarName } from '../../../engine/api/validation.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import { PRINT_FLAGS, printerFormat, type ObjectFormat, type Visit } from './metadata-edit.ts';
import { SetPrinter, fetchObjects, messageOf, podSpecFor, printSetErrors, selectedContainers, selectionFlags, sendUpdate, withVisitErrors } from './set-common.ts';

const LONG = `Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`;

const EXAMPLES = `# Update deployment 'registry' with a new environment variable
kubectl set env deployment/registry STORAGE_DIR=/local

# List the environment variables defined on a deployments 'sample-build'
kubectl set env deployment/sample-build --list

# List the environment variables defined on all pods
kubectl set env pods --all --list

# Output modified deployment in YAML, and does not alter the object on the server
kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml

# Update all containers in all replication controllers in the project to have ENV=prod
kubectl set env rc --all ENV=prod

# Import environment from a secret
kubectl set env --from=secret/mysecret deployment/myapp

# Import environment from a config map with a prefix
kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp

# Import specific keys from a config map
kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp

# Remove the environment variable ENV from container 'c1' in all deployment configs
kubectl set env deployments --all --containers="c1" ENV-

# Remove the environment variable ENV from a deployment definition on disk and
# update the deployment config on the server
kubectl set env -f deploy.json ENV-

# Set some of the local shell environment into a deployment config on the server
env | grep RAILS_ | kubectl set env -e - deployment/registry`;

interface KeyRef {
  name?: string;
  key: string;
}

/** The EnvVar fields this verb reads (the engine's Container leaves valueFrom untyped). */
interface EnvVarSource {
  configMapKeyRef?: KeyRef;
  secretKeyRef?: KeyRef;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: { containerName?: string; resource: string; divisor?: string };
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: EnvVarSource;
}

const envOf = (c: Container): EnvVar[] => (c.env ?? []) as EnvVar[];

export const setEnvCommand: Command = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: [
    ...selectionFlags('env', 'the resource to update the env', 'If true, select all resources in the namespace of the specified resource types'),
    {
      name: 'containers',
      short: 'c',
      type: 'string',
      default: '*',
      usage: 'The names of containers in the selected pod templates to change - may use wildcards',
    },
    DRY_RUN_FLAG,
    { name: 'env', short: 'e', type: 'strings', default: [], usage: 'Specify a key-value pair for an environment variable to set into each container.' },
    { name: 'from', type: 'string', default: '', usage: 'The name of a resource from which to inject environment variables' },
    { name: 'keys', type: 'strings', default: [], usage: 'Comma-separated list of keys to import from specified resource' },
    {
      name: 'list',
      type: 'bool',
      default: false,
      usage: 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
    },
    {
      name: 'overwrite',
      type: 'bool',
      default: true,
      usage: 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
    },
    { name: 'prefix', type: 'string', default: '', usage: 'Prefix to append to variable names' },
    { name: 'resolve', type: 'bool', default: false, usage: 'If true, show secret or configmap references when listing variables' },
    ...PRINT_FLAGS,
  ],
  run: (ctx, args) => withVisitErrors(ctx.io, () => runEnv(ctx, args)),
};

interface EnvOptions {
  resources: string[];
  /** The `KEY=VALUE` / `KEY-` arguments after the resources (not -e). */
  envArgs: string[];
  env: EnvVar[];
  remove: string[];
  containers: string;
  list: boolean;
  resolve: boolean;
  overwrite: boolean;
  local: boolean;
  dryRun: DryRun;
  format: ObjectFormat | undefined;
  namespace: string;
}

function runEnv(ctx: CommandContext, args: ParsedArgs): number {
  const o = complete(ctx, args);
  const from = String(args.flags.from);
  if (from !== '') o.env.push(...envFromSource(ctx, args, from, o.local));
  // The prefix goes on every variable, those of the arguments too.
  const prefix = String(args.flags.prefix);
  if (prefix !== '') for (const e of o.env) e.name = `${prefix}${e.name}`;
  const visits = fetchObjects(ctx, args, o.resources, o.local);
  // CalculatePatches first (it prints --list and the warnings), then the patches one by one.
  const results = visits.map((visit) => {
    const before = deepClone(visit.object);
    try {
      updateObject(ctx, visit, o);
      return { visit, changed: !deepEqual(before, visit.object) };
    } catch (e) {
      return { visit, changed: false, error: `error: ${visit.rt.plural}/${visit.object.metadata?.name ?? ''} ${messageOf(e)}\n` };
    }
  });
  if (o.list) return 0;
  const errors: string[] = [];
  const printer = new SetPrinter(ctx.io);
  for (const { visit, changed, error } of results) {
    if (error !== undefined) errors.push(error);
    if (!changed) continue;
    if (o.local || o.dryRun === 'client') {
      printer.print(o.format, visit.rt, visit.object, `env updated${dryRunSuffix(o.dryRun)}`);
      continue;
    }
    let actual: KObject;
    try {
      actual = sendUpdate(ctx, visit.object, o.dryRun);
    } catch (e) {
      errors.push(`failed to patch env update to pod template: ${messageOf(e)}`);
      continue;
    }
    // kubectl checks this only after a patch went through.
    if (o.env.length === 0 && o.envArgs.length === 0) throw new CommandError('error: at least one environment variable must be provided');
    printer.print(o.format, visit.rt, actual, `env updated${dryRunSuffix(o.dryRun)}`);
  }
  return printSetErrors(ctx.io, errors);
}

/** Complete and Validate: the arguments split, the checks in kubectl's order, the pairs parsed. */
function complete(ctx: CommandContext, args: ParsedArgs): EnvOptions {
  const all = args.flags.all === true;
  if (all && String(args.flags.selector) !== '') throw new CommandError('error: cannot set --all and --selector at the same time');
  const split = splitEnvironment(args.positional);
  if (!split) throw new CommandError(`error: all resources must be specified before environment changes: ${args.positional.join(' ')}`);
  const output = String(args.flags.output);
  const dryRun = dryRunMode(ctx, args);
  const format = printerFormat(output, outputFlagsFrom(ctx.fs, args.flags));
  const local = args.flags.local === true;
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  const filenames = args.flags.filename as string[];
  if (filenames.length === 0 && split.resources.length < 1) {
    throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  const list = args.flags.list === true;
  if (list && output !== '') throw new CommandError('error: --list and --output may not be specified together');
  const keys = keysOf(args);
  if (keys.length > 0 && String(args.flags.from) === '') throw new CommandError('error: when specifying --keys, a configmap or secret must be provided with --from');
  const { env, remove } = parseEnv([...(args.flags.env as string[]), ...split.envArgs], ctx.stdin ?? '');
  return {
    resources: split.resources,
    envArgs: split.envArgs,
    env,
    remove,
    containers: String(args.flags.containers),
    list,
    resolve: args.flags.resolve === true,
    overwrite: args.flags.overwrite === true,
    local,
    dryRun,
    format,
    namespace: String(args.flags.namespace ?? '') || 'default',
  };
}

/** --keys is a string slice: each value may hold several comma-separated keys. */
function keysOf(args: ParsedArgs): string[] {
  return (args.flags.keys as string[]).flatMap((k) => k.split(','));
}

/** SplitEnvironmentFromResources: resources first, then `A=B` (any text around `=`) or `A-` only. */
function splitEnvironment(args: readonly string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  for (const s of args) {
    const isEnv = /^.+=/s.test(s) || s.endsWith('-');
    if (isEnv) envArgs.push(s);
    else if (envArgs.length > 0) return undefined;
    else resources.push(s);
  }
  return { resources, envArgs };
}

/** ParseEnv: `KEY=VALUE` (a valid name), `KEY-`, or `-` for `KEY=VALUE` lines on stdin (`#` starts a comment). */
export function parseEnv(specs: readonly string[], stdin: string): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const set = new Set<string>();
  const remove: string[] = [];
  for (const spec of specs) {
    if (spec === '-') {
      env.push(...readEnv(stdin));
    } else if (spec.includes('=')) {
      const eq = spec.indexOf('=');
      const name = spec.slice(0, eq);
      const errs = isEnvVarName(name);
      if (errs.length > 0) throw new CommandError(`error: ${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
      set.add(name);
      env.push({ name, value: spec.slice(eq + 1) });
    } else if (spec.endsWith('-')) {
      remove.push(spec.slice(0, -1));
    } else {
      throw new CommandError(`error: unknown environment variable: ${spec}`);
    }
  }
  if (remove.some((r) => set.has(r))) throw new CommandError('error: can not both modify and remove the same environment variable in the same command');
  return { env, remove };
}

function readEnv(text: string): EnvVar[] {
  const out: EnvVar[] = [];
  for (let line of text.split('\n')) {
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    const eq = line.indexOf('=');
    if (eq >= 0) out.push({ name: line.slice(0, eq), value: line.slice(eq + 1) });
  }
  return out;
}

/**
 * --from: every key (or those of --keys) of the ConfigMaps and Secrets named, as references. The
 * variable name is the key upper-cased, each character outside [a-zA-Z0-9_] made `_` (a warning
 * says so when it differs). Keys go in sorted order (kubectl ranges over a Go map, whose order is
 * random).
 */
function envFromSource(ctx: CommandContext, args: ParsedArgs, from: string, local: boolean): EnvVar[] {
  const keys = keysOf(args);
  const out: EnvVar[] = [];
  for (const { object } of fetchObjects(ctx, args, [from], local)) {
    const name = object.metadata?.name ?? '';
    const kind = object.kind;
    if (kind !== 'Secret' && kind !== 'ConfigMap') throw new CommandError('error: unsupported resource specified in --from');
    const data = ((object as { data?: Record<string, string> }).data ?? {}) as Record<string, string>;
    for (const key of Object.keys(data).sort()) {
      if (keys.length > 0 && !keys.includes(key)) continue;
      const ref = { name, key };
      const envName = key.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
      if (envName !== key) ctx.io.err(`Warning: key ${key} transferred to ${envName}\n`);
      out.push({ name: envName, valueFrom: kind === 'Secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref } });
    }
  }
  return out;
}

/** The mutation of one object: each selected container's env updated, and listed under --list. */
function updateObject(ctx: CommandContext, visit: Visit, o: EnvOptions): void {
  const obj = visit.object;
  const spec: PodSpec = podSpecFor(visit.rt, obj);
  const containers = selectedContainers(spec, o.containers);
  const kind = obj.kind ?? visit.rt.kind;
  const name = obj.metadata?.name ?? '';
  if (containers.length === 0) {
    ctx.io.err(`Warning: ${kind}/${name} does not have any containers matching ${JSON.stringify(o.containers)}\n`);
    return;
  }
  let unresolved = false;
  for (const c of containers) {
    if (!o.overwrite) checkNoOverwrites(envOf(c), o.env);
    const env = updateEnv(envOf(c), o.env, o.remove);
    // Go's empty list is left out of the JSON, as if never set.
    if (env.length > 0) c.env = env;
    else delete c.env;
    if (o.list) unresolved = listContainer(ctx, obj, c, o) || unresolved;
  }
  if (unresolved) throw new Error('failed to retrieve valueFrom references');
}

function checkNoOverwrites(existing: readonly EnvVar[], env: readonly EnvVar[]): void {
  for (const e of env) {
    const current = existing.find((x) => x.name === e.name);
    if (current && (current.value ?? '') !== (e.value ?? '')) {
      throw new Error(`'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`);
    }
  }
}

/** updateEnv: existing variables kept in place (replaced by a newer one of the same name), new ones appended. */
function updateEnv(existing: readonly EnvVar[], env: readonly EnvVar[], remove: readonly string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(deepClone(newer));
    } else out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(deepClone(e));
  }
  return out;
}

/** --list for one container; resolution errors to stderr, sorted. Whether any reference failed. */
function listContainer(ctx: CommandContext, obj: KObject, c: Container, o: EnvOptions): boolean {
  let text = `# ${obj.kind ?? ''} ${obj.metadata?.name ?? ''}, container ${c.name}\n`;
  const failures = new Map<string, string[]>();
  for (const e of envOf(c)) {
    if (!e.valueFrom) {
      text += `${e.name}=${e.value ?? ''}\n`;
      continue;
    }
    if (o.resolve) {
      try {
        text += `${e.name}=${resolveRef(ctx, o.namespace, obj, c, e.valueFrom)}\n`;
        continue;
      } catch (err) {
        const msg = messageOf(err);
        failures.set(msg, [...(failures.get(msg) ?? []), e.name]);
      }
    }
    text += `# ${e.name} from ${refString(e.valueFrom)}\n`;
  }
  ctx.io.out(text);
  const lines = [...failures].map(([msg, vars]) => `error retrieving reference for ${[...vars].sort().join(', ')}: ${msg}`).sort();
  ctx.io.err(lines.map((l) => `${l}\n`).join(''));
  return failures.size > 0;
}

/** GetEnvVarRefString */
function refString(from: EnvVarSource): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name ?? ''}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name ?? ''}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const container = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : '';
    return `resource field ${container}${from.resourceFieldRef.resource}`;
  }
  return 'invalid valueFrom';
}

/**
 * GetEnvVarRefValue: a Secret or ConfigMap key (read from the request namespace), a field of the
 * object's metadata, or a resource of the listed container (ceiling of value / divisor).
 */
function resolveRef(ctx: CommandContext, namespace: string, obj: KObject, c: Container, from: EnvVarSource): string {
  const { store } = ctx.sim;
  if (from.secretKeyRef) {
    const s = store.get('secrets', namespace, from.secretKeyRef.name ?? '') as KObject & { data?: Record<string, string> };
    const v = s.data?.[from.secretKeyRef.key];
    if (v === undefined) throw new Error(`key ${from.secretKeyRef.key} not found in secret ${from.secretKeyRef.name ?? ''}`);
    return decodeBase64(v);
  }
  if (from.configMapKeyRef) {
    const cm = store.get('configmaps', namespace, from.configMapKeyRef.name ?? '') as KObject & { data?: Record<string, string> };
    const v = cm.data?.[from.configMapKeyRef.key];
    if (v === undefined) throw new Error(`key ${from.configMapKeyRef.key} not found in config map ${from.configMapKeyRef.name ?? ''}`);
    return v;
  }
  if (from.fieldRef) return fieldValue(obj, from.fieldRef.fieldPath);
  if (from.resourceFieldRef) return resourceValue(c, from.resourceFieldRef.resource, from.resourceFieldRef.divisor);
  throw new Error('invalid valueFrom');
}

/** extractFieldPathAsString over the metadata kubectl supports. */
function fieldValue(obj: KObject, path: string): string {
  const m = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/s.exec(path);
  const meta = obj.metadata ?? {};
  if (m) {
    const map = m[1] === 'metadata.labels' ? meta.labels : meta.annotations;
    return map?.[m[2]] ?? '';
  }
  const formatMap = (map: Record<string, string> | undefined) =>
    Object.keys(map ?? {})
      .sort()
      .map((k) => `${k}=${JSON.stringify(map?.[k] ?? '')}`)
      .join('\n');
  switch (path) {
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
  }
  throw new Error(`unsupported fieldPath: ${path}`);
}

/** extractContainerResourceValue for cpu and memory (a missing value is 0). */
function resourceValue(c: Container, resource: string, divisor: string | undefined): string {
  const [section, name] = resource.split('.', 2) as [string, string | undefined];
  const list = section === 'limits' ? c.resources?.limits : c.resources?.requests;
  const raw = list?.[name ?? ''] ?? '0';
  const div = divisor && divisor !== '0' ? divisor : '1';
  const known = section === 'limits' || section === 'requests';
  if (known && name === 'cpu') return String(Math.ceil(cpuMilli(raw) / cpuMilli(div)));
  if (known && (name === 'memory' || name === 'ephemeral-storage')) return String(Math.ceil(memoryBytes(raw) / memoryBytes(div)));
  throw new Error(`Unsupported container resource : ${resource}`);
}
