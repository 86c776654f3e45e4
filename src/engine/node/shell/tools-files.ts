/**
 * File tools: touch, rm, mkdir, ls. Output as when stdout is not a terminal (kubectl exec
 * without -t, logs): `ls` prints one name per line.
 */
import type { FsErrno } from '../fs.ts';
import { errnoText, splitFlags, type CmdCtx } from './command.ts';
import type { Outcome } from './state.ts';

function missingOperand(ctx: CmdCtx): Outcome {
  ctx.err(ctx.flavour === 'gnu' ? `${ctx.name}: missing operand\nTry '${ctx.name} --help' for more information.\n` : `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ${ctx.name} [OPTIONS] FILE...\n`);
  return 1;
}

export function touch(ctx: CmdCtx): Outcome {
  const { operands } = splitFlags(ctx.args);
  if (operands.length === 0) return missingOperand(ctx);
  let status = 0;
  for (const file of operands) {
    // Appending nothing creates a missing file and leaves an existing one as it is.
    const r = ctx.fs.write(ctx.path(file), '', true);
    if (r.ok) continue;
    status = 1;
    ctx.err(ctx.flavour === 'gnu' ? `touch: cannot touch '${file}': ${errnoText(r.errno)}\n` : `touch: ${file}: ${errnoText(r.errno)}\n`);
  }
  return status;
}

export function rm(ctx: CmdCtx): Outcome {
  const { flags, operands } = splitFlags(ctx.args);
  const force = flags.has('f');
  if (operands.length === 0) return force ? 0 : missingOperand(ctx);
  let status = 0;
  for (const file of operands) {
    const r = ctx.fs.remove(ctx.path(file), flags.has('r') || flags.has('R'));
    if (r.ok || (force && r.errno === 'ENOENT')) continue;
    status = 1;
    ctx.err(rmError(ctx, file, r.errno));
  }
  return status;
}

function rmError(ctx: CmdCtx, file: string, errno: FsErrno): string {
  if (ctx.flavour === 'gnu') return `rm: cannot remove '${file}': ${errnoText(errno)}\n`;
  if (errno === 'EISDIR') return `rm: '${file}' is a directory\n`;
  return `rm: can't remove '${file}': ${errnoText(errno)}\n`;
}

export function mkdir(ctx: CmdCtx): Outcome {
  const { flags, operands } = splitFlags(ctx.args, 'm');
  if (operands.length === 0) return missingOperand(ctx);
  let status = 0;
  for (const dir of operands) {
    const r = ctx.fs.mkdir(ctx.path(dir), flags.has('p'));
    if (r.ok) continue;
    status = 1;
    const verb = ctx.flavour === 'gnu' ? 'cannot' : "can't";
    ctx.err(`mkdir: ${verb} create directory '${dir}': ${errnoText(r.errno)}\n`);
  }
  return status;
}

interface Entry {
  name: string;
  path: string;
  dir: boolean;
}

/** ls [-la1] [FILE...]: files first, then each directory (with a `NAME:` header when several). */
export function ls(ctx: CmdCtx): Outcome {
  const { flags, operands } = splitFlags(ctx.args);
  const targets = operands.length > 0 ? operands : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const name of targets) {
    const path = ctx.path(name);
    const stat = ctx.fs.stat(path);
    if (!stat.ok) {
      status = ctx.flavour === 'gnu' ? 2 : 1;
      ctx.err(ctx.flavour === 'gnu' ? `ls: cannot access '${name}': ${errnoText(stat.errno)}\n` : `ls: ${name}: ${errnoText(stat.errno)}\n`);
      continue;
    }
    (stat.value === 'dir' && !flags.has('d') ? dirs : files).push({ name, path, dir: stat.value === 'dir' });
  }
  if (files.length > 0) printEntries(ctx, files, flags, false);
  dirs.forEach((d, i) => {
    if (targets.length > 1) ctx.out(`${i > 0 || files.length > 0 ? '\n' : ''}${d.name}:\n`);
    printEntries(ctx, dirEntries(ctx, d.path, flags), flags, true);
  });
  return status;
}

function dirEntries(ctx: CmdCtx, path: string, flags: Set<string>): Entry[] {
  const listed = ctx.fs.list(path);
  const names = listed.ok ? listed.value : [];
  const prefix = path === '/' ? '/' : `${path}/`;
  const shown = flags.has('a') ? ['.', '..', ...names] : names.filter((n) => !n.startsWith('.') || flags.has('A'));
  return shown.map((name) => {
    const full = name === '.' ? path : name === '..' ? path.replace(/\/[^/]*$/, '') || '/' : prefix + name;
    const stat = ctx.fs.stat(full);
    return { name, path: full, dir: stat.ok && stat.value === 'dir' };
  });
}

function printEntries(ctx: CmdCtx, entries: Entry[], flags: Set<string>, inDir: boolean): void {
  if (!flags.has('l')) {
    for (const e of entries) ctx.out(`${e.name}\n`);
    return;
  }
  const rows = entries.map((e) => longRow(ctx, e));
  if (ctx.flavour === 'busybox') {
    for (const r of rows) ctx.out(`${r.mode} ${r.links.padStart(4)} root     root     ${r.size.padStart(9)} Jan  1 00:00 ${r.name}\n`);
    return;
  }
  const sizeWidth = Math.max(...rows.map((r) => r.size.length));
  if (inDir) ctx.out(`total ${rows.reduce((n, r) => n + Math.ceil(Number(r.size) / 4096) * 4, 0)}\n`);
  for (const r of rows) ctx.out(`${r.mode} ${r.links} root root ${r.size.padStart(sizeWidth)} Jan  1 00:00 ${r.name}\n`);
}

function longRow(ctx: CmdCtx, e: Entry): { mode: string; links: string; size: string; name: string } {
  if (e.dir) return { mode: 'drwxr-xr-x', links: '2', size: '4096', name: e.name };
  const read = ctx.fs.read(e.path);
  const size = read.ok ? new TextEncoder().encode(read.value).length : 0;
  const mode = e.path === '/dev/null' ? 'crw-rw-rw-' : e.path.startsWith('/bin/') || e.path.startsWith('/usr/bin/') ? '-rwxr-xr-x' : '-rw-r--r--';
  return { mode, links: '1', size: String(size), name: e.name };
}
