/**
 * The kubelet's and runtime's timings, in one named place. Kubernetes' own defaults are marked
 * as such; the rest are Podlab's model of how long a machine takes (documented, not random).
 */
import { SECOND_MS } from '../../kernel/time.ts';

/**
 * kubelet --node-status-update-frequency; also the lease renew interval (0.25 × the 40 s lease,
 * NODE_LEASE_DURATION_SECONDS in cluster/kube-system.ts) and the eviction manager's 10 s
 * housekeeping: one node loop does all three.
 */
export const NODE_STATUS_UPDATE_MS = 10 * SECOND_MS;
/** kubelet nodeStatusReportFrequency: an unchanged status is still reported this often. */
export const NODE_STATUS_REPORT_MS = 5 * 60 * SECOND_MS;
/** PLEG relist period: a container's death is noticed within this. */
export const PLEG_RELIST_MS = 1 * SECOND_MS;
/** Pod worker back-off after a failed sync (workerBackOffPeriod). */
export const POD_SYNC_RETRY_MS = 10 * SECOND_MS;

/** Model: creating the sandbox (pause container, network namespace, CNI IP). */
export const SANDBOX_CREATE_MS = 500;
/** Model: an image pull's fixed cost (resolve, manifest, auth) and bandwidth. */
export const PULL_LATENCY_MS = 400;
export const PULL_BYTES_PER_SECOND = 40 * 1000 * 1000;
/** Model: a failed pull (unknown tag or repository) is known after resolving the reference. */
export const PULL_FAIL_MS = 600;
/** Model: memory is allocated at about 1 GiB/s, so a container over its limit is OOM-killed within a second. */
export const MEMORY_ALLOC_BYTES_PER_SECOND = 1024 * 1024 * 1024;

/** Volume manager retry back-off (nestedpendingoperations): 500 ms doubling to 2m2s. */
export const MOUNT_RETRY_INITIAL_MS = 500;
export const MOUNT_RETRY_MAX_MS = 122 * SECOND_MS;
/**
 * kubelet --sync-frequency (1 min): each pod's periodic resync, when mounted ConfigMaps and Secrets
 * are refreshed. The real kubelet jitters it up to 1.5×; Podlab resyncs at whole periods since admission.
 */
export const SYNC_FREQUENCY_MS = 60 * SECOND_MS;

/** A node's own use, outside pods: kernel, systemd, containerd, kubelet. */
export const NODE_SYSTEM_MEMORY_BYTES = 420 * 1024 * 1024;
export const NODE_SYSTEM_CPU_MILLI = 40;

/** Pod IPs in a node's /24 start here (.1 is the bridge). */
export const FIRST_POD_HOST = 2;
