/**
 * `kubectl get`: list or fetch objects of one or more types and print them as a table or in an
 * `-o` format. Objects come from the API store; missing names are reported after what was found.
 */
import { StatusError } from '../../../engine/api/errors.ts';
import type { ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { printErrors } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { runGetWatch } from '../get-watch.ts';
import { outputFlagsFrom, parseOutputFormat, printObjects, renderTables, sortGroups, type Group } from '../output.ts';
import { objectNamespace, parseResourceArgs } from '../resources.ts';

const MISSING_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.' },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='." },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces.' },
    { name: 'show-labels', type: 'bool', default: false, usage: 'When printing, show all labels as the last column.' },
    { name: 'label-columns', short: 'L', type: 'strings', default: [], usage: 'Accepts a comma separated list of labels that are going to be presented as columns.' },
    { name: 'no-headers', type: 'bool', default: false, usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'show-kind', type: 'bool', default: false, usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively.' },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'watch', short: 'w', type: 'bool', default: false, usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', default: false, usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'output-watch-events', type: 'bool', default: false, usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
  ],
  run: runGet,
};

interface Found {
  groups: Group[];
  errors: unknown[];
  single: boolean;
  /** Names get a `kind/` prefix: several types (or a category) were asked for, or found in -f files. */
  multipleTypes: boolean;
}

function runGet(ctx: CommandContext, args: ParsedArgs): number {
  const format = parseOutputFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const watching = args.flags.watch === true || args.flags['watch-only'] === true;
  if (args.flags['output-watch-events'] === true && !watching) throw new CommandError('error: --output-watch-events option can only be used with --watch or --watch-only');
  if (watching) return runGetWatch(ctx, args, format);
  const filenames = args.flags.filename as string[];
  if (args.positional.length === 0 && filenames.length === 0) throw new CommandError(MISSING_TYPE.trimEnd());
  const allNs = args.flags['all-namespaces'] === true;
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const found = filenames.length > 0 ? fromFiles(ctx, args, ns) : fromArgs(ctx, args, ns, allNs);
  if (args.flags['ignore-not-found'] === true) found.errors = found.errors.filter((e) => !(e instanceof StatusError && e.reason === 'NotFound'));
  found.groups = sortGroups(found.groups, String(args.flags['sort-by']), format.kind === 'table', found.single);
  const total = found.groups.reduce((n, g) => n + g.items.length, 0);
  if (format.kind === 'table') {
    if (total > 0) {
      ctx.io.out(
        renderTables(found.groups, {
          wide: format.wide,
          nowMs: ctx.sim.now,
          withNamespace: allNs,
          withKind: args.flags['show-kind'] === true || found.multipleTypes,
          showLabels: args.flags['show-labels'] === true,
          labelColumns: (args.flags['label-columns'] as string[]).flatMap((c) => c.split(',')).filter((c) => c),
          noHeaders: args.flags['no-headers'] === true,
        }),
      );
    } else if (found.errors.length === 0 && !found.single) {
      ctx.io.err(noResourcesMessage(found, allNs, ns));
    }
  } else if (total > 0 || !found.single) {
    const items = found.groups.flatMap((g) => g.items.map((object) => ({ rt: g.rt, object })));
    printObjects(ctx.io, format, items, found.single);
  }
  return printErrors(ctx.io, found.errors);
}

function noResourcesMessage(found: Found, allNs: boolean, ns: string): string {
  const namespaced = found.groups.some((g) => g.rt.namespaced);
  return allNs || !namespaced ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`;
}

function fromArgs(ctx: CommandContext, args: ParsedArgs, ns: string, allNs: boolean): Found {
  const sel = parseResourceArgs(args.positional);
  const errors: unknown[] = [];
  if (sel.names.length > 0) {
    const groups: Group[] = [];
    for (const { type, name } of sel.names) {
      const obj = tryGet(ctx, type, type.namespaced ? ns : '', name, errors);
      if (!obj) continue;
      const last = groups[groups.length - 1];
      if (last && last.rt === type) last.items.push(obj);
      else groups.push({ rt: type, items: [obj] });
    }
    return { groups, errors, single: sel.names.length === 1, multipleTypes: sel.multipleTypes };
  }
  const groups = sel.types.map((rt) => ({ rt, items: listType(ctx, rt, args, allNs ? undefined : ns, errors) }));
  return { groups, errors, single: false, multipleTypes: sel.multipleTypes };
}

function fromFiles(ctx: CommandContext, args: ParsedArgs, ns: string): Found {
  const manifests = readManifests(ctx.fs, args.flags.filename as string[], args.flags.recursive === true, ctx.stdin);
  const errors: unknown[] = [...manifests.errors];
  const groups: Group[] = [];
  for (const m of manifests.objects) {
    const obj = tryGet(ctx, m.rt, objectNamespace(m.rt, m.object, ns), m.object.metadata?.name ?? '', errors);
    if (obj) groups.push({ rt: m.rt, items: [obj] });
  }
  // kubectl's MustPrintWithKinds: objects from files print with kinds when their kinds differ.
  return { groups, errors, single: manifests.objects.length === 1, multipleTypes: new Set(groups.map((g) => g.rt)).size > 1 };
}

function tryGet(ctx: CommandContext, rt: ResourceType, ns: string, name: string, errors: unknown[]): KObject | undefined {
  try {
    return ctx.sim.store.get(rt, ns, name);
  } catch (e) {
    errors.push(e);
    return undefined;
  }
}

function listType(ctx: CommandContext, rt: ResourceType, args: ParsedArgs, ns: string | undefined, errors: unknown[]): KObject[] {
  const labelSelector = String(args.flags.selector);
  const fieldSelector = String(args.flags['field-selector']);
  try {
    return ctx.sim.store.list(rt, { namespace: rt.namespaced ? ns : undefined, labelSelector, fieldSelector }).items;
  } catch (e) {
    if (e instanceof StatusError && e.reason === 'BadRequest') {
      const gvr = `${rt.group}/${rt.version}, Resource=${rt.plural}`;
      errors.push(e.withMessage(`Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${e.message}`));
      return [];
    }
    throw e;
  }
}
