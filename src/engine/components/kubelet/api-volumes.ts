/**
 * Volumes whose files come from the API: configMap, secret, downwardAPI and projected
 * (pkg/volume/configmap, secret, downwardapi, projected). Each builds a payload — relative path →
 * content — from the object as the kubelet's cache holds it; a missing object or key is the
 * SetUp error the volume manager reports in its FailedMount event, unless `optional`.
 *
 * These volumes are always mounted read-only, and they follow their objects: when a mounted
 * ConfigMap or Secret changes, the kubelet rewrites the files at the pod's next periodic sync
 * (syncFrequency, 1 min), never sooner. Environment variables never change. File modes
 * (`defaultMode`, `items[].mode`) are not modelled: every file reads as -rw-r--r--.
 */
import type { ConfigMap, Pod, Secret } from '../../api/types.ts';
import { decodeBase64 } from '../../api/admission/base64.ts';
import { issueServiceAccountToken } from '../../api/serviceaccount-token.ts';
import { parseTimestamp } from '../../kernel/time.ts';
import type { FsData } from '../../node/types.ts';
import { simulatedCaBundle } from '../root-ca-publisher.ts';
import { podFieldValue, resourceFieldValue, type ResourceFieldRef } from './downward-api.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodRecord } from './state.ts';
import { SYNC_FREQUENCY_MS } from './timing.ts';

/** `items[]` of a configMap or secret source. */
export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

interface ObjectSource {
  name?: string;
  optional?: boolean;
  items?: KeyToPath[];
}

interface DownwardItem {
  path: string;
  fieldRef?: { fieldPath: string };
  resourceFieldRef?: ResourceFieldRef;
}

interface ProjectionSource {
  configMap?: ObjectSource;
  secret?: ObjectSource;
  downwardAPI?: { items?: DownwardItem[] };
  serviceAccountToken?: { path: string; audience?: string; expirationSeconds?: number };
  clusterTrustBundle?: { path: string };
}

/** The part of a pod volume this file reads. */
export interface ApiVolumeSpec {
  name: string;
  configMap?: ObjectSource;
  secret?: ObjectSource & { secretName?: string };
  downwardAPI?: { items?: DownwardItem[] };
  projected?: { sources?: ProjectionSource[] };
}

/** The files (relative path → content), or the SetUp error. */
type Payload = { files: Record<string, string> } | { error: string };

/** Whether the volume is one of the API-backed kinds (mounted read-only, refreshed on change). */
export function isApiVolume(v: ApiVolumeSpec): boolean {
  return v.configMap !== undefined || v.secret !== undefined || v.downwardAPI !== undefined || v.projected !== undefined;
}

/** The volume's files, its SetUp error message, or undefined when it is not an API volume. */
export function apiVolumeData(k: Kubelet, pod: Pod, rec: PodRecord, v: ApiVolumeSpec): FsData | string | undefined {
  let payload: Payload;
  if (v.configMap) payload = configMapPayload(k, pod, v.configMap);
  else if (v.secret) payload = secretPayload(k, pod, { ...v.secret, name: v.secret.secretName });
  else if (v.downwardAPI) payload = downwardPayload(k, pod, rec, v.downwardAPI.items ?? []);
  else if (v.projected) payload = projectedPayload(k, pod, rec, v.projected.sources ?? []);
  else return undefined;
  if ('error' in payload) return payload.error;
  const files: Record<string, string> = {};
  for (const [path, content] of Object.entries(payload.files)) files[`/${path}`] = content;
  return { files };
}

function fail(error: string): { error: string } {
  return { error };
}

/** configmap.MakePayload: every key (data and binaryData), or only `items`. */
function configMapPayload(k: Kubelet, pod: Pod, src: ObjectSource): Payload {
  const cm = k.ctx.store.tryGet<ConfigMap>('configmaps', pod.metadata.namespace ?? '', src.name ?? '');
  if (!cm && !src.optional) return fail(`configmap "${src.name ?? ''}" not found`);
  const data: Record<string, string> = { ...(cm?.binaryData ?? {}) };
  for (const key of Object.keys(data)) data[key] = decodeBase64(data[key]);
  Object.assign(data, cm?.data ?? {});
  return keyPayload(data, src, (key) => `configmap references non-existent config key: ${key}`);
}

/** secret.MakePayload */
function secretPayload(k: Kubelet, pod: Pod, src: ObjectSource): Payload {
  const secret = k.ctx.store.tryGet<Secret>('secrets', pod.metadata.namespace ?? '', src.name ?? '');
  if (!secret && !src.optional) return fail(`secret "${src.name ?? ''}" not found`);
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret?.data ?? {})) data[key] = decodeBase64(String(value));
  return keyPayload(data, src, (key) => `references non-existent secret key: ${key}`);
}

function keyPayload(data: Record<string, string>, src: ObjectSource, missing: (key: string) => string): Payload {
  if (!src.items || src.items.length === 0) return { files: { ...data } };
  const out: Record<string, string> = {};
  for (const item of src.items) {
    if (!Object.hasOwn(data, item.key)) {
      if (src.optional) continue;
      return fail(missing(item.key));
    }
    out[item.path] = data[item.key];
  }
  return { files: out };
}

/** downwardapi.CollectData */
function downwardPayload(k: Kubelet, pod: Pod, rec: PodRecord, items: DownwardItem[]): Payload {
  const out: Record<string, string> = {};
  for (const item of items) {
    if (item.fieldRef) out[item.path] = podFieldValue(k, pod, rec, item.fieldRef.fieldPath);
    else if (item.resourceFieldRef) {
      const container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === item.resourceFieldRef!.containerName);
      out[item.path] = resourceFieldValue(k, container, item.resourceFieldRef);
    }
  }
  return { files: out };
}

/** projected collectData: every source's payload merged; the errors of all sources aggregated. */
function projectedPayload(k: Kubelet, pod: Pod, rec: PodRecord, sources: ProjectionSource[]): Payload {
  const out: Record<string, string> = {};
  const errors: string[] = [];
  for (const s of sources) {
    const part = projectionPart(k, pod, rec, s);
    if ('error' in part) errors.push(part.error);
    else Object.assign(out, part.files);
  }
  // utilerrors.NewAggregate: one error prints alone, several as a bracketed list.
  if (errors.length === 1) return fail(errors[0]);
  if (errors.length > 1) return fail(`[${errors.join(', ')}]`);
  return { files: out };
}

function projectionPart(k: Kubelet, pod: Pod, rec: PodRecord, s: ProjectionSource): Payload {
  if (s.configMap) return configMapPayload(k, pod, s.configMap);
  if (s.secret) return secretPayload(k, pod, s.secret);
  if (s.downwardAPI) return downwardPayload(k, pod, rec, s.downwardAPI.items ?? []);
  if (s.serviceAccountToken) return { files: { [s.serviceAccountToken.path]: boundToken(k, pod, s.serviceAccountToken) } };
  if (s.clusterTrustBundle) return { files: { [s.clusterTrustBundle.path]: simulatedCaBundle(k.ctx.kernel.seed) } };
  return { files: {} };
}

/**
 * The pod-bound token the kubelet requests for a serviceAccountToken projection (TokenRequest
 * bound to the pod, with its node): issued as of the pod's creation, so the file is stable across
 * periodic syncs (the kubelet's rotation at 80 % of the lifetime is not modelled). Not really
 * signed: see engine/api/serviceaccount-token.ts.
 */
function boundToken(k: Kubelet, pod: Pod, src: { audience?: string; expirationSeconds?: number }): string {
  const namespace = pod.metadata.namespace ?? '';
  const saName = pod.spec.serviceAccountName ?? 'default';
  const sa = k.ctx.store.tryGet('serviceaccounts', namespace, saName);
  const nodeName = pod.spec.nodeName ?? '';
  const node = nodeName ? k.ctx.store.tryGet('nodes', '', nodeName) : undefined;
  return issueServiceAccountToken({
    seed: k.ctx.kernel.seed,
    nowMs: pod.metadata.creationTimestamp ? parseTimestamp(pod.metadata.creationTimestamp) : 0,
    namespace,
    serviceAccount: { name: saName, uid: sa?.metadata.uid ?? '' },
    audiences: src.audience ? [src.audience] : undefined,
    expirationSeconds: src.expirationSeconds,
    boundObject: { kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
    node: node ? { name: nodeName, uid: node.metadata.uid ?? '' } : undefined,
  }).token;
}

/** The ConfigMaps and Secrets a volume reads, as `configmaps/NAME` and `secrets/NAME`. */
export function volumeObjects(v: ApiVolumeSpec): string[] {
  const out: string[] = [];
  if (v.configMap) out.push(`configmaps/${v.configMap.name ?? ''}`);
  if (v.secret) out.push(`secrets/${v.secret.secretName ?? ''}`);
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap) out.push(`configmaps/${s.configMap.name ?? ''}`);
    if (s.secret) out.push(`secrets/${s.secret.name ?? ''}`);
  }
  return out;
}

function podVolumes(pod: Pod): ApiVolumeSpec[] {
  return (pod.spec.volumes ?? []) as ApiVolumeSpec[];
}

/** The first periodic pod sync strictly after `nowMs` (every SYNC_FREQUENCY_MS since admission). */
export function nextPeriodicSyncMs(rec: PodRecord, nowMs: number): number {
  const periods = Math.floor((nowMs - rec.admittedAt) / SYNC_FREQUENCY_MS) + 1;
  return rec.admittedAt + periods * SYNC_FREQUENCY_MS;
}

/**
 * A ConfigMap or Secret was added, changed or deleted: every running pod of this node that mounts
 * it gets its files rewritten at its next periodic sync.
 */
export function noteApiObjectChanged(k: Kubelet, resource: 'configmaps' | 'secrets', namespace: string, name: string): void {
  const ref = `${resource}/${name}`;
  for (const rec of Object.values(k.node.pods)) {
    if (rec.namespace !== namespace || !rec.volumes || rec.terminating || rec.rejected) continue;
    const pod = k.ctx.store.tryGet<Pod>('pods', rec.namespace, rec.name);
    if (!pod || pod.metadata.uid !== rec.uid) continue;
    if (!podVolumes(pod).some((v) => volumeObjects(v).includes(ref))) continue;
    scheduleRefresh(k, rec, nextPeriodicSyncMs(rec, k.now));
  }
}

function scheduleRefresh(k: Kubelet, rec: PodRecord, at: number): void {
  rec.volumeRefreshAt = Math.min(rec.volumeRefreshAt ?? Infinity, at);
  k.requestSync(rec, rec.volumeRefreshAt);
}

/**
 * Called at every sync of a mounted pod: when a refresh is due, rewrites each API volume's files
 * from the current objects (a failure keeps the old files, reports FailedMount and tries again at
 * the next periodic sync); when one is pending, keeps a wake-up for it.
 */
export function refreshApiVolumes(k: Kubelet, pod: Pod, rec: PodRecord): void {
  if (rec.volumeRefreshAt === undefined || !rec.volumes) return;
  if (k.now < rec.volumeRefreshAt) {
    k.requestSync(rec, rec.volumeRefreshAt);
    return;
  }
  rec.volumeRefreshAt = undefined;
  let failed = false;
  for (const v of podVolumes(pod)) {
    const mounted = rec.volumes[v.name];
    if (!mounted || !isApiVolume(v)) continue;
    const data = apiVolumeData(k, pod, rec, v);
    if (typeof data === 'string') {
      k.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${data}`);
      failed = true;
    } else if (data) mounted.files = data.files;
  }
  if (failed) scheduleRefresh(k, rec, nextPeriodicSyncMs(rec, k.now));
}

/** What a subPath mount of an API volume shows: a copy taken when the container started. */
export interface SubPathSnapshot {
  /** The subPath names a file: the mount is that one file (content at `data.files['/']`). */
  file: boolean;
  data: FsData;
}

interface VolumeMountSpec {
  name: string;
  mountPath: string;
  subPath?: string;
}

/**
 * The subPath mounts of API volumes for a container being created. The kubelet bind-mounts the
 * file (or directory) the subPath names as it is at that moment; the atomic writer later swaps
 * the volume's files behind it, so these mounts never see updates — until the container restarts.
 */
export function subPathSnapshots(pod: Pod, rec: PodRecord, mounts: readonly VolumeMountSpec[]): Record<string, SubPathSnapshot> | undefined {
  let out: Record<string, SubPathSnapshot> | undefined;
  for (const m of mounts) {
    const volume = podVolumes(pod).find((v) => v.name === m.name);
    const data = rec.volumes?.[m.name];
    if (!m.subPath || !volume || !isApiVolume(volume) || !data) continue;
    const root = `/${m.subPath.replace(/^\/+|\/+$/g, '')}`;
    const snapshot: SubPathSnapshot = Object.hasOwn(data.files, root)
      ? { file: true, data: { files: { '/': data.files[root] } } }
      : { file: false, data: { files: filesUnder(data.files, root) } };
    (out ??= {})[m.mountPath] = snapshot;
  }
  return out;
}

function filesUnder(files: Record<string, string>, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, content] of Object.entries(files)) if (path.startsWith(`${root}/`)) out[path.slice(root.length)] = content;
  return out;
}
