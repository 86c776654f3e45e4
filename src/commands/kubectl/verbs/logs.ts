/**
 * `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]` and `kubectl logs -l SELECTOR`: the
 * container's log as its kubelet keeps it. kubectl picks the pods and containers (logs.go,
 * polymorphichelpers/logsforobject.go), the API server finds the node (pod/strategy.go LogLocation),
 * the kubelet reads the log or says why it cannot (kubelet_pods.go validateContainerLogStatus).
 *
 * `-f` prints what the container has written so far and returns: simulated time only moves when
 * the script says so (`sim advance`), so following a log is watching it grow with repeated
 * `kubectl logs` or with `kubectl get -w`.
 */
import { badRequest, StatusError } from '../../../engine/api/errors.ts';
import type { KObject, Pod } from '../../../engine/api/types.ts';
import { EPOCH_UNIX_MS, parseDuration, parseTimestamp } from '../../../engine/kernel/time.ts';
import type { LogLine } from '../../../engine/node/types.ts';
import type { ParsedArgs } from '../../flags.ts';
import {
  DEFAULT_CONTAINER_ANNOTATION,
  allContainerNames,
  dialError,
  hasContainer,
  isAgentError,
  KUBELET_PORT,
  LOGGING_ORDER,
  nodeAddress,
  podNode,
  podsForSelector,
  selectorForObject,
  waitingReasonText,
} from '../../node-agent.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { resolveType } from '../resources.ts';
import { podRunningTimeout, usageError } from './exec.ts';

const LOGS_USAGE = 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]';
const LOGS_USAGE_ERR = `expected '${LOGS_USAGE}'.\nPOD or TYPE/NAME is a required argument for the logs command`;
/** logs.go selectorTail: with -l and no --tail, the last 10 lines of each container. */
const SELECTOR_TAIL = 10;

export const logsCommand: Command = {
  name: 'logs',
  completion: { args: 'pods' },
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  examples: `# Return snapshot logs from pod nginx with only one container
kubectl logs nginx

# Return snapshot logs from pod nginx with multi containers
kubectl logs nginx --all-containers=true

# Return snapshot logs from all containers in pods defined by label app=nginx
kubectl logs -l app=nginx --all-containers=true

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Begin streaming the logs from all containers in pods defined by label app=nginx
kubectl logs -f -l app=nginx --all-containers=true

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
kubectl logs --since=1h nginx

# Show logs from a kubelet with an expired serving certificate
kubectl logs --insecure-skip-tls-verify-backend nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello

# Return snapshot logs from container nginx-1 of a deployment named nginx
kubectl logs deployment/nginx -c nginx-1`,
  usage: `kubectl ${LOGS_USAGE} [options]`,
  flags: [
    { name: 'all-containers', type: 'bool', default: false, usage: "Get all containers' logs in the pod(s)." },
    { name: 'all-pods', type: 'bool', default: false, usage: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'container', short: 'c', type: 'string', default: '', usage: 'Print the logs of this container' },
    { name: 'follow', short: 'f', type: 'bool', default: false, usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', default: false, usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    {
      name: 'insecure-skip-tls-verify-backend',
      type: 'bool',
      default: false,
      usage:
        'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.',
    },
    { name: 'limit-bytes', type: 'int', default: 0, usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'max-log-requests', type: 'int', default: 5, usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    {
      name: 'pod-running-timeout',
      type: 'duration',
      default: '20s',
      usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
    { name: 'prefix', type: 'bool', default: false, usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', short: 'p', type: 'bool', default: false, usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage:
        "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
    { name: 'since', type: 'duration', default: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', default: '', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    {
      name: 'tail',
      type: 'int',
      default: -1,
      usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
    },
    { name: 'timestamps', type: 'bool', default: false, usage: 'Include timestamps on each line in the log output' },
  ],
  run: runLogs,
};

/** PodLogOptions as kubectl sends them. */
interface LogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  sinceTimeMs?: number;
  sinceTimeText?: string;
  tailLines?: number;
  limitBytes?: number;
}

/** One log stream: a container of a pod. */
interface LogRequest {
  pod: Pod;
  container: string;
}

/** An API error without a reason (the API server could not reach the kubelet): `Error from server: ...`. */
class ReasonlessError extends CommandError {
  constructor(readonly bare: string) {
    super(`Error from server: ${bare}`);
  }
}

function runLogs(ctx: CommandContext, args: ParsedArgs): number {
  const selector = String(args.flags.selector);
  const positional = args.positional;
  // Complete.
  if ((positional.length === 0 && selector === '') || positional.length > 2) throw usageError('logs', LOGS_USAGE_ERR);
  if (positional.length === 1 && selector !== '') throw usageError('logs', 'only a selector (-l) or a POD name is allowed');
  const namespace = (args.flags.namespace as string | undefined) || 'default';
  const timeoutMs = podRunningTimeout('logs', args, false);
  const opts = logOptions(args, positional.length === 2 ? positional[1] : String(args.flags.container));
  const object = logsObject(ctx, namespace, positional[0], selector);
  validate(args, opts, positional.length);
  const allPods = args.flags['all-pods'] === true;
  const requests = logRequests(ctx, object, opts, args.flags['all-containers'] === true, allPods, timeoutMs);
  const maxFollow = Number(args.flags['max-log-requests']);
  if (opts.follow && requests.length > 1 && requests.length > maxFollow) {
    throw new CommandError(
      `error: you are attempting to follow ${requests.length} log streams, but maximum allowed concurrency is ${maxFollow}, use --max-log-requests to increase the limit`,
    );
  }
  const prefix = args.flags.prefix === true || allPods;
  for (const req of requests) {
    try {
      const text = readLog(ctx, req, opts);
      ctx.io.out(prefix ? prefixLines(text, `[pod/${req.pod.metadata.name}/${req.container}] `) : text);
    } catch (e) {
      if (args.flags['ignore-errors'] !== true) throw e;
      ctx.io.out(`error: ${bareMessage(e)}\n`);
    }
  }
  return 0;
}

/** LogsOptions.ToLogOptions. */
function logOptions(args: ParsedArgs, container: string): LogOptions {
  const opts: LogOptions = {
    container,
    follow: args.flags.follow === true,
    previous: args.flags.previous === true,
    timestamps: args.flags.timestamps === true,
  };
  const sinceTime = String(args.flags['since-time']);
  if (sinceTime !== '') {
    const t = parseTimestamp(sinceTime);
    if (Number.isNaN(t)) throw new CommandError(`error: parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`);
    opts.sinceTimeMs = t;
    opts.sinceTimeText = sinceTime;
  }
  const limit = Number(args.flags['limit-bytes']);
  if (limit !== 0) opts.limitBytes = limit;
  const sinceText = String(args.flags.since);
  const sinceMs = parseDuration(sinceText);
  if (sinceMs === undefined) {
    throw new CommandError(`error: invalid argument "${sinceText}" for "--since" flag: time: invalid duration ${JSON.stringify(sinceText)}\nSee 'kubectl logs --help' for usage.`);
  }
  if (sinceMs !== 0) opts.sinceSeconds = Math.round(sinceMs / 1000);
  const tail = Number(args.flags.tail);
  if (String(args.flags.selector) !== '' && tail === -1 && !args.set.has('tail')) opts.tailLines = SELECTOR_TAIL;
  else if (tail !== -1) opts.tailLines = tail;
  return opts;
}

/** LogsOptions.Validate. */
function validate(args: ParsedArgs, opts: LogOptions, positionalCount: number): void {
  const fail = (msg: string) => new CommandError(`error: ${msg}`);
  if (opts.sinceTimeText !== undefined && opts.sinceSeconds !== undefined) throw fail('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (args.flags['all-containers'] === true && opts.container !== '') {
    throw fail(`--all-containers=true should not be specified with container name ${opts.container}`);
  }
  if (args.set.has('container') && positionalCount === 2) throw fail('only one of -c or an inline [CONTAINER] arg is allowed');
  if (Number(args.flags['limit-bytes']) < 0) throw fail('--limit-bytes must be greater than 0');
  if (opts.tailLines !== undefined && opts.tailLines < -1) throw fail('--tail must be greater than or equal to -1');
}

/**
 * What the resource builder returns: the named object, or the list of pods a selector matches
 * (with `No resources found` on stderr when it matches none). A missing object is wrapped as
 * logs.go does since v1.30.
 */
function logsObject(ctx: CommandContext, namespace: string, resource: string | undefined, selector: string): KObject | Pod[] {
  if (resource === undefined) {
    const pods = ctx.sim.store.list<Pod>('pods', { namespace, labelSelector: selector }).items;
    if (pods.length === 0) ctx.io.err(`No resources found in ${namespace} namespace.\n`);
    return pods;
  }
  const slash = resource.indexOf('/');
  const rt = slash < 0 ? resolveType('pods') : resolveType(resource.slice(0, slash));
  const name = slash < 0 ? resource : resource.slice(slash + 1);
  try {
    return ctx.sim.store.get(rt, rt.namespaced ? namespace : '', name);
  } catch (e) {
    if (e instanceof StatusError && e.reason === 'NotFound') {
      throw new CommandError(`error: error from server (NotFound): ${e.message} in namespace ${JSON.stringify(namespace)}`);
    }
    throw e;
  }
}

/** polymorphichelpers.logsForObjectWithClient: which containers of which pods to read. */
function logRequests(ctx: CommandContext, object: KObject | Pod[], opts: LogOptions, allContainers: boolean, allPods: boolean, timeoutMs: number): LogRequest[] {
  if (Array.isArray(object)) return object.flatMap((pod) => podRequests(ctx, pod, opts, allContainers, allPods));
  if (object.kind === 'Pod') return podRequests(ctx, object as Pod, opts, allContainers, allPods);
  const selector = selectorForObject(object, 'cannot get the logs from');
  const pods = podsForSelector(ctx.sim, object.metadata.namespace ?? 'default', selector, LOGGING_ORDER, timeoutMs);
  if (pods.length > 1 && allPods) return pods.flatMap((pod) => podRequests(ctx, pod, opts, allContainers, allPods));
  if (pods.length > 1) ctx.io.err(`Found ${pods.length} pods, using pod/${pods[0].metadata.name}\n`);
  return podRequests(ctx, pods[0], opts, allContainers, allPods);
}

function podRequests(ctx: CommandContext, pod: Pod, opts: LogOptions, allContainers: boolean, allPods: boolean): LogRequest[] {
  if (allContainers) {
    const ephemeral = (pod.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? [];
    const names = [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...ephemeral].map((c) => c.name);
    return names.flatMap((container) => podRequests(ctx, pod, { ...opts, container }, false, false));
  }
  const name = pod.metadata.name ?? '';
  let container = opts.container;
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
  if (container === '' && annotated !== '') {
    if (hasContainer(pod, annotated)) container = annotated;
    else ctx.io.err(`Default container name ${JSON.stringify(annotated)} not found in pod ${name}\n`);
  }
  if (container === '') {
    container = pod.spec.containers[0].name;
    const several = allContainerNames(pod).includes(', ');
    if (several && !allPods) ctx.io.err(`Defaulted container ${JSON.stringify(container)} out of: ${allContainerNames(pod)}\n`);
  }
  if (!hasContainer(pod, container)) throw new CommandError(`error: container ${container} is not valid for pod ${name}`);
  return [{ pod, container }];
}

/** One log stream through the API server and the kubelet, as the text kubectl copies to stdout. */
function readLog(ctx: CommandContext, req: LogRequest, opts: LogOptions): string {
  const { pod, container } = req;
  const namespace = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  // LogLocation: a pod without a node has no log location, and the API server returns an empty body.
  const where = podNode(ctx.sim, pod);
  if (!where) return '';
  const unreachable = () =>
    new ReasonlessError(
      `Get "https://${nodeAddress(where.node)}:${KUBELET_PORT}/containerLogs/${namespace}/${name}/${container}${logQuery(opts)}": ${dialError(where.node)}`,
    );
  if (!where.agent) throw unreachable();
  const result = where.agent.logs(namespace, name, container, { previous: opts.previous });
  if (!isAgentError(result)) return formatLog(ctx, result, opts);
  switch (result.kind) {
    case 'node-down':
      throw unreachable();
    case 'pod-not-found':
      // The kubelet answers 404 (`pod "p" does not exist`); the API server's response checker turns it into a generic NotFound.
      throw new StatusError('NotFound', `the server could not find the requested resource ( pods/log ${name})`, 404);
    case 'container-not-found':
      // The kubelet has no status for the container yet.
      throw badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is not available`);
    case 'container-not-running':
      throw badRequest(`container ${JSON.stringify(container)} in pod ${JSON.stringify(name)} is terminated`);
    case 'no-previous':
      throw badRequest(`previous terminated container ${JSON.stringify(result.container)} in pod ${JSON.stringify(result.podName)} not found`);
    case 'waiting':
      throw badRequest(`container ${JSON.stringify(result.container)} in pod ${JSON.stringify(result.podName)} is waiting to start: ${waitingReasonText(result.reason)}`);
  }
}

/** The kubelet's log reader: tail, since, timestamps, then the byte limit. */
function formatLog(ctx: CommandContext, lines: LogLine[], opts: LogOptions): string {
  let picked = opts.tailLines !== undefined && opts.tailLines >= 0 ? lines.slice(Math.max(0, lines.length - opts.tailLines)) : lines;
  const since = opts.sinceSeconds !== undefined ? ctx.sim.now - opts.sinceSeconds * 1000 : opts.sinceTimeMs;
  if (since !== undefined) picked = picked.filter((l) => l.at >= since);
  let text = picked.map((l) => `${opts.timestamps ? `${rfc3339NanoFixed(l.at)} ` : ''}${l.text.endsWith('\n') ? l.text : `${l.text}\n`}`).join('');
  if (opts.limitBytes !== undefined) text = truncateBytes(text, opts.limitBytes);
  return text;
}

/** The kubelet's timestamp format for log lines (RFC3339NanoFixed: always nine fraction digits). */
export function rfc3339NanoFixed(at: number): string {
  return new Date(EPOCH_UNIX_MS + at).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The first `limit` bytes of UTF-8 text. */
function truncateBytes(text: string, limit: number): string {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= limit) return text;
  return new TextDecoder().decode(bytes.slice(0, limit));
}

/** The query of the kubelet URL LogLocation builds (url.Values.Encode: keys sorted). */
function logQuery(opts: LogOptions): string {
  const params: [string, string][] = [];
  if (opts.follow) params.push(['follow', 'true']);
  if (opts.limitBytes !== undefined) params.push(['limitBytes', String(opts.limitBytes)]);
  if (opts.previous) params.push(['previous', 'true']);
  if (opts.sinceSeconds !== undefined) params.push(['sinceSeconds', String(opts.sinceSeconds)]);
  if (opts.sinceTimeText !== undefined) params.push(['sinceTime', encodeURIComponent(opts.sinceTimeText)]);
  if (opts.tailLines !== undefined) params.push(['tailLines', String(opts.tailLines)]);
  if (opts.timestamps) params.push(['timestamps', 'true']);
  return params.length === 0 ? '' : `?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

/** logs.go prefixingWriter: the prefix before every line written. */
function prefixLines(text: string, prefix: string): string {
  if (text === '') return '';
  const lines = text.split('\n');
  const last = lines.pop();
  return lines.map((l) => `${prefix}${l}\n`).join('') + (last ? `${prefix}${last}` : '');
}

/** err.Error() of an error kubectl prints with --ignore-errors. */
function bareMessage(e: unknown): string {
  if (e instanceof ReasonlessError) return e.bare;
  if (e instanceof Error) return e.message.replace(/^error: /, '');
  return String(e);
}
