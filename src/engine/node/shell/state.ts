/**
 * The interpreter's state as plain JSON: the program's node table, variables, and an explicit
 * continuation stack of frames (node ids plus positions), so a script stopped in `sleep 600`
 * snapshots with the simulation and resumes exactly where it was.
 */
import type { ContainerFs } from '../fs.ts';
import type { ProcessInfo } from '../types.ts';
import type { NodeId, ShNode } from './ast.ts';
import type { Userland } from './userland.ts';
import type { ContainerNet } from '../../network/container-net.ts';

/** What a container's processes can reach: given by the kubelet on every run. */
export interface ShellHost {
  fs: ContainerFs;
  /** The container's environment at start (PATH, HOSTNAME, HOME, KUBERNETES_SERVICE_HOST...). */
  env: Record<string, string>;
  hostname: string;
  userland: Userland;
  /** The processes of the container's pid namespace, for `ps`. */
  processes(): ProcessInfo[];
  /** Output of the process (the kubelet turns it into log lines, or an exec's stdout/stderr). */
  write(stream: 'stdout' | 'stderr', text: string): void;
  /** Standard input (`kubectl exec -i`); none means commands reading it see end of file at once. */
  stdin?: string;
  /** The pod's network (DNS, connections) for wget/curl/nslookup; absent on a node's own shell. */
  net?: ContainerNet;
  /** Programs the image adds to its userland (nginx's curl), found in PATH like the userland's own. */
  tools?: readonly string[];
}

/** Which shell interprets the script, for the wording of its own messages. */
export type Dialect = 'ash' | 'dash' | 'bash';

/** Where a file descriptor goes. `pipe` appends to the buffer of the pipe frame at stack index `depth`. */
export type IoTarget =
  | { k: 'host'; stream: 'stdout' | 'stderr' }
  | { k: 'file'; path: string }
  | { k: 'null' }
  | { k: 'pipe'; depth: number }
  | { k: 'capture' };

export interface Io {
  out: IoTarget;
  err: IoTarget;
  /** Standard input text; '' is end of file. */
  in: string;
}

/** Variables and directory a subshell restores when it ends. */
export interface SavedScope {
  vars: Record<string, string>;
  exported: string[];
  cwd: string;
  arg0: string;
  params: string[];
  errexit: boolean;
  traps: Record<string, string>;
  /** A nested `bash -c` or `#!/bin/bash` script speaks bash inside a dash script, and back. */
  dialect?: Dialect;
}

/** One step of unfinished work. Every frame is resumed when the child it started finishes. */
export type Frame =
  /** `cond`: the list is a condition (if/while/until), where `set -e` does not apply. */
  | { t: 'list'; id: NodeId; i: number; cond: boolean }
  | { t: 'andor'; id: NodeId; i: number }
  | { t: 'pipe'; id: NodeId; i: number; buf: string }
  /** `i` is the clause whose condition runs (-1 before the first). */
  | { t: 'if'; id: NodeId; i: number; inBody: boolean }
  | { t: 'loop'; id: NodeId; phase: 'start' | 'cond' | 'body'; lastStatus: number }
  | { t: 'for'; id: NodeId; values: string[]; i: number; lastStatus: number }
  /** A redirection or subshell scope; popped (restoring `saved`) when its child finishes. */
  | { t: 'io'; io: Io; saved: SavedScope | null }
  /**
   * A command sleeping; `untilMs: null` is forever (`sleep infinity`, `tail -f /dev/null`).
   * `intr`: busybox ash's own `sleep` builtin, which a trapped signal interrupts; the shell waits
   * for any other command (an external `sleep`, `tail -f`) to end before it runs the trap.
   */
  | { t: 'sleep'; untilMs: number | null; intr?: true }
  /** A trap action running; `status` is `$?` from before it, restored when it ends. */
  | { t: 'trap'; status: number };

/** How the interpreter was started, checked against the userland on the first run. */
export type StartSpec =
  | { kind: 'script'; script: string }
  | { kind: 'argv'; argv: string[] };

/** The whole interpreter: serialisable with JSON.stringify at any point between runs. */
export interface ShellState {
  v: 1;
  start: StartSpec;
  started: boolean;
  dialect: Dialect;
  /** `$0`: how the shell was invoked (`sh`, `/bin/sh`), the prefix of its messages. */
  arg0: string;
  params: string[];
  pid: number;
  nodes: ShNode[];
  vars: Record<string, string>;
  exported: string[];
  cwd: string;
  /** `$?`. */
  status: number;
  /** The shell's own output (after `exec >/dev/null` and the like). */
  baseIo: Io;
  stack: Frame[];
  /** Set once the program has finished. */
  exit: ExitInfo | null;
  /** Text captured by `$(...)` (only in the throwaway state of a substitution). */
  capture: string;
  /** `set -e`. */
  errexit: boolean;
  /** Started from argv without a shell: shell builtins (`cd`, `exit`...) do not exist. */
  noShell: boolean;
  /** Scripts of nested `sh -c` already parsed into `nodes`, by text → root id (so loops do not grow the table). */
  programs: Record<string, NodeId>;
  /** `trap`: action by signal name without SIG (`TERM`, `INT`, `EXIT`); '' ignores the signal. */
  traps: Record<string, string>;
  /** Signals received whose trap has not run yet (it runs at the next run, before anything else). */
  pending: string[];
}

export interface ExitInfo {
  code: number;
  /** argv[0] was not found (no shell ran): the runtime words the error, e.g. `exec: "foo": executable file not found in $PATH`. */
  notFound?: string;
  /** argv[0] is a directory or a file that is not executable (no shell ran). */
  notExecutable?: string;
}

/** What a run ends with: a sleep to be resumed at `untilMs`, or the exit of the process. */
export type RunResult =
  | { kind: 'sleep'; untilMs: number | null; busy?: true }
  | ({ kind: 'exit' } & ExitInfo);

/** What running a command gives: an exit status, a sleep, or `unwound` (exit/break/exec moved the stack). */
export type Outcome = number | { sleepMs: number | null; intr?: true } | 'unwound';
