/**
 * What the filesystem-changing instructions produce, as pure functions: the files a COPY takes
 * from the build context (paths, globs, directories, .dockerignore), a layer's content digest and
 * size, and the model of what a RUN adds (package installs sized by package, `npm install` by the
 * dependencies in package.json, a compiled binary...). Nothing here reads a clock.
 */
import { USERLAND_COMMANDS, USERLAND_SHELLS, type Userland } from '../node/images.ts';
import { canonicalJson, sha256Digest } from './digest.ts';

/** Files by absolute path (in a stage) or by context-relative path (in the build context). */
export type Files = Record<string, string>;

const MB = 1_000_000;

/** `a/./b/../c` → `/a/c`, relative to `cwd`. */
export function absPath(path: string, cwd: string): string {
  const parts = (path.startsWith('/') ? path : `${cwd}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}

function globRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const relPath = (p: string): string => absPath(p, '/').slice(1);

/** .dockerignore: the context minus what its patterns exclude (`!pattern` re-includes). */
export function applyDockerignore(context: Files): Files {
  const text = context['.dockerignore'];
  if (text === undefined) return context;
  const rules = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => (l.startsWith('!') ? { keep: true, re: globRegex(relPath(l.slice(1))) } : { keep: false, re: globRegex(relPath(l)) }));
  const out: Files = {};
  for (const [path, body] of Object.entries(context)) {
    let ignored = false;
    const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    for (const rule of rules) if (prefixes.some((p) => rule.re.test(p))) ignored = !rule.keep;
    if (!ignored) out[path] = body;
  }
  return out;
}

/**
 * The files one COPY source names in `from` (context-relative or absolute paths), as
 * [path relative to the source, body] pairs; undefined when nothing matches (BuildKit: not found).
 */
export function matchSource(from: Files, source: string, absolute: boolean): [string, string][] | undefined {
  const norm = absolute ? absPath(source, '/') : relPath(source);
  const keyOf = (p: string): string => (absolute ? p : p);
  const all = Object.keys(from).sort();
  if (norm === '' || norm === '/') return all.map((p) => [absolute ? p.slice(1) : p, from[p]]);
  if (Object.hasOwn(from, norm)) return [[norm.slice(norm.lastIndexOf('/') + 1), from[norm]]];
  const dir = all.filter((p) => keyOf(p).startsWith(`${norm}/`));
  if (dir.length > 0) return dir.map((p) => [p.slice(norm.length + 1), from[p]]);
  if (/[*?]/.test(norm)) {
    const re = globRegex(norm);
    const hits = all.filter((p) => re.test(p));
    if (hits.length > 0) return hits.map((p) => [p.slice(p.lastIndexOf('/') + 1), from[p]]);
  }
  return undefined;
}

/**
 * Where copied files land: into `dest` as a directory when it ends in `/`, when there are several
 * sources or a directory source; else `dest` is the file's own path.
 */
export function placeFiles(matches: [string, string][], dest: string, destIsDir: boolean, cwd: string): Files {
  const base = absPath(dest, cwd);
  const out: Files = {};
  for (const [rel, body] of matches) out[destIsDir ? absPath(rel, base) : base] = body;
  return out;
}

/** A layer of files: its digest is the sha256 of its content (paths and bodies), its size the bytes. */
export function filesLayer(files: Files): { digest: string; sizeBytes: number } {
  const entries = Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sizeBytes = entries.reduce((n, [, body]) => n + new TextEncoder().encode(body).length, 0);
  return { digest: sha256Digest(`files\n${canonicalJson(entries)}`), sizeBytes };
}

/** Sizes of packages a RUN installs (compressed), where known; others count as {@link PACKAGE_DEFAULT_BYTES}. */
const PACKAGE_BYTES: Record<string, number> = {
  curl: 1.2 * MB,
  'ca-certificates': 0.7 * MB,
  git: 6.1 * MB,
  python3: 18.4 * MB,
  bash: 0.8 * MB,
  tini: 0.03 * MB,
  build_base: 85 * MB,
  'build-essential': 120 * MB,
  gcc: 40 * MB,
  nginx: 1.6 * MB,
  openssl: 1.1 * MB,
};
const PACKAGE_DEFAULT_BYTES = 2 * MB;
/** apt's package lists, left in the layer unless the same RUN removes /var/lib/apt/lists. */
const APT_LISTS_BYTES = 19 * MB;
const NPM_BASE_BYTES = 1.5 * MB;
const NPM_PER_DEPENDENCY_BYTES = 2.4 * MB;
const PIP_PER_REQUIREMENT_BYTES = 6 * MB;
const GO_BINARY_BYTES = 9.2 * MB;

function packagesAfter(words: string[], verb: string): string[] {
  const i = words.indexOf(verb);
  return i < 0 ? [] : words.slice(i + 1).filter((w) => !w.startsWith('-') && !/[=<>]/.test(w.slice(1)));
}

function dependencyCount(packageJson: string | undefined): number {
  if (packageJson === undefined) return 0;
  try {
    const pkg = JSON.parse(packageJson) as { dependencies?: Record<string, string> };
    return Object.keys(pkg.dependencies ?? {}).length;
  } catch {
    return 0;
  }
}

/** One `&&`/`;`-separated command of a RUN. */
function segments(script: string): string[][] {
  return script
    .split(/&&|\|\||;|\n/)
    .map((s) => s.trim().split(/\s+/).filter((w) => w !== ''))
    .filter((w) => w.length > 0);
}

/** What a RUN adds, in bytes, from what it runs and the files the stage has (package.json...). */
export function runLayerBytes(script: string, files: Files, workdir: string): number {
  let bytes = 0;
  for (const words of segments(script)) {
    const cmd = words[0];
    if (cmd === 'apk' && words.includes('add')) bytes += packagesAfter(words, 'add').reduce((n, p) => n + (PACKAGE_BYTES[p] ?? PACKAGE_DEFAULT_BYTES), 0) + (words.includes('--no-cache') ? 0 : 2.4 * MB);
    else if ((cmd === 'apt-get' || cmd === 'apt') && words.includes('install')) bytes += packagesAfter(words, 'install').reduce((n, p) => n + (PACKAGE_BYTES[p] ?? PACKAGE_DEFAULT_BYTES) * 4, 0);
    else if ((cmd === 'apt-get' || cmd === 'apt') && words.includes('update')) bytes += script.includes('rm -rf /var/lib/apt/lists') ? 0 : APT_LISTS_BYTES;
    else if ((cmd === 'npm' && ['install', 'ci', 'i'].includes(words[1])) || (cmd === 'yarn' && (words[1] ?? 'install') === 'install')) {
      bytes += NPM_BASE_BYTES + NPM_PER_DEPENDENCY_BYTES * dependencyCount(files[absPath('package.json', workdir)]);
    } else if ((cmd === 'pip' || cmd === 'pip3') && words[1] === 'install') {
      const req = words.includes('-r') ? files[absPath(words[words.indexOf('-r') + 1] ?? '', workdir)] : undefined;
      const n = req === undefined ? packagesAfter(words, 'install').length : req.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
      bytes += PIP_PER_REQUIREMENT_BYTES * n;
    } else if (cmd === 'go' && words[1] === 'build') bytes += GO_BINARY_BYTES;
    else if (cmd === 'npm' && words[1] === 'run') bytes += 0.35 * MB;
  }
  // Anything else (mkdir, adduser, echo, chmod...) writes a few kB of metadata and small files.
  return Math.round(bytes) + 1024 + (script.length % 7) * 512;
}

/** Files a RUN is known to produce: `go build -o PATH`, `npm run build` → dist/. */
export function runOutputs(script: string, workdir: string, layerDigest: string): Files {
  const out: Files = {};
  for (const words of segments(script)) {
    if (words[0] === 'go' && words[1] === 'build') {
      const o = words.indexOf('-o');
      out[absPath(o >= 0 ? (words[o + 1] ?? 'app') : 'app', workdir)] = `ELF ${layerDigest}`;
    }
    if (words[0] === 'npm' && words[1] === 'run' && words[2] === 'build') out[absPath('dist/index.js', workdir)] = `// built ${layerDigest}\n`;
  }
  return out;
}

/** Package managers that mark a RUN as written for another distribution. */
const FOREIGN: Record<string, Userland[]> = { apk: ['debian', 'busybox'], 'apt-get': ['alpine', 'busybox'], apt: ['alpine', 'busybox'], yum: ['alpine', 'busybox', 'debian'], dnf: ['alpine', 'busybox', 'debian'] };

/**
 * Why a RUN fails in this userland: the shell's "not found" line and exit code 127 when it calls
 * another distribution's package manager, or no shell at all (scratch, distroless).
 */
export function runFailure(script: string, userland: Userland, json: boolean): { output?: string; exitCode?: number; startError?: string } | undefined {
  if (!json && userland === 'none') return { startError: 'runc run failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory' };
  if (json) return undefined;
  for (const words of segments(script)) {
    const cmd = words[0];
    if (FOREIGN[cmd]?.includes(userland) && !USERLAND_COMMANDS[userland].includes(cmd)) {
      const dash = userland === 'debian' && USERLAND_SHELLS.debian.includes('dash');
      return { output: dash ? `/bin/sh: 1: ${cmd}: not found` : `/bin/sh: ${cmd}: not found`, exitCode: 127 };
    }
  }
  return undefined;
}
