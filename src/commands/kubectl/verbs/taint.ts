/**
 * `kubectl taint nodes NAME... KEY[=VALUE]:EFFECT ... | KEY[:EFFECT]-`: adds, overwrites and removes
 * node taints, as kubectl v1.31 does (pkg/cmd/taint/taint.go and utils.go): arguments are resources
 * until the first taint-looking one; new taints come first, then the node's other taints in their
 * order; the message is `tainted`, `untainted` or `modified`. Each node is read and patched on its
 * own (the builder continues on error): what succeeded is printed as it happens, the errors come
 * after, printed as checkErr prints an aggregate. kubectl sets no timeAdded (nor does the API
 * server); only the node lifecycle controller stamps it on the taints it adds.
 */
import { StatusError } from '../../../engine/api/errors.ts';
import { resolveResourceName, resourceByPlural } from '../../../engine/api/resources.ts';
import type { KObject, Node, Taint } from '../../../engine/api/types.ts';
import { isQualifiedName, isValidLabelValue } from '../../../engine/api/validation.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext, type CommandIO } from '../../types.ts';
import { errorMessage, standardMessage } from '../errors.ts';
import { outputFlagsFrom, renderObjects, type OutputFormat } from '../output.ts';
import { printerFormat } from './metadata-edit.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, VALIDATE_FLAG, type DryRun } from './common.ts';
import { usageError } from './exec.ts';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

type ObjectFormat = Exclude<OutputFormat, { kind: 'table' }>;


const SELECTOR_USAGE =
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.";

export const taintCommand: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes',
  long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
  examples: `# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
# If a taint with that key and effect already exists, its value is replaced as specified
kubectl taint nodes foo dedicated=special-user:NoSchedule

# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
kubectl taint nodes foo dedicated:NoSchedule-

# Remove from node 'foo' all the taints with key 'dedicated'
kubectl taint nodes foo dedicated-

# Add a taint with key 'dedicated' on nodes having label myLabel=X
kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

# Add to node 'foo' a taint with key 'bar' and no value
kubectl taint nodes foo bar:NoSchedule`,
  usage: 'kubectl taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all nodes in the cluster' },
    {
      name: 'allow-missing-template-keys',
      type: 'bool',
      default: true,
      usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
    },
    DRY_RUN_FLAG,
    { name: 'field-manager', type: 'string', default: 'kubectl-taint', usage: 'Name of the manager used to track field ownership.' },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: '',
      usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
    },
    {
      name: 'overwrite',
      type: 'bool',
      default: false,
      usage: 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.',
    },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: SELECTOR_USAGE },
    { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    {
      name: 'template',
      type: 'string',
      default: '',
      usage:
        'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
    },
    VALIDATE_FLAG,
  ],
  run: runTaint,
};

/** A taint as parsed from the command line (removals have no value, maybe no effect). */
interface TaintSpec {
  key: string;
  value: string;
  effect: string;
}

/** An error of one node: an API error, one message, or the aggregate of reorganizeTaints. */
type NodeError = StatusError | Error | { messages: string[] };

function runTaint(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const { resources, taintArgs } = splitArgs(args.positional);
  if (resources.length < 1) throw new CommandError('error: one or more resources must be specified as <resource> <name>');
  if (taintArgs.length < 1) throw new CommandError('error: at least one taint update is required');
  let parsed: { add: TaintSpec[]; remove: TaintSpec[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (e) {
    throw usageError('taint', (e as Error).message);
  }
  validate(resources, parsed, args);

  const errors: NodeError[] = [];
  const overwrite = args.flags.overwrite === true;
  for (const fetch of targets(ctx, resources, args)) {
    try {
      const node = fetch();
      const result = updateTaints(node, parsed, overwrite);
      if ('messages' in result) {
        errors.push(result);
        continue;
      }
      // kubectl builds the -o printer per node, after the taints were worked out.
      const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
      const written = write(ctx, node, result.taints, dryRun);
      ctx.io.out(printed(format, written, result.operation, dryRun));
    } catch (e) {
      errors.push(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return printNodeErrors(ctx.io, errors);
}

/** Complete: resources first, then taints; a resource after a taint is refused. */
function splitArgs(positional: readonly string[]): { resources: string[]; taintArgs: string[] } {
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of positional) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length > 0) throw new CommandError(`error: all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  return { resources, taintArgs };
}

/** parseTaints: additions need an effect and are unique by key and effect. */
function parseTaints(specs: readonly string[]): { add: TaintSpec[]; remove: TaintSpec[] } {
  const add: TaintSpec[] = [];
  const remove: TaintSpec[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, value: '', effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (t.effect === '') throw new Error(`invalid taint spec: ${spec}`);
    if (add.some((a) => a.key === t.key && a.effect === t.effect)) {
      throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    }
    add.push(t);
  }
  return { add, remove };
}

/** parseTaint: `key=value:effect`, `key:effect` or `key`. */
function parseTaint(st: string): TaintSpec {
  const parts = st.split(':');
  let key = parts[0];
  let value = '';
  let effect = '';
  if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length > 0) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else if (parts.length > 2) {
    throw new Error(`invalid taint spec: ${st}`);
  }
  const errs = isQualifiedName(key);
  if (errs.length > 0) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** Validate: node types only, no taint both modified and removed, then the flags. */
function validate(resources: readonly string[], parsed: { add: TaintSpec[]; remove: TaintSpec[] }, args: ParsedArgs): void {
  const resourceType = resources[0].toLowerCase();
  const rt = resolveResourceName(resourceType);
  // The RESTMapper's NoMatch error, which checkErr prints without an `error:` prefix.
  if (!rt) throw new CommandError(`the server doesn't have a resource type ${JSON.stringify(resourceType)}`);
  if (rt.kind !== 'Node') throw new CommandError(`error: invalid resource type ${resourceType}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of parsed.add) {
    for (const r of parsed.remove) {
      if (a.key === r.key && (r.effect === '' || a.effect === r.effect)) conflicts.push(`${r.key}=${r.effect}`);
    }
  }
  if (conflicts.length > 0) {
    throw new CommandError(`error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  }
  const all = args.flags.all === true;
  const selector = String(args.flags.selector);
  if (all && selector !== '') throw new CommandError("error: setting 'all' parameter with a non empty selector is prohibited");
  if (!all && selector === '' && resources.length < 2) {
    throw new CommandError("error: at least one resource name must be specified since 'all' parameter is not set");
  }
}

/**
 * The nodes to visit, each read when its turn comes (as the builder's visitor does): every node
 * (--all), the selected ones (-l), or the named ones, a missing one failing in its place.
 */
function targets(ctx: CommandContext, resources: readonly string[], args: ParsedArgs): (() => Node)[] {
  const selector = String(args.flags.selector);
  if (args.flags.all === true || selector !== '') {
    return ctx.sim.store.list<Node>('nodes', { labelSelector: selector }).items.map((n) => () => n);
  }
  return resources.slice(1).map((name) => () => ctx.sim.store.get<Node>('nodes', '', name));
}

const matches = (a: { key: string; effect: string }, b: { key: string; effect: string }): boolean => a.key === b.key && a.effect === b.effect;

/** Taint.ToString for a taint to remove: `key` or `key:Effect`. */
const removalString = (t: TaintSpec): string => (t.effect === '' ? t.key : `${t.key}:${t.effect}`);

/**
 * updateTaints + reorganizeTaints: the node's new taint list and the word for what happened, or
 * the errors (an existing key/effect without --overwrite, a taint to remove that is not there).
 */
function updateTaints(node: Node, parsed: { add: TaintSpec[]; remove: TaintSpec[] }, overwrite: boolean): { taints: Taint[]; operation: string } | { messages: string[] } {
  const oldTaints = node.spec?.taints ?? [];
  if (!overwrite) {
    const exists = parsed.add.flatMap((t) => oldTaints.filter((o) => matches(t, o)).map(() => t.key));
    if (exists.length > 0) {
      throw new Error(`node ${node.metadata.name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`);
    }
  }
  let taints: Taint[] = parsed.add.map(toTaint);
  for (const old of oldTaints) if (!taints.some((t) => matches(t, old))) taints.push(old);
  const added = oldTaints.length !== taints.length;
  const messages: string[] = [];
  let deleted = false;
  for (const r of parsed.remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (r.effect === '' || t.effect === r.effect)));
    deleted = taints.length !== before;
    if (!deleted) messages.push(`taint ${JSON.stringify(removalString(r))} not found`);
  }
  if (messages.length > 0) return { messages };
  const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { taints, operation };
}

function toTaint(t: TaintSpec): Taint {
  return { key: t.key, ...(t.value !== '' ? { value: t.value } : {}), effect: t.effect as Taint['effect'] };
}

/** Writes spec.taints (a patch; an empty list drops the field) unless --dry-run=client. */
function write(ctx: CommandContext, node: Node, taints: Taint[], dryRun: DryRun): KObject {
  if (dryRun === 'client') {
    const copy = deepClone(node) as Node;
    copy.spec = { ...copy.spec, taints };
    if (taints.length === 0) delete copy.spec.taints;
    return copy;
  }
  const patch = { spec: { taints: taints.length > 0 ? taints : null } };
  return ctx.sim.store.patch('nodes', '', node.metadata.name ?? '', 'merge', patch, { dryRun: dryRun === 'server' });
}

function printed(format: ObjectFormat | undefined, node: KObject, operation: string, dryRun: DryRun): string {
  if (format === undefined) return `node/${node.metadata.name} ${operation}${dryRunSuffix(dryRun)}\n`;
  const rt = resourceByPlural('nodes');
  if (format.kind === 'name' || !rt) return `node/${node.metadata.name}\n`;
  return renderObjects(format, [{ rt, object: node }], true);
}

/**
 * checkErr on what the visitor returned: one error alone gets `error: ` (an aggregate of one is
 * unwrapped first); several are printed one per line as MultipleErrors does, API errors in their
 * `Error from server` form and the rest bare, a node's own aggregate as `[a, b]`.
 */
function printNodeErrors(io: CommandIO, errors: NodeError[]): number {
  if (errors.length === 0) return 0;
  const lines: string[] = [];
  if (errors.length === 1) {
    const e = errors[0];
    if ('messages' in e) {
      if (e.messages.length === 1) lines.push(`error: ${e.messages[0]}`);
      else lines.push(...e.messages);
    } else {
      lines.push(errorMessage(e));
    }
  } else {
    for (const e of errors) {
      if ('messages' in e) lines.push(e.messages.length === 1 ? e.messages[0] : `[${e.messages.join(', ')}]`);
      else if (e instanceof StatusError) lines.push(standardMessage(e));
      else lines.push(e.message);
    }
  }
  io.err(lines.map((l) => `${l}\n`).join(''));
  return 1;
}
