/**
 * What `kubectl label`, `annotate` and `patch` share (kubectl v1.31 pkg/cmd/label, annotate, patch
 * and cli-runtime's resource builder): splitting `KEY=VALUE` / `KEY-` pairs from the resources,
 * the builder's selection (`-f`, `--local -f`, `TYPE NAME...`, `TYPE/NAME`, `-l`, `--field-selector`,
 * `--all`, `-A`) with its wording and its "single item implied" rule, the JSON merge patch kubectl
 * computes between two versions of an object, the printers (`name`, `yaml` with `---` between
 * objects, `json`, `jsonpath`) built per object as these verbs build them, and checkErr over the
 * errors the ContinueOnError visitor collected (an aggregate inside an aggregate prints `[a, b]`).
 */
import { StatusError } from '../../../engine/api/errors.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone } from '../../../engine/kernel/objects.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type CommandContext, type CommandIO } from '../../types.ts';
import { errorMessage, standardMessage } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { outputFlagsFrom, parseOutputFormat, printObjects, type OutputFlags, type OutputFormat } from '../output.ts';
import { kindSlashName, parseResourceArgs } from '../resources.ts';
import type { DryRun } from './common.ts';
import { NO_RESOURCES } from './targets.ts';

/** The formats the name/json/yaml/template printers accept, as their error lists them. */
const PRINTER_FORMATS = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

export type ObjectFormat = Exclude<OutputFormat, { kind: 'table' }>;
export type { OutputFlags };

/** PrintFlags' flags that label, annotate and patch share (all but the verb-specific ones). */
export const PRINT_FLAGS: FlagSpec[] = [
  {
    name: 'allow-missing-template-keys',
    type: 'bool',
    default: true,
    usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
  },
  {
    name: 'output',
    short: 'o',
    type: 'string',
    default: '',
    usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
  },
  { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
  {
    name: 'template',
    type: 'string',
    default: '',
    usage:
      'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
  },
];

export const KUSTOMIZE_FLAG: FlagSpec = {
  name: 'kustomize',
  short: 'k',
  type: 'string',
  default: '',
  usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
};

/** `-f` and `-R` with the longer -R usage label, annotate and patch print. */
export function filenameOptionFlags(usage: string): FlagSpec[] {
  return [
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: `Filename, directory, or URL to files ${usage}` },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      default: false,
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    KUSTOMIZE_FLAG,
  ];
}

/** An error that is an aggregate of messages (utilerrors.Aggregate of plain errors). */
export class AggregateError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`);
  }
}

/**
 * GetResourcesAndPairs: arguments are resources until the first `KEY=VALUE` or `KEY-` (not `=x`,
 * not a lone `-`); a resource after a pair is refused.
 */
export function splitPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const isPair = (s.includes('=') && !s.startsWith('=')) || (s.endsWith('-') && s !== '-');
    if (isPair) pairs.push(s);
    else if (pairs.length > 0) throw new CommandError(`error: all resources must be specified before ${pairType} changes: ${s}`);
    else resources.push(s);
  }
  return { resources, pairs };
}

/** One object the builder hands to a verb's visitor: read lazily, so each can fail on its own. */
export interface Visit {
  rt: ResourceType;
  /** The object (a private copy the verb may change). */
  object: KObject;
}

export interface Selection {
  visits: (() => Visit)[];
  /** The builder's singleItemImplied: one name, one TYPE/NAME, or one file (not stdin). */
  single: boolean;
  /** Errors met while reading manifests (unknown kinds), reported with the rest. */
  errors: unknown[];
}

const str = (args: ParsedArgs, name: string): string => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : '');

/** Builder: files (read locally with `local`, else fetched again from the server), or resource arguments. */
export function selectObjects(ctx: CommandContext, args: ParsedArgs, resources: readonly string[], local: boolean): Selection {
  const filenames = (args.flags.filename as string[] | undefined) ?? [];
  if (filenames.length > 0) return fromFiles(ctx, args, resources, filenames, local);
  if (resources.length === 0) throw new CommandError(NO_RESOURCES);
  return fromArguments(ctx, args, resources);
}

function fromFiles(ctx: CommandContext, args: ParsedArgs, resources: readonly string[], filenames: string[], local: boolean): Selection {
  if (resources.length > 0) throw new CommandError('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
  const sources = new Set(m.objects.map((o) => o.source));
  const single = sources.size === 1 && !sources.has('STDIN');
  const requestNs = str(args, 'namespace') || 'default';
  const explicitNs = args.set.has('namespace') ? str(args, 'namespace') : '';
  const visits = m.objects.map((o) => () => {
    const own = o.object.metadata?.namespace ?? '';
    if (o.rt.namespaced && explicitNs !== '' && own !== '' && own !== explicitNs) {
      throw new Error(`the namespace from the provided object "${own}" does not match the namespace "${explicitNs}". You must pass '--namespace=${own}' to perform this operation.`);
    }
    if (local) return { rt: o.rt, object: { ...deepClone(o.object), metadata: deepClone(o.object.metadata ?? {}) } };
    const live = ctx.sim.store.get(o.rt, o.rt.namespaced ? own || requestNs : '', o.object.metadata?.name ?? '');
    return { rt: o.rt, object: deepClone(live) };
  });
  return { visits, single, errors: m.errors };
}

/** visitBySelector / visitByResource / visitByName, with the builder's refusals. */
function fromArguments(ctx: CommandContext, args: ParsedArgs, resources: readonly string[]): Selection {
  const selector = str(args, 'selector');
  const fieldSelector = str(args, 'field-selector');
  const all = args.flags.all === true;
  const allNs = args.flags['all-namespaces'] === true;
  const ns = allNs ? '' : str(args, 'namespace') || 'default';
  const slashForm = resources.some((r) => r.includes('/'));
  const sel = parseResourceArgs(resources);
  const fetch = (rt: ResourceType, name: string) => () => ({ rt, object: deepClone(ctx.sim.store.get(rt, rt.namespaced ? ns : '', name)) });
  if (selector !== '' || fieldSelector !== '' || all) {
    if (sel.names.length > 0) {
      throw new CommandError(slashForm ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
    }
    const visits = sel.types.flatMap((rt) =>
      ctx.sim.store
        .list(rt, { namespace: rt.namespaced && !allNs ? ns : undefined, labelSelector: selector, fieldSelector })
        .items.map((o) => () => ({ rt, object: deepClone(o) })),
    );
    return { visits, single: false, errors: [] };
  }
  if (sel.names.length === 0) throw new CommandError('error: resource(s) were provided, but no name was specified');
  if (allNs && sel.names.some((n) => n.type.namespaced)) throw new CommandError('error: a resource cannot be retrieved by name across all namespaces');
  return { visits: sel.names.map((n) => fetch(n.type, n.name)), single: sel.names.length === 1, errors: [] };
}

/** The checks label and annotate make of --all, the selectors and --local (`file` names the example file). */
export function validateSelection(args: ParsedArgs, resources: readonly string[], dryRun: DryRun, file: string): void {
  const all = args.flags.all === true;
  if (all && str(args, 'selector') !== '') throw new CommandError('error: cannot set --all and --selector at the same time');
  if (all && str(args, 'field-selector') !== '') throw new CommandError('error: cannot set --all and --field-selector at the same time');
  const noFiles = ((args.flags.filename as string[] | undefined) ?? []).length === 0 && str(args, 'kustomize') === '';
  if (args.flags.local !== true) {
    if (resources.length < 1 && noFiles) throw new CommandError('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
    return;
  }
  if (dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (resources.length > 0) throw new CommandError(`error: can only use local files by -f ${file}.yaml or --filename=${file}.json when --local=true is set`);
  if (noFiles) throw new CommandError(`error: one or more files must be specified as -f ${file}.yaml or --filename=${file}.json`);
}

/** `-k` is accepted for the help text only: Podlab has no kustomize. */
export function refuseKustomize(args: ParsedArgs): void {
  if (str(args, 'kustomize') !== '') throw new CommandError('error: kustomize directories are not supported in Podlab');
}

/**
 * PrintFlags.ToPrinter for -o and --template: the object formats (no tables, no custom columns);
 * undefined means the name printer with an operation (`pod/web labeled`).
 */
export function printerFormat(output: string, flags: OutputFlags = {}): ObjectFormat | undefined {
  if (output === '' && (flags.template ?? '') === '') return undefined;
  let format: OutputFormat | undefined;
  try {
    format = parseOutputFormat(output, flags);
  } catch (e) {
    if (!(e instanceof CommandError) || !e.message.startsWith('error: unable to match a printer')) throw e;
    format = undefined;
  }
  if (format === undefined || format.kind === 'table' || format.kind === 'custom-columns') {
    throw new Error(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${PRINTER_FORMATS}`);
  }
  return format;
}

/** The printing flags besides -o (--template, --allow-missing-template-keys). */
export function printFlagsOf(ctx: CommandContext, args: ParsedArgs): OutputFlags {
  return outputFlagsFrom(ctx.fs, args.flags);
}

/** A printer for one command: the YAML printer writes `---` before every object after the first. */
export class ObjectPrinter {
  private yamlCount = 0;

  constructor(private readonly io: CommandIO) {}

  print(format: ObjectFormat | undefined, rt: ResourceType, obj: KObject, operation: string): void {
    const name = obj.metadata?.name ?? '';
    if (format === undefined) return this.io.out(`${kindSlashName(rt, name)} ${operation}\n`);
    if (format.kind === 'name') return this.io.out(`${kindSlashName(rt, name)}\n`);
    if (format.kind === 'yaml' && this.yamlCount++ > 0) this.io.out('---\n');
    printObjects(this.io, format, [{ rt, object: obj }], true);
  }
}

/**
 * jsonpatch.CreateMergePatch between two versions: changed and added fields, removed ones as
 * null. A map emptied by the change goes as null, since the typed API object drops empty maps.
 */
export function createMergePatch(before: unknown, after: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(b)) if (a[k] === undefined && b[k] !== undefined) out[k] = null;
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    const old = b[k];
    if (isMap(v) && isMap(old)) {
      if (Object.keys(v).length === 0 && Object.keys(old).length > 0) out[k] = null;
      else {
        const sub = createMergePatch(old, v);
        if (Object.keys(sub).length > 0) out[k] = sub;
      }
    } else if (JSON.stringify(v) !== JSON.stringify(old)) {
      if (!(isMap(v) && Object.keys(v).length === 0 && old === undefined)) out[k] = v;
    }
  }
  return out;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The length in bytes of Go's json.Marshal of a value (it escapes <, > and & as \u003c...). */
export function goJsonLength(value: unknown): number {
  const text = JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, '\\u0000');
  return new TextEncoder().encode(text).length;
}

/**
 * `label`/`annotate --list`: the map's `key=value` lines (sorted: Go's map order is random), under
 * a `Listing labels for Pod./web:` header when several objects may be listed.
 */
export function listPairs(io: CommandIO, what: string, rt: ResourceType, obj: KObject, pairs: Record<string, string> | undefined, single: boolean): void {
  const indent = single ? '' : ' ';
  let text = single ? '' : `Listing ${what} for ${obj.kind ?? rt.kind}.${rt.group}/${obj.metadata?.name ?? ''}:\n`;
  for (const k of Object.keys(pairs ?? {}).sort()) text += `${indent}${k}=${pairs?.[k] ?? ''}\n`;
  io.out(text);
}

/**
 * checkErr over what a ContinueOnError visit returned: one error alone through the single-error
 * path (an aggregate of one unwrapped, of several one per line); several as MultipleErrors.
 */
export function printVisitErrors(io: CommandIO, errors: readonly unknown[]): number {
  if (errors.length === 0) return 0;
  const lines: string[] = [];
  if (errors.length === 1) {
    const e = errors[0];
    if (e instanceof AggregateError && e.messages.length > 1) lines.push(...e.messages);
    else lines.push(errorMessage(e));
  } else {
    for (const e of errors) lines.push(e instanceof StatusError ? standardMessage(e) : e instanceof CommandError ? e.message : (e as Error).message);
  }
  io.err(lines.map((l) => `${l}\n`).join(''));
  return 1;
}
