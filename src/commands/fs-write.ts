/**
 * Writing files as a Go client does, over a {@link FileSystem}'s optional writable side: Go's
 * `path.Join`/`path.Dir` (slash paths, cleaned), `os.MkdirAll` and `os.Create`, with their error
 * wording (`mkdir PATH: not a directory`, `open PATH: is a directory`). A file system without a
 * writable side is a read-only mount: its writes fail as EROFS does (`read-only file system`).
 */
import type { FileSystem } from './types.ts';

/** Go's `path.Clean`: one slash between elements, no `.`, `..` resolved lexically; `.` when empty. */
export function cleanPath(p: string): string {
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** Go's `path.Join`: the non-empty elements joined by slashes, then cleaned; '' when all are empty. */
export function joinPath(...elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  return parts.length === 0 ? '' : cleanPath(parts.join('/'));
}

/** Go's `path.Dir`: everything before the last slash, cleaned (`.` when there is no slash). */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** An error already in Go's words (`open x: permission denied`), printed after `error: `. */
export class GoPathError extends Error {}

const readOnly = (op: 'open' | 'mkdir', path: string) => new GoPathError(`${op} ${path}: read-only file system`);

/**
 * Go's `os.MkdirAll`: nothing when `path` is a directory, ENOTDIR when it is a file, else the
 * parent first (so the error names the first directory that could not be made), then `path`.
 */
export function mkdirAll(fs: FileSystem, path: string): void {
  const kind = fs.stat(path);
  if (kind === 'dir') return;
  if (kind === 'file') throw new GoPathError(`mkdir ${path}: not a directory`);
  let i = path.length;
  while (i > 0 && path[i - 1] === '/') i--;
  let j = i;
  while (j > 0 && path[j - 1] !== '/') j--;
  if (j > 1) mkdirAll(fs, path.slice(0, j - 1));
  if (!fs.mkdir) throw readOnly('mkdir', path);
  try {
    fs.mkdir(path);
  } catch (e) {
    // `foo/.`: Mkdir fails, yet the directory is there.
    if (fs.stat(path) === 'dir') return;
    throw e;
  }
}

/** Go's `os.Create` then a write of `text`: creates or truncates the file. */
export function createFile(fs: FileSystem, path: string, text: string): void {
  if (!fs.writeFile) throw readOnly('open', path);
  fs.writeFile(path, text);
}
