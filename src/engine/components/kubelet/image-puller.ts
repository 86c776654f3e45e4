/**
 * The kubelet's image manager (pkg/kubelet/images): honours imagePullPolicy, pulls through a
 * serial puller (serializeImagePulls: true), downloads only the layers the node lacks, and on a
 * failed pull reports ErrImagePull, then ImagePullBackOff while the back-off (10 s doubling to
 * 300 s) runs — with the kubelet's events and messages.
 */
import type { Container, Node, Pod } from '../../api/types.ts';
import { IMAGE_PULL_BACKOFF, formatGoDuration, isInBackOffSinceUpdate, nextBackoff } from '../../node/backoff.ts';
import { findImage, isImageRefError, parseImageRef, pullErrorMessage, SANDBOX_IMAGE, type ImageInfo } from '../../node/images.ts';
import { defaultWaitingReason, type Kubelet } from './kubelet.ts';
import { fieldPath } from './containers.ts';
import type { ContainerRecord, NodeRecord, PodRecord } from './state.ts';
import { POD_SYNC_RETRY_MS, PLEG_RELIST_MS, PULL_BYTES_PER_SECOND, PULL_FAIL_MS, PULL_LATENCY_MS } from './timing.ts';

export type ImageReady = { kind: 'ready'; image: ImageInfo } | { kind: 'wait'; at: number };

/** Makes sure the container's image is on the node; `wait` says when to look again. */
export function ensureImage(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container): ImageReady {
  const ref = spec.image ?? '';
  const parsed = parseImageRef(ref);
  if (isImageRefError(parsed)) {
    setWaiting(k, pod, c, 'InvalidImageName', parsed.message, 'InspectFailed');
    return { kind: 'wait', at: k.now + POD_SYNC_RETRY_MS };
  }
  if (c.pull) return finishPull(k, pod, rec, c, ref);
  const present = k.node.images[parsed.normalized] ? lookupImage(k, parsed.normalized) : undefined;
  const policy = spec.imagePullPolicy ?? 'IfNotPresent';
  if (present && policy !== 'Always') {
    k.event(pod, 'Normal', 'Pulled', `Container image "${ref}" already present on machine`, fieldPath(c));
    return { kind: 'ready', image: present };
  }
  if (policy === 'Never') {
    setWaiting(k, pod, c, 'ErrImageNeverPull', `Container image "${ref}" is not present with pull policy of Never`, 'ErrImageNeverPull');
    return { kind: 'wait', at: k.now + POD_SYNC_RETRY_MS };
  }
  const key = `${rec.uid}_${ref}`;
  const entry = k.node.backoff[key];
  if (isInBackOffSinceUpdate(entry, k.now)) {
    const message = `Back-off pulling image "${ref}"`;
    if (c.waiting?.reason !== 'ImagePullBackOff') {
      k.event(pod, 'Normal', 'BackOff', message, fieldPath(c));
      k.event(pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', fieldPath(c));
    }
    c.waiting = { reason: 'ImagePullBackOff', message };
    return { kind: 'wait', at: entry!.lastUpdateMs + entry!.backoffMs };
  }
  startPull(k, pod, rec, c, ref, parsed.normalized);
  return { kind: 'wait', at: c.pull!.doneAt };
}

/** registry.local's images (the simulation's docker world), then the public registries' catalog. */
const lookupImage = (k: Kubelet, ref: string): ImageInfo | undefined => k.ctx.images?.find(ref) ?? findImage(ref);

function setWaiting(k: Kubelet, pod: Pod, c: ContainerRecord, reason: string, message: string, eventReason: string): void {
  if (c.waiting?.reason !== reason) k.event(pod, 'Warning', eventReason, message, fieldPath(c));
  c.waiting = { reason, message };
}

const DEFAULT_REASONS = new Set(['ContainerCreating', 'PodInitializing']);

function startPull(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, ref: string, normalized: string): void {
  k.event(pod, 'Normal', 'Pulling', `Pulling image "${ref}"`, fieldPath(c));
  const startedAt = Math.max(k.now, k.node.pullerFreeAt);
  const info = lookupImage(k, normalized);
  let doneAt: number;
  if (!info) doneAt = startedAt + PULL_FAIL_MS;
  else {
    const have = new Set(k.node.layers);
    const missing = info.layers.filter((l) => !have.has(l.digest));
    const bytes = missing.reduce((n, l) => n + l.sizeBytes, 0);
    doneAt = startedAt + PULL_LATENCY_MS + Math.ceil((bytes * 1000) / PULL_BYTES_PER_SECOND);
    // Serial puller: whatever pulls next finds these layers already on disk.
    for (const l of missing) k.node.layers.push(l.digest);
  }
  k.node.pullerFreeAt = doneAt;
  c.pull = { doneAt, ok: info !== undefined, startedAt, waitedMs: startedAt - k.now };
  if (!info) c.pull.error = k.ctx.images?.pullError(ref) ?? pullErrorMessage(ref);
  // A container that ran before keeps showing how it ended (or its back-off), and one whose last
  // pull failed keeps that error (the kubelet's reason cache), until a start succeeds.
  const lastError = c.waiting !== undefined && !DEFAULT_REASONS.has(c.waiting.reason);
  if (!c.current && !lastError) c.waiting = { reason: defaultWaitingReason(rec.containers.some((x) => x.init)) };
}

function finishPull(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, ref: string): ImageReady {
  const pull = c.pull!;
  if (k.now < pull.doneAt) return { kind: 'wait', at: pull.doneAt };
  c.pull = undefined;
  const info = pull.ok ? lookupImage(k, ref) : undefined;
  if (!info) {
    const error = pull.error ?? pullErrorMessage(ref);
    k.event(pod, 'Warning', 'Failed', `Failed to pull image "${ref}": ${error}`, fieldPath(c));
    k.event(pod, 'Warning', 'Failed', 'Error: ErrImagePull', fieldPath(c));
    const key = `${rec.uid}_${ref}`;
    k.node.backoff[key] = nextBackoff(k.node.backoff[key], k.now, k.now, IMAGE_PULL_BACKOFF);
    c.waiting = { reason: 'ErrImagePull', message: error };
    return { kind: 'wait', at: k.now + PLEG_RELIST_MS };
  }
  recordImage(k.node, info);
  const took = formatGoDuration(pull.doneAt - pull.startedAt);
  const withWait = formatGoDuration(pull.doneAt - pull.startedAt + pull.waitedMs);
  k.event(pod, 'Normal', 'Pulled', `Successfully pulled image "${ref}" in ${took} (${withWait} including waiting). Image size: ${info.sizeBytes} bytes.`, fieldPath(c));
  return { kind: 'ready', image: info };
}

function recordImage(node: NodeRecord, info: ImageInfo): void {
  for (const tag of info.repoTags) node.images[tag] = { refs: info.repoTags, id: info.configDigest, repoDigest: info.imageId, sizeBytes: info.sizeBytes };
  for (const l of info.layers) if (!node.layers.includes(l.digest)) node.layers.push(l.digest);
  node.statusDirty = true;
}

/** What a kubeadm node has pulled before any pod: the sandbox image and kube-proxy; the control plane's images too. */
export function seedNodeImages(rec: NodeRecord, node: Node): void {
  const controlPlane = Object.hasOwn(node.metadata.labels ?? {}, 'node-role.kubernetes.io/control-plane');
  const refs = [SANDBOX_IMAGE, 'registry.k8s.io/kube-proxy:v1.31.0'];
  if (controlPlane) {
    refs.push(
      'registry.k8s.io/etcd:3.5.15-0',
      'registry.k8s.io/kube-apiserver:v1.31.0',
      'registry.k8s.io/kube-controller-manager:v1.31.0',
      'registry.k8s.io/kube-scheduler:v1.31.0',
      'registry.k8s.io/coredns/coredns:v1.11.3',
    );
  }
  for (const ref of refs) {
    const info = findImage(ref);
    if (info) recordImage(rec, info);
  }
}
