/**
 * What every `kubectl create SUB` generator shares (pkg/cmd/create, v1.31): a cobra child command
 * with its own flag set and help, cobra's required-flag check, and the Run each generator ends
 * with — the apply annotation with --save-config, the create request unless --dry-run=client,
 * kubectl's wrapper around a failed create, and the print (`KIND/NAME created`, or -o).
 *
 * Generated objects are built in the Go struct's field order, because kubectl prints the typed
 * object it built (or the typed client got back): `-o json` and the last-applied annotation list
 * the fields in that order, while `-o yaml` sorts them.
 */
import { hasTypedOrder, typedJson } from '../../printers/typed-json.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { goJsonNumber, goJsonString } from '../../printers/json.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { parseOutputFormat, renderObjects } from '../output.ts';
import { kindSlashName, resolveType } from '../resources.ts';
import { dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import { GENERATOR_HELP } from './create-help.ts';

/** One `kubectl create` generator, described as data. */
export interface GeneratorSpec {
  /** The command path below `kubectl create` (`namespace`, `secret generic`): its help entry. */
  path: string;
  aliases?: string[];
  short: string;
  /** Flags cobra requires (MarkFlagRequired), checked before the command runs. */
  required?: string[];
  /** kubectl's wrapper of a failed create request: `failed to create ${failure}: ...`. */
  failure?: string;
  /** The generator has --save-config but never reads it (create service: Complete skips it). */
  ignoresSaveConfig?: boolean;
  /** Complete + Validate + the object to send; `names` are the positional words. */
  build(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject;
}

/** The cobra command for a generator: its own flags and help, and the shared Run. */
export function generatorCommand(spec: GeneratorSpec): Command {
  const help = GENERATOR_HELP[spec.path];
  if (!help) throw new Error(`no help recorded for create ${spec.path}`);
  return {
    name: spec.path.split(' ').at(-1) ?? spec.path,
    aliases: spec.aliases,
    short: spec.short,
    long: help.long,
    examples: help.examples,
    usage: help.usage,
    flags: help.flags,
    completion: { args: 'none' },
    run: (ctx, args) => runGenerator(ctx, args, spec),
  };
}

/** cobra's validateRequiredFlags: every missing one, in flag-name order. */
export function checkRequiredFlags(args: ParsedArgs, required: readonly string[]): void {
  const missing = [...required].sort().filter((f) => !args.set.has(f));
  if (missing.length > 0) throw new CommandError(`error: required flag(s) "${missing.join('", "')}" not set`);
}

function runGenerator(ctx: CommandContext, args: ParsedArgs, spec: GeneratorSpec): number {
  checkRequiredFlags(args, spec.required ?? []);
  let obj = spec.build(ctx, args, args.positional);
  const dryRun = dryRunMode(ctx, args);
  if (args.flags['save-config'] === true && !spec.ignoresSaveConfig) obj = withGeneratedLastApplied(obj);
  const rt = resolveType(obj.kind);
  const created = dryRun === 'client' ? obj : sendCreate(ctx, rt, obj, args, dryRun, spec.failure);
  printCreated(ctx, args, rt, created, dryRun, dryRun === 'client');
  return 0;
}

/** The create request: to the object's namespace (-n or `default`) for a namespaced kind. */
function sendCreate(ctx: CommandContext, rt: ResourceType, obj: KObject, args: ParsedArgs, dryRun: DryRun, failure: string | undefined): KObject {
  const namespace = rt.namespaced ? (obj.metadata.namespace ?? (String(args.flags.namespace ?? '') || 'default')) : undefined;
  try {
    return ctx.sim.store.create(obj, { dryRun: dryRun === 'server', namespace });
  } catch (e) {
    if (failure && e instanceof Error) throw new CommandError(`error: failed to create ${failure}: ${e.message}`);
    throw e;
  }
}

/**
 * util.CreateOrUpdateAnnotation: the object's own JSON (struct order, trailing newline) in the
 * last-applied annotation.
 */
function withGeneratedLastApplied(obj: KObject): KObject {
  const out = deepClone(obj);
  const json = `${jsonInOrder(out, undefined, 0)}\n`;
  out.metadata.annotations = { ...(out.metadata.annotations ?? {}), [LAST_APPLIED_ANNOTATION]: json };
  return out;
}

/**
 * kubectl's printer after a create: `KIND/NAME created` with the dry-run suffix, or the object in
 * the -o format. `typed` objects (built here) print their JSON in field order.
 */
export function printCreated(ctx: CommandContext, args: ParsedArgs, rt: ResourceType, obj: KObject, dryRun: DryRun, typed = false): void {
  const output = String(args.flags.output ?? '');
  if (output === '') {
    ctx.io.out(`${kindSlashName(rt, obj.metadata.name ?? obj.metadata.generateName ?? '')} created${dryRunSuffix(dryRun)}\n`);
    return;
  }
  const format = parseOutputFormat(output);
  if (format.kind === 'table') {
    throw new CommandError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
    );
  }
  if (format.kind === 'json' && typed) {
    // Kinds the schema knows print in their struct order; the rest as the generator built them.
    ctx.io.out(hasTypedOrder(rt.kind, obj) ? typedJson(rt.kind, obj) : `${jsonInOrder(obj, '    ', 0)}\n`);
    return;
  }
  ctx.io.out(renderObjects(format, [{ rt, object: obj }], true));
}

/** encoding/json of a typed value: keys in the order the object was built (its struct order). */
function jsonInOrder(value: unknown, indent: string | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return String(value);
  const sep = indent === undefined ? '' : ' ';
  const items = Array.isArray(value)
    ? value.map((v) => jsonInOrder(v, indent, depth + 1))
    : Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${goJsonString(k)}:${sep}${jsonInOrder(v, indent, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  if (indent === undefined) return open + items.join(',') + close;
  const inner = `\n${indent.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${indent.repeat(depth)}${close}`;
}

/** NameFromCommandArgs: exactly one positional word, with the subcommand's usage hint. */
export function nameFromArgs(names: readonly string[], path: string): string {
  if (names.length !== 1) throw new CommandError(`error: exactly one NAME is required, got ${names.length}\nSee 'kubectl create ${path} -h' for help and examples`);
  return names[0];
}

/**
 * ObjectMeta as a generator fills it, in struct order: the name, the namespace only with an
 * explicit -n (EnforceNamespace), and the zero creationTimestamp that serializes as null.
 */
export function generatedMeta(name: string, args: ParsedArgs, labels?: Record<string, string>, namespaced = true): KObject['metadata'] {
  const meta: Record<string, unknown> = { name };
  if (namespaced && args.set.has('namespace')) meta.namespace = String(args.flags.namespace);
  meta.creationTimestamp = null;
  if (labels) meta.labels = labels;
  return meta as KObject['metadata'];
}

/** A group command's text (`create secret`, `create service`). */
export interface GroupSpec {
  name: string;
  aliases?: string[];
  short: string;
  long: string;
  usage: string;
}

/**
 * A group command: cmdutil.DefaultSubCommandRun — a word naming no child is an unknown command;
 * no word at all prints the help on stderr and exits 1.
 */
export function groupCommand(spec: GroupSpec, children: Command[]): Command {
  const group: Command = {
    ...spec,
    flags: [],
    subcommands: children,
    completion: { subcommands: children.map((c) => c.name), args: 'none' },
    run(_ctx, args) {
      const [word] = args.positional;
      if (word !== undefined) throw new CommandError(`error: unknown command "${word}"\nSee 'kubectl create ${spec.name} -h' for help and examples`);
      throw new CommandError(commandHelp(group, `create ${spec.name}`));
    },
  };
  return group;
}
