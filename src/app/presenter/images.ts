/**
 * The `u` hotkey's "new image": the next version of the same image that Podlab's registries hold
 * (src/engine/node/image-catalog.ts), so the rollout pulls and runs. The catalog's versioned
 * images are kept here as data ({@link IMAGE_VERSIONS}, checked against the catalog by
 * tests/unit/app/presenter.test.ts) so the page does not load the engine's catalog.
 */

/** A repository's versioned images, oldest first; each entry the tags of one image (aliases). */
export type ImageVersions = Readonly<Record<string, readonly (readonly string[])[]>>;

/** `registry.k8s.io/pause:3.10` → repository and tag (`latest` when none; a digest is left in the repository). */
export function splitImage(ref: string): { repo: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: 'latest' };
}

/** `1.27.2` → [1, 27, 2]; undefined for a tag that is not a version (`latest`, `alpine`). */
function versionOf(tag: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+)*)(?:-|$)/.exec(tag);
  return m ? m[1].split('.').map(Number) : undefined;
}

/** What follows the version in a tag (`-alpine`), the image's flavour. */
function flavourOf(tag: string): string {
  return tag.replace(/^v?\d+(?:\.\d+)*/, '');
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The most precise version among an image's tags (the one its content is). */
function groupVersion(tags: readonly string[]): number[] | undefined {
  let best: number[] | undefined;
  for (const t of tags) {
    const v = versionOf(t);
    if (v && (!best || v.length > best.length)) best = v;
  }
  return best;
}

/** The catalog's images (each a list of references) grouped by repository, versioned ones only, oldest first. */
export function versionedGroups(images: readonly (readonly string[])[]): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const refs of images) {
    const byRepo = new Map<string, string[]>();
    for (const r of refs) {
      const { repo, tag } = splitImage(r);
      byRepo.set(repo, [...(byRepo.get(repo) ?? []), tag]);
    }
    for (const [repo, tags] of byRepo) if (groupVersion(tags)) (out[repo] ??= []).push(tags);
  }
  for (const repo of Object.keys(out)) {
    out[repo].sort((a, b) => compareVersions(groupVersion(a)!, groupVersion(b)!));
    if (out[repo].length < 2) delete out[repo];
  }
  return out;
}

/**
 * The image to roll out after `current`: the next newer version of the same repository and
 * flavour (`nginx:1.26` → `nginx:1.27`); at the newest, the one before it (`nginx:1.27` →
 * `nginx:1.26`), so every press is a real rollout. The tag is written as `current` writes it
 * (`1.26` → `1.27`, `1.26.2` → `1.27.2`). Undefined when the catalog holds no other version.
 */
export function nextImage(current: string, versions: ImageVersions = IMAGE_VERSIONS): string | undefined {
  const { repo, tag } = splitImage(current);
  const groups = versions[repo];
  if (!groups) return undefined;
  const mine = groups.find((g) => g.includes(tag));
  const flavour = flavourOf(mine ? (mine.find((t) => versionOf(t)) ?? tag) : tag);
  const version = mine ? groupVersion(mine) : versionOf(tag);
  if (!version) return undefined;
  const same = groups.filter((g) => g !== mine && g.some((t) => versionOf(t) && flavourOf(t) === flavour));
  const newer = same.find((g) => compareVersions(groupVersion(g)!, version) > 0);
  const older = [...same].reverse().find((g) => compareVersions(groupVersion(g)!, version) < 0);
  const pick = newer ?? older;
  if (!pick) return undefined;
  const shape = versionOf(tag)?.length;
  const tags = pick.filter((t) => versionOf(t) && flavourOf(t) === flavour);
  const chosen = tags.find((t) => versionOf(t)!.length === shape) ?? [...tags].sort((a, b) => a.length - b.length)[0];
  return `${repo}:${chosen}`;
}

/** Generated from IMAGE_CATALOG by versionedGroups (the unit test fails when they drift apart). */
export const IMAGE_VERSIONS: ImageVersions = {
  nginx: [['1.14.2'], ['1.16.1'], ['1.25', '1.25.5'], ['1.26', '1.26.2', 'stable'], ['1.27', '1.27.2', 'latest', 'mainline'], ['alpine', '1.27-alpine', '1.27.2-alpine']],
  'registry.k8s.io/nginx-slim': [['0.8'], ['0.24']],
  busybox: [['1.27.2'], ['1.28', '1.28.4'], ['1.36', '1.36.1'], ['latest', '1.37', '1.37.0']],
  'registry.k8s.io/busybox': [['latest', '1.24'], ['1.27.2']],
  'k8s.gcr.io/busybox': [['latest', '1.24'], ['1.27.2']],
  ubuntu: [['22.04', 'jammy'], ['latest', '24.04', 'noble']],
  debian: [['latest', 'bookworm', '12'], ['bookworm-slim', '12-slim']],
  redis: [['latest', '7', '7.4', '7.4.1'], ['alpine', '7-alpine', '7.4-alpine', '7.4.1-alpine']],
  postgres: [['15-alpine', '15.8-alpine'], ['16', '16.4'], ['latest', '17', '17.0']],
  mysql: [['8.0', '8.0.40'], ['latest', '9', '9.1', '9.1.0']],
  python: [['latest', '3', '3.12', '3.12.7'], ['3.12-slim', '3.12.7-slim']],
  node: [['20-alpine', '20.18.0-alpine'], ['22', 'lts', '22.11.0'], ['latest', '23', '23.1.0']],
  'registry.k8s.io/pause': [['2.0'], ['3.8'], ['3.9'], ['3.10']],
  'k8s.gcr.io/pause': [['2.0'], ['3.8'], ['3.9']],
};
