/**
 * The volume manager: a pod's containers start only once every volume is mounted. configMap and
 * secret volumes need their object (`FailedMount ... not found`, retried with back-off); an
 * emptyDir lives as long as the pod, across container restarts.
 */
import type { ConfigMap, Pod, Secret } from '../../api/types.ts';
import type { FsData } from '../../node/types.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodRecord } from './state.ts';
import { MOUNT_RETRY_INITIAL_MS, MOUNT_RETRY_MAX_MS } from './timing.ts';
import { decodeBase64 } from '../../api/admission/base64.ts';
import { simulatedCaBundle } from '../root-ca-publisher.ts';

interface VolumeSpec {
  name: string;
  emptyDir?: unknown;
  configMap?: { name?: string; optional?: boolean; items?: { key: string; path: string }[] };
  secret?: { secretName?: string; optional?: boolean; items?: { key: string; path: string }[] };
  projected?: unknown;
  [other: string]: unknown;
}

/** undefined when every volume is mounted; otherwise when to try again. */
export function mountVolumes(k: Kubelet, pod: Pod, rec: PodRecord): number | undefined {
  if (rec.volumes) return undefined;
  if (rec.mountRetry && k.now < rec.mountRetry.at) return rec.mountRetry.at;
  const volumes: Record<string, FsData> = {};
  for (const v of (pod.spec.volumes ?? []) as VolumeSpec[]) {
    const data = volumeData(k, pod, v);
    if (typeof data === 'string') {
      k.event(pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${v.name}" : ${data}`);
      const delayMs = rec.mountRetry ? Math.min(rec.mountRetry.delayMs * 2, MOUNT_RETRY_MAX_MS) : MOUNT_RETRY_INITIAL_MS;
      rec.mountRetry = { at: k.now + delayMs, delayMs };
      return rec.mountRetry.at;
    }
    volumes[v.name] = data;
  }
  rec.volumes = volumes;
  rec.mountRetry = undefined;
  return undefined;
}

function volumeData(k: Kubelet, pod: Pod, v: VolumeSpec): FsData | string {
  const ns = pod.metadata.namespace ?? '';
  if (v.configMap) {
    const cm = k.ctx.store.tryGet<ConfigMap>('configmaps', ns, v.configMap.name ?? '');
    if (!cm) return v.configMap.optional ? { files: {} } : `configmap "${v.configMap.name ?? ''}" not found`;
    return keyFiles({ ...(cm.data ?? {}) }, v.configMap.items);
  }
  if (v.secret) {
    const secret = k.ctx.store.tryGet<Secret>('secrets', ns, v.secret.secretName ?? '');
    if (!secret) return v.secret.optional ? { files: {} } : `secret "${v.secret.secretName ?? ''}" not found`;
    const decoded: Record<string, string> = {};
    for (const [key, value] of Object.entries(secret.data ?? {})) decoded[key] = decodeBase64(String(value));
    for (const [key, value] of Object.entries((secret as { stringData?: Record<string, string> }).stringData ?? {})) decoded[key] = value;
    return keyFiles(decoded, v.secret.items);
  }
  if (v.projected) return serviceAccountFiles(k, ns);
  // emptyDir, and (until storage is modelled) persistentVolumeClaim and hostPath: an empty directory.
  return { files: {} };
}

function keyFiles(data: Record<string, string>, items: { key: string; path: string }[] | undefined): FsData {
  const files: Record<string, string> = {};
  if (items) for (const item of items) files[`/${item.path}`] = data[item.key] ?? '';
  else for (const [key, value] of Object.entries(data)) files[`/${key}`] = value;
  return { files };
}

/** What the kube-api-access projected volume holds (token, CA bundle, namespace). */
function serviceAccountFiles(k: Kubelet, namespace: string): FsData {
  return {
    files: {
      '/ca.crt': simulatedCaBundle(k.ctx.kernel.seed),
      '/namespace': namespace,
      '/token': 'eyJhbGciOiJSUzI1NiIsImtpZCI6InBvZGxhYiJ9.simulated.token',
    },
  };
}
