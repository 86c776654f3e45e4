/**
 * ServiceAccounts: the kind's own admission (ValidateServiceAccount / ValidateServiceAccountUpdate:
 * only the object meta, the name a DNS subdomain) and the ServiceAccount admission plugin's work on
 * pods (plugin/pkg/admission/serviceaccount/admission.go, v1.31): every pod that is not a mirror
 * pod gets an account (`default` if none is named), the account must exist, and unless the pod or
 * the account opts out (`automountServiceAccountToken: false`, the pod's choice winning) the pod
 * gets the projected volume `kube-api-access-xxxxx` (token, `kube-root-ca.crt`, namespace) mounted
 * read-only at /var/run/secrets/kubernetes.io/serviceaccount in every init and app container that
 * does not already mount something there. The account's imagePullSecrets are copied to a pod that
 * names none.
 */
import { forbidden, notFound, type FieldError } from '../errors.ts';
import { generateNameSuffix } from '../names.ts';
import { sharedConstant } from '../../kernel/trace.ts';
import type { KObject } from '../types.ts';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, dicts, isDict, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

/** serviceaccount.DefaultServiceAccountName */
export const DEFAULT_SERVICE_ACCOUNT = 'default';
/** Where the plugin mounts the token volume (DefaultAPITokenMountPath). */
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** The token volume's name prefix (ServiceAccountVolumeName + "-"). */
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
/**
 * serviceaccount.WarnOnlyBoundTokenExpirationSeconds: the token the plugin asks for lives 1 h 7 s
 * (the 7 s mark it as one the API server may extend and only warns about when used stale).
 */
export const SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS = 3607;
/** The ConfigMap the root CA publisher keeps in every namespace. */
const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  if (old) carryOverSystemMeta(obj, old);
}

/** ValidateServiceAccount: the object meta, with the name a DNS subdomain. */
function validateServiceAccount(sa: Dict): FieldError[] {
  return validateObjectMeta(isDict(sa.metadata) ? sa.metadata : {}, true, nameIsDNSSubdomain, 'metadata');
}

function validate(obj: KObject, _ctx: AdmissionContext, old?: KObject): FieldError[] {
  const sa = asDict(obj);
  if (!old) return validateServiceAccount(sa);
  const oldMeta = asDict(old).metadata;
  const errs = validateObjectMetaUpdate(isDict(sa.metadata) ? sa.metadata : {}, isDict(oldMeta) ? oldMeta : {}, 'metadata');
  errs.push(...validateServiceAccount(sa));
  return errs;
}

/** ServiceAccount admission (defaults + validation), as a v1.31 API server applies it. */
export const serviceAccountAdmission: KindAdmission = { defaults, validate };

/**
 * The projected volume source of TokenVolumeSource(), fields in the API server's order: the bound
 * token, the cluster CA from `kube-root-ca.crt`, and the pod's namespace.
 */
export function tokenVolumeSource(): Dict {
  return {
    sources: [
      { serviceAccountToken: { expirationSeconds: SERVICE_ACCOUNT_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
      { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
    defaultMode: 0o644,
  };
}

/**
 * The one token volume source every pod shares: the same for all of them, deep-frozen (nothing
 * writes into a stored pod; defaulting finds every field already set), and registered with the
 * trace, which then mixes its recorded hash input instead of walking it in each pod written.
 */
const TOKEN_VOLUME_SOURCE: Readonly<Dict> = sharedConstant(tokenVolumeSource());

/**
 * The account a pod in `namespace` names, as the plugin's getServiceAccount finds it; undefined
 * when there is none. The plugin retries `default` for up to about 2 s because the serviceaccounts
 * controller creates it right after the namespace: Podlab's controller runs when the command
 * settles, so an active namespace without one stands for an account about to exist (no
 * automount or pull-secret preferences).
 */
function findServiceAccount(ctx: AdmissionContext, namespace: string, name: string): Dict | undefined {
  const sa = lookUp(ctx, 'serviceaccounts', namespace, name);
  if (sa) return asDict(sa);
  if (name !== DEFAULT_SERVICE_ACCOUNT) return undefined;
  const ns = lookUp(ctx, 'namespaces', '', namespace);
  return ns && !ns.metadata.deletionTimestamp ? { metadata: { name, namespace } } : undefined;
}

/** The object by namespace and name: the context's direct lookup, or a scan of its list. */
function lookUp(ctx: AdmissionContext, resource: string, namespace: string, name: string): KObject | undefined {
  if (ctx.get) return ctx.get(resource, namespace, name);
  for (const o of ctx.list(resource)) {
    if ((o.metadata.namespace ?? '') === namespace && o.metadata.name === name) return o;
  }
  return undefined;
}

/** shouldAutomount: the pod's choice wins, then the account's, then true. */
function shouldAutomount(sa: Dict, spec: Dict): boolean {
  if (typeof spec.automountServiceAccountToken === 'boolean') return spec.automountServiceAccountToken;
  if (typeof sa.automountServiceAccountToken === 'boolean') return sa.automountServiceAccountToken;
  return true;
}

/**
 * The ServiceAccount plugin's Admit on a pod create, plus the v1 conversion that mirrors
 * serviceAccountName into serviceAccount. Mirror pods are left alone (the kubelet deletes one whose
 * spec differs from its static pod); the conversion still fills one field from the other. Throws
 * Forbidden when the named account does not exist. The namespace must exist (a missing or
 * terminating one is NamespaceLifecycle's error, which the real chain reports first).
 */
export function admitPodServiceAccount(pod: KObject, spec: Dict, ctx: AdmissionContext): void {
  const mirror = pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
  const name = str(spec.serviceAccountName) || str(spec.serviceAccount) || (mirror ? '' : DEFAULT_SERVICE_ACCOUNT);
  if (name === '') return;
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
  if (mirror) return;
  const namespace = pod.metadata?.namespace ?? '';
  const nsObj = lookUp(ctx, 'namespaces', '', namespace);
  if (!nsObj || nsObj.metadata.deletionTimestamp) return;
  const sa = findServiceAccount(ctx, namespace, name);
  if (!sa) {
    // admission.NewForbidden names the pod by its generateName before the name is generated.
    const podName = pod.metadata?.name || pod.metadata?.generateName || '';
    const why = `error looking up service account ${namespace}/${name}: ${notFound({ group: '', resource: 'serviceaccount' }, name).message}`;
    throw forbidden({ group: '', resource: 'pods' }, podName, why);
  }
  if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec, ctx);
  if (dicts(spec.imagePullSecrets).length === 0 && dicts(sa.imagePullSecrets).length > 0) {
    spec.imagePullSecrets = dicts(sa.imagePullSecrets).map((s) => ({ name: str(s.name) }));
  }
}

/**
 * mountServiceAccountToken: reuses a volume already named kube-api-access-*, else picks a name
 * with the API server's name generator (5 random characters); mounts it in every init and app
 * container without a mount at the token path, and adds the volume if some container needs it.
 */
function mountServiceAccountToken(spec: Dict, ctx: AdmissionContext): void {
  const existing = dicts(spec.volumes).find((v) => str(v.name).startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  const volumeName = existing ? str(existing.name) : generateNameSuffix(SERVICE_ACCOUNT_VOLUME_PREFIX, ctx.prng);
  const initNeeds = mountTokenIn(spec.initContainers, volumeName);
  const appNeeds = mountTokenIn(spec.containers, volumeName);
  if (existing || !(initNeeds || appNeeds)) return;
  const volume = { name: volumeName, projected: TOKEN_VOLUME_SOURCE };
  spec.volumes = Array.isArray(spec.volumes) ? [...spec.volumes, volume] : [volume];
}

/** Mounts the token volume in each container of a list without a mount at the token path; true if any. */
function mountTokenIn(containers: unknown, volumeName: string): boolean {
  let mounted = false;
  for (const c of dicts(containers)) {
    if (dicts(c.volumeMounts).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH)) continue;
    const mount = { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    c.volumeMounts = Array.isArray(c.volumeMounts) ? [...c.volumeMounts, mount] : [mount];
    mounted = true;
  }
  return mounted;
}
