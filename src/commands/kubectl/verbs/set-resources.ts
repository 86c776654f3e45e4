/**
 * `kubectl set resources (-f FILENAME | TYPE NAME) [--limits=LIMITS] [--requests=REQUESTS]`
 * (kubectl v1.31 pkg/cmd/set/set_resources.go): the quantities are parsed on the client, then
 * set, key by key, on every selected container (`-c`, a wildcard; init containers too). The
 * objects are read before the flags are checked, as kubectl's Complete reads them.
 */
import { formatQuantity, parseQuantity, QuantityError } from '../../../engine/api/quantity.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { deepClone, deepEqual } from '../../../engine/kernel/objects.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { outputFlagsFrom } from '../output.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix } from './common.ts';
import { PRINT_FLAGS, printerFormat, type Visit } from './metadata-edit.ts';
import {
  SetPrinter,
  fetchObjects,
  LOCAL_RESOURCE_ERROR,
  messageOf,
  podSpecFor,
  printSetErrors,
  selectedContainers,
  selectionFlags,
  sendUpdate,
  withVisitErrors,
} from './set-common.ts';

const LONG = `Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.

 For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.

 Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..`;

const EXAMPLES = `# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

# Set the resource request and limits for all containers in nginx
kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

# Remove the resource requests for resources on containers in nginx
kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0

# Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml`;

const REQUIREMENT_USAGE =
  "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.";

export const setResourcesCommand: Command = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  flags: [
    ...selectionFlags('resources', 'identifying the resource to get from a server.', 'Select all resources, in the namespace of the specified resource types'),
    {
      name: 'containers',
      short: 'c',
      type: 'string',
      default: '*',
      usage: 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards',
    },
    DRY_RUN_FLAG,
    { name: 'limits', type: 'string', default: '', usage: REQUIREMENT_USAGE },
    { name: 'requests', type: 'string', default: '', usage: REQUIREMENT_USAGE },
    ...PRINT_FLAGS,
  ],
  run: (ctx, args) => withVisitErrors(ctx.io, () => runResources(ctx, args)),
};

type ResourceList = Record<string, string>;

function runResources(ctx: CommandContext, args: ParsedArgs): number {
  // Complete: dry run, printer, then the objects.
  const dryRun = dryRunMode(ctx, args);
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  const local = args.flags.local === true;
  if (local && args.positional.length > 0) throw new CommandError(LOCAL_RESOURCE_ERROR);
  const visits = fetchObjects(ctx, args, args.positional, local);
  // Validate.
  if (local && dryRun === 'server') throw new CommandError('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  if (args.flags.all === true && String(args.flags.selector) !== '') throw new CommandError('error: cannot set --all and --selector at the same time');
  const limitsSpec = String(args.flags.limits);
  const requestsSpec = String(args.flags.requests);
  if (limitsSpec === '' && requestsSpec === '') {
    throw new CommandError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
  }
  const limits = resourceList(limitsSpec);
  const requests = resourceList(requestsSpec);
  // Run.
  const containers = String(args.flags.containers);
  const errors: string[] = [];
  const results = visits.map((visit) => {
    const before = deepClone(visit.object);
    try {
      if (!setRequirements(visit, containers, limits, requests)) errors.push(`error: unable to find container named ${containers}`);
      return { visit, changed: !deepEqual(before, visit.object) };
    } catch (e) {
      return { visit, changed: false, error: `error: ${visit.rt.plural}/${visit.object.metadata?.name ?? ''} ${messageOf(e)}\n` };
    }
  });
  const printer = new SetPrinter(ctx.io);
  for (const { visit, changed, error } of results) {
    if (error !== undefined) errors.push(error);
    if (!changed) continue;
    let shown: KObject = visit.object;
    if (!local && dryRun !== 'client') {
      try {
        shown = sendUpdate(ctx, visit.object, dryRun);
      } catch (e) {
        errors.push(`failed to patch resources update to pod template ${messageOf(e)}`);
        continue;
      }
    }
    printer.print(format, visit.rt, shown, `resource requirements updated${dryRunSuffix(dryRun)}`);
  }
  return printSetErrors(ctx.io, errors);
}

/** populateResourceListV1: `name=quantity,...`, each quantity parsed and kept in canonical form. */
function resourceList(spec: string): ResourceList | undefined {
  if (spec === '') return undefined;
  const out: ResourceList = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new CommandError(`error: Invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      out[parts[0]] = formatQuantity(parseQuantity(parts[1]));
    } catch (e) {
      if (e instanceof QuantityError) throw new CommandError(`error: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/** Sets the given limits and requests, key by key, on each selected container; false when none is selected. */
function setRequirements(visit: Visit, selector: string, limits: ResourceList | undefined, requests: ResourceList | undefined): boolean {
  const containers = selectedContainers(podSpecFor(visit.rt, visit.object), selector);
  for (const c of containers) {
    const resources = (c.resources ??= {});
    if (limits) resources.limits = { ...(resources.limits ?? {}), ...limits };
    if (requests) resources.requests = { ...(resources.requests ?? {}), ...requests };
  }
  return containers.length > 0;
}
