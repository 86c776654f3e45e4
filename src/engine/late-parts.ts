/**
 * The engine's late parts (see late.ts): what booting and running the default cluster never
 * executes. Callers reach them through `late()`, never by importing these modules, so the app's
 * worker can load them as a chunk of their own after its first view.
 */
import { cronJobAdmission } from './api/admission/cronjob.ts';
import { hpaAdmission } from './api/admission/hpa.ts';
import { ingressAdmission, ingressClassAdmission } from './api/admission/ingress.ts';
import { jobAdmission } from './api/admission/job.ts';
import { limitRangeAdmission } from './api/admission/limitrange.ts';
import { networkPolicyAdmission } from './api/admission/networkpolicy.ts';
import { persistentVolumeAdmission } from './api/admission/persistentvolume.ts';
import { persistentVolumeClaimAdmission } from './api/admission/persistentvolumeclaim.ts';
import { podDisruptionBudgetAdmission } from './api/admission/poddisruptionbudget.ts';
import { resourceQuotaAdmission } from './api/admission/resourcequota.ts';
import { statefulSetAdmission } from './api/admission/statefulset.ts';
import type { KindAdmission } from './api/admission/types.ts';

let lateAdmissionByKind: Record<string, KindAdmission> | undefined;

/**
 * Admission of a kind the default cluster has no object of (admission/index.ts's `lateKind`). A
 * function, not a table built when this module loads: in Node the admission modules and this one
 * import each other, so their bindings are read only once everything has loaded.
 */
export function lateAdmission(kind: string): KindAdmission {
  lateAdmissionByKind ??= {
    CronJob: cronJobAdmission,
    HorizontalPodAutoscaler: hpaAdmission,
    Ingress: ingressAdmission,
    IngressClass: ingressClassAdmission,
    Job: jobAdmission,
    LimitRange: limitRangeAdmission,
    NetworkPolicy: networkPolicyAdmission,
    PersistentVolume: persistentVolumeAdmission,
    PersistentVolumeClaim: persistentVolumeClaimAdmission,
    PodDisruptionBudget: podDisruptionBudgetAdmission,
    ResourceQuota: resourceQuotaAdmission,
    StatefulSet: statefulSetAdmission,
  };
  return lateAdmissionByKind[kind];
}

// LimitRanger and ResourceQuota admission (admission/pod.ts, validating.ts, controllers/resourcequota.ts).
export { admitLimitRanges, validateLimitRanges } from './api/admission/limitrange.ts';
export { admitResourceQuota, quotaMatches } from './api/admission/resourcequota.ts';
// Patches and evictions (ApiStore.patch, ApiStore.evict).
export { evictPod } from './api/eviction.ts';
export { applyPatch } from './api/patch.ts';
// The shell interpreter (kubelet/shell-bridge.ts), a shell on the node and a look inside a pod (kubelet/agent.ts).
export { runShell, signalDisposition, signalShell, startArgv } from './node/shell/index.ts';
export { nodeShellExec } from './components/kubelet/node-shell.ts';
export { inspectPod } from './components/kubelet/inspect.ts';
// The data path: kube-proxy's rules, routing a packet through them, NetworkPolicy (network/network.ts, container-net.ts).
export { buildProxyTables } from './network/kube-proxy.ts';
export { route } from './network/route.ts';
export { connectionAllowed } from './network/network-policy.ts';
// Controllers' reconcile logic for kinds the default cluster has none of (their watches are made at boot).
export { reconcileHpa } from './components/controllers/hpa-sync.ts';
export { reconcileJob } from './components/controllers/job-sync.ts';
export { syncCronJobKey } from './components/controllers/cronjob-sync.ts';
export { syncStatefulSetKey } from './components/controllers/statefulset-sync.ts';
export { syncDisruptionKey } from './components/controllers/disruption-sync.ts';
export { reconcilePersistentVolumeKey, resyncPersistentVolumes } from './components/controllers/persistentvolume/controller-sync.ts';
export { scanClusterAutoscaler } from './components/controllers/cluster-autoscaler-scan.ts';
export { syncResourceQuotaKey } from './components/controllers/resourcequota-sync.ts';
export { podChargedForQuota } from './api/admission/quota-usage.ts';
// The scheduler plugins behind their shells (scheduler/plugins/late-shells.ts) and VolumeBinding's API writes (scheduler.ts).
export { podTopologySpread } from './components/scheduler/plugins/pod-topology-spread.ts';
export { interPodAffinity } from './components/scheduler/plugins/inter-pod-affinity.ts';
export { bindPodVolumes, volumeBinding } from './components/scheduler/plugins/volume-binding.ts';
export { defaultPreemption } from './components/scheduler/plugins/default-preemption.ts';
// The whole image catalog (node/images.ts looks up what its boot part lacks there).
export { IMAGE_CATALOG } from './node/image-catalog.ts';
// A stress container's load (kubelet/process.ts) and the diff of a refused pod update (admission/pod.ts).
export { parseStressArgs } from './node/stress.ts';
export { podSpecDiff } from './api/admission/gofmt-diff.ts';
