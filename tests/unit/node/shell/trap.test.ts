import { describe, expect, it } from 'vitest';
import { runShell, signalDisposition, signalShell, startArgv, startShell, type ShellState, type Userland } from '../../../../src/engine/node/shell/index.ts';
import { signalName } from '../../../../src/engine/node/shell/signals.ts';
import { newHost, runToEnd, stderr, stdout, type TestHost } from './helpers.ts';

/** Runs a script to its end (sleeps pass) and returns what it printed and its exit code. */
function run(script: string, userland: Userland = 'busybox') {
  const host = newHost({ userland });
  const { result } = runToEnd(startShell(script), host);
  return { out: stdout(host), err: stderr(host), code: result.kind === 'exit' ? result.code : -1 };
}

/** Starts `sh -c SCRIPT` as a container's PID 1 and runs it to its first sleep at t=0. */
function started(script: string, userland: Userland = 'busybox'): { host: TestHost; state: ShellState } {
  const host = newHost({ userland });
  const { state, result } = runShell(startArgv(['sh', '-c', script]), host, 0);
  expect(result.kind).toBe('sleep');
  return { host, state };
}

function signalled(state: ShellState, signal: string): ShellState {
  const next = signalShell(state, signal);
  if (next === 'default') throw new Error(`${signal} has no trap`);
  return next;
}

describe('trap: setting, printing, resetting', () => {
  it.each<[name: string, script: string, userland: Userland, out: string]>([
    ['busybox prints trap -- ACTION NAME', "trap 'exit 143' TERM; trap", 'busybox', "trap -- 'exit 143' TERM\n"],
    ['dash prints the same', "trap 'exit 143' TERM; trap", 'debian', "trap -- 'exit 143' TERM\n"],
    ['signals by name, SIG prefix, lower case and number; printed by number', "trap 'echo x' sigint 15 SIGHUP USR1; trap", 'busybox', "trap -- 'echo x' HUP\ntrap -- 'echo x' INT\ntrap -- 'echo x' USR1\ntrap -- 'echo x' TERM\n"],
    ['0 is EXIT, printed first', "trap 'echo t' TERM; trap 'echo bye' 0; trap; trap - 0", 'busybox', "trap -- 'echo bye' EXIT\ntrap -- 'echo t' TERM\n"],
    ['single quotes in the action (ash)', `trap "echo it's" EXIT; trap; trap - EXIT`, 'busybox', `trap -- 'echo it'"'"'s' EXIT\n`],
    ["'' ignores", "trap '' TERM; trap", 'busybox', "trap -- '' TERM\n"],
    ['- resets', "trap 'x' TERM INT; trap - TERM; trap", 'busybox', "trap -- 'x' INT\n"],
    ['one operand resets it', "trap 'x' TERM INT; trap INT; trap", 'busybox', "trap -- 'x' TERM\n"],
    ['numbers only reset them all', "trap 'x' TERM INT QUIT; trap 15 2; trap", 'busybox', "trap -- 'x' QUIT\n"],
    ['-- ends options', "trap -- 'x' TERM; trap --", 'busybox', "trap -- 'x' TERM\n"],
    ['a trap set in a subshell stays there', "(trap 'x' TERM; trap); trap; echo end", 'busybox', "trap -- 'x' TERM\nend\n"],
    ['a subshell starts without the caught traps, keeps the ignored ones', `trap 'x' TERM; trap '' INT; (trap; echo in)`, 'busybox', "trap -- '' INT\nin\n"],
    ['a nested sh -c does not inherit caught traps', `trap 'x' TERM; sh -c 'trap; echo in'`, 'busybox', 'in\n'],
  ])('%s', (_name, script, userland, out) => {
    const r = run(script, userland);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
    expect(r.code).toBe(0);
  });

  it('bash words SIGTERM and quotes with \'\\\'\'', () => {
    const host = newHost({ userland: 'debian' });
    runToEnd(startArgv(['bash', '-c', `trap "echo it's" TERM; trap`]), host);
    expect(stderr(host)).toBe('');
    expect(stdout(host)).toBe("trap -- 'echo it'\\''s' SIGTERM\n");
  });

  it('busybox: a bad signal fails the command with 1 and the script goes on', () => {
    const r = run("trap 'x' FOO TERM; echo $?; trap");
    expect(r.err).toBe('sh: trap: FOO: invalid signal specification\n');
    expect(r.out).toBe("1\ntrap -- 'x' TERM\n");
  });

  it('dash: a bad signal is a special builtin error that exits the shell with 2', () => {
    const r = run("trap 'x' FOO; echo never", 'debian');
    expect(r.err).toBe('sh: 1: trap: FOO: bad trap\n');
    expect(r.out).toBe('');
    expect(r.code).toBe(2);
  });

  it('signal names: with or without SIG, any case, or a number', () => {
    expect(['TERM', 'sigterm', 'SIGTERM', '15', 15].map((s) => signalName(s))).toEqual(['TERM', 'TERM', 'TERM', 'TERM', 'TERM']);
    expect([0, 'exit', 1, 2, 3, 10, 'usr2'].map((s) => signalName(s))).toEqual(['EXIT', 'EXIT', 'HUP', 'INT', 'QUIT', 'USR1', 'USR2']);
    expect([99, 'SIGFOO', '', 'SIG'].map((s) => signalName(s))).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('trap: the EXIT trap', () => {
  it.each<[name: string, script: string, out: string, code: number]>([
    ['runs at the end of the script', "trap 'echo bye' EXIT; echo a", 'a\nbye\n', 0],
    ['runs on exit N and keeps N', "trap 'echo bye $?' EXIT; echo a; exit 3; echo b", 'a\nbye 3\n', 3],
    ['an exit in it wins', "trap 'exit 5' EXIT; exit 3", '', 5],
    ['a bare exit in it keeps the code', "trap 'echo bye; exit' EXIT; exit 4", 'bye\n', 4],
    ['runs once', "trap 'echo bye; exit 6' EXIT; echo a", 'a\nbye\n', 6],
    ['runs when set -e stops the script', "trap 'echo bye $?' EXIT; set -e; false; echo no", 'bye 1\n', 1],
    ['not in subshells or nested shells', "trap 'echo bye' EXIT; (echo in; exit 2); sh -c 'echo nested'", 'in\nnested\nbye\n', 0],
    ['reset with trap -', "trap 'echo bye' EXIT; trap - EXIT; echo a", 'a\n', 0],
    ["ignored with ''", "trap '' EXIT; echo a", 'a\n', 0],
    ['not after exec', "trap 'echo bye' EXIT; exec echo replaced", 'replaced\n', 0],
  ])('%s', (_name, script, out, code) => {
    const r = run(script);
    expect(r.err).toBe('');
    expect(r.out).toBe(out);
    expect(r.code).toBe(code);
  });

  it('a syntax error in the action is reported when it runs', () => {
    const r = run("trap 'if' EXIT; echo a");
    expect(r.out).toBe('a\n');
    expect(r.err).toBe('sh: syntax error: unexpected end of file\n');
    expect(r.code).toBe(2);
  });
});

describe('signalShell: delivering a signal', () => {
  const LOOP = "trap 'echo caught $?; exit 143' TERM; while true; do sleep 1; done";

  it('a TERM trap interrupts busybox sleep in a loop and exits with its code', () => {
    const { host, state } = started(LOOP);
    const next = signalled(state, 'TERM');
    expect(next.stack.some((f) => f.t === 'sleep')).toBe(false);
    expect(next.status).toBe(143);
    const { result } = runShell(next, host, 400);
    expect(result).toEqual({ kind: 'exit', code: 143 });
    expect(stdout(host)).toBe('caught 143\n');
  });

  it('signals by number and SIG name are the same signal', () => {
    const { state } = started(LOOP);
    expect(signalled(state, '15').pending).toEqual(['TERM']);
    expect(signalled(state, 'SIGTERM').pending).toEqual(['TERM']);
    expect(signalled(signalled(state, 'TERM'), 'TERM').pending).toEqual(['TERM']);
  });

  it('an action that does not exit lets the script go on after the interrupted command, $? kept', () => {
    const { host, state } = started("trap 'echo caught' TERM; sleep 10; echo after $?; sleep 5; echo done");
    const { state: s1, result } = runShell(signalled(state, 'TERM'), host, 1000);
    expect(stdout(host)).toBe('caught\nafter 143\n');
    expect(result).toEqual({ kind: 'sleep', untilMs: 6000 });
    const end = runShell(s1, host, 6000);
    expect(end.result).toEqual({ kind: 'exit', code: 0 });
    expect(stdout(host)).toBe('caught\nafter 143\ndone\n');
  });

  it('the loop goes on when the action does not exit', () => {
    const { host, state } = started("trap 'echo caught' TERM; while true; do sleep 1; done");
    const { state: s1, result } = runShell(signalled(state, 'TERM'), host, 500);
    expect(stdout(host)).toBe('caught\n');
    expect(result).toEqual({ kind: 'sleep', untilMs: 1500 });
    expect(s1.pending).toEqual([]);
    const again = runShell(signalled(s1, 'TERM'), host, 700);
    expect(again.result).toEqual({ kind: 'sleep', untilMs: 1700 });
    expect(stdout(host)).toBe('caught\ncaught\n');
  });

  it('a bare exit in a signal trap exits with $? from before the trap (128+15)', () => {
    const { host, state } = started("trap 'exit' TERM; sleep 100");
    expect(runShell(signalled(state, 'TERM'), host, 10).result).toEqual({ kind: 'exit', code: 143 });
  });

  it('an exit in the signal trap runs the EXIT trap', () => {
    const { host, state } = started("trap 'echo bye $?' EXIT; trap 'exit 130' INT; sleep 100");
    expect(runShell(signalled(state, 'INT'), host, 10).result).toEqual({ kind: 'exit', code: 130 });
    expect(stdout(host)).toBe('bye 130\n');
  });

  it('no trap: default (the caller decides); a process exited or started without a shell has no trap either', () => {
    const { state } = started("trap 'echo x' INT; sleep 100");
    expect(signalShell(state, 'TERM')).toBe('default');
    expect(signalDisposition(state, 'TERM')).toBe('default');
    expect(signalDisposition(state, 'INT')).toBe('trap');
    const host = newHost();
    const bare = runShell(startArgv(['sleep', '3600']), host, 0).state;
    expect(signalShell(bare, 'TERM')).toBe('default');
    const exited = runShell(startArgv(['sh', '-c', "trap 'echo x' TERM"]), host, 0).state;
    expect(exited.exit).toEqual({ code: 0 });
    expect(signalShell(exited, 'TERM')).toBe('default');
  });

  it('KILL and STOP cannot be caught', () => {
    const { state } = started("trap 'echo x' KILL STOP; sleep 100");
    expect(signalShell(state, 'KILL')).toBe('default');
    expect(signalShell(state, 'STOP')).toBe('default');
  });

  it("an ignored signal (trap '') returns the state itself, and the sleep goes on", () => {
    const { host, state } = started("trap '' TERM; sleep 100; echo woke");
    expect(signalShell(state, 'TERM')).toBe(state);
    expect(signalDisposition(state, 'TERM')).toBe('ignore');
    expect(runShell(state, host, 50).result).toEqual({ kind: 'sleep', untilMs: 100_000 });
    expect(stdout(host)).toBe('');
  });

  it('never mutates the state it is given', () => {
    const { state } = started(LOOP);
    const before = JSON.stringify(state);
    signalled(state, 'TERM');
    expect(JSON.stringify(state)).toBe(before);
  });

  it('a pending trap survives a JSON round trip', () => {
    const { state } = started(LOOP);
    const direct = newHost();
    const viaJson = newHost();
    const pending = signalled(state, 'TERM');
    const copy = JSON.parse(JSON.stringify(pending)) as ShellState;
    expect(copy.pending).toEqual(['TERM']);
    expect(copy.traps).toEqual({ TERM: 'echo caught $?; exit 143' });
    expect(runShell(copy, viaJson, 400).result).toEqual({ kind: 'exit', code: 143 });
    expect(runShell(pending, direct, 400).result).toEqual({ kind: 'exit', code: 143 });
    expect(stdout(viaJson)).toBe('caught 143\n');
    expect(stdout(viaJson)).toBe(stdout(direct));
  });

  it('dash: the trap waits for the external sleep to end, as the shell waits for its child', () => {
    const { host, state } = started("trap 'echo caught $?' TERM; sleep 10; echo after", 'debian');
    const pending = signalled(state, 'TERM');
    const early = runShell(pending, host, 1000);
    expect(early.result).toEqual({ kind: 'sleep', untilMs: 10_000 });
    expect(stdout(host)).toBe('');
    const late = runShell(early.state, host, 10_000);
    expect(late.result).toEqual({ kind: 'exit', code: 0 });
    expect(stdout(host)).toBe('caught 0\nafter\n');
  });

  it('busybox: /bin/sleep and tail -f are external, so the trap waits for them too', () => {
    const { host, state } = started("trap 'echo caught' TERM; /bin/sleep 10; echo after");
    expect(runShell(signalled(state, 'TERM'), host, 1000).result).toEqual({ kind: 'sleep', untilMs: 10_000 });
    const forever = started("trap 'exit 143' TERM; tail -f /dev/null");
    expect(runShell(signalled(forever.state, 'TERM'), forever.host, 1000).result).toEqual({ kind: 'sleep', untilMs: null });
  });

  it("a trap set only inside a subshell is not the shell's own: the signal has its default action", () => {
    const { state } = started("(trap 'echo sub' TERM; sleep 10); sleep 10");
    expect(state.traps).toEqual({ TERM: 'echo sub' });
    expect(signalShell(state, 'TERM')).toBe('default');
  });

  it('busybox: a sleep inside a subshell is not interrupted; the trap runs when the subshell ends', () => {
    const { host, state } = started("trap 'echo caught' TERM; (sleep 10; echo inner); echo outer");
    const early = runShell(signalled(state, 'TERM'), host, 1000);
    expect(early.result).toEqual({ kind: 'sleep', untilMs: 10_000 });
    const late = runShell(early.state, host, 10_000);
    expect(late.result).toEqual({ kind: 'exit', code: 0 });
    expect(stdout(host)).toBe('inner\ncaught\nouter\n');
  });
});
