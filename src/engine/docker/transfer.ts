/**
 * `docker push` and `docker pull` between the docker host and the registries, in the Docker
 * CLI's words: only the layers the other side lacks are sent (`Pushed` / `Layer already exists`
 * / `Mounted from`, `Pulling fs layer` ... `Pull complete` / `Already exists`), then the
 * manifest digest. Results are plans of output lines, bytes moved and time taken; the host and
 * registry state are updated in place.
 */
import { addRepoDigest, missingLayers, storeImage, tagsOf, type DockerHostState } from './host.ts';
import { familiar, manifestText, parseRef, type StoredImage } from './image.ts';
import { shortId } from './digest.ts';
import { lookupRemote, pullErrorText, pushImage, PRIVATE_REGISTRY, type RegistryState } from './registry.ts';

/** Link speeds of the docker host (upload slower than download, as on most connections). */
export const TRANSFER_TIMING = { uploadBytesPerSecond: 10_000_000, downloadBytesPerSecond: 25_000_000, roundTripMs: 300 } as const;

export interface Transfer {
  lines: string[];
  /** Bytes of layers sent or received. */
  bytes: number;
  ms: number;
  /** The daemon's error, printed after `lines` as `<error>` (push) or `Error response from daemon: <error>` (pull). */
  error?: string;
}

/** The path the CLI shows for a repository: `library/nginx` on Docker Hub, `app` on registry.local. */
const repoPath = (name: string): string => name.slice(name.indexOf('/') + 1);

/**
 * `docker push NAME[:TAG]`.
 * @example pushLocal(host, reg, 'registry.local/app:v1').lines.at(-1) // 'v1: digest: sha256:... size: 734'
 */
export function pushLocal(host: DockerHostState, reg: RegistryState, ref: string): Transfer {
  const r = parseRef(ref);
  if ('error' in r) return { lines: [], bytes: 0, ms: 0, error: `invalid reference format` };
  const id = host.tags[r.normalized];
  if (id === undefined) return { lines: [], bytes: 0, ms: 0, error: `An image does not exist locally with the tag: ${familiar(r.name)}` };
  const image = host.images[id];
  const lines = [`The push refers to repository [${r.name}]`];
  const top = [...image.layers].reverse();
  for (const l of top) lines.push(`${shortId(l.digest)}: Preparing`);
  if (r.registry !== PRIVATE_REGISTRY) {
    const error = r.registry === 'docker.io' ? 'denied: requested access to the resource is denied' : `Get "https://${r.registry}/v2/": dial tcp: lookup ${r.registry}: no such host`;
    return { lines, bytes: 0, ms: TRANSFER_TIMING.roundTripMs, error };
  }
  const statuses = pushImage(reg, image, r.name, r.tag);
  let bytes = 0;
  for (let i = image.layers.length - 1; i >= 0; i--) {
    const s = statuses[i];
    const l = image.layers[i];
    if (s.kind === 'pushed') bytes += l.sizeBytes;
    lines.push(`${shortId(l.digest)}: ${s.kind === 'pushed' ? 'Pushed' : s.kind === 'exists' ? 'Layer already exists' : `Mounted from ${s.from}`}`);
  }
  lines.push(`${r.tag}: digest: ${image.manifestDigest} size: ${manifestText(image).length}`);
  addRepoDigest(host, id, r.name, image.manifestDigest);
  return { lines, bytes, ms: TRANSFER_TIMING.roundTripMs + Math.ceil((bytes * 1000) / TRANSFER_TIMING.uploadBytesPerSecond) };
}

/** `docker pull NAME[:TAG|@DIGEST]`. */
export function pullRemote(host: DockerHostState, reg: RegistryState, ref: string): Transfer & { image?: StoredImage } {
  const found = lookupRemote(reg, ref);
  if (found.kind !== 'found') return { lines: [], bytes: 0, ms: TRANSFER_TIMING.roundTripMs, error: pullErrorText(found) };
  const r = parseRef(ref);
  const byDigest = !('error' in r) && r.digest !== undefined;
  const reference = byDigest ? found.image.manifestDigest : found.tag;
  const shown = byDigest ? `${familiar(found.name)}@${found.image.manifestDigest}` : familiar(`${found.name}:${found.tag}`);
  const full = byDigest ? `${found.name}@${found.image.manifestDigest}` : `${found.name}:${found.tag}`;
  const image = found.image;
  const tags = byDigest ? [] : [`${found.name}:${found.tag}`];
  const missing = missingLayers(host, image.layers);
  const upToDate = missing.length === 0 && host.images[image.id] !== undefined && tags.every((t) => host.tags[t] === image.id);
  const lines = [`${reference}: Pulling from ${repoPath(found.name)}`];
  if (upToDate) {
    lines.splice(0, 1);
    lines.push(`${reference}: Pulling from ${repoPath(found.name)}`, `Digest: ${image.manifestDigest}`, `Status: Image is up to date for ${shown}`, full);
    return { lines, bytes: 0, ms: TRANSFER_TIMING.roundTripMs, image };
  }
  const missingSet = new Set(missing.map((l) => l.digest));
  for (const l of image.layers) lines.push(`${shortId(l.digest)}: ${missingSet.has(l.digest) ? 'Pulling fs layer' : 'Already exists'}`);
  for (const l of missing) lines.push(`${shortId(l.digest)}: Verifying Checksum`, `${shortId(l.digest)}: Download complete`);
  for (const l of missing) lines.push(`${shortId(l.digest)}: Pull complete`);
  const bytes = missing.reduce((n, l) => n + l.sizeBytes, 0);
  lines.push(`Digest: ${image.manifestDigest}`, `Status: Downloaded newer image for ${shown}`, full);
  storeImage(host, image, tags);
  addRepoDigest(host, image.id, found.name, image.manifestDigest);
  return { lines, bytes, ms: TRANSFER_TIMING.roundTripMs + Math.ceil((bytes * 1000) / TRANSFER_TIMING.downloadBytesPerSecond), image };
}

/** The tags of a local image (for `docker images`), with `<none>` for a dangling one. */
export const localTags = (host: DockerHostState, id: string): string[] => tagsOf(host, id);
