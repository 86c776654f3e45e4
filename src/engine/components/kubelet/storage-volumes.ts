/**
 * Volumes whose data lives on the node rather than with the pod: `hostPath`, and a
 * `persistentVolumeClaim` whose PersistentVolume is a hostPath or local volume (what kind's
 * local-path-provisioner makes). Their files are kept in the node record's `disk` by host path, so
 * they survive the pod: a new pod mounting the same claim on the same node reads what the old one
 * wrote. An emptyDir, by contrast, lives in the pod record and dies with the pod.
 */
import type { Pod } from '../../api/types.ts';
import { byteLength } from '../../api/validation.ts';
import { LOCAL_PATH_ROOT, type PersistentVolume, type PersistentVolumeClaim } from '../../api/storage.ts';
import type { FsData } from '../../node/types.ts';
import type { Kubelet } from './kubelet.ts';
import type { NodeRecord, PodRecord } from './state.ts';

/** How long the volume manager waits before looking again at a claim that is not bound yet (doubling). */
export const UNBOUND_CLAIM_RETRY_MS = 500;
export const UNBOUND_CLAIM_RETRY_MAX_MS = 8_000;

/** A node directory to mount, or a claim that is missing or still binding (`wait`). */
export type HostVolume = { path: string } | { wait: true };

interface StorageVolumeSpec {
  hostPath?: { path?: string };
  persistentVolumeClaim?: { claimName?: string };
}

/** The node directory behind a volume, or undefined when the volume is not node storage. */
export function hostVolume(k: Kubelet, pod: Pod, volume: object): HostVolume | undefined {
  const v = volume as StorageVolumeSpec;
  if (v.hostPath) return { path: v.hostPath.path ?? '/' };
  if (!v.persistentVolumeClaim) return undefined;
  pruneLocalPathDirs(k);
  const ns = pod.metadata.namespace ?? '';
  const name = v.persistentVolumeClaim.claimName ?? '';
  const pvc = k.ctx.store.tryGet<PersistentVolumeClaim>('persistentvolumeclaims', ns, name);
  // The real volume manager reports a missing claim only after its 2-minute mount timeout, in
  // wording Podlab does not model yet: until then the pod just stays ContainerCreating.
  if (!pvc) return { wait: true };
  const volumeName = pvc.spec?.volumeName;
  if (!volumeName || pvc.status?.phase !== 'Bound') return { wait: true };
  const pv = k.ctx.store.tryGet<PersistentVolume>('persistentvolumes', '', volumeName);
  if (!pv) return { wait: true };
  // Network volumes (nfs, csi...) are modelled as a directory named after the volume.
  return { path: pv.spec.hostPath?.path ?? pv.spec.local?.path ?? `/var/lib/kubelet/plugins/kubernetes.io/pv/${volumeName}` };
}

/**
 * local-path-provisioner's helper pod removes a deleted volume's directory; here the directories
 * under /var/local-path-provisioner whose PersistentVolume is gone are dropped whenever the node's
 * disk is looked at (a mount, the node shell).
 */
export function pruneLocalPathDirs(k: Kubelet): void {
  const disk = k.node.disk;
  if (!disk) return;
  for (const path of Object.keys(disk)) {
    if (!path.startsWith(`${LOCAL_PATH_ROOT}/`)) continue;
    const volumeName = path.slice(LOCAL_PATH_ROOT.length + 1).split('_')[0];
    if (!k.ctx.store.tryGet('persistentvolumes', '', volumeName)) delete disk[path];
  }
}

/**
 * A claim of the pod is not bound yet (the volume is still being provisioned, or nobody will bind
 * it): look again later, quietly, backing off so a pod stuck this way costs little.
 */
export function waitForClaim(k: Kubelet, rec: PodRecord): number {
  const delayMs = rec.mountRetry ? Math.min(rec.mountRetry.delayMs * 2, UNBOUND_CLAIM_RETRY_MAX_MS) : UNBOUND_CLAIM_RETRY_MS;
  rec.mountRetry = { at: k.now + delayMs, delayMs };
  return rec.mountRetry.at;
}

/** The directory at `path` on the node's disk, made if missing (DirectoryOrCreate). */
export function hostDir(node: NodeRecord, path: string): FsData {
  const disk = (node.disk ??= {});
  return (disk[path] ??= { files: {} });
}

/** The files a container sees for one of its pod's volumes (node storage or the pod's own). */
export function mountedVolumeData(node: NodeRecord, rec: PodRecord, name: string): FsData | undefined {
  const path = rec.hostMounts?.[name];
  return path !== undefined ? hostDir(node, path) : rec.volumes?.[name];
}

interface MemoryVolumeSpec {
  name: string;
  emptyDir?: { medium?: string };
}

/**
 * Bytes of the files in the memory-backed emptyDirs (`medium: Memory`, a tmpfs) this container
 * mounts: tmpfs pages are charged to the memory cgroup of whoever writes them and cannot be
 * reclaimed, so they count against the container's memory limit.
 */
export function tmpfsBytes(pod: Pod, rec: PodRecord, container: string): number {
  const volumes = (pod.spec.volumes ?? []) as MemoryVolumeSpec[];
  // The hot path (every running container's step): most pods have no memory-backed volume.
  if (!volumes.some((v) => v.emptyDir?.medium === 'Memory')) return 0;
  const memoryVolumes = new Set(volumes.filter((v) => v.emptyDir?.medium === 'Memory').map((v) => v.name));
  const spec = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((s) => s.name === container);
  const mounted = new Set(((spec?.volumeMounts ?? []) as { name: string }[]).map((m) => m.name).filter((n) => memoryVolumes.has(n)));
  let bytes = 0;
  for (const name of mounted) {
    for (const content of Object.values(rec.volumes?.[name]?.files ?? {})) bytes += byteLength(content);
  }
  return bytes;
}

/** The container's memory-backed volumes alone exceed its memory limit (memory.max): an OOM kill. */
export function tmpfsOverLimit(pod: Pod, rec: PodRecord, container: string, memoryMax: string, processBytes: number): boolean {
  if (memoryMax === 'max') return false;
  const tmpfs = tmpfsBytes(pod, rec, container);
  return tmpfs > 0 && processBytes + tmpfs > Number(memoryMax);
}
