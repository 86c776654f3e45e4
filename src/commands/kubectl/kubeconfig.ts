/**
 * The session's kubeconfig: the client-side state `kubectl config` reads and writes. Podlab has one
 * simulated cluster, reached as kubeadm's `admin.conf` reaches it (cluster `kubernetes`, user
 * `kubernetes-admin`, context `kubernetes-admin@kubernetes`, server = the control-plane node's
 * address on the API server port). Contexts are plain data, so the session can save them with the
 * rest of its state.
 */
import { API_SERVER_PORT } from '../../engine/cluster/kubeadm.ts';
import type { ParsedArgs } from '../flags.ts';
import { goJsonNumber, goJsonString } from '../printers/json.ts';
import { CommandError } from '../types.ts';

/** One `contexts[]` entry: which cluster and user, and the default namespace (`''` = none). */
export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
}

/**
 * A `clusters[]` or `users[]` entry: its fields under their kubeconfig keys (`server`,
 * `certificate-authority-data`, `token`, `exec`, ...), as `kubectl config set-cluster|set-credentials|set` write them.
 */
export interface KubeEntry {
  name: string;
  fields: Record<string, unknown>;
}

/** The mutable kubeconfig a session holds. */
export interface KubeconfigState {
  currentContext: string;
  /** In the order they were created; kubectl prints them sorted by name. */
  contexts: KubeContext[];
  /** Cluster entries (absent in states saved before they were modelled: admin.conf's one). */
  clusters?: KubeEntry[];
  /** User entries (absent in states saved before they were modelled: admin.conf's one). */
  users?: KubeEntry[];
  /** `preferences` (`colors`, set with `kubectl config set preferences.colors true`). */
  preferences?: Record<string, unknown>;
}

/** admin.conf's certificate data (placeholders: a simulated cluster has no keys). */
export const CA_DATA = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==';
export const CLIENT_KEY_DATA = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=';

export const CLUSTER_NAME = 'kubernetes';
export const USER_NAME = 'kubernetes-admin';
export const CONTEXT_NAME = `${USER_NAME}@${CLUSTER_NAME}`;
/** The control-plane node's InternalIP (the first node: nodes.ts gives node index i the address 172.18.0.(i+2)). */
const CONTROL_PLANE_IP = '172.18.0.2';
/** Where admin.conf points: kubeadm's advertise address and port. */
export const SERVER_URL = `https://${CONTROL_PLANE_IP}:${API_SERVER_PORT}`;

/** A fresh admin.conf: one context, no namespace. */
export function defaultKubeconfig(): KubeconfigState {
  return {
    currentContext: CONTEXT_NAME,
    contexts: [{ name: CONTEXT_NAME, cluster: CLUSTER_NAME, user: USER_NAME, namespace: '' }],
    clusters: defaultClusters(),
    users: defaultUsers(),
    preferences: {},
  };
}

export function defaultClusters(): KubeEntry[] {
  return [{ name: CLUSTER_NAME, fields: { server: SERVER_URL, 'certificate-authority-data': CA_DATA } }];
}

export function defaultUsers(): KubeEntry[] {
  return [{ name: USER_NAME, fields: { 'client-certificate-data': CA_DATA, 'client-key-data': CLIENT_KEY_DATA } }];
}

export function findContext(kc: KubeconfigState, name: string): KubeContext | undefined {
  return kc.contexts.find((c) => c.name === name);
}

/**
 * The context a command runs in: `--context` when given (kubectl fails when it names none), else
 * the current context (undefined when current-context names no entry, as after `use-context` of a
 * deleted one).
 */
export function activeContext(kc: KubeconfigState, args: ParsedArgs): KubeContext | undefined {
  const override = args.set.has('context') ? String(args.flags.context) : '';
  if (override !== '') {
    const found = findContext(kc, override);
    if (!found) throw new CommandError(`error: context "${override}" does not exist`);
    return found;
  }
  return findContext(kc, kc.currentContext);
}

/** The namespace a command without `-n` works in: the context's, else `default`. */
export function contextNamespace(kc: KubeconfigState, args: ParsedArgs): string {
  return activeContext(kc, args)?.namespace || 'default';
}

/**
 * Gives a command without `-n` the context's namespace in `args.flags.namespace`, as kubectl's
 * client config does; `args.set` is left alone, so verbs still tell an explicit `-n` (which
 * kubectl enforces on manifests and generated objects) from the context's default.
 */
export function fillContextNamespace(kc: KubeconfigState, args: ParsedArgs): void {
  const ns = activeContext(kc, args)?.namespace ?? '';
  if (!args.set.has('namespace') && ns !== '') args.flags.namespace = ns;
}

/** Contexts sorted by name, as kubectl's get-contexts and view print them. */
export function sortedContexts(kc: KubeconfigState): KubeContext[] {
  return [...kc.contexts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * JSON with keys in the order the object was built, as Go's encoding/json writes a typed struct
 * (`kubectl config view -o json`, `kubectl events -o json`): 4-space indent, trailing newline.
 * Properties whose value is `undefined` are left out.
 */
export function toStructJson(value: unknown): string {
  return `${encodeStruct(value, 0)}\n`;
}

function encodeStruct(value: unknown, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const isArray = Array.isArray(value);
  const items = isArray
    ? (value as unknown[]).map((v) => encodeStruct(v, depth + 1))
    : Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${goJsonString(k)}: ${encodeStruct(v, depth + 1)}`);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  const inner = `\n${'    '.repeat(depth + 1)}`;
  return `${open}${inner}${items.join(`,${inner}`)}\n${'    '.repeat(depth)}${close}`;
}
