/**
 * A docker host (the student's machine, outside the cluster): its image store (images by ID,
 * tags, layers on disk), BuildKit's cache, and its containers. Plain JSON: it snapshots with the
 * simulation.
 */
import type { Layer } from '../node/images.ts';
import type { StoredImage } from './image.ts';
import type { DockerContainer } from './containers.ts';

/** One cached build step: the layer it made and when (a later identical step reuses both). */
export interface CacheRecord {
  digest: string;
  sizeBytes: number;
  /** Simulated ms of the build that first made it. */
  createdAt: number;
}

export interface DockerHostState {
  /** Image ID → image. */
  images: Record<string, StoredImage>;
  /** Normalised `name:tag` → image ID. */
  tags: Record<string, string>;
  /** Image ID → `name@sha256:...` it was pushed as or pulled by. */
  repoDigests: Record<string, string[]>;
  /** Layer digest → bytes, for every layer on the host's disk. */
  layers: Record<string, number>;
  /** BuildKit's cache: step key → result. */
  cache: Record<string, CacheRecord>;
  /** Files of the student's project (`cat > FILE <<EOF`), by path relative to the project root. */
  workspace: Record<string, string>;
  containers: Record<string, DockerContainer>;
  /** Counts containers ever created (their IDs and names derive from it). */
  createdContainers: number;
}

export const emptyHost = (): DockerHostState => ({ images: {}, tags: {}, repoDigests: {}, layers: {}, cache: {}, workspace: {}, containers: {}, createdContainers: 0 });

/** The layers of `layers` the host lacks. */
export const missingLayers = (host: DockerHostState, layers: readonly Layer[]): Layer[] => layers.filter((l) => host.layers[l.digest] === undefined);

/** Stores an image (and its layers) and points `tags` at it; a tag moved off another image leaves that one dangling. */
export function storeImage(host: DockerHostState, image: StoredImage, tags: readonly string[]): void {
  host.images[image.id] = image;
  for (const l of image.layers) host.layers[l.digest] = l.sizeBytes;
  for (const t of tags) host.tags[t] = image.id;
}

/** The tags pointing at an image, sorted. */
export const tagsOf = (host: DockerHostState, id: string): string[] =>
  Object.entries(host.tags)
    .filter(([, v]) => v === id)
    .map(([t]) => t)
    .sort();

/** Records `name@digest` for an image (after a push or a pull). */
export function addRepoDigest(host: DockerHostState, id: string, name: string, digest: string): void {
  const list = (host.repoDigests[id] ??= []);
  const entry = `${name}@${digest}`;
  if (!list.includes(entry)) list.push(entry);
  list.sort();
}
