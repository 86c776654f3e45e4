/**
 * The session kubeconfig's clusters, users and preferences as `kubectl config` reads and writes
 * them (k8s.io/client-go/tools/clientcmd/api/v1 types): the entries (admin.conf's when a saved
 * state predates them), the Config object `kubectl config view` prints (clientcmd's field order
 * for `-o json`, secrets redacted unless --raw), and the file path kubectl's messages cite.
 */
import type { ParsedArgs } from '../../flags.ts';
import { CommandError } from '../../types.ts';
import { defaultClusters, defaultUsers, findContext, sortedContexts, type KubeconfigState, type KubeContext, type KubeEntry } from '../kubeconfig.ts';

/** Where the session's kubeconfig lives, as kubectl's messages name it ($HOME/.kube/config). */
export const KUBECONFIG_PATH = '/root/.kube/config';

/** The working directory relative paths are made absolute against (kubectl's filepath.Abs). */
export const WORKING_DIR = '/root';

export function clustersOf(kc: KubeconfigState): KubeEntry[] {
  return (kc.clusters ??= defaultClusters());
}

export function usersOf(kc: KubeconfigState): KubeEntry[] {
  return (kc.users ??= defaultUsers());
}

export function preferencesOf(kc: KubeconfigState): Record<string, unknown> {
  return (kc.preferences ??= {});
}

const byName = <T extends { name: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** clientcmd v1 Cluster fields in struct order; `server` has no omitempty. */
const CLUSTER_FIELDS = ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression'];
/** clientcmd v1 AuthInfo fields in struct order. */
const USER_FIELDS = [
  'client-certificate',
  'client-certificate-data',
  'client-key',
  'client-key-data',
  'token',
  'tokenFile',
  'as',
  'as-uid',
  'as-groups',
  'username',
  'password',
  'auth-provider',
  'exec',
];
const EXEC_FIELDS = ['command', 'args', 'env', 'apiVersion', 'installHint', 'provideClusterInfo', 'interactiveMode'];

/** The []byte fields (base64 in the file; `DATA+OMITTED` in view without --raw). */
export const BYTE_FIELDS = new Set(['certificate-authority-data', 'client-certificate-data', 'client-key-data']);
/** The fields RedactSecrets hides (`REDACTED` in view without --raw). */
const SECRET_FIELDS = new Set(['token', 'password']);

function ordered(fields: Record<string, unknown>, order: readonly string[], raw: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) {
    const v = fields[key];
    if (v === undefined || v === '' || v === false) {
      if (key === 'server') out[key] = v ?? '';
      continue;
    }
    if (!raw && BYTE_FIELDS.has(key)) out[key] = 'DATA+OMITTED';
    else if (!raw && SECRET_FIELDS.has(key)) out[key] = 'REDACTED';
    else if (key === 'exec') out[key] = orderedExec(v as Record<string, unknown>);
    else out[key] = v;
  }
  return out;
}

function orderedExec(exec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of EXEC_FIELDS) {
    const v = exec[key];
    if (key === 'provideClusterInfo') out[key] = v === true;
    else if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[key] = v;
  }
  return out;
}

export interface ViewOptions {
  raw: boolean;
  /** --flatten: file references read into their -data fields (base64 of the file), given the reader. */
  flatten?: (path: string) => string;
  /** Only the active context with its cluster and user (clientcmd MinifyConfig). */
  minify: boolean;
}

/** The Config object `kubectl config view` prints, fields in clientcmd v1's order (yaml sorts them). */
export function viewedConfig(kc: KubeconfigState, args: ParsedArgs, opts: ViewOptions): Record<string, unknown> {
  let contexts = sortedContexts(kc);
  let clusters = byName(clustersOf(kc));
  let users = byName(usersOf(kc));
  let current = kc.currentContext;
  if (opts.minify) {
    const active = minified(kc, args);
    contexts = [active];
    current = active.name;
    clusters = clusters.filter((c) => c.name === active.cluster);
    users = users.filter((u) => u.name === active.user);
  }
  const list = <T>(xs: T[]) => (xs.length === 0 ? null : xs);
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: { ...preferencesOf(kc) },
    clusters: list(clusters.map((c) => ({ name: c.name, cluster: ordered(flattened(c.fields, opts.flatten), CLUSTER_FIELDS, opts.raw) }))),
    users: list(users.map((u) => ({ name: u.name, user: ordered(flattened(u.fields, opts.flatten), USER_FIELDS, opts.raw) }))),
    contexts: list(
      contexts.map((c) => ({
        name: c.name,
        context: { cluster: c.cluster, user: c.user, namespace: c.namespace === '' ? undefined : c.namespace },
      })),
    ),
    'current-context': current,
  };
}

/** The file fields FlattenConfig embeds. */
const FILE_FIELDS = ['certificate-authority', 'client-certificate', 'client-key'];

/** clientcmd FlattenConfig of one entry: each referenced file's bytes in its -data field. */
function flattened(fields: Record<string, unknown>, read: ((path: string) => string) | undefined): Record<string, unknown> {
  if (!read) return fields;
  const out = { ...fields };
  for (const key of FILE_FIELDS) {
    const path = out[key];
    if (typeof path !== 'string' || path === '') continue;
    out[`${key}-data`] = read(path);
    delete out[key];
  }
  return out;
}

/** clientcmd MinifyConfig: the current context (or --context), whose cluster and user must exist. */
function minified(kc: KubeconfigState, args: ParsedArgs): KubeContext {
  const name = args.set.has('context') ? String(args.flags.context) : kc.currentContext;
  if (name === '') throw new CommandError('error: current-context must exist in order to minify');
  const active = findContext(kc, name);
  if (!active) throw new CommandError(`error: cannot locate context ${name}`);
  if (active.cluster !== '' && !clustersOf(kc).some((c) => c.name === active.cluster)) throw new CommandError(`error: cannot locate cluster ${active.cluster}`);
  if (active.user !== '' && !usersOf(kc).some((u) => u.name === active.user)) throw new CommandError(`error: cannot locate user ${active.user}`);
  return active;
}

/** filepath.Abs against the session's working directory. */
export function absolutePath(path: string): string {
  if (path === '' || path.startsWith('/')) return path;
  const parts: string[] = WORKING_DIR.split('/').filter(Boolean);
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}
