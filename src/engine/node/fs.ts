/**
 * A container's file system as its processes see it: the image's files (read-only, known by
 * name only), the container's writable layer (an {@link FsData} mutated in place so its owner
 * can snapshot it), volume mounts, and special files the kubelet and runtime provide (cgroup
 * files, /etc/hostname...). Operations return errno-style results so each tool can word its
 * own error message as busybox or GNU coreutils would.
 */
import type { FsData } from './types.ts';

/** The errors tools print; the message is what strerror(3) says. */
export type FsErrno = 'ENOENT' | 'EEXIST' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'ENOTEMPTY' | 'EACCES';

export const ERRNO_MESSAGE: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
};

export type FsResult<T> = { ok: true; value: T } | { ok: false; errno: FsErrno };
export type FsKind = 'file' | 'dir';

/**
 * A volume mounted into the container. `data` paths are relative to the volume's root but
 * written absolute: a configMap key `app.conf` mounted at `/etc/app` is `data.files['/app.conf']`,
 * so one emptyDir can be mounted at different paths in different containers.
 */
export interface FsMount {
  path: string;
  readOnly: boolean;
  data: FsData;
  /** A single file mounted over `path` (a subPath naming a file); its content is `data.files['/']`. */
  file?: boolean;
}

/** Files and directories an image ships with. Never written: changes go to the layer. */
export interface ImageTree {
  dirs: string[];
  files: Record<string, string>;
}

export interface ContainerFsOptions {
  layer: FsData;
  mounts?: FsMount[];
  /** Content of a special file, or undefined when `path` is not one (read-only for the container). */
  special?: (path: string) => string | undefined;
  /** Paths of the special files, so `ls` can list them; reading still goes through `special`. */
  specialPaths?: string[];
  image?: ImageTree;
}

/** The minimal Linux tree every image has. */
export const BASE_IMAGE: ImageTree = {
  dirs: [
    '/bin', '/dev', '/etc', '/home', '/proc', '/proc/1', '/root', '/sys', '/sys/fs', '/sys/fs/cgroup',
    '/tmp', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/log',
    '/var/run', '/sbin',
  ],
  files: { '/dev/null': '' },
};

/** Kernel file systems a container cannot write (sysfs is mounted read-only, procfs files cannot be created). */
const READ_ONLY_ROOTS = ['/sys', '/proc'];
const DEV_NULL = '/dev/null';

/** Normalises `path` against `cwd`: resolves `.`, `..`, duplicate and trailing slashes. */
export function normalizePath(path: string, cwd = '/'): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function isUnder(path: string, root: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : `${root}/`);
}

const ok = <T>(value: T): FsResult<T> => ({ ok: true, value });
const fail = <T>(errno: FsErrno): FsResult<T> => ({ ok: false, errno });

/** Where a path lives: in a mount (path relative to the volume) or the root (layer + image). */
type Place = { mount: FsMount; rel: string } | { mount: null; rel: string };

/** A container's view of its files. Paths given to it must be absolute. */
/** The directories of an image tree as a set, built once per tree (every container of an image shares it). */
const imageDirSets = new WeakMap<ImageTree, Set<string>>();

function imageDirSet(image: ImageTree): Set<string> {
  let dirs = imageDirSets.get(image);
  if (dirs === undefined) {
    dirs = new Set(['/', ...image.dirs]);
    imageDirSets.set(image, dirs);
  }
  return dirs;
}

export class ContainerFs {
  private readonly layer: FsData;
  private readonly mounts: FsMount[];
  private readonly special: (path: string) => string | undefined;
  private readonly specialPaths: string[];
  private readonly image: ImageTree;
  private readonly imageDirs: Set<string>;

  constructor(opts: ContainerFsOptions) {
    this.layer = opts.layer;
    // Longest mount path first, so a mount inside another mount wins.
    this.mounts = [...(opts.mounts ?? [])].sort((a, b) => b.path.length - a.path.length);
    this.special = opts.special ?? (() => undefined);
    this.specialPaths = opts.specialPaths ?? [];
    this.image = opts.image ?? BASE_IMAGE;
    this.imageDirs = imageDirSet(this.image);
  }

  /** Whether `path` is a file or a directory. */
  stat(path: string): FsResult<FsKind> {
    const kind = this.kindOf(normalizePath(path));
    if (kind) return ok(kind);
    return fail(this.kindOf(parentOf(normalizePath(path))) === 'file' ? 'ENOTDIR' : 'ENOENT');
  }

  read(path: string): FsResult<string> {
    const p = normalizePath(path);
    const kind = this.kindOf(p);
    if (kind === 'dir') return fail('EISDIR');
    if (!kind) return this.stat(p) as FsResult<never>;
    const place = this.place(p);
    if (place.mount) return ok(place.mount.data.files[place.rel]);
    return ok(this.layer.files[p] ?? this.special(p) ?? this.image.files[p] ?? '');
  }

  /** Writes (or appends to) a file, creating it if its directory exists. */
  write(path: string, text: string, append = false): FsResult<void> {
    const p = normalizePath(path);
    if (p === DEV_NULL) return ok(undefined);
    const kind = this.kindOf(p);
    if (kind === 'dir') return fail('EISDIR');
    const parent = this.kindOf(parentOf(p));
    if (parent !== 'dir') return fail(parent === 'file' ? 'ENOTDIR' : 'ENOENT');
    if (this.readOnly(p)) return fail('EROFS');
    const place = this.place(p);
    const files = place.mount ? place.mount.data.files : this.layer.files;
    const before = append && kind === 'file' ? (this.read(p) as { value: string }).value : '';
    files[place.rel] = before + text;
    if (!place.mount) this.unwhiteout(p);
    return ok(undefined);
  }

  mkdir(path: string, parents = false): FsResult<void> {
    const p = normalizePath(path);
    const kind = this.kindOf(p);
    if (kind) return parents && kind === 'dir' ? ok(undefined) : fail('EEXIST');
    const parent = parentOf(p);
    if (parents && !this.kindOf(parent)) {
      const made = this.mkdir(parent, true);
      if (!made.ok) return made;
    }
    const parentKind = this.kindOf(parent);
    if (parentKind !== 'dir') return fail(parentKind === 'file' ? 'ENOTDIR' : 'ENOENT');
    if (this.readOnly(p)) return fail('EROFS');
    const place = this.place(p);
    (place.mount ? place.mount.data.files : this.layer.files)[`${place.rel}/`] = '';
    if (!place.mount) this.unwhiteout(p);
    return ok(undefined);
  }

  /** Removes a file, or a directory when `recursive` (rm -r) or it is empty (rmdir). */
  remove(path: string, recursive = false): FsResult<void> {
    const p = normalizePath(path);
    const kind = this.kindOf(p);
    if (!kind) return this.stat(p) as FsResult<never>;
    if (kind === 'dir' && !recursive) return fail('EISDIR');
    if (this.readOnly(p) || this.mounts.some((m) => m.path === p) || p === '/') return fail('EROFS');
    const place = this.place(p);
    const files = place.mount ? place.mount.data.files : this.layer.files;
    for (const key of Object.keys(files)) {
      if (isUnder(key, place.rel)) delete files[key];
    }
    if (!place.mount && this.inImageOrSpecial(p)) {
      this.layer.whiteouts = [...(this.layer.whiteouts ?? []), p];
    }
    return ok(undefined);
  }

  /** Names of a directory's entries, sorted as `ls` sorts them (C locale). */
  list(path: string): FsResult<string[]> {
    const p = normalizePath(path);
    const kind = this.kindOf(p);
    if (kind !== 'dir') return kind === 'file' ? fail('ENOTDIR') : this.stat(p) as FsResult<never>;
    const names = new Set<string>();
    const place = this.place(p);
    if (place.mount) {
      addChildren(names, Object.keys(place.mount.data.files), place.rel);
    } else {
      addChildren(names, Object.keys(this.layer.files), p);
      addChildren(names, [...this.image.dirs, ...Object.keys(this.image.files), ...this.specialPaths], p);
    }
    addChildren(names, this.mounts.map((m) => m.path), p);
    const prefix = p === '/' ? '/' : `${p}/`;
    return ok([...names].filter((n) => this.kindOf(prefix + n)).sort(compareC));
  }

  private kindOf(p: string): FsKind | undefined {
    if (this.mounts.some((m) => isUnder(m.path, p) && !(m.file && m.path === p))) return 'dir';
    const place = this.place(p);
    if (place.mount?.file) return place.rel === '/' ? 'file' : undefined;
    if (place.mount) return dataKind(place.mount.data, place.rel);
    if (this.whitedOut(p)) return undefined;
    const layerKind = dataKind(this.layer, p);
    if (layerKind) return layerKind;
    if (this.imageDirs.has(p)) return 'dir';
    if (p in this.image.files || this.special(p) !== undefined) return 'file';
    if (this.specialPaths.some((s) => s.startsWith(`${p}/`))) return 'dir';
    return undefined;
  }

  private place(p: string): Place {
    const mount = this.mounts.find((m) => isUnder(p, m.path));
    if (!mount) return { mount: null, rel: p };
    return { mount, rel: normalizePath(p.slice(mount.path.length)) };
  }

  private readOnly(p: string): boolean {
    const place = this.place(p);
    if (place.mount) return place.mount.readOnly;
    return READ_ONLY_ROOTS.some((root) => isUnder(p, root));
  }

  private whitedOut(p: string): boolean {
    return (this.layer.whiteouts ?? []).some((w) => isUnder(p, w));
  }

  private unwhiteout(p: string): void {
    if (this.layer.whiteouts?.includes(p)) this.layer.whiteouts = this.layer.whiteouts.filter((w) => w !== p);
  }

  private inImageOrSpecial(p: string): boolean {
    return this.imageDirs.has(p) || p in this.image.files || this.special(p) !== undefined;
  }
}

/** The kind of `rel` in a layer or volume: explicit entries, or a directory implied by entries below it. */
function dataKind(data: FsData, rel: string): FsKind | undefined {
  if (rel === '/') return 'dir';
  if (rel in data.files) return 'file';
  if (`${rel}/` in data.files) return 'dir';
  const prefix = `${rel}/`;
  return Object.keys(data.files).some((k) => k.startsWith(prefix)) ? 'dir' : undefined;
}

/** Adds the first path component below `dir` of each path to `names`. */
function addChildren(names: Set<string>, paths: string[], dir: string): void {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  for (const path of paths) {
    if (!path.startsWith(prefix) || path === prefix) continue;
    const name = path.slice(prefix.length).split('/')[0];
    if (name) names.add(name);
  }
}

/** Byte-order comparison, as ls sorts in the C locale containers default to. */
function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
