/**
 * Commands the shell runs itself, without a PATH search: the special builtins that change the
 * shell (exit, export, cd, set, exec, break...) and the regular ones every sh has built in.
 */
import type { CmdCtx, CommandFn } from './command.ts';
import { runCommand, resolveProgram } from './dispatch.ts';
import { builtinMessage } from './messages.ts';
import { formatTraps, signalName } from './signals.ts';
import type { Outcome } from './state.ts';
import { echo, printf, testCommand } from './tools-text.ts';

function exit(ctx: CmdCtx): Outcome {
  const arg = ctx.args[0];
  // In a trap action, a bare `exit` exits with $? from before the trap.
  const code = arg === undefined ? (ctx.m.trapStatus() ?? ctx.m.st.status) : Number(arg);
  if (!Number.isInteger(code) || code < 0) {
    ctx.err(illegalNumber(ctx, 'exit', arg ?? ''));
    ctx.m.exit(2);
    return 'unwound';
  }
  ctx.m.exit(code & 255);
  return 'unwound';
}

function illegalNumber(ctx: CmdCtx, cmd: string, arg: string): string {
  if (ctx.where.dialect !== 'bash') return builtinMessage(ctx.where, `${cmd}: Illegal number: ${arg}`);
  return builtinMessage(ctx.where, `${cmd}: ${arg}: numeric argument required`);
}

function exportCmd(ctx: CmdCtx): Outcome {
  const st = ctx.m.st;
  if (ctx.args.length === 0 || ctx.args[0] === '-p') {
    for (const name of st.exported) if (name in st.vars) ctx.out(`export ${name}='${st.vars[name]}'\n`);
    return 0;
  }
  for (const arg of ctx.args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (eq >= 0) st.vars[name] = arg.slice(eq + 1);
    if (!st.exported.includes(name)) st.exported.push(name);
  }
  return 0;
}

function unset(ctx: CmdCtx): Outcome {
  const st = ctx.m.st;
  for (const name of ctx.args.filter((a) => !a.startsWith('-'))) {
    delete st.vars[name];
    st.exported = st.exported.filter((n) => n !== name);
  }
  return 0;
}

function cd(ctx: CmdCtx): Outcome {
  const target = ctx.args[0] ?? ctx.m.st.vars.HOME ?? '/';
  const path = ctx.path(target);
  const stat = ctx.fs.stat(path);
  if (stat.ok && stat.value === 'dir') {
    ctx.m.st.cwd = path;
    ctx.m.st.vars.PWD = path;
    return 0;
  }
  const why = stat.ok ? 'Not a directory' : 'No such file or directory';
  if (ctx.where.dialect === 'ash') ctx.err(builtinMessage(ctx.where, `cd: can't cd to ${target}: ${why}`));
  else if (ctx.where.dialect === 'dash') ctx.err(builtinMessage(ctx.where, `cd: can't cd to ${target}`));
  else ctx.err(builtinMessage(ctx.where, `cd: ${target}: ${why}`));
  return ctx.where.dialect === 'dash' ? 2 : 1;
}

function pwd(ctx: CmdCtx): Outcome {
  ctx.out(`${ctx.m.st.cwd}\n`);
  return 0;
}

/** `set -e`, `set +e`, `set -- a b` (positional parameters); other options are accepted and ignored. */
function set(ctx: CmdCtx): Outcome {
  const st = ctx.m.st;
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    if (a === '--') {
      st.params = ctx.args.slice(i + 1);
      return 0;
    }
    if (/^-[a-z]*e/.test(a)) st.errexit = true;
    else if (/^\+[a-z]*e/.test(a)) st.errexit = false;
  }
  return 0;
}

function shift(ctx: CmdCtx): Outcome {
  const n = Number(ctx.args[0] ?? 1);
  if (n > ctx.m.st.params.length) return 1;
  ctx.m.st.params = ctx.m.st.params.slice(n);
  return 0;
}

function loopControl(kind: 'break' | 'continue'): CommandFn {
  return (ctx) => (ctx.m.unwindLoop(kind) ? 'unwound' : 0);
}

/** `exec CMD`: the shell is replaced by CMD, so the script ends when it does. `exec >file` redirects the shell. */
function exec(ctx: CmdCtx): Outcome {
  if (ctx.args.length === 0) {
    ctx.m.st.baseIo = ctx.io;
    return 0;
  }
  ctx.m.unwindToSubshell();
  // The shell's process becomes CMD: caught signals get their default action back (ignored ones stay ignored).
  if (ctx.m.st.stack.length === 0) ctx.m.resetCaughtTraps();
  ctx.m.finish(runCommand(ctx.m, ctx.args, ctx.io, [], ctx.where.line));
  return 'unwound';
}

/**
 * `trap ACTION SIG...` sets, `trap '' SIG...` ignores, `trap - SIG...` (or `trap SIG`, or numbers
 * only) resets; `trap` alone prints the traps. A bad signal is an error: dash's exits the shell.
 */
function trap(ctx: CmdCtx): Outcome {
  const st = ctx.m.st;
  const args = ctx.args[0] === '--' || (ctx.args[0] === '-p' && ctx.where.dialect === 'bash') ? ctx.args.slice(1) : ctx.args;
  if (args.length === 0) {
    ctx.out(formatTraps(st.traps, st.dialect));
    return 0;
  }
  const reset = args.length === 1 || /^[0-9]+$/.test(args[0]);
  const action = reset ? '-' : args[0];
  let status = 0;
  for (const spec of reset ? args : args.slice(1)) {
    const name = signalName(spec);
    if (name === undefined) {
      if (ctx.where.dialect === 'dash') {
        ctx.err(builtinMessage(ctx.where, `trap: ${spec}: bad trap`));
        ctx.m.exit(2);
        return 'unwound';
      }
      ctx.err(builtinMessage(ctx.where, `trap: ${spec}: invalid signal specification`));
      status = 1;
    } else if (action === '-') delete st.traps[name];
    else st.traps[name] = action;
  }
  return status;
}

/** `command -v NAME` (the portable `which`); `command CMD` runs CMD. */
function command(ctx: CmdCtx): Outcome {
  if (ctx.args[0] !== '-v') return runCommand(ctx.m, ctx.args, ctx.io, [], ctx.where.line);
  const name = ctx.args[1] ?? '';
  if (BUILTINS[name]) {
    ctx.out(`${name}\n`);
    return 0;
  }
  const found = resolveProgram(ctx.m, name);
  if (found.kind !== 'binary' && found.kind !== 'script') return 1;
  ctx.out(`${found.path}\n`);
  return 0;
}

export const BUILTINS: Record<string, CommandFn> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  exit,
  export: exportCmd,
  unset,
  cd,
  pwd,
  set,
  shift,
  break: loopControl('break'),
  continue: loopControl('continue'),
  exec,
  command,
  trap,
  wait: () => 0,
  echo,
  printf,
  test: testCommand,
  '[': testCommand,
};
