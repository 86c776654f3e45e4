/**
 * ImageLocality, as kube-scheduler v1.31 has it (`plugins/imagelocality/image_locality.go`):
 * favours nodes that already hold the pod's images, weighing each image by its size and by how
 * widely it has spread (so one node does not attract every pod just because it pulled first).
 *
 * For every init and app container whose image is on the node: add
 * int64(size × numNodesWithImage / totalNodes). Clamp the sum to [23Mi, 1000Mi × containers] and
 * scale to 0..100. No NormalizeScore.
 *
 * Image names are matched the v1.31 way: the pod's image only gets `:latest` appended when it has
 * no tag (`normalizedImageName`), and is then looked up *verbatim* among the names in
 * node.status.images (the scheduler cache keys ImageStates by those names, unparsed). So `nginx`
 * matches `nginx:latest`, but `nginx:1.27` does not match the `docker.io/library/nginx:1.27` a
 * containerd node reports — the gap upstream leaves open (TODO in normalizedImageName, issue
 * #112699); Podlab keeps it.
 *
 * Upstream has no PreScore here; Podlab adds one that only precomputes the pod's image names and
 * their spread (it never returns Skip), so Score allocates nothing.
 */
import {
  MAX_NODE_SCORE,
  type ClusterEvent,
  type CycleState,
  type FrameworkHandle,
  type NodeInfo,
  type PluginFactory,
  type PodInfo,
  type PreScorePlugin,
  type ScorePlugin,
  type Snapshot,
  type Status,
  type ScoreList,
} from '../framework/types.ts';
import type { NodeColumns } from '../framework/node-columns.ts';
import { intDiv } from './node-resources-fit.ts';

export const NAME = 'ImageLocality';
const PRE_SCORE_KEY = `PreScore${NAME}`;

const MB = 1024 * 1024;
/** The bounds of the image score: 90 % of Docker Hub images are 23MB..1000MB compressed. */
export const MIN_THRESHOLD_BYTES = 23 * MB;
export const MAX_CONTAINER_THRESHOLD_BYTES = 1000 * MB;

/** normalizedImageName: append `:latest` when the last `:` is not after the last `/` (no tag). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** calculatePriority: the summed image score clamped and scaled to 0..100. */
export function imageLocalityScore(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD_BYTES * numContainers;
  let sum = sumScores;
  if (sum < MIN_THRESHOLD_BYTES) sum = MIN_THRESHOLD_BYTES;
  else if (sum > maxThreshold) sum = maxThreshold;
  return intDiv(MAX_NODE_SCORE * (sum - MIN_THRESHOLD_BYTES), maxThreshold - MIN_THRESHOLD_BYTES);
}

/** scaledImageScore: int64(float64(size) × spread), spread = nodes with the image / all nodes. */
export const scaledImageScore = (sizeBytes: number, spread: number): number => Math.trunc(sizeBytes * spread);

/** Per cycle: the pod's images (init containers first) with their spread over the cluster. */
interface PodImages {
  names: string[];
  spreads: Float64Array;
  numContainers: number;
}

function podImages(pod: PodInfo, snapshot: Snapshot): PodImages {
  // Plain loops: this runs every cycle, and Float64Array.from with a map function is slow in V8.
  const names: string[] = [];
  for (const c of pod.pod.spec.initContainers ?? []) names.push(normalizedImageName(c.image ?? ''));
  for (const c of pod.pod.spec.containers ?? []) names.push(normalizedImageName(c.image ?? ''));
  const totalNodes = snapshot.nodes.length;
  const spreads = new Float64Array(names.length);
  if (totalNodes > 0) for (let i = 0; i < names.length; i++) spreads[i] = snapshot.imageNodeCount(names[i]) / totalNodes;
  return { names, spreads, numContainers: names.length };
}

/** sumImageScores for one node. Allocates nothing. */
function sumImageScores(images: PodImages, node: NodeInfo): number {
  let sum = 0;
  for (let i = 0; i < images.names.length; i++) {
    const sizeBytes = node.images.get(images.names[i]);
    if (sizeBytes !== undefined) sum += scaledImageScore(sizeBytes, images.spreads[i]);
  }
  return sum;
}

/**
 * Is `images` what podImages would give for this pod now? The same images in the same order, with
 * the same spread (pods of one template, while no node pulled one of the images meanwhile).
 */
function samePodImages(images: PodImages, pod: PodInfo, snapshot: Snapshot): boolean {
  const init = pod.pod.spec.initContainers ?? [];
  const app = pod.pod.spec.containers ?? [];
  if (init.length + app.length !== images.names.length) return false;
  const totalNodes = snapshot.nodes.length;
  for (let i = 0; i < images.names.length; i++) {
    const c = i < init.length ? init[i] : app[i - init.length];
    const name = images.names[i];
    const image = c.image ?? '';
    // normalizedImageName(image) === name, without building the string.
    if (image !== name && !(name.length === image.length + 7 && name.startsWith(image) && name.endsWith(':latest') && normalizedImageName(image) === name)) return false;
    const spread = totalNodes > 0 ? snapshot.imageNodeCount(name) / totalNodes : 0;
    if (spread !== images.spreads[i]) return false;
  }
  return true;
}

class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  /** A score-only plugin: v1.31 registers no cluster events for it. */
  readonly events: readonly ClusterEvent[] = [];
  /** The last cycle's images, handed out again while they still hold (they are never written). */
  private last: PodImages | undefined;

  constructor(private readonly handle: FrameworkHandle) {}

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const snapshot = this.handle.snapshot();
    const last = this.last;
    const images = last !== undefined && samePodImages(last, pod, snapshot) ? last : (this.last = podImages(pod, snapshot));
    state.write(PRE_SCORE_KEY, images);
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const images = state.read<PodImages>(PRE_SCORE_KEY) ?? this.lateImages(state, pod);
    return imageLocalityScore(sumImageScores(images, node), images.numContainers);
  }

  scoreNodes(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: ScoreList): void {
    const images = state.read<PodImages>(PRE_SCORE_KEY) ?? this.lateImages(state, pod);
    // No node has any of the pod's images: every node scores what an empty sum scores.
    const onNoNode = images.spreads.every((x) => x === 0);
    const none = onNoNode ? imageLocalityScore(0, images.numContainers) : 0;
    for (let j = 0; j < nodes.length; j++) out[j] = onNoNode ? none : imageLocalityScore(sumImageScores(images, nodes[j]), images.numContainers);
  }

  scoreSlots(state: CycleState, pod: PodInfo, cols: NodeColumns, slots: Int32Array, out: ScoreList): void {
    const images = state.read<PodImages>(PRE_SCORE_KEY) ?? this.lateImages(state, pod);
    // No node has any of the pod's images: every node scores what an empty sum scores.
    if (images.spreads.every((x) => x === 0)) {
      const none = imageLocalityScore(0, images.numContainers);
      for (let j = 0; j < out.length; j++) out[j] = none;
      return;
    }
    for (let j = 0; j < out.length; j++) out[j] = imageLocalityScore(sumImageScores(images, cols.nodes[slots[j]]), images.numContainers);
  }

  private lateImages(state: CycleState, pod: PodInfo): PodImages {
    const images = podImages(pod, this.handle.snapshot());
    state.write(PRE_SCORE_KEY, images);
    return images;
  }
}

export const imageLocality: PluginFactory = (_args, handle) => new ImageLocality(handle);
