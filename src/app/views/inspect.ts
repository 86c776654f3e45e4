/**
 * Pure helpers of the events list and the object inspector: the kubectl lines the inspector runs
 * for a selected object, the owner reference an object's JSON points up to, and the events
 * filter. No React, no bridge: the views call these and send the lines through bridge.exec.
 */
import type { EventView, ObjectRef } from '../protocol.ts';

/** Kinds that live outside namespaces, as an owner reference or an event can name them. */
const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'ClusterRole', 'ClusterRoleBinding']);

/** `pod web-1 -n default`, `node node-1`: what kubectl needs to find the object. */
export function kubectlTarget(ref: ObjectRef): string {
  const kind = ref.kind.toLowerCase();
  return ref.namespace === '' ? `${kind} ${ref.name}` : `${kind} ${ref.name} -n ${ref.namespace}`;
}

/** The command lines behind the inspector's tabs. */
export function inspectorLines(ref: ObjectRef): { yaml: string; describe: string; json: string; events: string } {
  const kind = ref.kind.toLowerCase();
  const ns = ref.namespace === '' ? '' : ` -n ${ref.namespace}`;
  return {
    yaml: `kubectl get ${kubectlTarget(ref)} -o yaml`,
    describe: `kubectl describe ${kubectlTarget(ref)}`,
    json: `kubectl get ${kubectlTarget(ref)} -o json`,
    events: `kubectl events --for ${kind}/${ref.name}${ns}`,
  };
}

/**
 * The object's owner from its `kubectl get -o json` text: the ownerReference marked
 * `controller: true`, else the first one; undefined for a root object or text that is not an
 * object. An owner shares its dependent's namespace unless its kind is cluster-scoped.
 */
export function ownerOf(json: string, childNamespace: string): ObjectRef | undefined {
  let obj: unknown;
  try {
    obj = JSON.parse(json);
  } catch {
    return undefined;
  }
  const refs = (obj as { metadata?: { ownerReferences?: { kind?: string; name?: string; controller?: boolean }[] } })?.metadata?.ownerReferences;
  if (!Array.isArray(refs) || refs.length === 0) return undefined;
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  if (!ref.kind || !ref.name) return undefined;
  return { kind: ref.kind, namespace: CLUSTER_SCOPED.has(ref.kind) ? '' : childNamespace, name: ref.name };
}

/** Owner chains stop here even if references loop (they cannot in Kubernetes, but text can lie). */
export const OWNER_DEPTH_MAX = 8;

/** An owner chain, and kubectl's error when the selected object itself could not be read. */
export interface OwnerChain {
  chain: ObjectRef[];
  error?: string;
}

/**
 * Follows owner references from `ref` up to its root, reading each object with `get` (which runs
 * a kubectl line and returns its output and exit code): `[Pod, ReplicaSet, Deployment]`. An owner
 * that cannot be read ends the chain with itself (it is named, just gone).
 */
export async function ownerChain(ref: ObjectRef, get: (line: string) => Promise<{ output: string; exitCode: number }>): Promise<OwnerChain> {
  const chain = [ref];
  for (let at = ref; chain.length < OWNER_DEPTH_MAX; ) {
    const r = await get(inspectorLines(at).json);
    if (r.exitCode !== 0) return at === ref ? { chain, error: r.output.trim() } : { chain };
    const owner = ownerOf(r.output, at.namespace);
    if (!owner || chain.some((c) => sameRef(c, owner))) break;
    chain.push(owner);
    at = owner;
  }
  return { chain };
}

export function sameRef(a: ObjectRef | undefined, b: ObjectRef | undefined): boolean {
  return a !== undefined && b !== undefined && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** The events list's filters: '' means any. */
export interface EventFilter {
  type: '' | 'Normal' | 'Warning';
  namespace: string;
  /** Matched case-insensitively against every printed cell. */
  text: string;
}

export const NO_EVENT_FILTER: EventFilter = { type: '', namespace: '', text: '' };

export function filterEvents(events: readonly EventView[], f: EventFilter): EventView[] {
  const text = f.text.trim().toLowerCase();
  return events.filter(
    (e) =>
      (f.type === '' || e.type === f.type) &&
      (f.namespace === '' || e.namespace === f.namespace) &&
      (text === '' || [e.lastSeen, e.type, e.reason, e.object, e.message, e.namespace].some((cell) => cell.toLowerCase().includes(text))),
  );
}
