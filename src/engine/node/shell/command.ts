/**
 * What a command sees when it runs, and the shape of the command tables (builtins.ts,
 * tools-*.ts). Commands are small functions from a context to an {@link Outcome}.
 */
import type { ContainerFs, FsErrno } from '../fs.ts';
import { ERRNO_MESSAGE, normalizePath } from '../fs.ts';
import type { Machine } from './machine.ts';
import type { Where } from './messages.ts';
import type { Io, Outcome, ShellHost } from './state.ts';
import type { ToolFlavour } from './userland.ts';

export interface CmdCtx {
  /** argv[0] as typed (`/bin/cat` or `cat`). */
  argv: string[];
  /** The arguments after argv[0]. */
  args: string[];
  /** The program's base name, used in its messages. */
  name: string;
  stdin: string;
  /** The command's I/O after its redirections (what `exec` makes the shell's). */
  io: Io;
  /** The environment the command received (exported variables plus prefix assignments). */
  env: Record<string, string>;
  out(text: string): void;
  err(text: string): void;
  fs: ContainerFs;
  host: ShellHost;
  nowMs: number;
  flavour: ToolFlavour;
  /** True when run as the shell's builtin rather than /bin/NAME (dash's echo differs from coreutils'). */
  builtin: boolean;
  where: Where;
  m: Machine;
  /** An argument path made absolute against the working directory. */
  path(p: string): string;
}

export type CommandFn = (ctx: CmdCtx) => Outcome;

export function errnoText(errno: FsErrno): string {
  return ERRNO_MESSAGE[errno];
}

export function absolute(ctx: { m: Machine }, p: string): string {
  return normalizePath(p, ctx.m.st.cwd);
}

/** Splits `-la` style flags from operands; `--` ends flags. Returns flags as a set of letters. */
export function splitFlags(args: string[], valued = ''): { flags: Set<string>; values: Record<string, string>; operands: string[] } {
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      if (!valued.includes(a[k])) {
        flags.add(a[k]);
        continue;
      }
      values[a[k]] = a.length > k + 1 ? a.slice(k + 1) : (args[++i] ?? '');
      break;
    }
  }
  return { flags, values, operands };
}

/** Text split into lines, each keeping its newline (the last may lack one). */
export function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
