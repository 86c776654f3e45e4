/**
 * `kubectl api-resources` (kubectl pkg/cmd/apiresources, v1.31): the kinds registered in
 * engine/api/resources.ts as discovery serves them (each group's preferred version), filtered by
 * --api-group / --namespaced / --verbs / --categories, stably sorted by group (or --sort-by name |
 * kind) with ties broken by name, printed as a table (`-o wide` adds VERBS and CATEGORIES) or as
 * `-o name` (`plural.group`).
 */
import { RESOURCE_TYPES, type ResourceType } from '../../../engine/api/resources.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { CommandError, type Command } from '../../types.ts';

/** The verbs discovery lists for most resources. */
const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** Resources whose storage lacks some verb (namespaces cannot be deleted as a collection). */
const VERBS_BY_PLURAL: Readonly<Record<string, string[]>> = {
  namespaces: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
};

function verbsOf(r: ResourceType): string[] {
  return VERBS_BY_PLURAL[r.plural] ?? STANDARD_VERBS;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** sortableResource: by group (or name, or kind), equal keys by name; a stable sort, as kubectl's. */
function sortResources(resources: ResourceType[], sortBy: string): ResourceType[] {
  const key = (r: ResourceType) => (sortBy === 'name' ? r.plural : sortBy === 'kind' ? r.kind : r.group);
  return resources.sort((a, b) => compare(key(a), key(b)) || compare(a.plural, b.plural));
}

function row(r: ResourceType, wide: boolean): string {
  const cells = [r.plural, r.shortNames.join(','), r.apiVersion, String(r.namespaced), r.kind];
  if (wide) cells.push(verbsOf(r).join(','), r.categories.join(','));
  return `${cells.join('\t')}\n`;
}

function commaList(value: unknown): string[] {
  return (Array.isArray(value) ? (value as string[]) : []).flatMap((v) => v.split(',')).filter((v) => v !== '');
}

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  examples: `# Print the supported API resources
kubectl api-resources

# Print the supported API resources with more information
kubectl api-resources -o wide

# Print the supported API resources sorted by a column
kubectl api-resources --sort-by=name

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported non-namespaced resources
kubectl api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=rbac.authorization.k8s.io`,
  usage: 'kubectl api-resources [flags] [options]',
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', usage: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'strings', usage: 'Limit to resources that belong to the specified categories.' },
    {
      name: 'namespaced',
      type: 'bool',
      default: true,
      usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.',
    },
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (wide, name).' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'strings', usage: 'Limit to resources that support the specified verbs.' },
  ],
  completion: { args: 'none' },
  run(ctx, args) {
    if (args.positional.length > 0) {
      throw new CommandError(`error: unexpected arguments: [${args.positional.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`);
    }
    const output = String(args.flags.output ?? '');
    if (!['', 'wide', 'name'].includes(output)) throw new CommandError(`error: --output ${output} is not available`);
    const sortBy = String(args.flags['sort-by'] ?? '');
    if (!['', 'name', 'kind'].includes(sortBy)) throw new CommandError('error: --sort-by accepts only name or kind');
    const verbs = commaList(args.flags.verbs);
    const categories = commaList(args.flags.categories);
    const selected = RESOURCE_TYPES.filter(
      (r) =>
        (!args.set.has('api-group') || r.group === String(args.flags['api-group'])) &&
        (!args.set.has('namespaced') || r.namespaced === args.flags.namespaced) &&
        verbs.every((v) => verbsOf(r).includes(v)) &&
        categories.every((c) => r.categories.includes(c)),
    );
    const sorted = sortResources(selected, sortBy);
    if (output === 'name') {
      ctx.io.out(sorted.map((r) => `${r.plural}${r.group ? `.${r.group}` : ''}\n`).join(''));
      return 0;
    }
    const wide = output === 'wide';
    const header = args.flags['no-headers'] === true ? '' : `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
    ctx.io.out(alignTabs(header + sorted.map((r) => row(r, wide)).join('')));
    return 0;
  },
};
