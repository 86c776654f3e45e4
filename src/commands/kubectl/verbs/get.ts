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
import { checkNamedSelection } from './named-selection.ts';
import { parseSubresource, readSubresource, scaleType, type Subresource } from '../subresources.ts';

const MISSING_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

const GET_LONG = `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`;

const GET_EXAMPLES = `# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List a single replication controller with specified NAME in ps output format
kubectl get replicationcontroller web

# List deployments in JSON output format, in the "v1" version of the "apps" API group
kubectl get deployments.v1.apps -o json

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# List a pod identified by type and name specified in "pod.yaml" in JSON output format
kubectl get -f pod.yaml -o json

# List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
kubectl get -k dir/

# Return only the phase value of the specified pod
kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}

# List resource information in custom columns
kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
kubectl get rc,services

# List one or more resources by their type and names
kubectl get rc/web service/frontend pods/web-pod-13je7

# List the 'status' subresource for a single pod
kubectl get pod web-pod-13je7 --subresource status

# List all deployments in namespace 'backend'
kubectl get deployments.apps --namespace backend

# List all pods existing in all namespaces
kubectl get pods --all-namespaces`;

export const getCommand: Command = {
  name: 'get',
  short: 'Display one or many resources',
  long: GET_LONG,
  examples: GET_EXAMPLES,
  usage: 'kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].' },
    { name: 'selector', short: 'l', type: 'string', default: '', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'field-selector', type: 'string', default: '', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'show-labels', type: 'bool', default: false, usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'label-columns', short: 'L', type: 'strings', default: [], usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', default: false, usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'show-kind', type: 'bool', default: false, usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'kustomize', short: 'k', type: 'string', default: '', usage: "Process the kustomization directory. This flag can't be used together with -f or -R." },
    { name: 'ignore-not-found', type: 'bool', default: false, usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    // The store keeps no managedFields, so there are none to keep or strip.
    { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'server-print', type: 'bool', default: true, usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
    // Lists come from the in-memory store whole; kubectl joins its chunks into the same output.
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'subresource', type: 'string', default: '', usage: 'If specified, gets the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future.' },
    { name: 'raw', type: 'string', default: '', usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
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
  // Podlab has no kustomize and no raw HTTP transport to the API.
  if (args.flags.kustomize !== '') throw new CommandError('error: kustomize directories are not supported in Podlab');
  if (args.flags.raw !== '') throw new CommandError('error: --raw is not available in Podlab yet');
  const subresource = parseSubresource(String(args.flags.subresource));
  const format = parseOutputFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const watching = args.flags.watch === true || args.flags['watch-only'] === true;
  if (args.flags['output-watch-events'] === true && !watching) throw new CommandError('error: --output-watch-events option can only be used with --watch or --watch-only');
  checkNamedSelection(args);
  if (watching) return runGetWatch(ctx, args, format);
  const filenames = args.flags.filename as string[];
  if (args.positional.length === 0 && filenames.length === 0) throw new CommandError(MISSING_TYPE.trimEnd());
  const allNs = args.flags['all-namespaces'] === true;
  const ns = (args.flags.namespace as string | undefined) || 'default';
  const found = filenames.length > 0 ? fromFiles(ctx, args, ns) : fromArgs(ctx, args, ns, allNs, subresource);
  if (args.flags['ignore-not-found'] === true) found.errors = found.errors.filter((e) => !(e instanceof StatusError && e.reason === 'NotFound'));
  // Without server tables kubectl's SortingPrinter sorts all objects as one list, as for -o.
  const serverPrint = args.flags['server-print'] !== false;
  found.groups = sortGroups(found.groups, String(args.flags['sort-by']), format.kind === 'table' && serverPrint, found.single);
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
          clientSide: !serverPrint,
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

function fromArgs(ctx: CommandContext, args: ParsedArgs, ns: string, allNs: boolean, subresource: Subresource): Found {
  const sel = parseResourceArgs(args.positional);
  const errors: unknown[] = [];
  if (sel.names.length > 0) {
    const groups: Group[] = [];
    for (const { type, name } of sel.names) {
      const fetched = tryGet(ctx, type, type.namespaced ? ns : '', name, errors);
      const obj = fetched && subresource !== '' ? trySubresource(type, fetched, subresource, errors) : fetched;
      if (!obj) continue;
      const rt = subresource === 'scale' ? scaleType(type) : type;
      const last = groups[groups.length - 1];
      if (last && last.rt.kind === rt.kind && last.rt.plural === rt.plural && last.rt.group === rt.group) last.items.push(obj);
      else groups.push({ rt, items: [obj] });
    }
    return { groups, errors, single: sel.names.length === 1, multipleTypes: sel.multipleTypes };
  }
  if (subresource !== '') throw new CommandError('error: subresource cannot be used when bulk resources are specified');
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

function trySubresource(rt: ResourceType, obj: KObject, subresource: Exclude<Subresource, ''>, errors: unknown[]): KObject | undefined {
  try {
    return readSubresource(rt, obj, subresource);
  } catch (e) {
    errors.push(e);
    return undefined;
  }
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
