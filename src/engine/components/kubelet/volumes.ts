/**
 * The volume manager: a pod's containers start only once every volume is mounted. configMap and
 * secret volumes need their object (`FailedMount ... not found`, retried with back-off) and are
 * refreshed when it changes (api-volumes.ts); an emptyDir lives as long as the pod, across
 * container restarts.
 */
import type { Pod } from '../../api/types.ts';
import type { FsData } from '../../node/types.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodRecord } from './state.ts';
import { MOUNT_RETRY_INITIAL_MS, MOUNT_RETRY_MAX_MS } from './timing.ts';
import { apiVolumeData, refreshApiVolumes, type ApiVolumeSpec } from './api-volumes.ts';
import { hostVolume, waitForClaim } from './storage-volumes.ts';

interface VolumeSpec extends ApiVolumeSpec {
  emptyDir?: unknown;
  [other: string]: unknown;
}

/** undefined when every volume is mounted; otherwise when to try again. */
export function mountVolumes(k: Kubelet, pod: Pod, rec: PodRecord): number | undefined {
  if (rec.volumes) {
    refreshApiVolumes(k, pod, rec);
    return undefined;
  }
  if (rec.mountRetry && k.now < rec.mountRetry.at) return rec.mountRetry.at;
  const volumes: Record<string, FsData> = {};
  const hostMounts: Record<string, string> = {};
  for (const v of (pod.spec.volumes ?? []) as VolumeSpec[]) {
    // hostPath and PersistentVolume data lives on the node (storage-volumes.ts).
    const host = hostVolume(k, pod, v);
    if (host !== undefined && typeof host !== 'string') {
      if ('wait' in host) return waitForClaim(k, rec);
      hostMounts[v.name] = host.path;
      volumes[v.name] = { files: {} };
      continue;
    }
    const data = host ?? volumeData(k, pod, rec, v);
    if (typeof data === 'string') {
      k.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${data}`);
      const delayMs = rec.mountRetry ? Math.min(rec.mountRetry.delayMs * 2, MOUNT_RETRY_MAX_MS) : MOUNT_RETRY_INITIAL_MS;
      rec.mountRetry = { at: k.now + delayMs, delayMs };
      return rec.mountRetry.at;
    }
    volumes[v.name] = data;
  }
  rec.volumes = volumes;
  if (Object.keys(hostMounts).length > 0) rec.hostMounts = hostMounts;
  rec.mountRetry = undefined;
  return undefined;
}

function volumeData(k: Kubelet, pod: Pod, rec: PodRecord, v: VolumeSpec): FsData | string {
  // configMap, secret, downwardAPI, projected: api-volumes.ts.
  const api = apiVolumeData(k, pod, rec, v);
  if (api !== undefined) return api;
  // emptyDir (hostPath and persistentVolumeClaim were mounted from the node's disk above).
  return { files: {} };
}
