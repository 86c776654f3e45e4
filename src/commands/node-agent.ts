/**
 * The command layer's way to a node's kubelet. `kubectl exec`, `logs` and `top`, `sim kill` and
 * `sim node fail|recover|exec` reach a node through `Simulation.nodeAgent(name)` (the kubelet's
 * {@link NodeAgentApi}); the checks the API server and kubectl make on the way (which container,
 * is the pod bound, can the API server dial the kubelet) live here so every verb words them alike.
 */
import { badRequest } from '../engine/api/errors.ts';
import { labelSelectorRequirements, type LabelRequirements } from '../engine/api/selectors.ts';
import type { Container, KObject, LabelSelector, Node, Pod } from '../engine/api/types.ts';
import type { AgentError, NodeAgentApi } from '../engine/node/types.ts';
import type { Simulation } from '../engine/simulation.ts';
import { CommandError, type CommandIO } from './types.ts';

/** The kubelet of a node, if the node has one. */
export function nodeAgent(sim: Simulation, nodeName: string): NodeAgentApi | undefined {
  return sim.nodeAgent(nodeName);
}

/** `sim node fail NAME`: throws an Error with a message when the node does not exist. */
export function failNode(sim: Simulation, name: string): void {
  sim.failNode(name);
}

/** `sim node recover NAME`: throws an Error with a message when the node does not exist. */
export function recoverNode(sim: Simulation, name: string): void {
  sim.recoverNode(name);
}

export function isAgentError(v: unknown): v is AgentError {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { kind?: unknown }).kind === 'string';
}

/** The port the API server dials a kubelet on. */
export const KUBELET_PORT = 10250;

/** The address the API server dials a node's kubelet at (its InternalIP, as kubeadm's preference list starts). */
export function nodeAddress(node: Node): string {
  const addresses = node.status?.addresses ?? [];
  return (addresses.find((a) => a.type === 'InternalIP') ?? addresses[0])?.address ?? node.metadata.name ?? '';
}

/**
 * What the Go dialer reports when the machine behind an address is off: the ARP request for it
 * goes unanswered and connect() fails with EHOSTUNREACH.
 */
export function dialError(node: Node): string {
  const ip = nodeAddress(node);
  return `dial tcp ${ip}:${KUBELET_PORT}: connect: no route to host`;
}

/** A pod's node and, if it answers, its kubelet. */
export interface PodNode {
  node: Node;
  agent: NodeAgentApi | undefined;
}

/**
 * The API server's way from a pod to its kubelet (pod/strategy.go streamLocation/LogLocation then
 * GetConnectionInfo): the node the pod is bound to, which must exist; `undefined` when the pod has
 * no node yet (the caller words that). `agent` is undefined when the kubelet does not answer.
 */
export function podNode(sim: Simulation, pod: Pod): PodNode | undefined {
  const nodeName = pod.spec?.nodeName ?? '';
  if (nodeName === '') return undefined;
  const node = sim.store.get<Node>('nodes', '', nodeName);
  const agent = nodeAgent(sim, nodeName);
  return { node, agent: agent?.up ? agent : undefined };
}

/** Every container of the pod spec: app, init, ephemeral (podutil.VisitContainers order is init first; lookups do not care). */
function allSpecContainers(pod: Pod): Container[] {
  const ephemeral = (pod.spec as { ephemeralContainers?: Container[] }).ephemeralContainers ?? [];
  return [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...ephemeral];
}

/** podcmd.FindContainerByName: app, init and ephemeral containers. */
export function hasContainer(pod: Pod, name: string): boolean {
  return allSpecContainers(pod).some((c) => c.name === name);
}

/** podcmd.AllContainerNames: `a, b, setup (init)`. */
export function allContainerNames(pod: Pod): string {
  const ephemeral = (pod.spec as { ephemeralContainers?: Container[] }).ephemeralContainers ?? [];
  return [
    ...(pod.spec?.containers ?? []).map((c) => c.name),
    ...ephemeral.map((c) => `${c.name} (ephem)`),
    ...(pod.spec?.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** Go's %q for the names kubectl quotes (container names are DNS labels: no escapes needed). */
const q = (s: string) => JSON.stringify(s);

/**
 * podcmd.FindOrDefaultContainerByName with an empty name, as `kubectl exec` (and `sim kill`) use it:
 * the container the `kubectl.kubernetes.io/default-container` annotation names, else the first
 * container, telling stderr `Defaulted container "a" out of: a, b` when there was a choice.
 */
export function defaultContainer(pod: Pod, io: CommandIO, quiet = false): string {
  const containers = pod.spec?.containers ?? [];
  if (containers.length === 0) throw new CommandError(`error: pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? '';
  if (annotated !== '' && hasContainer(pod, annotated)) return annotated;
  const first = containers[0].name;
  if (!quiet && allSpecContainers(pod).length > 1) io.err(`Defaulted container ${q(first)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

/** The API server's container check before it proxies exec/attach (validateContainer). */
export function requireSpecContainer(pod: Pod, container: string): void {
  if (!hasContainer(pod, container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
}

/** The pod's node, or the API server's refusal for a pod not bound yet (streamLocation). */
export function requireBound(sim: Simulation, pod: Pod): PodNode {
  const where = podNode(sim, pod);
  if (!where) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
  return where;
}

/**
 * How the kubelet answers a streaming request (exec/attach) it cannot serve, as kubectl prints it:
 * the kubelet's plain-text error comes back through the failed connection upgrade
 * (server.go getExec, kubelet_pods.go GetExec/findContainer).
 */
export function streamAgentError(err: AgentError, node: Node, container: string): CommandError {
  switch (err.kind) {
    case 'node-down':
      return new CommandError(`Error from server: error dialing backend: ${dialError(node)}`);
    case 'pod-not-found':
      return new CommandError('error: unable to upgrade connection: pod does not exist');
    case 'container-not-found':
    case 'container-not-running':
    case 'waiting':
    case 'no-previous':
      return new CommandError(`error: unable to upgrade connection: container not found (${q('container' in err ? err.container : container)})`);
  }
}

/** pods/log and friends: the reason a kubelet gives for a container that is still waiting (kubelet_pods.go validateContainerLogStatus). */
export function waitingReasonText(reason: string): string {
  if (reason === 'ErrImagePull') return "image can't be pulled";
  if (reason === 'ImagePullBackOff') return 'trying and failing to pull image';
  return reason;
}

/** Go's time.Duration.String() for a whole number of milliseconds: `2m5.5s`, `1h0m0s`, `500ms`. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(Math.round(ms));
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const whole = Math.floor(rest / 1000);
  const frac = rest % 1000;
  const secs = frac === 0 ? `${whole}` : `${whole}.${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
  if (h > 0) return `${sign}${h}h${m}m${secs}s`;
  if (m > 0) return `${sign}${m}m${secs}s`;
  return `${sign}${secs}s`;
}

/**
 * The label selector of a controller or service (polymorphichelpers.SelectorsForObject), or
 * kubectl's refusal for a kind without one, prefixed with `what` (`cannot attach to`,
 * `cannot get the logs from`) as the callers wrap it.
 */
export function selectorForObject(obj: KObject, what: string): LabelRequirements {
  const spec = (obj.spec ?? {}) as { selector?: unknown };
  const fail = (why: string) => new CommandError(`error: ${what} *v1.${obj.kind}: ${why}`);
  switch (obj.kind) {
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return labelSelectorRequirements(spec.selector as LabelSelector | undefined);
    case 'Service':
    case 'ReplicationController': {
      const sel = (spec.selector ?? {}) as Record<string, string>;
      if (obj.kind === 'Service' && Object.keys(sel).length === 0) {
        throw fail(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
      }
      return Object.keys(sel)
        .sort()
        .map((key) => ({ key, op: '=' as const, values: [sel[key]] }));
    }
    default:
      throw fail(`selector for *v1.${obj.kind} not implemented`);
  }
}

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const readyAt = (p: Pod) => zeroOr((p.status?.conditions ?? []).find((c) => c.type === 'Ready')?.lastTransitionTime);
const createdAt = (p: Pod) => zeroOr(p.metadata.creationTimestamp);
const maxRestarts = (p: Pod) => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
const assigned = (p: Pod) => (p.spec?.nodeName ?? '') !== '';

/** A timestamp as sortable text; '' is Go's zero time. RFC 3339 UTC text sorts as time does. */
function zeroOr(t: string | undefined): string {
  return t ?? '';
}

/** podutils.afterOrZero: a zero time counts as after everything. */
function afterOrZero(t1: string, t2: string): boolean {
  if (t1 === '' || t2 === '') return t1 === '';
  return t1 > t2;
}

/** podutils.ActivePods Less: is `a` less active than `b`? */
function lessActive(a: Pod, b: Pod): boolean {
  if ((a.spec?.nodeName ?? '') !== (b.spec?.nodeName ?? '') && (!assigned(a) || !assigned(b))) return !assigned(a);
  const order: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
  const pa = order[a.status?.phase ?? ''] ?? 0;
  const pb = order[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return !isReady(a);
  if (isReady(a) && isReady(b) && readyAt(a) !== readyAt(b)) return afterOrZero(readyAt(a), readyAt(b));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  if (createdAt(a) !== createdAt(b)) return afterOrZero(createdAt(a), createdAt(b));
  return false;
}

/** podutils.ByLogging Less: should `a` be read before `b`? */
function loggingFirst(a: Pod, b: Pod): boolean {
  if ((a.spec?.nodeName ?? '') !== (b.spec?.nodeName ?? '') && (!assigned(a) || !assigned(b))) return assigned(a);
  const order: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const pa = order[a.status?.phase ?? ''] ?? 0;
  const pb = order[b.status?.phase ?? ''] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b) && readyAt(a) !== readyAt(b)) return afterOrZero(readyAt(b), readyAt(a));
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  if (createdAt(a) !== createdAt(b)) return afterOrZero(createdAt(b), createdAt(a));
  return false;
}

const byLess = (less: (a: Pod, b: Pod) => boolean) => (a: Pod, b: Pod) => (less(a, b) ? -1 : less(b, a) ? 1 : 0);

/** `kubectl exec` and `attach` take the most active pod first (sort.Reverse(podutils.ActivePods)). */
export const MOST_ACTIVE_FIRST = byLess((a, b) => lessActive(b, a));
/** `kubectl logs` reads pods in podutils.ByLogging order. */
export const LOGGING_ORDER = byLess(loggingFirst);

/** polymorphichelpers.GetFirstPod's timeout error (wait.ErrWaitTimeout). */
export const WAIT_TIMEOUT = 'error: timed out waiting for the condition';

/**
 * polymorphichelpers.GetFirstPod: the pods matching a selector, best first. When none exists yet
 * kubectl watches for one until the timeout; here that means running simulated time forward.
 */
export function podsForSelector(sim: Simulation, namespace: string, selector: LabelRequirements, order: (a: Pod, b: Pod) => number, timeoutMs: number): Pod[] {
  const list = () => sim.store.list<Pod>('pods', { namespace, labelSelector: selector }).items;
  let pods = list();
  const deadline = sim.now + timeoutMs;
  while (pods.length === 0) {
    const next = sim.kernel.nextTimerAt();
    if (next === undefined || next > deadline) {
      sim.advance(deadline - sim.now);
      throw new CommandError(WAIT_TIMEOUT);
    }
    sim.advance(next - sim.now);
    pods = list();
  }
  return [...pods].sort(order);
}
