/**
 * `kubectl top node [NAME | -l label]` and `kubectl top pod [NAME | -l label]`: resource usage as
 * metrics-server serves it. metrics-server scrapes each kubelet; a kubelet that does not answer
 * (a failed node) has no fresh data, so its node prints `<unknown>` and its pods are missing.
 * Logic follows kubectl v1.31 pkg/cmd/top (top_node.go, top_pod.go); the tables are in
 * printers/top-columns.ts.
 */
import { StatusError } from '../../../engine/api/errors.ts';
import { cpuMilli, memoryBytes } from '../../../engine/api/quantity.ts';
import type { Node, Pod } from '../../../engine/api/types.ts';
import { parseTimestamp } from '../../../engine/kernel/time.ts';
import type { PodUsage } from '../../../engine/node/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { goDuration, nodeAgent } from '../../node-agent.ts';
import { renderNodeMetrics, renderPodMetrics, type NodeMetricsRow, type PodMetricsRow, type TopSortBy, type Usage } from '../../printers/top-columns.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { usageError } from './exec.ts';

/** top_pod.go metricsCreationDelay: younger pods may simply not have been scraped yet. */
const METRICS_CREATION_DELAY_MS = 2 * 60 * 1000;

const SELECTOR_USAGE =
  "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.";

const NODE_FLAGS: FlagSpec[] = [
  { name: 'no-headers', type: 'bool', default: false, usage: 'If present, print output without headers' },
  { name: 'selector', short: 'l', type: 'string', default: '', usage: SELECTOR_USAGE },
  { name: 'show-capacity', type: 'bool', default: false, usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.' },
  { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'." },
  { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
];

const POD_FLAGS: FlagSpec[] = [
  {
    name: 'all-namespaces',
    short: 'A',
    type: 'bool',
    default: false,
    usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
  },
  { name: 'containers', type: 'bool', default: false, usage: 'If present, print usage of containers within a pod.' },
  {
    name: 'field-selector',
    type: 'string',
    default: '',
    usage:
      "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
  },
  { name: 'no-headers', type: 'bool', default: false, usage: 'If present, print output without headers.' },
  { name: 'selector', short: 'l', type: 'string', default: '', usage: SELECTOR_USAGE },
  { name: 'sort-by', type: 'string', default: '', usage: "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'." },
  { name: 'sum', type: 'bool', default: false, usage: 'Print the sum of the resource usage' },
  { name: 'use-protocol-buffers', type: 'bool', default: true, usage: 'Enables using protocol-buffers to access Metrics API.' },
];

const TOP_POD_LONG = `Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.`;

const TOP_POD_EXAMPLES = `# Show metrics for all pods in the default namespace
kubectl top pod

# Show metrics for all pods in the given namespace
kubectl top pod --namespace=NAMESPACE

# Show metrics for a given pod and its containers
kubectl top pod POD_NAME --containers

# Show metrics for the pods defined by label name=myLabel
kubectl top pod -l name=myLabel`;

const TOP_NODE_LONG = `Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.`;

const TOP_NODE_EXAMPLES = `# Show metrics for all nodes
kubectl top node

# Show metrics for a given node
kubectl top node NODE_NAME`;

const topNodeCommand: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  long: TOP_NODE_LONG,
  examples: TOP_NODE_EXAMPLES,
  usage: 'kubectl top node [NAME | -l label] [options]',
  completion: { args: 'nodes' },
  flags: NODE_FLAGS,
  run: (ctx, args) => runTopSub(ctx, args, 'node'),
};

const topPodCommand: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  long: TOP_POD_LONG,
  examples: TOP_POD_EXAMPLES,
  usage: 'kubectl top pod [NAME | -l label] [options]',
  completion: { args: 'pods' },
  flags: POD_FLAGS,
  run: (ctx, args) => runTopSub(ctx, args, 'pod'),
};

export const topCommand: Command = {
  name: 'top',
  completion: { subcommands: ['node', 'pod'], args: 'none' },
  short: 'Display resource (CPU/memory) usage',
  long: `Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.`,
  usage: 'kubectl top [flags] [options]',
  flags: [],
  subcommands: [topNodeCommand, topPodCommand],
  run: runTop,
};

/** `kubectl top` with no subcommand word (cmdutil.DefaultSubCommandRun): help on stderr, exit 1. */
function runTop(ctx: CommandContext, args: ParsedArgs): number {
  const [sub] = args.positional;
  if (sub !== undefined) throw usageErrorTop(`unknown command ${JSON.stringify(sub)}`);
  ctx.io.err(commandHelp(topCommand, 'top'));
  return 1;
}

function runTopSub(ctx: CommandContext, args: ParsedArgs, which: 'node' | 'pod'): number {
  const names = args.positional;
  if (names.length > 1) throw usageError(`top ${which}`, `${which} [NAME | -l label]`);
  const sortBy = String(args.flags['sort-by']);
  if (sortBy !== '' && sortBy !== 'cpu' && sortBy !== 'memory') throw new CommandError('error: --sort-by accepts only cpu or memory');
  return which === 'node' ? topNode(ctx, args, names[0], sortBy) : topPod(ctx, args, names[0], sortBy);
}

function usageErrorTop(message: string): CommandError {
  return new CommandError(`error: ${message}\nSee 'kubectl top -h' for help and examples`);
}

/** The usage metrics-server holds for a node: only from a kubelet that answers. */
function nodeUsage(ctx: CommandContext, name: string): Usage | undefined {
  const agent = nodeAgent(ctx.sim, name);
  return agent?.up ? agent.nodeUsage() : undefined;
}

function topNode(ctx: CommandContext, args: ParsedArgs, name: string | undefined, sortBy: TopSortBy): number {
  const selector = String(args.flags.selector);
  if (name !== undefined && selector !== '') throw new CommandError('error: only one of NAME or --selector can be provided');
  let nodes: Node[];
  let metrics: NodeMetricsRow[];
  if (name !== undefined) {
    const usage = nodeUsage(ctx, name);
    if (!usage) throw new StatusError('NotFound', `nodemetrics.metrics.k8s.io ${JSON.stringify(name)} not found`, 404);
    metrics = [{ name, ...usage }];
    nodes = [ctx.sim.store.get<Node>('nodes', '', name)];
  } else {
    nodes = ctx.sim.store.list<Node>('nodes', { labelSelector: selector }).items;
    metrics = nodes.flatMap((n) => {
      const usage = nodeUsage(ctx, n.metadata.name ?? '');
      return usage ? [{ name: n.metadata.name ?? '', ...usage }] : [];
    });
    if (metrics.length === 0) throw new CommandError('error: metrics not available yet');
  }
  const basis = args.flags['show-capacity'] === true ? 'capacity' : 'allocatable';
  const available = new Map<string, Usage>();
  for (const n of nodes) {
    const list = n.status?.[basis] ?? {};
    available.set(n.metadata.name ?? '', { cpuMilli: cpuMilli(list.cpu ?? '0'), memoryBytes: memoryBytes(list.memory ?? '0') });
  }
  ctx.io.out(renderNodeMetrics(metrics, available, { noHeaders: args.flags['no-headers'] === true, sortBy }));
  return 0;
}

/** Every pod metrics-server has fresh data for: the pods of the kubelets that answer. */
function allPodUsage(ctx: CommandContext): PodUsage[] {
  const nodes = ctx.sim.store.list<Node>('nodes').items;
  return nodes.flatMap((n) => {
    const agent = nodeAgent(ctx.sim, n.metadata.name ?? '');
    return agent?.up ? agent.podUsage() : [];
  });
}

function topPod(ctx: CommandContext, args: ParsedArgs, name: string | undefined, sortBy: TopSortBy): number {
  const labelSelector = String(args.flags.selector);
  const fieldSelector = String(args.flags['field-selector']);
  if (name !== undefined && (labelSelector !== '' || fieldSelector !== '')) throw new CommandError('error: only one of NAME or selector can be provided');
  const allNs = args.flags['all-namespaces'] === true;
  const namespace = (args.flags.namespace as string | undefined) || 'default';
  const usage = allPodUsage(ctx);
  let metrics: PodMetricsRow[];
  if (name !== undefined) {
    const found = usage.find((u) => u.namespace === namespace && u.name === name);
    if (!found) throw new StatusError('NotFound', `podmetrics.metrics.k8s.io ${JSON.stringify(`${namespace}/${name}`)} not found`, 404);
    metrics = [found];
  } else {
    // The metrics API filters by the pods' labels and fields; the pods themselves say which match.
    const pods = ctx.sim.store.list<Pod>('pods', { namespace: allNs ? undefined : namespace, labelSelector, fieldSelector }).items;
    const wanted = new Set(pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    metrics = usage.filter((u) => wanted.has(`${u.namespace}/${u.name}`));
  }
  if (metrics.length === 0) {
    verifyEmptyMetrics(ctx, namespace, labelSelector, fieldSelector);
    ctx.io.err(allNs ? 'No resources found\n' : `No resources found in ${namespace} namespace.\n`);
  }
  ctx.io.out(
    renderPodMetrics(metrics, {
      containers: args.flags.containers === true,
      withNamespace: allNs,
      noHeaders: args.flags['no-headers'] === true,
      sortBy,
      sum: args.flags.sum === true,
    }),
  );
  return 0;
}

/**
 * top_pod.go verifyEmptyMetrics: no metrics and no pods is fine ("No resources found"); pods that
 * are all young may not have been scraped yet; an older one means metrics are really missing.
 * Like kubectl, it looks in the request namespace even with -A.
 */
function verifyEmptyMetrics(ctx: CommandContext, namespace: string, labelSelector: string, fieldSelector: string): void {
  const pods = ctx.sim.store.list<Pod>('pods', { namespace, labelSelector, fieldSelector }).items;
  if (pods.length === 0) return;
  for (const pod of pods) {
    const age = ctx.sim.now - parseTimestamp(pod.metadata.creationTimestamp ?? '');
    if (age > METRICS_CREATION_DELAY_MS) {
      throw new CommandError(`error: Metrics not available for pod ${pod.metadata.namespace}/${pod.metadata.name}, age: ${goDuration(age)}`);
    }
  }
  throw new CommandError('error: metrics not available yet');
}
