/**
 * The registries a docker host and the kubelets talk to: the public ones (Docker Hub,
 * registry.k8s.io... — the image catalog, read-only) and a private `registry.local` that
 * students push to. A registry is content-addressed: manifests by digest, tags pointing at them,
 * blobs (layers) stored once and shared across repositories, so a push sends only what the
 * registry lacks and a pull fetches only what the puller lacks.
 */
import { findImage, pullErrorMessage, type ImageInfo } from '../node/images.ts';
import { catalogImage, familiar, parseRef, toImageInfo, type StoredImage } from './image.ts';

/** The private registry's host name. */
export const PRIVATE_REGISTRY = 'registry.local';

/** registry.local's content, plain JSON. */
export interface RegistryState {
  /** repository (`registry.local/app`) → tag → manifest digest. */
  repos: Record<string, Record<string, string>>;
  /** manifest digest → the image it describes. */
  manifests: Record<string, StoredImage>;
  /** layer digest → the repository it was first pushed to (cross-repository mounts name it). */
  blobs: Record<string, string>;
}

export const emptyRegistry = (): RegistryState => ({ repos: {}, manifests: {}, blobs: {} });

/** What a reference resolves to on its registry. */
export type RemoteLookup =
  | { kind: 'found'; image: StoredImage; name: string; tag: string; info: ImageInfo }
  /** The registry answers but has no such repository, tag or digest. */
  | { kind: 'not-found'; name: string; reference: string; repoExists: boolean }
  /** A host nobody serves (`dial tcp: lookup ...: no such host`). */
  | { kind: 'no-host'; host: string }
  | { kind: 'invalid'; error: string };

function privateLookup(reg: RegistryState, name: string, tag: string, digest: string | undefined): RemoteLookup {
  const tags = reg.repos[name];
  const manifest = digest ?? tags?.[tag];
  const image = manifest === undefined || (digest !== undefined && !Object.values(tags ?? {}).includes(digest)) ? undefined : reg.manifests[manifest];
  if (!image) return { kind: 'not-found', name, reference: digest ?? tag, repoExists: tags !== undefined };
  const repoTags = Object.entries(tags ?? {})
    .filter(([, d]) => d === image.manifestDigest)
    .map(([t]) => `${name}:${t}`)
    .sort();
  const shownTag = tag !== '' ? tag : (repoTags[0]?.slice(name.length + 1) ?? '');
  return { kind: 'found', image, name, tag: shownTag, info: toImageInfo(image, name, shownTag, repoTags) };
}

const PUBLIC_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'us-docker.pkg.dev', 'quay.io', 'ghcr.io']);

/**
 * Resolves a reference on the registry it names.
 * @example lookupRemote(emptyRegistry(), 'nginx:1.27').kind // 'found'
 */
export function lookupRemote(reg: RegistryState, ref: string): RemoteLookup {
  const r = parseRef(ref);
  if ('error' in r) return { kind: 'invalid', error: r.error };
  if (r.registry === PRIVATE_REGISTRY) return privateLookup(reg, r.name, r.tag, r.digest);
  if (!PUBLIC_REGISTRIES.has(r.registry)) return { kind: 'no-host', host: r.registry.replace(/:\d+$/, '') };
  const info = findImage(r.normalized);
  if (!info) {
    const repoExists = findImage(`${r.name}:latest`) !== undefined || pullErrorMessage(r.normalized).includes('NotFound');
    return { kind: 'not-found', name: r.name, reference: r.digest ?? r.tag, repoExists };
  }
  return { kind: 'found', image: catalogImage(info), name: r.name, tag: info.tag, info };
}

/**
 * The Docker daemon's error for a pull that cannot happen (`Error response from daemon: ...`).
 * @example pullErrorText(lookupRemote(reg, 'nosuch')) // 'pull access denied for nosuch, repository does not exist ...'
 */
export function pullErrorText(miss: Exclude<RemoteLookup, { kind: 'found' }>): string {
  switch (miss.kind) {
    case 'invalid':
      return `invalid reference format${miss.error.startsWith('invalid reference format') ? miss.error.slice('invalid reference format'.length) : `: ${miss.error}`}`;
    case 'no-host':
      return `Get "https://${miss.host}/v2/": dial tcp: lookup ${miss.host}: no such host`;
    case 'not-found': {
      const shown = familiar(miss.name);
      if (!miss.repoExists && miss.name.startsWith('docker.io/')) {
        return `pull access denied for ${shown}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`;
      }
      const sep = miss.reference.startsWith('sha256:') ? '@' : ':';
      return `manifest for ${shown}${sep}${miss.reference} not found: manifest unknown: manifest unknown`;
    }
  }
}

/** How one layer went in a push. */
export type PushLayerStatus = { kind: 'pushed' } | { kind: 'exists' } | { kind: 'mounted'; from: string };

/**
 * Pushes `image` as `name:tag` to registry.local: each layer is sent unless the registry already
 * holds the blob (in this repository: "Layer already exists"; in another: mounted from it).
 * Returns the statuses in the image's layer order.
 */
export function pushImage(reg: RegistryState, image: StoredImage, name: string, tag: string): PushLayerStatus[] {
  const statuses = image.layers.map((l): PushLayerStatus => {
    const owner = reg.blobs[l.digest];
    if (owner === undefined) return { kind: 'pushed' };
    if (owner === name || Object.values(reg.repos[name] ?? {}).some((d) => reg.manifests[d]?.layers.some((x) => x.digest === l.digest))) return { kind: 'exists' };
    return { kind: 'mounted', from: owner.slice(PRIVATE_REGISTRY.length + 1) };
  });
  for (const l of image.layers) reg.blobs[l.digest] ??= name;
  reg.manifests[image.manifestDigest] = image;
  (reg.repos[name] ??= {})[tag] = image.manifestDigest;
  return statuses;
}

/** What the kubelet's image service asks the registries (images.ts covers the public ones). */
export interface ImageSource {
  /** The image a reference names on registry.local; undefined for other registries. */
  find(ref: string): ImageInfo | undefined;
  /** containerd's error for a reference on registry.local that does not resolve; undefined for other registries. */
  pullError(ref: string): string | undefined;
}

/** registry.local as the kubelets see it. */
export function privateImageSource(reg: () => RegistryState): ImageSource {
  const isPrivate = (ref: string): boolean => {
    // Most references the kubelets resolve are public: skip parsing them (a cheap test first).
    if (!ref.includes(PRIVATE_REGISTRY)) return false;
    const r = parseRef(ref);
    return !('error' in r) && r.registry === PRIVATE_REGISTRY;
  };
  return {
    find(ref) {
      if (!isPrivate(ref)) return undefined;
      const found = lookupRemote(reg(), ref);
      return found.kind === 'found' ? found.info : undefined;
    },
    pullError(ref) {
      if (!isPrivate(ref)) return undefined;
      const r = parseRef(ref);
      if ('error' in r || r.registry !== PRIVATE_REGISTRY) return undefined;
      if (lookupRemote(reg(), ref).kind === 'found') return undefined;
      return `rpc error: code = NotFound desc = failed to pull and unpack image "${r.normalized}": failed to resolve reference "${r.normalized}": ${r.normalized}: not found`;
    },
  };
}
