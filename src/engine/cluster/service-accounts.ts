/**
 * The ServiceAccounts a kubeadm v1.31 cluster has in kube-system besides `default` (which the
 * serviceaccounts controller makes in every namespace): the add-ons' accounts kubeadm creates
 * (coredns, kube-proxy) and one per controller of kube-controller-manager, which kubeadm runs with
 * --use-service-account-credentials=true so that each controller's client
 * (ControllerContext.ClientBuilder.ClientOrDie(name)) creates and uses its own account.
 * Only the controllers Podlab runs are listed (kube-controller-manager's names for them).
 */
import { serviceAccountObject } from '../components/serviceaccounts-controller.ts';
import type { KObject } from '../api/types.ts';
import { KUBE_SYSTEM } from './kubeadm.ts';

/** kubeadm's add-on accounts. */
export const ADDON_SERVICE_ACCOUNTS = ['coredns', 'kube-proxy'] as const;

/**
 * The client names of the kube-controller-manager controllers Podlab models. The taint-eviction
 * controller uses node-controller's client, and the service controller runs only with a cloud
 * provider, which a kubeadm cluster does not configure.
 */
export const CONTROLLER_SERVICE_ACCOUNTS = [
  'cronjob-controller', // cronjob
  'daemon-set-controller', // daemonset
  'deployment-controller', // deployment
  'disruption-controller', // disruption
  'endpoint-controller', // endpoints
  'endpointslice-controller', // endpointslice
  'endpointslicemirroring-controller', // endpointslice-mirroring
  'generic-garbage-collector', // garbage collector
  'horizontal-pod-autoscaler', // hpa
  'job-controller', // job
  'namespace-controller', // namespace
  'node-controller', // node-lifecycle, taint-eviction
  'persistent-volume-binder', // persistentvolume-binder
  'pod-garbage-collector', // pod-gc
  'pv-protection-controller', // pv-protection
  'pvc-protection-controller', // pvc-protection
  'replicaset-controller', // replicaset
  'resourcequota-controller', // resourcequota
  'root-ca-cert-publisher', // root-ca-cert-publisher
  'service-account-controller', // serviceaccount
  'statefulset-controller', // statefulset
  'ttl-after-finished-controller', // ttl-after-finished
] as const;

/** The kube-system accounts to create at boot, before the add-ons' pods that run as them. */
export function kubeSystemServiceAccounts(): KObject[] {
  return [...CONTROLLER_SERVICE_ACCOUNTS, ...ADDON_SERVICE_ACCOUNTS].map((name) => serviceAccountObject(KUBE_SYSTEM, name));
}
