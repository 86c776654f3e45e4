/**
 * The interpreter: a loop over an explicit continuation stack (state.ts). Each frame is resumed
 * when the child it started finishes; `$?` carries the child's status. A `sleep` pushes a sleep
 * frame and the run returns; the next run pops it once simulated time has reached it.
 */
import { normalizePath } from '../fs.ts';
import type { NodeId, Program, Redir, ShNode } from './ast.ts';
import { expandWord, expandWords, type ExpandEnv } from './expand.ts';
import { notFoundMessage, redirectMessage, syntaxMessage, type Where } from './messages.ts';
import { CondError, evalCond } from './cond.ts';
import { parseScript } from './parser.ts';
import { runCommand } from './dispatch.ts';
import type { Frame, Io, IoTarget, Outcome, RunResult, SavedScope, ShellHost, ShellState } from './state.ts';
import { ERRNO_MESSAGE } from '../fs.ts';

/** Simple commands one run may execute before it yields as a busy process. */
export const STEP_BUDGET = 10_000;
/** How long a busy script is paused for (simulated), burning CPU meanwhile. */
export const BUSY_PAUSE_MS = 1000;

type NodeOf<T extends ShNode['t']> = Extract<ShNode, { t: T }>;

export class Machine {
  steps = 0;

  constructor(
    readonly st: ShellState,
    readonly host: ShellHost,
    readonly nowMs: number,
    /** Sleeps end at once (inside `$(...)`, which must finish synchronously). */
    private readonly instantSleep = false,
  ) {}

  get fs() {
    return this.host.fs;
  }

  /** Runs until the program sleeps, exits, or spends `budget` commands. */
  run(budget = STEP_BUDGET): RunResult {
    for (;;) {
      if (this.st.exit) return { kind: 'exit', ...this.st.exit };
      const top = this.st.stack[this.st.stack.length - 1];
      if (this.st.pending.length > 0 && top?.t !== 'sleep' && !trapsDeferred(this.st.stack)) {
        this.runSignalTrap(this.st.pending.shift()!);
        continue;
      }
      if (!top) {
        this.end(this.st.status);
        continue;
      }
      if (top.t === 'sleep') {
        if (!this.instantSleep && (top.untilMs === null || this.nowMs < top.untilMs)) return { kind: 'sleep', untilMs: top.untilMs };
        this.st.stack.pop();
        this.st.status = 0;
        continue;
      }
      if (this.steps >= budget) return { kind: 'sleep', untilMs: this.nowMs + BUSY_PAUSE_MS, busy: true };
      this.advance(top);
    }
  }

  /** Starts executing node `id` (as a condition when `cond`). */
  enter(id: NodeId, cond = false): void {
    const node = this.st.nodes[id];
    switch (node.t) {
      case 'simple': return this.runSimple(node);
      case 'cond': return this.runCond(node);
      case 'list': return this.push({ t: 'list', id, i: 0, cond });
      case 'andor': return this.push({ t: 'andor', id, i: 0 });
      case 'pipe': return this.push({ t: 'pipe', id, i: 0, buf: '' });
      default: return this.enterCompound(id, node);
    }
  }

  private enterCompound(id: NodeId, node: Exclude<ShNode, { t: 'simple' | 'cond' | 'list' | 'andor' | 'pipe' }>): void {
    const io = this.openRedirs(node.redirs, this.io(), 0);
    if (!io) return;
    const subshell = node.t === 'group' && node.subshell;
    if (node.redirs.length > 0 || subshell) this.push({ t: 'io', io, saved: subshell ? this.scope() : null });
    if (subshell) this.resetCaughtTraps();
    if (node.t === 'group') return this.enter(node.body);
    if (node.t === 'if') return this.push({ t: 'if', id, i: -1, inBody: false });
    if (node.t === 'loop') return this.push({ t: 'loop', id, phase: 'start', lastStatus: 0 });
    const values = node.words ? expandWords(node.words, this.expandEnv()) : [...this.st.params];
    this.push({ t: 'for', id, values, i: 0, lastStatus: 0 });
  }

  private advance(f: Frame): void {
    switch (f.t) {
      case 'list': return this.advanceList(f);
      case 'andor': return this.advanceAndOr(f);
      case 'pipe': return this.advancePipe(f);
      case 'if': return this.advanceIf(f);
      case 'loop': return this.advanceLoop(f);
      case 'for': return this.advanceFor(f);
      case 'io': return this.popIo();
      case 'trap': return this.endTrap(f);
      default: return undefined;
    }
  }

  private advanceList(f: Extract<Frame, { t: 'list' }>): void {
    const node = this.node(f.id, 'list');
    if (f.i > 0 && this.st.errexit && !f.cond && this.st.status !== 0 && ['simple', 'cond'].includes(this.st.nodes[node.items[f.i - 1]].t)) {
      return this.exit(this.st.status);
    }
    if (f.i >= node.items.length) {
      if (node.items.length === 0) this.st.status = 0;
      this.st.stack.pop();
      return;
    }
    f.i++;
    this.enter(node.items[f.i - 1], f.cond);
  }

  private advanceAndOr(f: Extract<Frame, { t: 'andor' }>): void {
    const node = this.node(f.id, 'andor');
    if (f.i === 0) {
      f.i = 1;
      return this.enter(node.first);
    }
    while (f.i <= node.rest.length) {
      const next = node.rest[f.i - 1];
      f.i++;
      if ((next.op === '&&') === (this.st.status === 0)) return this.enter(next.id);
    }
    this.st.stack.pop();
  }

  /** Stages run one after another; each one's stdout is buffered and becomes the next one's stdin. */
  private advancePipe(f: Extract<Frame, { t: 'pipe' }>): void {
    const node = this.node(f.id, 'pipe');
    if (f.i >= node.cmds.length) {
      if (node.bang) this.st.status = this.st.status === 0 ? 1 : 0;
      this.st.stack.pop();
      return;
    }
    const outer = this.io();
    const last = f.i === node.cmds.length - 1;
    const input = f.i === 0 ? outer.in : f.buf;
    f.buf = '';
    const out: IoTarget = last ? outer.out : { k: 'pipe', depth: this.st.stack.length - 1 };
    const many = node.cmds.length > 1;
    this.push({ t: 'io', io: { ...outer, out, in: input }, saved: many ? this.scope() : null });
    if (many) this.resetCaughtTraps();
    f.i++;
    this.enter(node.cmds[f.i - 1]);
  }

  private advanceIf(f: Extract<Frame, { t: 'if' }>): void {
    const node = this.node(f.id, 'if');
    if (f.inBody) {
      this.st.stack.pop();
      return;
    }
    if (f.i >= 0 && this.st.status === 0) {
      f.inBody = true;
      return this.enter(node.clauses[f.i].body);
    }
    f.i++;
    if (f.i < node.clauses.length) return this.enter(node.clauses[f.i].cond, true);
    if (node.elseBody !== null) {
      f.inBody = true;
      return this.enter(node.elseBody);
    }
    this.st.status = 0;
    this.st.stack.pop();
  }

  private advanceLoop(f: Extract<Frame, { t: 'loop' }>): void {
    const node = this.node(f.id, 'loop');
    if (f.phase === 'cond' && (this.st.status === 0) === node.until) {
      this.st.status = f.lastStatus;
      this.st.stack.pop();
      return;
    }
    if (f.phase === 'cond') {
      f.phase = 'body';
      return this.enter(node.body);
    }
    if (f.phase === 'body') f.lastStatus = this.st.status;
    f.phase = 'cond';
    this.enter(node.cond, true);
  }

  private advanceFor(f: Extract<Frame, { t: 'for' }>): void {
    const node = this.node(f.id, 'for');
    if (f.i > 0) f.lastStatus = this.st.status;
    if (f.i >= f.values.length) {
      this.st.status = f.lastStatus;
      this.st.stack.pop();
      return;
    }
    this.st.vars[node.name] = f.values[f.i];
    f.i++;
    this.enter(node.body);
  }

  private runSimple(node: NodeOf<'simple'>): void {
    this.steps++;
    let failed = false;
    const env = this.expandEnv(() => (failed = true));
    const argv = expandWords(node.words, env);
    const assigns: Array<[string, string]> = node.assigns.map((a) => [a.name, expandWord(a.value, env)]);
    if (failed) return this.exit(2);
    if (argv.length === 0) return this.assignOnly(assigns, node);
    const io = this.openRedirs(node.redirs, this.io(), node.line);
    if (!io) return;
    this.finish(runCommand(this, argv, io, assigns, node.line));
  }

  /**
   * `[[ EXPR ]]`: 0 when true, 1 when false, 2 (with bash's message) when malformed. dash has no
   * `[[`: there it is a command, and none is installed (`sh: 1: [[: not found`, 127).
   */
  private runCond(node: NodeOf<'cond'>): void {
    this.steps++;
    if (this.st.dialect === 'dash') {
      this.write(this.io().err, notFoundMessage(this.where(node.line), '[['));
      this.st.status = 127;
      return;
    }
    let failed = false;
    const env = this.expandEnv(() => (failed = true));
    try {
      const value = evalCond(node.items, env, (p) => {
        const s = this.fs.stat(normalizePath(p, this.st.cwd));
        return s.ok ? s.value : undefined;
      });
      if (failed) return this.exit(2);
      this.st.status = value ? 0 : 1;
    } catch (e) {
      if (!(e instanceof CondError)) throw e;
      this.write(this.io().err, `${this.st.arg0}: line ${node.line}: ${e.message}\n`);
      this.st.status = 2;
    }
  }

  /** `VAR=x` alone sets shell variables; `>file` alone creates the file. */
  private assignOnly(assigns: Array<[string, string]>, node: NodeOf<'simple'>): void {
    const statusBefore = this.st.status;
    this.st.status = 0;
    for (const [name, value] of assigns) this.st.vars[name] = value;
    if (node.redirs.length > 0 && !this.openRedirs(node.redirs, this.io(), node.line)) return;
    // A substitution's status becomes the assignment's (`x=$(false)` sets $? to 1).
    if (!node.assigns.some((a) => a.value.parts.some((p) => p.t === 'cmdsub'))) return;
    this.st.status = this.lastSubstStatus ?? statusBefore;
  }

  private lastSubstStatus: number | undefined;

  /** Records what a command gave: a status, or a sleep to wait for. */
  finish(outcome: Outcome): void {
    if (outcome === 'unwound') return;
    if (typeof outcome === 'number') {
      this.st.status = outcome;
      return;
    }
    this.st.status = 0;
    if (outcome.sleepMs === 0) return;
    const untilMs = outcome.sleepMs === null ? null : this.nowMs + outcome.sleepMs;
    this.push(outcome.intr ? { t: 'sleep', untilMs, intr: true } : { t: 'sleep', untilMs });
  }

  /** Applies redirections over `base`; undefined (with the shell's message written) when one fails. */
  openRedirs(redirs: Redir[], base: Io, line: number): Io | undefined {
    const io: Io = { ...base };
    for (const r of redirs) {
      const target = expandWord(r.target, this.expandEnv());
      const ok = r.op === '>&' || r.op === '<&' ? this.dupFd(io, r.fd, target) : this.openFile(io, r, target, line);
      if (!ok) return undefined;
    }
    return io;
  }

  private dupFd(io: Io, fd: number, target: string): boolean {
    const from = target === '1' ? io.out : target === '2' ? io.err : target === '-' ? { k: 'null' as const } : undefined;
    if (!from) return true;
    if (fd === 1) io.out = from;
    if (fd === 2) io.err = from;
    return true;
  }

  private openFile(io: Io, r: Redir, target: string, line: number): boolean {
    const path = normalizePath(target, this.st.cwd);
    if (r.op === '<') {
      const read = this.fs.read(path);
      if (!read.ok) return this.redirFailed(target, false, ERRNO_MESSAGE[read.errno], line);
      io.in = read.value;
      return true;
    }
    const opened = this.fs.write(path, '', r.op === '>>');
    if (!opened.ok) return this.redirFailed(target, true, ERRNO_MESSAGE[opened.errno], line);
    const t: IoTarget = path === '/dev/null' ? { k: 'null' } : { k: 'file', path };
    if (r.fd === 1) io.out = t;
    if (r.fd === 2) io.err = t;
    return true;
  }

  private redirFailed(target: string, forWrite: boolean, errno: string, line: number): false {
    this.write(this.io().err, redirectMessage(this.where(line), target, forWrite, errno));
    // ash fails the command with 1, dash and bash with 2.
    this.st.status = this.st.dialect === 'ash' ? 1 : 2;
    return false;
  }

  /** The I/O in effect: the innermost redirection scope's, or the shell's. */
  io(): Io {
    for (let i = this.st.stack.length - 1; i >= 0; i--) {
      const f = this.st.stack[i];
      if (f.t === 'io') return f.io;
    }
    return this.st.baseIo;
  }

  write(target: IoTarget, text: string): void {
    if (text === '') return;
    if (target.k === 'host') this.host.write(target.stream, text);
    else if (target.k === 'file') this.fs.write(target.path, text, true);
    else if (target.k === 'capture') this.st.capture += text;
    else if (target.k === 'pipe') {
      const f = this.st.stack[target.depth];
      if (f?.t === 'pipe') f.buf += text;
    }
  }

  where(line: number): Where {
    return { dialect: this.st.dialect, arg0: this.st.arg0, line };
  }

  /** `exit N`: unwinds to the enclosing subshell, or ends the program. */
  exit(code: number): void {
    this.unwindToSubshell();
    this.st.status = code;
    if (this.st.stack.length === 0) this.end(code);
  }

  /** The program is over: the EXIT trap runs (once), then the shell exits with `code` unless the trap exits itself. */
  private end(code: number): void {
    const action = this.st.traps.EXIT;
    delete this.st.traps.EXIT;
    this.st.status = code;
    if (action) this.runTrap(action);
    else this.st.exit = { code };
  }

  /** A received signal's trap; dropped when the trap was reset or set to ignore meanwhile. */
  private runSignalTrap(signal: string): void {
    const action = this.st.traps[signal];
    if (action) this.runTrap(action);
  }

  /** Runs a trap action in the shell itself (an `exit` in it exits the shell); `$?` is restored after it. */
  private runTrap(action: string): void {
    let root = this.st.programs[action];
    if (root === undefined) {
      const parsed = parseScript(action);
      if (!parsed.ok) {
        this.write(this.io().err, syntaxMessage(this.st.dialect, this.st.arg0, parsed.problem));
        return this.exit(2);
      }
      root = relocate(parsed.program, this.st.nodes);
      this.st.programs[action] = root;
    }
    this.push({ t: 'trap', status: this.st.status });
    this.enter(root);
  }

  private endTrap(f: Extract<Frame, { t: 'trap' }>): void {
    this.st.status = f.status;
    this.st.stack.pop();
  }

  /** `$?` from before the innermost running trap action, if one runs. */
  trapStatus(): number | undefined {
    return this.st.stack.findLast((f) => f.t === 'trap')?.status;
  }

  /** A subshell or a new program: caught signals get their default action back, ignored ones stay ignored. */
  resetCaughtTraps(): void {
    for (const [name, action] of Object.entries(this.st.traps)) if (action !== '') delete this.st.traps[name];
  }
  /** Pops frames up to and including the innermost subshell scope (restoring it). */
  unwindToSubshell(): void {
    while (this.st.stack.length > 0) {
      const f = this.st.stack[this.st.stack.length - 1];
      if (f.t === 'io' && f.saved) return this.popIo();
      this.st.stack.pop();
    }
  }

  /** `break` and `continue`: unwinds to the innermost loop. False outside loops. */
  unwindLoop(kind: 'break' | 'continue'): boolean {
    const at = this.st.stack.findLastIndex((f) => f.t === 'loop' || f.t === 'for');
    if (at < 0) return false;
    while (this.st.stack.length - 1 > at) {
      if (this.st.stack[this.st.stack.length - 1].t === 'io') this.popIo();
      else this.st.stack.pop();
    }
    const loop = this.st.stack[at];
    this.st.status = 0;
    if (kind === 'break') this.st.stack.pop();
    else if (loop.t === 'loop') loop.phase = 'start';
    return true;
  }

  /** Runs a nested script (`sh -c`, a script file) as a subshell of this one. */
  enterScript(program: Program, scriptKey: string, io: Io, scope: Partial<SavedScope>): void {
    let root = this.st.programs[scriptKey];
    if (root === undefined) {
      root = relocate(program, this.st.nodes);
      this.st.programs[scriptKey] = root;
    }
    this.push({ t: 'io', io, saved: this.scope() });
    Object.assign(this.st, scope);
    this.resetCaughtTraps();
    this.enter(root);
  }

  scope(): SavedScope {
    const { vars, exported, cwd, arg0, params, errexit, traps, dialect } = this.st;
    return { vars: { ...vars }, exported: [...exported], cwd, arg0, params: [...params], errexit, traps: { ...traps }, dialect };
  }

  private popIo(): void {
    const f = this.st.stack.pop();
    if (f?.t === 'io' && f.saved) Object.assign(this.st, f.saved);
  }

  push(frame: Frame): void {
    this.st.stack.push(frame);
  }

  private node<T extends ShNode['t']>(id: NodeId, _t: T): NodeOf<T> {
    return this.st.nodes[id] as NodeOf<T>;
  }

  lookup(name: string): string | undefined {
    const st = this.st;
    if (name === '?') return String(st.status);
    if (name === '$') return String(st.pid);
    if (name === '#') return String(st.params.length);
    if (name === '0') return st.arg0;
    if (/^[1-9][0-9]*$/.test(name)) return st.params[Number(name) - 1];
    if (name === '@' || name === '*') return st.params.join(' ');
    if (name === '!' || name === '-') return '';
    return Object.prototype.hasOwnProperty.call(st.vars, name) ? st.vars[name] : undefined;
  }

  expandEnv(onFail: () => void = () => undefined): ExpandEnv {
    return {
      lookup: (name) => this.lookup(name),
      assign: (name, value) => void (this.st.vars[name] = value),
      substitute: (src) => this.substitute(src),
      fail: (message) => {
        this.write(this.io().err, `${this.st.arg0}: ${message}\n`);
        onFail();
      },
    };
  }

  /** `$(src)`: runs to completion in a throwaway copy of the shell (sleeps pass instantly). */
  private substitute(src: string): string {
    const parsed = parseScript(src);
    if (!parsed.ok) return '';
    const err = this.io().err;
    const sub: ShellState = {
      ...this.scopeCopy(),
      nodes: parsed.program.nodes,
      stack: [],
      exit: null,
      capture: '',
      programs: {},
      traps: Object.fromEntries(Object.entries(this.st.traps).filter(([, action]) => action === '')),
      pending: [],
      baseIo: { out: { k: 'capture' }, err: err.k === 'pipe' || err.k === 'capture' ? { k: 'null' } : err, in: '' },
    };
    const machine = new Machine(sub, this.host, this.nowMs, true);
    machine.enter(parsed.program.root);
    const result = machine.run();
    this.lastSubstStatus = result.kind === 'exit' ? result.code : 0;
    return sub.capture.replace(/\n+$/, '');
  }

  private scopeCopy(): ShellState {
    return { ...this.st, ...this.scope() };
  }
}

/**
 * Whether a received signal's trap must wait: the shell waits for a child (a subshell, a nested
 * `sh -c`, a pipeline's stages run as subshells) or already runs a trap action.
 */
export function trapsDeferred(stack: Frame[]): boolean {
  return stack.some((f) => (f.t === 'io' && f.saved !== null) || f.t === 'trap');
}

/** Appends a program's nodes to `nodes`, shifting its ids; returns the new root id. */
function relocate(program: Program, nodes: ShNode[]): NodeId {
  const offset = nodes.length;
  const shift = (id: NodeId) => id + offset;
  for (const node of program.nodes) nodes.push(shiftNode(node, shift));
  return shift(program.root);
}

function shiftNode(node: ShNode, shift: (id: NodeId) => NodeId): ShNode {
  switch (node.t) {
    case 'list': return { ...node, items: node.items.map(shift) };
    case 'andor': return { ...node, first: shift(node.first), rest: node.rest.map((r) => ({ ...r, id: shift(r.id) })) };
    case 'pipe': return { ...node, cmds: node.cmds.map(shift) };
    case 'simple': return node;
    case 'cond': return node;
    case 'group': return { ...node, body: shift(node.body) };
    case 'if': {
      const clauses = node.clauses.map((c) => ({ cond: shift(c.cond), body: shift(c.body) }));
      return { ...node, clauses, elseBody: node.elseBody === null ? null : shift(node.elseBody) };
    }
    case 'loop': return { ...node, cond: shift(node.cond), body: shift(node.body) };
    case 'for': return { ...node, body: shift(node.body) };
  }
}
