/**
 * An image as the docker host and the registries hold it: layers, OCI config, history, and the
 * runtime model the kubelet runs (userland, programs) — plain JSON. Catalog images (what the
 * public registries serve, node/image-catalog.ts) keep the catalog's digests and sizes, so the
 * same base layer has the same digest whether a build pulled it or a kubelet did. Built images
 * get real content digests: the config's sha256 is the image ID, the manifest's the repo digest.
 */
import { formatTimestamp } from '../kernel/time.ts';
import {
  DEFAULT_DAEMON,
  findImage,
  parseImageRef,
  isImageRefError,
  resolveProcess,
  type AppModel,
  type EntrypointWrapper,
  type ImageConfig,
  type ImageInfo,
  type Layer,
  type Userland,
} from '../node/images.ts';
import { canonicalJson, sha256Digest } from './digest.ts';

/** One `docker history` row (a history entry of the OCI config). */
export interface HistoryEntry {
  /** Simulated ms. */
  created: number;
  createdBy: string;
  /** True for an instruction that changed only the config (ENV, CMD...). */
  emptyLayer?: boolean;
  comment?: string;
  /** Bytes of the layer this entry made (0 for empty ones). */
  sizeBytes: number;
}

/** What runs in the image: the catalog's model of the base, carried through builds. */
export interface RuntimeModel {
  userland: Userland;
  programs: Record<string, AppModel>;
  tools?: string[];
  wrapper?: EntrypointWrapper;
  agnhost?: true;
}

/** An image: content plus the model of what it runs. */
export interface StoredImage {
  /** The config digest: IMAGE ID. */
  id: string;
  /** The manifest digest (what `name@sha256:` pins). */
  manifestDigest: string;
  config: ImageConfig;
  labels: Record<string, string>;
  layers: Layer[];
  history: HistoryEntry[];
  runtime: RuntimeModel;
  /** Simulated ms. */
  created: number;
}

export const LAYER_MEDIA_TYPE = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
export const MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';

export const imageSizeBytes = (image: Pick<StoredImage, 'layers'>): number => image.layers.reduce((n, l) => n + l.sizeBytes, 0);

const exposedPortsObject = (ports: readonly string[]): Record<string, Record<string, never>> | undefined =>
  ports.length === 0 ? undefined : Object.fromEntries(ports.map((p) => [p, {}]));

/** The OCI image config document (field names as in the image spec and Docker's). */
export function ociConfig(image: Omit<StoredImage, 'id' | 'manifestDigest'>): Record<string, unknown> {
  const c = image.config;
  return {
    architecture: 'amd64',
    os: 'linux',
    created: formatTimestamp(image.created),
    config: {
      Env: c.env,
      Entrypoint: c.entrypoint.length > 0 ? c.entrypoint : undefined,
      Cmd: c.cmd.length > 0 ? c.cmd : undefined,
      WorkingDir: c.workingDir === '' ? undefined : c.workingDir,
      ExposedPorts: exposedPortsObject(c.exposedPorts),
      User: c.user === '' ? undefined : c.user,
      StopSignal: c.stopSignal === 'SIGTERM' ? undefined : c.stopSignal,
      Labels: Object.keys(image.labels).length > 0 ? image.labels : undefined,
    },
    rootfs: { type: 'layers', diff_ids: image.layers.map((l) => l.digest) },
    history: image.history.map((h) => ({
      created: formatTimestamp(h.created),
      created_by: h.createdBy,
      comment: h.comment,
      empty_layer: h.emptyLayer === true ? true : undefined,
    })),
  };
}

/** The OCI image manifest document. */
export function ociManifest(image: Pick<StoredImage, 'id' | 'layers'>, configSizeBytes: number): Record<string, unknown> {
  return {
    schemaVersion: 2,
    mediaType: MANIFEST_MEDIA_TYPE,
    config: { mediaType: CONFIG_MEDIA_TYPE, digest: image.id, size: configSizeBytes },
    layers: image.layers.map((l) => ({ mediaType: LAYER_MEDIA_TYPE, digest: l.digest, size: l.sizeBytes })),
  };
}

/** Gives a built image its content digests: config → ID, manifest → repo digest. */
export function sealImage(image: Omit<StoredImage, 'id' | 'manifestDigest'>): StoredImage {
  const config = canonicalJson(ociConfig(image));
  const id = sha256Digest(config);
  const manifestDigest = sha256Digest(canonicalJson(ociManifest({ id, layers: image.layers }, config.length)));
  return { ...image, id, manifestDigest };
}

/** Catalog images were pushed long before any session: their history is dated at the epoch. */
const CATALOG_CREATED_MS = -30 * 24 * 3600 * 1000;

/** A public registry's image as a StoredImage (catalog digests, history as the image's own builder wrote it). */
export function catalogImage(info: ImageInfo): StoredImage {
  const history: HistoryEntry[] = info.layers.map((l, i) => ({
    created: CATALOG_CREATED_MS,
    createdBy: `/bin/sh -c #(nop) ADD file:${l.digest.slice(7, 19)} in / ${i === 0 ? '' : '# layer ' + String(i + 1)}`.trim(),
    sizeBytes: l.sizeBytes,
  }));
  const meta = (createdBy: string): HistoryEntry => ({ created: CATALOG_CREATED_MS, createdBy, emptyLayer: true, sizeBytes: 0 });
  if (info.config.entrypoint.length > 0) history.push(meta(`/bin/sh -c #(nop)  ENTRYPOINT ${goQuoteList(info.config.entrypoint)}`));
  if (info.config.cmd.length > 0) history.push(meta(`/bin/sh -c #(nop)  CMD ${goQuoteList(info.config.cmd)}`));
  const runtime: RuntimeModel = { userland: info.userland, programs: info.programs };
  if (info.tools) runtime.tools = info.tools;
  if (info.wrapper) runtime.wrapper = info.wrapper;
  if (info.agnhost) runtime.agnhost = true;
  return {
    id: info.configDigest,
    manifestDigest: info.digest,
    config: info.config,
    labels: {},
    layers: info.layers,
    history,
    runtime,
    created: CATALOG_CREATED_MS,
  };
}

/** Go's `%q` of a []string, as BuildKit writes CMD and ENTRYPOINT into history: `["node" "server.js"]`. */
export function goQuoteList(words: readonly string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(' ')}]`;
}

/**
 * The image as the kubelet sees it (images.ts's ImageInfo) under `name:tag`: what it pulls
 * (layers), what `imageID` reports, and what its process runs.
 */
export function toImageInfo(image: StoredImage, name: string, tag: string, repoTags: string[]): ImageInfo {
  const info: ImageInfo = {
    layers: image.layers,
    config: image.config,
    userland: image.runtime.userland,
    programs: image.runtime.programs,
    ref: `${name}:${tag}`,
    name,
    tag,
    digest: image.manifestDigest,
    imageId: `${name}@${image.manifestDigest}`,
    configDigest: image.id,
    repoTags,
    sizeBytes: imageSizeBytes(image),
    app: DEFAULT_DAEMON,
  };
  if (image.runtime.tools) info.tools = image.runtime.tools;
  if (image.runtime.wrapper) info.wrapper = image.runtime.wrapper;
  if (image.runtime.agnhost) info.agnhost = true;
  const r = resolveProcess(info);
  info.app = r.kind === 'app' ? r.app : (Object.values(info.programs)[0] ?? DEFAULT_DAEMON);
  return info;
}

/** The catalog image a reference names on a public registry, as a StoredImage. */
export function publicImage(ref: string): { image: StoredImage; info: ImageInfo } | undefined {
  const info = findImage(ref);
  return info ? { image: catalogImage(info), info } : undefined;
}

/**
 * `docker.io/library/nginx:1.27` → `nginx:1.27`, `docker.io/u/app:v1` → `u/app:v1` (reference's
 * FamiliarString, how the Docker CLI prints names).
 */
export function familiar(normalized: string): string {
  if (normalized.startsWith('docker.io/library/')) return normalized.slice('docker.io/library/'.length);
  if (normalized.startsWith('docker.io/')) return normalized.slice('docker.io/'.length);
  return normalized;
}

/** `name` and `tag` of a normalised reference that carries a tag. */
export function splitRef(normalized: string): { name: string; tag: string } {
  const at = normalized.indexOf('@');
  const body = at >= 0 ? normalized.slice(0, at) : normalized;
  const colon = body.lastIndexOf(':');
  const slash = body.lastIndexOf('/');
  return colon > slash ? { name: body.slice(0, colon), tag: body.slice(colon + 1) } : { name: body, tag: '' };
}

/** Parses a reference, or the Docker CLI's `invalid reference format` error text. */
export function parseRef(ref: string): { registry: string; name: string; tag: string; digest?: string; normalized: string } | { error: string } {
  const r = parseImageRef(ref);
  if (isImageRefError(r)) return { error: r.error };
  return r.digest === undefined ? { registry: r.registry, name: r.name, tag: r.tag, normalized: r.normalized } : { registry: r.registry, name: r.name, tag: r.tag, digest: r.digest, normalized: r.normalized };
}

/** The manifest document's bytes as a registry serves them (its length is `size:` in push output). */
export function manifestText(image: Pick<StoredImage, 'id' | 'layers' | 'config' | 'labels' | 'history' | 'runtime' | 'created'>): string {
  const configBytes = canonicalJson(ociConfig(image)).length;
  return canonicalJson(ociManifest(image, configBytes));
}
