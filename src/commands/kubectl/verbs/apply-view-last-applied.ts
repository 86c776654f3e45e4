/**
 * `kubectl apply view-last-applied` (kubectl v1.31 pkg/cmd/apply/apply_view_last_applied.go):
 * prints the last-applied-configuration annotation of each object named by `TYPE NAME`,
 * `TYPE/NAME`, `TYPE -l SELECTOR`, `TYPE --all` or `-f FILE`, as YAML (the default) or as the
 * annotation's JSON indented. Objects without the annotation are passed over in silence; the
 * objects are all fetched before anything is printed, so one missing object prints nothing else.
 * The YAML documents follow one another with no `---` between them, as kubectl prints them.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import { matchesLabels, parseLabelSelector } from '../../../engine/api/selectors.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { readManifests } from '../manifests.ts';
import { parseResourceArgs } from '../resources.ts';
import { KUSTOMIZE_FLAG } from './metadata-edit.ts';
import { NO_RESOURCES } from './targets.ts';

/** `-f`, `-k`, `-R` as the last-applied subcommands word them. */
export function lastAppliedFileFlags(filenameUsage: string): FlagSpec[] {
  return [
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: filenameUsage },
    KUSTOMIZE_FLAG,
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      default: false,
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
  ];
}

const SELECTOR_FLAG: FlagSpec = {
  name: 'selector',
  short: 'l',
  type: 'string',
  default: '',
  usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
};

export const viewLastAppliedCommand: Command = {
  name: 'view-last-applied',
  short: 'View the latest last-applied-configuration annotations of a resource/object',
  long: `View the latest last-applied-configuration annotations by type/name or file.

 The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.`,
  examples: `# View the last-applied-configuration annotations by type/name in YAML
kubectl apply view-last-applied deployment/nginx

# View the last-applied-configuration annotations by file in JSON
kubectl apply view-last-applied -f deploy.yaml -o json`,
  usage: 'kubectl apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME) [options]',
  flags: [
    { name: 'all', type: 'bool', default: false, usage: 'Select all resources in the namespace of the specified resource types' },
    ...lastAppliedFileFlags('Filename, directory, or URL to files that contains the last-applied-configuration annotations'),
    { name: 'output', short: 'o', type: 'string', default: 'yaml', usage: 'Output format. Must be one of (yaml, json)' },
    SELECTOR_FLAG,
  ],
  run: runView,
};

function runView(ctx: CommandContext, args: ParsedArgs): number {
  // Complete (the objects fetched) comes before the check of -o.
  const texts = liveObjects(ctx, args, true).flatMap(({ object }) => {
    const text = object.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
    return text === undefined ? [] : [text];
  });
  const output = String(args.flags.output);
  if (output !== 'yaml' && output !== 'json' && output !== '') {
    throw new CommandError(`error: Unexpected -o output mode: ${output}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples`);
  }
  for (const text of texts) ctx.io.out(output === 'json' ? indentJson(text) : toYaml(JSON.parse(text)));
  return 0;
}

/** One object the builder found, as the server has it now. */
export interface LiveObject {
  rt: ResourceType;
  object: KObject;
}

const flagText = (args: ParsedArgs, name: string): string => (typeof args.flags[name] === 'string' ? (args.flags[name] as string) : '');

/**
 * The resource builder as view- and edit-last-applied set it up (files, or resource arguments with
 * -l / --all; always the latest objects from the server). `typeAloneNeedsSelector`: view passes
 * -n's presence as the builder's allowEmptySelector, so `TYPE` alone lists only with an explicit -n;
 * edit always allows it. The first error ends the command.
 */
export function liveObjects(ctx: CommandContext, args: ParsedArgs, typeAloneNeedsSelector: boolean): LiveObject[] {
  const filenames = args.flags.filename as string[];
  const kustomize = flagText(args, 'kustomize');
  const positional = args.positional;
  const slashForm = positional.some((p) => p.includes('/'));
  if ((filenames.length > 0 || kustomize !== '') && positional.length > 0) {
    throw new CommandError(
      slashForm ? 'error: resource/name arguments cannot be provided when a path is specified' : 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well',
    );
  }
  if (kustomize !== '') throw new CommandError('error: kustomize directories are not supported in Podlab');
  const selector = flagText(args, 'selector');
  const all = args.flags.all === true;
  if (all && selector !== '') throw new CommandError(`error: found non-empty label selector "${selector}" with previously set 'all' parameter. `);
  const explicitNs = args.set.has('namespace');
  const ns = flagText(args, 'namespace') || 'default';
  if (filenames.length > 0) return fromFiles(ctx, args, filenames, selector, explicitNs, ns);
  if (positional.length === 0) throw new CommandError(NO_RESOURCES);
  const sel = parseResourceArgs(positional);
  if (sel.names.length > 0) {
    if (selector !== '' || all) {
      throw new CommandError(slashForm ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
    }
    return sel.names.map(({ type, name }) => ({ rt: type, object: ctx.sim.store.get(type, type.namespaced ? ns : '', name) }));
  }
  if (selector === '' && !all && typeAloneNeedsSelector && !explicitNs) throw new CommandError('error: resource(s) were provided, but no name was specified');
  return sel.types.flatMap((rt) =>
    ctx.sim.store.list(rt, { namespace: rt.namespaced ? ns : undefined, labelSelector: selector }).items.map((object) => ({ rt, object })),
  );
}

function fromFiles(ctx: CommandContext, args: ParsedArgs, filenames: string[], selector: string, explicitNs: boolean, ns: string): LiveObject[] {
  const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
  if (m.errors.length > 0) throw m.errors[0];
  const requirements = selector === '' ? undefined : parseLabelSelector(selector);
  return m.objects
    .filter((o) => !requirements || matchesLabels(requirements, o.object.metadata?.labels))
    .map((o) => {
      const own = o.object.metadata?.namespace ?? '';
      if (o.rt.namespaced && explicitNs && own !== '' && own !== ns) {
        throw new CommandError(
          `error: the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`,
        );
      }
      return { rt: o.rt, object: ctx.sim.store.get(o.rt, o.rt.namespaced ? own || ns : '', o.object.metadata?.name ?? '') };
    });
}

/**
 * Go's json.Indent with two spaces: the annotation's own text (key order, numbers) laid out one
 * value a line; leading blanks are dropped and trailing ones (the annotation's newline) kept.
 */
export function indentJson(text: string): string {
  const body = text.replace(/^[ \t\r\n]+/, '');
  const trimmed = body.replace(/[ \t\r\n]+$/, '');
  const trailing = body.slice(trimmed.length);
  let out = '';
  let depth = 0;
  let inString = false;
  let pendingOpen = false;
  const newline = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (inString) {
      out += c;
      if (c === '\\') out += trimmed[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (pendingOpen && c !== ']' && c !== '}') {
      pendingOpen = false;
      depth++;
      out += newline();
    }
    if (c === '{' || c === '[') {
      out += c;
      pendingOpen = true;
    } else if (c === '}' || c === ']') {
      if (pendingOpen) pendingOpen = false;
      else {
        depth--;
        out += newline();
      }
      out += c;
    } else if (c === ',') out += `,${newline()}`;
    else if (c === ':') out += ': ';
    else {
      out += c;
      if (c === '"') inString = true;
    }
  }
  return out + trailing;
}
