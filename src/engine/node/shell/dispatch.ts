/**
 * Finds and runs a command: the shell's builtins first, then programs found in PATH (only those
 * the userland has), then script files. Words the "not found" errors as the shell would.
 */
import { normalizePath } from '../fs.ts';
import { BUILTINS } from './builtins.ts';
import type { CmdCtx, CommandFn } from './command.ts';
import type { Machine } from './machine.ts';
import { notExecutableMessage, notFoundMessage, syntaxMessage } from './messages.ts';
import { parseScript } from './parser.ts';
import type { Io, Outcome } from './state.ts';
import { TOOLS } from './tools.ts';
import { baseName, DEFAULT_PATH, dialectFor, resolveInPath, SHELLS, toolFlavour } from './userland.ts';

/** A program name resolved: a known binary, a script file, or why it cannot run. */
export type Resolved =
  | { kind: 'binary'; path: string; name: string }
  | { kind: 'script'; path: string; text: string; shell: string }
  | { kind: 'not-found' }
  | { kind: 'not-executable'; isDir: boolean };

/** Looks `name` up as execve would: PATH search, or the path itself when it contains a slash. */
export function resolveProgram(m: Machine, name: string): Resolved {
  const found = resolveInPath(m.host.userland, name, m.st.vars.PATH ?? DEFAULT_PATH, m.host.tools);
  if (found) return { kind: 'binary', path: found, name: baseName(found) };
  if (!name.includes('/')) return { kind: 'not-found' };
  const path = normalizePath(name, m.st.cwd);
  const stat = m.fs.stat(path);
  if (!stat.ok) return { kind: 'not-found' };
  if (stat.value === 'dir') return { kind: 'not-executable', isDir: true };
  const text = m.fs.read(path);
  // File modes are not modelled: a file starting with a shell #! line runs, anything else is not executable.
  const shebang = text.ok ? /^#!\s*\S*\/(sh|bash|ash|dash)\b/.exec(text.value) : null;
  if (text.ok && shebang) return { kind: 'script', path, text: text.value, shell: shebang[1] };
  return { kind: 'not-executable', isDir: false };
}

/** Runs argv (already expanded) with the given I/O and prefix assignments (`VAR=x cmd`). */
export function runCommand(m: Machine, argv: string[], io: Io, assigns: Array<[string, string]>, line: number): Outcome {
  const name = argv[0];
  const builtin = m.st.noShell ? undefined : BUILTINS[name];
  if (builtin) {
    for (const [k, v] of assigns) m.st.vars[k] = v;
    return builtin(makeCtx(m, argv, io, assigns, line, name, true));
  }
  const where = m.where(line);
  const resolved = resolveProgram(m, name);
  if (resolved.kind === 'not-found') {
    m.write(io.err, notFoundMessage(where, name));
    return 127;
  }
  if (resolved.kind === 'not-executable') {
    m.write(io.err, notExecutableMessage(where, name, resolved.isDir));
    return 126;
  }
  if (resolved.kind === 'script') return runNestedShell(m, [name, resolved.path], io, resolved.shell, resolved.text);
  if (SHELLS.has(resolved.name)) return runNestedShell(m, argv, io, resolved.name);
  const tool: CommandFn | undefined = TOOLS[resolved.name];
  if (!tool) {
    m.write(io.err, notFoundMessage(where, name));
    return 127;
  }
  return tool(makeCtx(m, argv, io, assigns, line, resolved.name, false));
}

function makeCtx(m: Machine, argv: string[], io: Io, assigns: Array<[string, string]>, line: number, name: string, builtin: boolean): CmdCtx {
  return {
    argv,
    args: argv.slice(1),
    name,
    stdin: io.in,
    io,
    // Built on demand: most commands never read their environment, and loops run many commands.
    get env() {
      return commandEnv(m, assigns);
    },
    out: (text) => m.write(io.out, text),
    err: (text) => m.write(io.err, text),
    fs: m.fs,
    host: m.host,
    nowMs: m.nowMs,
    flavour: toolFlavour(m.host.userland),
    builtin,
    where: m.where(line),
    m,
    path: (p) => normalizePath(p, m.st.cwd),
  };
}

/** Exported variables in definition order, then the command's own assignments. */
export function commandEnv(m: Machine, assigns: Array<[string, string]>): Record<string, string> {
  const env: Record<string, string> = {};
  const exported = new Set(m.st.exported);
  for (const [k, v] of Object.entries(m.st.vars)) if (exported.has(k)) env[k] = v;
  for (const [k, v] of assigns) env[k] = v;
  return env;
}

/** Shell invocation flags: `-c SCRIPT [ARG0 [ARGS...]]`, `-e`, or a script file, or stdin. */
export interface ShellInvocation {
  script: string | { file: string } | null;
  arg0: string;
  params: string[];
  errexit: boolean;
}

export function parseShellArgs(argv: string[]): ShellInvocation {
  let i = 1;
  let command = false;
  let errexit = false;
  for (; i < argv.length && /^[-+][a-z]+$/.test(argv[i]); i++) {
    command ||= argv[i].includes('c');
    errexit ||= argv[i].startsWith('-') && argv[i].includes('e');
  }
  const rest = argv.slice(i);
  if (command) return { script: rest[0] ?? '', arg0: rest[1] ?? argv[0], params: rest.slice(2), errexit };
  if (rest.length > 0) return { script: { file: rest[0] }, arg0: rest[0], params: rest.slice(1), errexit };
  return { script: null, arg0: argv[0], params: [], errexit };
}

/**
 * `sh -c '...'` inside a script, or a script file: runs as a subshell with its own $0 and params,
 * in the dialect of `shell` (the program run, or the script's #! interpreter).
 */
function runNestedShell(m: Machine, argv: string[], io: Io, shell: string, fileText?: string): Outcome {
  const inv = parseShellArgs(argv);
  const script = fileText ?? nestedScript(m, argv[0], inv, io);
  if (script === undefined) return 2;
  const dialect = dialectFor(m.host.userland, shell);
  const parsed = parseScript(script);
  if (!parsed.ok) {
    m.write(io.err, syntaxMessage(dialect, inv.arg0, parsed.problem));
    return 2;
  }
  m.enterScript(parsed.program, script, io, { arg0: inv.arg0, params: inv.params, errexit: inv.errexit, dialect });
  return 'unwound';
}

/** The text a nested shell runs: its -c argument, a script file, or its stdin. */
function nestedScript(m: Machine, shell: string, inv: ShellInvocation, io: Io): string | undefined {
  if (typeof inv.script === 'string') return inv.script;
  if (inv.script === null) return io.in;
  const read = m.fs.read(normalizePath(inv.script.file, m.st.cwd));
  if (read.ok) return read.value;
  m.write(io.err, `${shell}: can't open '${inv.script.file}': No such file or directory\n`);
  return undefined;
}
