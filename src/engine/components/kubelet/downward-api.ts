/**
 * The downward API as the kubelet resolves it, for `env[].valueFrom` and for downwardAPI and
 * projected volumes: pod fields (fieldpath.ExtractFieldPathAsString, podFieldSelectorRuntimeValue)
 * and container resources (ExtractContainerResourceValue, with limits defaulted to the node's
 * allocatable as defaultPodLimitsForDownwardAPI does).
 */
import type { Container, Pod } from '../../api/types.ts';
import type { Kubelet } from './kubelet.ts';
import { quantityMilli } from './admission.ts';
import type { PodRecord } from './state.ts';
import { formatMicroTimestamp } from '../../kernel/time.ts';

/** A `resourceFieldRef` (divisor defaults to 1). */
export interface ResourceFieldRef {
  containerName?: string;
  resource: string;
  divisor?: string | number;
}

/** The value of a pod field, as the kubelet's copy of the pod holds it. */
export function podFieldValue(k: Kubelet, pod: Pod, rec: PodRecord, path: string): string {
  const podIP = rec.sandbox?.ip ?? '';
  const sub = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (sub) return mapOf(pod, rec, sub[1])[sub[2]] ?? '';
  if (path === 'metadata.labels' || path === 'metadata.annotations') return formatMap(mapOf(pod, rec, path.slice('metadata.'.length)));
  const fields: Record<string, () => string | undefined> = {
    'metadata.name': () => pod.metadata.name,
    'metadata.namespace': () => pod.metadata.namespace,
    'metadata.uid': () => pod.metadata.uid,
    'spec.nodeName': () => pod.spec.nodeName,
    'spec.serviceAccountName': () => pod.spec.serviceAccountName,
    'status.hostIP': () => k.hostIP(),
    'status.hostIPs': () => k.hostIP(),
    'status.podIP': () => podIP,
    'status.podIPs': () => podIP,
  };
  return fields[path]?.() ?? '';
}

/**
 * Labels, or annotations with the two the kubelet's config source adds to its copy of every pod
 * (when it first saw the pod, and that it came from the API server).
 */
function mapOf(pod: Pod, rec: PodRecord, which: string): Record<string, string> {
  if (which === 'labels') return pod.metadata.labels ?? {};
  return { ...(pod.metadata.annotations ?? {}), 'kubernetes.io/config.seen': rfc3339Nano(rec.admittedAt), 'kubernetes.io/config.source': 'api' };
}

/** time.RFC3339Nano: the fraction without trailing zeros, none when whole. */
function rfc3339Nano(ms: number): string {
  return formatMicroTimestamp(ms).replace(/\.?0+Z$/, 'Z');
}

/** fieldpath.FormatMap: `key="value"` lines, keys sorted, no final newline. */
export function formatMap(m: Record<string, string>): string {
  return Object.keys(m)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => `${key}=${JSON.stringify(m[key])}`)
    .join('\n');
}

/**
 * A container resource as a string: ceil(value / divisor); cpu in cores, memory and storage in
 * bytes. A limit the container does not set is the node's allocatable.
 */
export function resourceFieldValue(k: Kubelet, container: Container | undefined, ref: ResourceFieldRef): string {
  const [kind, resource] = splitResource(ref.resource);
  let milli = quantityMilli(container?.resources?.[kind]?.[resource]);
  if (kind === 'limits' && container?.resources?.limits?.[resource] === undefined) {
    milli = quantityMilli(k.nodeObject()?.status?.allocatable?.[resource]);
  }
  const divisorMilli = ref.divisor === undefined || ref.divisor === '' ? 1000 : quantityMilli(String(ref.divisor));
  if (divisorMilli <= 0) return '0';
  return String(Math.ceil(milli / divisorMilli));
}

/** `limits.cpu` → ['limits', 'cpu']; a bare `cpu` (not valid in env) is read as a limit. */
function splitResource(name: string): ['limits' | 'requests', string] {
  const dot = name.indexOf('.');
  if (dot < 0) return ['limits', name];
  return [name.slice(0, dot) === 'requests' ? 'requests' : 'limits', name.slice(dot + 1)];
}
