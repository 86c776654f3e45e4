/**
 * Which programs an image has. Podlab knows three userlands: busybox (the `busybox` image, and
 * alpine, which is busybox plus apk), Debian (dash as /bin/sh, bash, GNU coreutils, but no
 * procps, wget or curl: nginx's and most language images) and none (distroless, scratch: no
 * shell at all, only the application's own binary, which the kubelet knows, not this module).
 */
import { BASE_IMAGE, type ImageTree } from '../fs.ts';
import type { Dialect } from './state.ts';

export type Userland = 'busybox' | 'debian' | 'alpine' | 'none';

/** How tools word their messages: busybox applets or GNU coreutils. */
export type ToolFlavour = 'busybox' | 'gnu';

/** The PATH a container gets when its image does not set one (containerd's default). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Programs both userlands ship (coreutils or busybox applets). */
const COMMON = [
  'sh', 'echo', 'true', 'false', 'printf', 'test', '[', 'pwd', 'sleep', 'touch', 'rm', 'mkdir', 'cat', 'ls',
  'env', 'printenv', 'hostname', 'id', 'whoami', 'head', 'tail', 'wc', 'grep', 'date', 'uname', 'which',
];

/** Busybox has no curl and no bash; alpine's base image adds neither. */
const BUSYBOX = new Set([...COMMON, 'ash', 'ps', 'wget', 'nslookup']);
/** Debian's base image: dash and bash, coreutils, grep, hostname; not procps (ps), wget, curl, dnsutils. */
const DEBIAN = new Set([...COMMON, 'dash', 'bash', 'getent']);

const BINARIES: Record<Userland, Set<string>> = {
  busybox: BUSYBOX,
  alpine: BUSYBOX,
  debian: DEBIAN,
  none: new Set(),
};

/** Directories holding the binaries: busybox links applets into /bin; Debian's /bin is /usr/bin (merged /usr). */
const BIN_DIRS: Record<Userland, Set<string>> = {
  busybox: new Set(['/bin']),
  alpine: new Set(['/bin']),
  debian: new Set(['/usr/bin', '/bin']),
  none: new Set(),
};

/** Names that are shells: `sh -c SCRIPT` is interpreted rather than run as a tool. */
export const SHELLS = new Set(['sh', 'ash', 'dash', 'bash']);

export function hasBinary(userland: Userland, name: string): boolean {
  return BINARIES[userland].has(name);
}

export function toolFlavour(userland: Userland): ToolFlavour {
  return userland === 'debian' ? 'gnu' : 'busybox';
}

/**
 * Where `name` is found: the first PATH directory holding it, or the path itself when `name`
 * contains a slash and names a binary of the image. Undefined when it is not found.
 * @example resolveInPath('debian', 'cat') === '/usr/bin/cat'
 */
export function resolveInPath(userland: Userland, name: string, pathVar = DEFAULT_PATH, imageTools: readonly string[] = []): string | undefined {
  const has = (n: string) => hasBinary(userland, n) || imageTools.includes(n);
  if (name.includes('/')) {
    const cut = name.lastIndexOf('/');
    const dir = name.slice(0, cut) || '/';
    return BIN_DIRS[userland].has(dir) && has(name.slice(cut + 1)) ? name : undefined;
  }
  if (!has(name)) return undefined;
  const dir = pathVar.split(':').find((d) => BIN_DIRS[userland].has(d));
  return dir === undefined ? undefined : `${dir}/${name}`;
}

/** Which shell interprets a script run as `shell`: bash is bash; `sh` is dash on Debian, busybox ash elsewhere. */
export function dialectFor(userland: Userland, shell: string): Dialect {
  if (shell === 'bash') return 'bash';
  return userland === 'debian' ? 'dash' : 'ash';
}

/** The base name of a program path (`/bin/sh` → `sh`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Image trees by userland: read-only (a container writes to its own layer), so built once and shared. */
const IMAGE_TREES = new Map<Userland, ImageTree>();

/** The image's tree: the base Linux directories plus the userland's binaries in /bin (and /usr/bin on Debian). */
export function imageTree(userland: Userland): ImageTree {
  const cached = IMAGE_TREES.get(userland);
  if (cached) return cached;
  const files: Record<string, string> = { ...BASE_IMAGE.files, '/etc/passwd': PASSWD };
  const dirs = userland === 'debian' ? ['/bin', '/usr/bin'] : ['/bin'];
  for (const name of BINARIES[userland]) for (const dir of dirs) files[`${dir}/${name}`] = '';
  if (userland !== 'none') files['/etc/os-release'] = OS_RELEASE[userland];
  const tree: ImageTree = Object.freeze({ dirs: BASE_IMAGE.dirs, files: Object.freeze(files) });
  IMAGE_TREES.set(userland, tree);
  return tree;
}

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';

const OS_RELEASE: Record<Exclude<Userland, 'none'>, string> = {
  busybox: 'NAME="BusyBox"\nID=busybox\n',
  alpine: 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\n',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
};
