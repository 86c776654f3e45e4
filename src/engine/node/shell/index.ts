/**
 * The container userland's entry points: start a process from a script (`sh -c`) or from argv
 * as the runtime would exec it, then run it against simulated time. The state is plain JSON;
 * `runShell` never mutates the state it is given.
 *
 * @example
 * let { state, result } = runShell(startArgv(['sh', '-c', 'echo hi; sleep 10']), host, 0);
 * // host.write('stdout', 'hi\n'); result = { kind: 'sleep', untilMs: 10_000 }
 * ({ state, result } = runShell(state, host, 10_000)); // result = { kind: 'exit', code: 0 }
 *
 * @example
 * // A signal: the trap's action runs at the next run, interrupting busybox's `sleep` builtin.
 * const sh = runShell(startArgv(['sh', '-c', "trap 'exit 143' TERM; sleep 600"]), host, 0).state;
 * const next = signalShell(sh, 'TERM'); // a state with TERM pending ('default' if no trap)
 * if (next !== 'default') runShell(next, host, 5_000).result; // { kind: 'exit', code: 143 }
 */
import { literalWord } from './ast.ts';
import { parseShellArgs, resolveProgram } from './dispatch.ts';
import { Machine, trapsDeferred } from './machine.ts';
import { syntaxMessage } from './messages.ts';
import { parseScript } from './parser.ts';
import { signalName, signalNumber } from './signals.ts';
import type { RunResult, ShellHost, ShellState, StartSpec } from './state.ts';
import { dialectFor, hasBinary, SHELLS } from './userland.ts';

export interface StartOptions {
  /** `$$` (the process's pid in its namespace); 1 for a container's main process. */
  pid?: number;
  /** The working directory (the container's `workingDir`). */
  cwd?: string;
  /** `$0` for startShell (default `sh`). */
  arg0?: string;
  /** Positional parameters for startShell. */
  params?: string[];
}

/** A process that runs `script` with the image's /bin/sh (as `sh -c SCRIPT`). */
export function startShell(script: string, opts: StartOptions = {}): ShellState {
  return initialState({ kind: 'script', script }, opts);
}

/**
 * A process exec'd from argv without a shell (a container's command/args, `kubectl exec`).
 * `sh -c ...` (and bash, dash, ash, script files with a shell #!) are interpreted; anything
 * else runs as that one program with its arguments unexpanded.
 */
export function startArgv(argv: string[], opts: StartOptions = {}): ShellState {
  return initialState({ kind: 'argv', argv }, opts);
}

/**
 * Runs the process from simulated time `nowMs` until it sleeps or exits. Output goes to
 * host.write as it is produced. A sleep result asks to be called again at `untilMs` (null:
 * never, the process sleeps forever); `busy` means the script spent its command budget
 * without sleeping and burns CPU meanwhile. An exit carries `notFound`/`notExecutable` when
 * argv[0] could not be exec'd: nothing was printed, the runtime words that error.
 */
export function runShell(state: ShellState, host: ShellHost, nowMs: number): { state: ShellState; result: RunResult } {
  const st = JSON.parse(JSON.stringify(state)) as ShellState;
  const m = new Machine(st, host, nowMs);
  if (!st.started) begin(m);
  return { state: st, result: m.run() };
}

/**
 * What `signal` (`TERM`, `SIGTERM`, 15...) would do to the process: run its trap, nothing
 * (`trap '' TERM`), or the default action (no trap; the caller decides: PID 1 ignores it).
 * KILL and STOP cannot be caught; a process that has exited has only the default.
 */
export function signalDisposition(state: ShellState, signal: string | number): 'trap' | 'ignore' | 'default' {
  const name = signalName(signal);
  if (name === undefined) throw new RangeError(`no such signal: ${signal}`);
  if (state.exit || name === 'KILL' || name === 'STOP' || name === 'EXIT') return 'default';
  const action = shellTraps(state)[name];
  if (action === undefined) return 'default';
  return action === '' ? 'ignore' : 'trap';
}

/**
 * Delivers a signal. With a trap set, returns a new state where the trap is pending: the next
 * runShell runs its action first, then the script goes on (unless the action exits). busybox
 * ash's own `sleep` is interrupted (its frame is dropped, `$?` becomes 128+n); any other command
 * the shell waits for (an external `sleep` under dash or bash, `tail -f`, a subshell) ends first,
 * as real shells defer traps until the foreground child exits. An ignored signal returns `state`
 * itself; no trap returns `default`. Never mutates `state`.
 */
export function signalShell(state: ShellState, signal: string | number): ShellState | 'default' {
  const disposition = signalDisposition(state, signal);
  if (disposition === 'default') return 'default';
  if (disposition === 'ignore') return state;
  const name = signalName(signal)!;
  const st = JSON.parse(JSON.stringify(state)) as ShellState;
  if (!st.pending.includes(name)) st.pending.push(name);
  const top = st.stack[st.stack.length - 1];
  if (top?.t === 'sleep' && top.intr && !trapsDeferred(st.stack)) {
    st.stack.pop();
    st.status = 128 + signalNumber(name);
  }
  return st;
}

/**
 * The traps of the shell process itself: inside a subshell or a nested `sh -c` (child processes
 * the shell waits for), those the shell had when it started the outermost one.
 */
function shellTraps(state: ShellState): Record<string, string> {
  for (const f of state.stack) if (f.t === 'io' && f.saved) return f.saved.traps;
  return state.traps;
}

function initialState(start: StartSpec, opts: StartOptions): ShellState {
  return {
    v: 1,
    start,
    started: false,
    dialect: 'ash',
    arg0: opts.arg0 ?? 'sh',
    params: opts.params ?? [],
    pid: opts.pid ?? 1,
    nodes: [],
    vars: {},
    exported: [],
    cwd: opts.cwd ?? '/',
    status: 0,
    baseIo: { out: { k: 'host', stream: 'stdout' }, err: { k: 'host', stream: 'stderr' }, in: '' },
    stack: [],
    exit: null,
    capture: '',
    errexit: false,
    noShell: false,
    programs: {},
    traps: {},
    pending: [],
  };
}

/** First run: take the environment, then check the program exists in this userland and load it. */
function begin(m: Machine): void {
  const st = m.st;
  st.started = true;
  st.vars = { ...m.host.env };
  st.exported = Object.keys(m.host.env);
  st.baseIo.in = m.host.stdin ?? '';
  if (st.start.kind === 'script') return beginScript(m, st.start.script, 'sh');
  beginArgv(m, st.start.argv);
}

function beginScript(m: Machine, script: string, shell: string): void {
  const st = m.st;
  if (!hasBinary(m.host.userland, shell)) {
    st.exit = { code: 127, notFound: shell };
    return;
  }
  st.dialect = dialectFor(m.host.userland, shell);
  const parsed = parseScript(script);
  if (!parsed.ok) {
    m.write(st.baseIo.err, syntaxMessage(st.dialect, st.arg0, parsed.problem));
    st.exit = { code: 2 };
    return;
  }
  st.nodes = parsed.program.nodes;
  m.enter(parsed.program.root);
}

function beginArgv(m: Machine, argv: string[]): void {
  const st = m.st;
  const resolved = argv.length === 0 ? ({ kind: 'not-found' } as const) : resolveProgram(m, argv[0]);
  if (resolved.kind === 'not-found') st.exit = { code: 127, notFound: argv[0] ?? '' };
  else if (resolved.kind === 'not-executable') st.exit = { code: 126, notExecutable: argv[0] };
  else if (resolved.kind === 'script') {
    st.arg0 = argv[0];
    st.params = argv.slice(1);
    // The kernel runs the #! line's interpreter: `#!/bin/bash` scripts speak bash.
    beginScript(m, resolved.text, resolved.shell);
  } else if (SHELLS.has(resolved.name)) beginShell(m, argv, resolved.name);
  else {
    st.noShell = true;
    st.nodes = [{ t: 'simple', assigns: [], words: argv.map(literalWord), redirs: [], line: 1 }];
    m.enter(0);
  }
}

/** `sh -c SCRIPT [ARG0 ARGS...]`, `sh FILE ARGS...`, or `sh` reading its script from stdin. */
function beginShell(m: Machine, argv: string[], shell: string): void {
  const st = m.st;
  const inv = parseShellArgs(argv);
  Object.assign(st, { arg0: inv.arg0, params: inv.params, errexit: inv.errexit });
  if (inv.script === null) return beginScript(m, st.baseIo.in, shell);
  if (typeof inv.script === 'string') return beginScript(m, inv.script, shell);
  const read = m.fs.read(inv.script.file.startsWith('/') ? inv.script.file : `${st.cwd}/${inv.script.file}`);
  if (read.ok) return beginScript(m, read.value, shell);
  const file = inv.script.file;
  const dash = dialectFor(m.host.userland, shell) === 'dash';
  m.write(st.baseIo.err, dash ? `${argv[0]}: 0: cannot open ${file}: No such file\n` : `${argv[0]}: can't open '${file}': No such file or directory\n`);
  st.exit = { code: 2 };
}

export type { RunResult, ShellHost, ShellState } from './state.ts';
export { hasBinary, resolveInPath, imageTree, DEFAULT_PATH, type Userland } from './userland.ts';
export { STEP_BUDGET, BUSY_PAUSE_MS } from './machine.ts';
