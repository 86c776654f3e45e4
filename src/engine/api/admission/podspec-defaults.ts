/**
 * Defaulting shared by Pods and pod templates (Deployment, ReplicaSet): SetDefaults_PodSpec,
 * SetDefaults_Container, SetDefaults_Volume/Probe/HTTPGetAction and the declarative `+default`
 * markers of core/v1 (container port protocol), plus SetDefaults_ResourceList for every
 * container's requests and limits. Pod-only defaults (SetDefaults_Pod) live in pod.ts.
 */
import { memoizeString } from '../../kernel/memo.ts';
import type { KObject } from '../types.ts';
import { checkIntField, checkStringMap, child, dicts, isDict, normalizeResourceList, str, type Dict } from './common.ts';

/** v1.DefaultTerminationGracePeriodSeconds */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** v1.DefaultSchedulerName */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** v1.TerminationMessagePathDefault */
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** Default mode of secret/configMap/downwardAPI/projected volume files (0644). */
const DEFAULT_VOLUME_MODE = 0o644;

const VOLUME_SOURCES = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk',
  'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral', 'image',
] as const;
export const VOLUME_SOURCE_KEYS: readonly string[] = VOLUME_SOURCES;

/** The container lists of a pod spec, with their JSON field names. */
export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/**
 * SetDefaults_PodSpec and everything nested in it, for a Pod or a pod template. `owner` is the
 * top-level object (for decode errors); quantities that do not parse throw BadRequest.
 */
export function defaultPodSpec(owner: KObject, spec: Dict, jsonPath = 'spec'): void {
  if (spec.nodeSelector != null) checkStringMap(owner, spec.nodeSelector, 'PodSpec', `${jsonPath}.nodeSelector`);
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!isDict(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  }
  if (!spec.schedulerName) spec.schedulerName = DEFAULT_SCHEDULER_NAME;
  // The CONTAINER_LISTS order, so that a decode error names the same container. Hot paths here
  // and below read members by name: V8 looks up a computed key that is absent (spec[list]) slowly.
  defaultContainers(owner, spec.initContainers, jsonPath, 'initContainers');
  defaultContainers(owner, spec.containers, jsonPath, 'containers');
  defaultContainers(owner, spec.ephemeralContainers, jsonPath, 'ephemeralContainers');
  for (const v of dicts(spec.volumes)) defaultVolume(v);
  if (isDict(spec.overhead)) normalizeResourceList(owner, spec.overhead);
}

/** The containers of one list (`list` is its JSON name, for decode errors). */
function defaultContainers(owner: KObject, containers: unknown, jsonPath: string, list: string): void {
  for (const c of dicts(containers)) {
    for (const p of dicts(c.ports)) checkIntField(owner, p.containerPort, 'ContainerPort', `${jsonPath}.${list}.ports.containerPort`);
    defaultContainer(owner, c);
  }
}

/**
 * The tag an image reference carries, the way parsers.ParseImageName reads it: `latest` when
 * neither tag nor digest is given, '' for a digest-only or unparsable reference. Memoized: the
 * reference regex is costly and the same few images recur in every replica.
 */
export const imageTag: (image: string) => string = memoizeString(imageTagUncached);

function imageTagUncached(image: string): string {
  const m = IMAGE_REFERENCE.exec(image);
  if (!m || image.length === 0) return '';
  const [, , tag, digest] = m;
  if (tag) return tag;
  return digest ? '' : 'latest';
}

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_REFERENCE = new RegExp(
  `^((?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`,
);

const LIFECYCLE_HOOKS = ['postStart', 'preStop'];

/** SetDefaults_Container, port protocols, probes, lifecycle handlers and resource lists. */
export function defaultContainer(owner: KObject, c: Dict): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(str(c.image)) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = DEFAULT_TERMINATION_MESSAGE_PATH;
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  const resources = child(c, 'resources');
  normalizeResourceList(owner, resources.limits);
  normalizeResourceList(owner, resources.requests);
  for (const p of dicts(c.ports)) if (!p.protocol) p.protocol = 'TCP';
  if (isDict(c.livenessProbe)) defaultProbe(c.livenessProbe);
  if (isDict(c.readinessProbe)) defaultProbe(c.readinessProbe);
  if (isDict(c.startupProbe)) defaultProbe(c.startupProbe);
  if (isDict(c.lifecycle)) {
    for (const hook of LIFECYCLE_HOOKS) {
      const h = c.lifecycle[hook];
      if (isDict(h) && isDict(h.httpGet)) defaultHTTPGet(h.httpGet);
    }
  }
  for (const e of dicts(c.env)) {
    const fieldRef = isDict(e.valueFrom) ? e.valueFrom.fieldRef : undefined;
    if (isDict(fieldRef) && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
  }
}

/** SetDefaults_Probe (initialDelaySeconds stays 0 = omitted); the kubelet reads the same table. */
export const PROBE_DEFAULTS = Object.freeze({ timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });

function defaultProbe(p: Dict): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = PROBE_DEFAULTS.timeoutSeconds;
  if (!p.periodSeconds) p.periodSeconds = PROBE_DEFAULTS.periodSeconds;
  if (!p.successThreshold) p.successThreshold = PROBE_DEFAULTS.successThreshold;
  if (!p.failureThreshold) p.failureThreshold = PROBE_DEFAULTS.failureThreshold;
  if (isDict(p.httpGet)) defaultHTTPGet(p.httpGet);
}

function defaultHTTPGet(h: Dict): void {
  if (!h.path) h.path = '/';
  if (!h.scheme) h.scheme = 'HTTP';
}

/** SetDefaults_Volume (no source means emptyDir) and the volume sources' default file modes. */
function defaultVolume(v: Dict): void {
  if (!VOLUME_SOURCES.some((k) => v[k] !== undefined && v[k] !== null)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected'] as const) {
    const src = v[k];
    if (isDict(src) && src.defaultMode === undefined) src.defaultMode = DEFAULT_VOLUME_MODE;
  }
  if (isDict(v.hostPath) && v.hostPath.type === undefined) v.hostPath.type = '';
  if (isDict(v.downwardAPI)) {
    for (const item of dicts(v.downwardAPI.items)) {
      if (isDict(item.fieldRef) && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
    }
  }
  if (isDict(v.projected)) {
    for (const src of dicts(v.projected.sources)) {
      const token = src.serviceAccountToken;
      if (isDict(token) && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
    }
  }
}
