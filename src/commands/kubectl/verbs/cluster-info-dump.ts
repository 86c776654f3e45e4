/**
 * `kubectl cluster-info dump` (kubectl v1.31 pkg/cmd/clusterinfo/clusterinfo_dump.go): the nodes,
 * then for each namespace (kube-system and the current one; `--namespaces`; every one with -A)
 * its Events, ReplicationControllers, Services, DaemonSets, Deployments, ReplicaSets and Pods as
 * the typed clients list them, then every container's log between `==== START logs for container
 * C of pod NS/P ====` and `==== END ... ====` lines.
 *
 * kubectl prints the typed lists, so `-o json` (the default) writes Go struct field order (field
 * types from the OpenAPI tree, orders from the typed printer's table and this file's core/v1 ones)
 * (`kind`, `apiVersion`, `metadata`, `items`; items without kind and apiVersion, as list items
 * come from the API server); `-o yaml` sorts keys and separates the lists with `---`. Podlab has
 * no ReplicationControllers: their list is empty, as on a cluster that has none.
 *
 * `--output-directory=DIR` (other than `-`) writes the same texts to files instead, each through
 * kubectl's setupOutputWriter (`os.MkdirAll` of the parent, then `os.Create`): DIR/nodes.json,
 * DIR/NS/{events,replication-controllers,services,daemonsets,deployments,replicasets,pods}.json
 * (`.yaml` with `-o yaml`, the one printer's `---` counting on across files), DIR/NS/POD/logs.txt,
 * and prints `Cluster info dumped to DIR`. It writes where the session's file system is writable
 * (`npx podlab run`: beside the script; the app: its in-memory workspace); elsewhere the first
 * `mkdir` fails as on a read-only mount, and kubectl's CheckErr prints it.
 */
import type { ResourceType } from '../../../engine/api/resources.ts';
import { resourceByPlural } from '../../../engine/api/resources.ts';
import type { KObject, Pod } from '../../../engine/api/types.ts';
import { dialError, isAgentError, KUBELET_PORT, nodeAddress, podNode, waitingReasonText } from '../../node-agent.ts';
import type { ParsedArgs } from '../../flags.ts';
import { goJsonString } from '../../printers/json.ts';
import { typedJsonOf } from '../../printers/typed-json.ts';
import { kindDefinitionId } from '../../../engine/api/schema/schema.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { createFile, dirPath, GoPathError, joinPath, mkdirAll } from '../../fs-write.ts';
import { PRINT_FLAGS } from './metadata-edit.ts';

const LONG = `Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag, or specify --all-namespaces to dump all namespaces.

 The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different directories based on namespace and pod name.`;

const EXAMPLES = `# Dump current cluster state to stdout
kubectl cluster-info dump

# Dump current cluster state to /path/to/cluster-state
kubectl cluster-info dump --output-directory=/path/to/cluster-state

# Dump all namespaces to stdout
kubectl cluster-info dump --all-namespaces

# Dump a set of namespaces to /path/to/cluster-state
kubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state`;

export const clusterInfoDumpCommand: Command = {
  name: 'dump',
  short: 'Dump relevant information for debugging and diagnosis',
  long: LONG,
  examples: EXAMPLES,
  usage: 'kubectl cluster-info dump [flags] [options]',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false, usage: 'If true, dump all namespaces.  If true, --namespaces is ignored.' },
    { name: 'namespaces', type: 'strings', default: [], usage: 'A comma separated list of namespaces to dump.' },
    ...PRINT_FLAGS.map((f) => (f.name === 'output' ? { ...f, default: 'json' } : f)),
    {
      name: 'output-directory',
      type: 'string',
      default: '',
      usage: "Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy in that directory",
    },
    {
      name: 'pod-running-timeout',
      type: 'duration',
      default: '20s',
      usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
  ],
  run: runDump,
};

/** The namespaced lists, in kubectl's order: [plural, list kind, file name under DIR/NS]. */
const NAMESPACED_LISTS: readonly [string, string, string][] = [
  ['events', 'EventList', 'events'],
  ['replicationcontrollers', 'ReplicationControllerList', 'replication-controllers'],
  ['services', 'ServiceList', 'services'],
  ['daemonsets', 'DaemonSetList', 'daemonsets'],
  ['deployments', 'DeploymentList', 'deployments'],
  ['replicasets', 'ReplicaSetList', 'replicasets'],
  ['pods', 'PodList', 'pods'],
];

function runDump(ctx: CommandContext, args: ParsedArgs): number {
  const output = String(args.flags.output);
  if (output !== 'json' && output !== 'yaml') {
    throw new CommandError(`error: cluster-info dump -o ${output} is not available in Podlab yet (json and yaml are)`);
  }
  const dir = String(args.flags['output-directory'] ?? '');
  const toFiles = dir !== '' && dir !== '-';
  const ext = `.${output}`;
  let out = '';
  // kubectl's setupOutputWriter: stdout, or a fresh file at DIR/NAME+EXT (its parent made first).
  const emit = (name: string, extension: string, text: string) => {
    if (!toFiles) {
      out += text;
      return;
    }
    const file = joinPath(dir, name) + extension;
    mkdirAll(ctx.fs, dirPath(file));
    createFile(ctx.fs, file, text);
  };
  const printer = new ListPrinter(output);
  try {
    emit('nodes', ext, printer.print(list(ctx, 'nodes', 'NodeList', undefined)));
    for (const ns of namespacesToDump(ctx, args)) {
      for (const [plural, kind, file] of NAMESPACED_LISTS) emit(joinPath(ns, file), ext, printer.print(list(ctx, plural, kind, ns)));
      for (const pod of ctx.sim.store.list<Pod>('pods', { namespace: ns }).items) emit(joinPath(ns, pod.metadata.name ?? '', 'logs'), '.txt', podLogs(ctx, pod));
    }
  } catch (e) {
    // Only files fail; what was written before stays, as kubectl's CheckErr exits mid-dump.
    if (!(e instanceof GoPathError)) throw e;
    throw new CommandError(`error: ${e.message}`);
  }
  ctx.io.out(toFiles ? `Cluster info dumped to ${dir}\n` : out);
  return 0;
}

function namespacesToDump(ctx: CommandContext, args: ParsedArgs): string[] {
  if (args.flags['all-namespaces'] === true) return ctx.sim.store.list('namespaces').items.map((n) => n.metadata.name ?? '');
  // A StringSlice: each value is itself a comma separated list.
  const given = (args.flags.namespaces as string[]).flatMap((v) => v.split(','));
  if (given.length > 0) return given;
  return ['kube-system', String(args.flags.namespace ?? '') || 'default'];
}

interface TypedList {
  kind: string;
  itemKind: string;
  resourceVersion: string;
  items: KObject[];
}

/** A typed client's List: items without kind and apiVersion; an unmodelled kind lists nothing. */
function list(ctx: CommandContext, plural: string, kind: string, namespace: string | undefined): TypedList {
  const rt: ResourceType | undefined = resourceByPlural(plural);
  const items = rt ? ctx.sim.store.list(rt, { namespace }).items : [];
  return {
    kind,
    itemKind: kind.replace(/List$/, ''),
    resourceVersion: ctx.sim.store.resourceVersion,
    items: items.map((o) => {
      const copy: Record<string, unknown> = { ...o };
      delete copy.kind;
      delete copy.apiVersion;
      return copy as unknown as KObject;
    }),
  };
}

/** The printer kubectl builds once: JSON per list, or YAML with `---` before every list after the first. */
class ListPrinter {
  private count = 0;

  constructor(private readonly format: 'json' | 'yaml') {}

  print(l: TypedList): string {
    const meta = { resourceVersion: l.resourceVersion };
    if (this.format === 'yaml') {
      const sep = this.count++ > 0 ? '---\n' : '';
      const items = l.items.map((item) => (APPS_KINDS.has(l.itemKind) ? withoutZeroOmitEmpty(item) : item));
      return sep + toYaml({ apiVersion: apiVersionOf(l.itemKind), items, kind: l.kind, metadata: meta });
    }
    const items = l.items.map((item) => indent(itemJson(l.itemKind, item), 2));
    const body = items.length === 0 ? '[]' : `[\n        ${items.join(',\n        ')}\n    ]`;
    return `{\n    "kind": ${goJsonString(l.kind)},\n    "apiVersion": ${goJsonString(apiVersionOf(l.itemKind))},\n    "metadata": {\n        "resourceVersion": ${goJsonString(l.resourceVersion)}\n    },\n    "items": ${body}\n}\n`;
  }
}

const APPS_KINDS = new Set(['DaemonSet', 'Deployment', 'ReplicaSet']);
const apiVersionOf = (kind: string) => (APPS_KINDS.has(kind) ? 'apps/v1' : 'v1');


/** One item in Go struct order. */
function itemJson(kind: string, item: KObject): string {
  const obj = APPS_KINDS.has(kind) ? withoutZeroOmitEmpty(item) : item;
  return typedJsonOf(kindDefinitionId(APPS_KINDS.has(kind) ? 'apps' : '', 'v1', kind), obj);
}

/** The apps specs' minReadySeconds is `omitempty`: Go drops a zero, which the store may hold. */
function withoutZeroOmitEmpty(item: KObject): KObject {
  const spec = (item as { spec?: Record<string, unknown> }).spec;
  if (spec?.minReadySeconds !== 0) return item;
  const copy = { ...spec };
  delete copy.minReadySeconds;
  return { ...item, spec: copy } as KObject;
}

/** Indents every line but the first by `depth` levels of four spaces. */
function indent(text: string, depth: number): string {
  return text.split('\n').join(`\n${'    '.repeat(depth)}`);
}

/** Every container's log (init containers first) between kubectl's START and END lines. */
function podLogs(ctx: CommandContext, pod: Pod): string {
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  let out = '';
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    out += `==== START logs for container ${c.name} of pod ${ns}/${name} ====\n`;
    out += containerLog(ctx, pod, c.name);
    out += `==== END logs for container ${c.name} of pod ${ns}/${name} ====\n`;
  }
  return out;
}

/** The log text, or `Request log error: ...` with the API server's message (the pods/log errors of `kubectl logs`). */
function containerLog(ctx: CommandContext, pod: Pod, container: string): string {
  const where = podNode(ctx.sim, pod);
  if (!where) return '';
  const ns = pod.metadata.namespace ?? '';
  const name = pod.metadata.name ?? '';
  const fail = (msg: string) => `Request log error: ${msg}\n`;
  const unreachable = () => fail(`Get "https://${nodeAddress(where.node)}:${KUBELET_PORT}/containerLogs/${ns}/${name}/${container}": ${dialError(where.node)}`);
  if (!where.agent) return unreachable();
  const result = where.agent.logs(ns, name, container, { previous: false });
  if (!isAgentError(result)) return result.map((l) => (l.text.endsWith('\n') ? l.text : `${l.text}\n`)).join('');
  switch (result.kind) {
    case 'node-down':
      return unreachable();
    case 'pod-not-found':
      return fail(`the server could not find the requested resource ( pods/log ${name})`);
    case 'container-not-found':
      return fail(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is not available`);
    case 'container-not-running':
      return fail(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is terminated`);
    case 'no-previous':
      return '';
    case 'waiting':
      return fail(`container ${JSON.stringify(result.container)} in pod ${JSON.stringify(result.podName)} is waiting to start: ${waitingReasonText(result.reason)}`);
  }
}
