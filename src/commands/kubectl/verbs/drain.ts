/**
 * `kubectl drain NODE` (kubectl v1.31 pkg/cmd/drain/drain.go and pkg/drain): cordon the node,
 * then evict every pod on it through the eviction API — except mirror (static) pods, which are
 * skipped, and DaemonSet pods, which stop the drain unless `--ignore-daemonsets`; pods with
 * emptyDir need `--delete-emptydir-data` and pods without a controller `--force`. Each pod is
 * evicted "in parallel" as kubectl's goroutines do: a 429 from a PodDisruptionBudget is printed
 * and retried every 5 s, an evicted pod is polled every second until it is gone. All of it runs
 * on simulated time, so the command returns when the pods are gone (or the timeout is reached).
 *
 * A drain without --timeout waits forever in kubectl; here it gives up after ten simulated
 * minutes, as if `--timeout=10m0s` had been given (a blocked drain is what the student watches).
 */
import { isStatusError } from '../../../engine/api/errors.ts';
import type { Pod } from '../../../engine/api/types.ts';
import { parseDuration } from '../../../engine/kernel/time.ts';
import { formatGoDuration } from '../../../engine/node/backoff.ts';
import { parseLabelSelector } from '../../../engine/api/selectors.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, type DryRun } from './common.ts';
import { cordonNodes, lookUp } from './cordon.ts';
import { usageError } from './exec.ts';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'Pods declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
/** How long a drain without --timeout runs before the simulation stops it. */
export const DRAIN_WAIT_LIMIT_MS = 10 * 60 * 1000;
const EVICTION_RETRY_MS = 5_000;
const POLL_INTERVAL_MS = 1_000;

export const drainCommand: Command = {
  name: 'drain',
  completion: { args: 'nodes' },
  short: 'Drain node in preparation for maintenance',
  long: `Drain node in preparation for maintenance.

 The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.

 'drain' waits for graceful termination. You should not operate on the machine until the command completes.

 When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.

https://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg`,
  examples: `# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
kubectl drain foo --force

# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
kubectl drain foo --grace-period=900`,
  usage: 'kubectl drain NODE [options]',
  flags: [
    { name: 'force', type: 'bool', default: false, usage: 'Continue even if there are pods that do not declare a controller.' },
    { name: 'ignore-daemonsets', type: 'bool', default: false, usage: 'Ignore DaemonSet-managed pods.' },
    { name: 'delete-local-data', type: 'bool', default: false, hidden: true, usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'delete-emptydir-data', type: 'bool', default: false, usage: 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).' },
    { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.' },
    { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up, zero means infinite' },
    { name: 'pod-selector', type: 'string', default: '', usage: 'Label selector to filter pods on the node' },
    { name: 'disable-eviction', type: 'bool', default: false, usage: 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.' },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0, usage: 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    DRY_RUN_FLAG,
    {
      name: 'selector',
      short: 'l',
      type: 'string',
      default: '',
      usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.",
    },
  ],
  run: runDrain,
};

interface DrainOptions {
  force: boolean;
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  gracePeriodSeconds: number;
  timeoutMs: number;
  podSelector: string;
  disableEviction: boolean;
  skipWaitSeconds: number;
  dryRun: DryRun;
}

type Status = { kind: 'okay' } | { kind: 'skip' } | { kind: 'warning'; message: string; remove: boolean } | { kind: 'error'; message: string };

/** A drain failure carrying the errors as kubectl aggregates them. */
class DrainError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  }
}

function runDrain(ctx: CommandContext, args: ParsedArgs): number {
  const selector = String(args.flags.selector);
  if (args.positional.length === 0 && !args.set.has('selector')) throw usageError('drain', 'USAGE: drain NODE [flags]');
  if (args.positional.length > 0 && selector !== '') throw usageError('drain', 'cannot specify both a node name and a --selector option');
  const opts = options(ctx, args);
  const nodes = lookUp(ctx, args, selector);
  cordonNodes(ctx, nodes, true, opts.dryRun);
  const fatal: DrainError[] = [];
  const remaining: string[] = [];
  for (const node of nodes) {
    const name = node.metadata.name ?? '';
    try {
      drainNode(ctx, name, opts);
      ctx.io.out(`node/${name} drained${dryRunSuffix(opts.dryRun)}\n`);
    } catch (e) {
      if (!(e instanceof DrainError)) throw e;
      ctx.io.err(`error: unable to drain node ${JSON.stringify(name)} due to error: ${e.message}, continuing command...\n`);
      fatal.push(e);
      remaining.push(name);
    }
  }
  if (remaining.length === 0) return 0;
  ctx.io.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  // checkErr unwraps the outer aggregate of one and prints the inner errors one per line.
  const lines = fatal.length === 1 ? fatal[0].errors : fatal.map((e) => e.message);
  ctx.io.err(lines.map((l) => `${l}\n`).join(''));
  return 1;
}

function options(ctx: CommandContext, args: ParsedArgs): DrainOptions {
  if (args.set.has('delete-local-data')) {
    ctx.io.err('Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n');
  }
  const podSelector = String(args.flags['pod-selector']);
  if (podSelector !== '') {
    try {
      parseLabelSelector(podSelector);
    } catch {
      throw new CommandError('error: --pod-selector=<pod_selector> must be a valid label selector');
    }
  }
  const timeoutMs = parseDuration(String(args.flags.timeout));
  if (timeoutMs === undefined) throw new CommandError(`error: invalid argument "${String(args.flags.timeout)}" for "--timeout" flag: time: invalid duration "${String(args.flags.timeout)}"`);
  return {
    force: args.flags.force === true,
    ignoreDaemonSets: args.flags['ignore-daemonsets'] === true,
    deleteEmptyDirData: args.flags['delete-emptydir-data'] === true || args.flags['delete-local-data'] === true,
    gracePeriodSeconds: Number(args.flags['grace-period']),
    timeoutMs,
    podSelector,
    disableEviction: args.flags['disable-eviction'] === true,
    skipWaitSeconds: Number(args.flags['skip-wait-for-delete-timeout']),
    dryRun: dryRunMode(ctx, args),
  };
}

/** deleteOrEvictPodsSimple: the pods to remove (or why not), the warnings, then evict and wait. */
function drainNode(ctx: CommandContext, nodeName: string, opts: DrainOptions): void {
  const list = podsForDeletion(ctx, nodeName, opts);
  const errors = groupMessages(list, 'error').map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`);
  if (errors.length > 0) throw new DrainError(errors);
  const warnings = groupMessages(list, 'warning').map(([msg, pods]) => `${msg}: ${pods.join(', ')}`);
  if (warnings.length > 0) ctx.io.err(`Warning: ${warnings.join('; ')}\n`);
  const pods = list.filter((p) => p.status.kind === 'okay' || (p.status.kind === 'warning' && p.status.remove)).map((p) => p.pod);
  if (opts.dryRun === 'client') {
    for (const pod of pods) ctx.io.out(`evicting pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} (dry run)\n`);
    return;
  }
  const failures = opts.disableEviction ? deletePods(ctx, pods, opts) : evictPods(ctx, pods, opts);
  if (failures.length === 0) return;
  const pending = podsForDeletion(ctx, nodeName, opts).filter((p) => p.status.kind === 'okay' || (p.status.kind === 'warning' && p.status.remove));
  const err = new DrainError(failures);
  if (pending.length > 0) {
    ctx.io.err(`There are pending pods in node ${JSON.stringify(nodeName)} when an error occurred: ${err.message}\n`);
    for (const p of pending) ctx.io.err(`pod/${p.pod.metadata.name ?? ''}\n`);
  }
  throw err;
}

/** Messages of one status kind with their pods (`ns/name`), in the order the messages first occur. */
function groupMessages(list: readonly { pod: Pod; status: Status }[], kind: 'error' | 'warning'): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const { pod, status } of list) {
    if (status.kind !== kind) continue;
    const msg = status.message || 'unexpected error';
    groups.set(msg, [...(groups.get(msg) ?? []), `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`]);
  }
  return [...groups.entries()];
}

/** GetPodsForDeletion: every pod on the node through the filters; the last filter's verdict stands. */
function podsForDeletion(ctx: CommandContext, nodeName: string, opts: DrainOptions): { pod: Pod; status: Status }[] {
  const pods = ctx.sim.store.list<Pod>('pods', { fieldSelector: `spec.nodeName=${nodeName}`, labelSelector: opts.podSelector }).items;
  const filters = [skipDeletedFilter, daemonSetFilter, mirrorPodFilter, localStorageFilter, unreplicatedFilter];
  return pods.map((pod) => {
    let status: Status = { kind: 'okay' };
    for (const f of filters) {
      status = f(ctx, pod, opts);
      if (!deletes(status)) break;
    }
    return { pod, status };
  });
}

const deletes = (s: Status): boolean => s.kind === 'okay' || (s.kind === 'warning' && s.remove);
const finished = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controller = (pod: Pod) => pod.metadata.ownerReferences?.find((r) => r.controller === true);

function skipDeletedFilter(ctx: CommandContext, pod: Pod, opts: DrainOptions): Status {
  return deletedLongAgo(ctx, pod, opts.skipWaitSeconds) ? { kind: 'skip' } : { kind: 'okay' };
}

function deletedLongAgo(ctx: CommandContext, pod: Pod, seconds: number): boolean {
  const ts = pod.metadata.deletionTimestamp;
  if (seconds <= 0 || !ts) return false;
  return Math.floor((ctx.sim.now - (Date.parse(ts) - Date.parse('2025-01-01T00:00:00Z'))) / 1000) > seconds;
}

function daemonSetFilter(ctx: CommandContext, pod: Pod, opts: DrainOptions): Status {
  const ref = controller(pod);
  if (!ref || ref.kind !== 'DaemonSet' || finished(pod)) return { kind: 'okay' };
  if (!ctx.sim.store.tryGet('daemonsets', pod.metadata.namespace ?? '', ref.name)) {
    const err = `daemonsets.apps "${ref.name}" not found`;
    return opts.force ? { kind: 'warning', message: err, remove: true } : { kind: 'error', message: err };
  }
  if (!opts.ignoreDaemonSets) return { kind: 'error', message: DAEMONSET_FATAL };
  return { kind: 'warning', message: DAEMONSET_WARNING, remove: false };
}

function mirrorPodFilter(_ctx: CommandContext, pod: Pod): Status {
  return pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined ? { kind: 'skip' } : { kind: 'okay' };
}

function localStorageFilter(_ctx: CommandContext, pod: Pod, opts: DrainOptions): Status {
  const volumes = (pod.spec as { volumes?: { emptyDir?: unknown }[] }).volumes ?? [];
  if (!volumes.some((v) => v.emptyDir !== undefined && v.emptyDir !== null) || finished(pod)) return { kind: 'okay' };
  if (!opts.deleteEmptyDirData) return { kind: 'error', message: LOCAL_STORAGE_FATAL };
  return { kind: 'warning', message: LOCAL_STORAGE_WARNING, remove: true };
}

function unreplicatedFilter(_ctx: CommandContext, pod: Pod, opts: DrainOptions): Status {
  if (finished(pod) || controller(pod)) return { kind: 'okay' };
  if (opts.force) return { kind: 'warning', message: UNMANAGED_WARNING, remove: true };
  return { kind: 'error', message: UNMANAGED_FATAL };
}

interface Task {
  pod: Pod;
  waiting: boolean;
  done: boolean;
  nextMs: number;
}

/** evictPods: one "goroutine" per pod on simulated time; returns the errors. */
function evictPods(ctx: CommandContext, pods: readonly Pod[], opts: DrainOptions): string[] {
  const timeoutMs = opts.timeoutMs > 0 ? opts.timeoutMs : DRAIN_WAIT_LIMIT_MS;
  const deadline = ctx.sim.now + timeoutMs;
  const shown = formatGoDuration(timeoutMs);
  const errors: string[] = [];
  const tasks: Task[] = pods.map((pod) => ({ pod, waiting: false, done: false, nextMs: ctx.sim.now }));
  for (;;) {
    for (const t of tasks) {
      if (t.done || t.nextMs > ctx.sim.now) continue;
      const err = t.waiting ? pollGone(ctx, t, opts, deadline, shown, 'evicted') : tryEvict(ctx, t, opts, deadline, shown);
      if (err) errors.push(err);
    }
    if (!advanceToNext(ctx, tasks)) return errors;
  }
}

/** One pass of the eviction loop for a pod: print, then evict (or retry after 5 s on 429). */
function tryEvict(ctx: CommandContext, t: Task, opts: DrainOptions, deadline: number, shown: string): string | undefined {
  const ns = t.pod.metadata.namespace ?? '';
  const name = t.pod.metadata.name ?? '';
  ctx.io.out(`evicting pod ${ns}/${name}${opts.dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  if (ctx.sim.now >= deadline) {
    t.done = true;
    return `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)}: global timeout reached: ${shown}`;
  }
  try {
    ctx.sim.store.evict(ns, name, { gracePeriodSeconds: opts.gracePeriodSeconds >= 0 ? opts.gracePeriodSeconds : undefined, dryRun: opts.dryRun === 'server' });
  } catch (e) {
    if (!isStatusError(e)) throw e;
    if (e.reason === 'NotFound') {
      t.done = true;
      return undefined;
    }
    if (e.reason === 'TooManyRequests') {
      ctx.io.err(`error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)} (will retry after 5s): ${e.message}\n`);
      t.nextMs = ctx.sim.now + EVICTION_RETRY_MS;
      return undefined;
    }
    t.done = true;
    return `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)}: ${e.message}`;
  }
  if (opts.dryRun === 'server') {
    t.done = true;
    return undefined;
  }
  t.waiting = true;
  return pollGone(ctx, t, opts, deadline, shown, 'evicted');
}

/** waitForDelete's poll for one pod: gone (or replaced) prints `pod/NAME evicted`. */
function pollGone(ctx: CommandContext, t: Task, opts: DrainOptions, deadline: number, shown: string, verb: string): string | undefined {
  const ns = t.pod.metadata.namespace ?? '';
  const name = t.pod.metadata.name ?? '';
  const live = ctx.sim.store.tryGet<Pod>('pods', ns, name);
  if (!live || live.metadata.uid !== t.pod.metadata.uid) {
    ctx.io.out(`pod/${name} ${verb}\n`);
    t.done = true;
    return undefined;
  }
  if (deletedLongAgo(ctx, live, opts.skipWaitSeconds)) {
    ctx.io.out(`Pod ${name} has DeletionTimestamp older than ${opts.skipWaitSeconds} seconds, skipping\n`);
    t.done = true;
    return undefined;
  }
  if (ctx.sim.now >= deadline) {
    t.done = true;
    return `error when waiting for pod ${JSON.stringify(name)} in namespace ${JSON.stringify(ns)} to terminate: global timeout reached: ${shown}`;
  }
  t.nextMs = ctx.sim.now + POLL_INTERVAL_MS;
  return undefined;
}

/** Runs the cluster to the next moment a task is due; false when every task is done. */
function advanceToNext(ctx: CommandContext, tasks: readonly Task[]): boolean {
  let next = Infinity;
  for (const t of tasks) if (!t.done) next = Math.min(next, t.nextMs);
  if (!Number.isFinite(next)) return false;
  ctx.sim.advance(Math.max(0, next - ctx.sim.now));
  return true;
}

/** deletePods (--disable-eviction): delete each, then wait for all to be gone. */
function deletePods(ctx: CommandContext, pods: readonly Pod[], opts: DrainOptions): string[] {
  for (const pod of pods) {
    try {
      const grace = opts.gracePeriodSeconds >= 0 ? opts.gracePeriodSeconds : undefined;
      ctx.sim.store.delete('pods', pod.metadata.namespace ?? '', pod.metadata.name ?? '', { gracePeriodSeconds: grace, dryRun: opts.dryRun === 'server' });
    } catch (e) {
      if (!isStatusError(e, 'NotFound')) return [isStatusError(e) ? e.message : String(e)];
    }
  }
  if (opts.dryRun === 'server') return [];
  const timeoutMs = opts.timeoutMs > 0 ? opts.timeoutMs : DRAIN_WAIT_LIMIT_MS;
  const deadline = ctx.sim.now + timeoutMs;
  const tasks: Task[] = pods.map((pod) => ({ pod, waiting: true, done: false, nextMs: ctx.sim.now }));
  for (;;) {
    for (const t of tasks) if (!t.done && t.nextMs <= ctx.sim.now) pollDeleted(ctx, t);
    if (tasks.every((t) => t.done)) return [];
    if (ctx.sim.now >= deadline) return ['timed out waiting for the condition'];
    advanceToNext(ctx, tasks);
  }
}

function pollDeleted(ctx: CommandContext, t: Task): void {
  const live = ctx.sim.store.tryGet<Pod>('pods', t.pod.metadata.namespace ?? '', t.pod.metadata.name ?? '');
  if (!live || live.metadata.uid !== t.pod.metadata.uid) {
    ctx.io.out(`pod/${t.pod.metadata.name ?? ''} deleted\n`);
    t.done = true;
  } else t.nextMs = ctx.sim.now + POLL_INTERVAL_MS;
}
