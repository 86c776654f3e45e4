import { describe, expect, it } from 'vitest';
import { BUSY_PAUSE_MS, runShell, startArgv, startShell, STEP_BUDGET, type Userland } from '../../../../src/engine/node/shell/index.ts';
import { newHost, runToEnd, stderr, stdout } from './helpers.ts';

/** Runs a script to its end (sleeps pass) and returns what it printed and its exit code. */
function run(script: string, userland: Userland = 'busybox') {
  const host = newHost({ userland });
  const { result, nowMs } = runToEnd(startShell(script), host);
  return { out: stdout(host), err: stderr(host), code: result.kind === 'exit' ? result.code : -1, nowMs, host };
}

describe('sh: lists, conditionals and $?', () => {
  const cases: Array<[name: string, script: string, out: string, code: number]> = [
    ['sequence with ;', 'echo a; echo b', 'a\nb\n', 0],
    ['newlines and comments', 'echo a # not this\n\n# whole line\necho b', 'a\nb\n', 0],
    ['&& runs on success', 'true && echo yes', 'yes\n', 0],
    ['&& skips on failure, status kept', 'false && echo yes', '', 1],
    ['|| runs on failure', 'false || echo fallback', 'fallback\n', 0],
    ['chained && ||', 'false && echo a || echo b', 'b\n', 0],
    ['$? after failure', 'false; echo $?', '1\n', 0],
    ['$? after exit code of sub-shell', '(exit 7); echo $?', '7\n', 0],
    ['! negates', '! false && echo negated', 'negated\n', 0],
    ['exit N ends the script', 'echo a; exit 3; echo b', 'a\n', 3],
    ['exit status is the last command', 'true; false', '', 1],
    ['if/elif/else', 'if false; then echo 1; elif true; then echo 2; else echo 3; fi', '2\n', 0],
    ['if with no branch taken is 0', 'if false; then echo 1; fi; echo $?', '0\n', 0],
    ['brace group', '{ echo a; echo b; } && echo c', 'a\nb\nc\n', 0],
    ['subshell keeps variables inside', 'X=1; (X=2; echo $X); echo $X', '2\n1\n', 0],
    ['for over words', 'for x in a b "c d"; do echo "[$x]"; done', '[a]\n[b]\n[c d]\n', 0],
    ['while with arithmetic', 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done', '0\n1\n2\n', 0],
    ['until loop', 'i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i', '2\n', 0],
    ['break and continue', 'for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done', '1\n3\n', 0],
    ['& runs the command to completion first', 'echo bg & echo fg', 'bg\nfg\n', 0],
    ['pipe passes stdout as stdin', 'printf "a\\nb\\nc\\n" | grep -v b', 'a\nc\n', 0],
    ['pipe status is the last stage', 'echo x | false; echo $?', '1\n', 0],
    ['set -e stops at a failing command', 'set -e; echo a; false; echo b', 'a\n', 1],
    ['set -e ignores conditions', 'set -e; if false; then :; fi; false || echo ok', 'ok\n', 0],
    ['exec replaces the shell', 'exec echo replaced; echo never', 'replaced\n', 0],
    ['nested sh -c with its own exit', 'sh -c "echo in; exit 4"; echo $?', 'in\n4\n', 0],
  ];
  it.each(cases)('%s', (_name, script, out, code) => {
    const r = run(script);
    expect(r.out).toBe(out);
    expect(r.code).toBe(code);
  });
});

describe('sh: words and expansion', () => {
  const cases: Array<[name: string, script: string, out: string]> = [
    ['single quotes are literal', `echo '$HOME "x"'`, '$HOME "x"\n'],
    ['double quotes expand', 'echo "home=$HOME"', 'home=/root\n'],
    ['braces', 'echo ${HOSTNAME}-x', 'web-0-x\n'],
    ['default for unset', 'echo ${NOPE:-fallback} ${HOME:-no}', 'fallback /root\n'],
    ['default for empty with colon only', 'E=; echo "[${E:-d}][${E-d}]"', '[d][]\n'],
    ['assign default', 'echo ${N:=5}; echo $N', '5\n5\n'],
    ['alternate value', 'echo "[${HOME:+set}][${NOPE:+set}]"', '[set][]\n'],
    ['length', 'V=hello; echo ${#V}', '5\n'],
    ['backslash escapes', 'echo a\\ b \\$HOME', 'a b $HOME\n'],
    ['unquoted expansion is field-split', 'V="a   b"; for w in $V; do echo "<$w>"; done', '<a>\n<b>\n'],
    ['quoted expansion is one field', 'V="a   b"; for w in "$V"; do echo "<$w>"; done', '<a   b>\n'],
    ['empty unquoted expansion vanishes', 'E=; for w in x $E y; do echo "<$w>"; done', '<x>\n<y>\n'],
    ['"" is an empty field', 'for w in ""; do echo "<$w>"; done', '<>\n'],
    ['command substitution', 'echo "host: $(hostname)"', 'host: web-0\n'],
    ['backticks', 'echo `echo tick`', 'tick\n'],
    ['$$ is the pid', 'echo $$', '1\n'],
    ['prefix assignment is only for the command', 'A=1 env | grep ^A=; echo "[$A]"', 'A=1\n[]\n'],
    ['export makes a variable visible to env', 'B=2; env | grep -c ^B=; export B; env | grep ^B=', '0\nB=2\n'],
    ['unset removes it', 'unset HOME; echo "[$HOME]"', '[]\n'],
    ['tilde', 'echo ~ ~/x', '/root /root/x\n'],
    ['line continuation', 'echo a \\\nb', 'a b\n'],
    ['multi-line double quotes', 'echo "a\nb"', 'a\nb\n'],
  ];
  it.each(cases)('%s', (_name, script, out) => {
    expect(run(script).out).toBe(out);
  });
});

describe('sh: redirections into the file system', () => {
  it.each([
    ['> creates and truncates', 'echo one > /tmp/f; echo two > /tmp/f; cat /tmp/f', 'two\n'],
    ['>> appends', 'echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f', 'one\ntwo\n'],
    ['2> captures stderr', 'cat /nope 2> /tmp/e; echo "[$(cat /tmp/e)]"', "[cat: can't open '/nope': No such file or directory]\n"],
    ['2>&1 after > sends both to the file', 'cat /nope > /tmp/f 2>&1; cat /tmp/f', "cat: can't open '/nope': No such file or directory\n"],
    ['>/dev/null discards', 'echo gone >/dev/null; echo kept', 'kept\n'],
    ['< reads stdin from a file', 'echo data > /tmp/in; cat < /tmp/in', 'data\n'],
    ['redirect on a compound command', '{ echo a; echo b; } > /tmp/g; wc -l < /tmp/g', '2\n'],
    ['redirect alone creates a file', '> /tmp/empty; [ -f /tmp/empty ] && echo exists', 'exists\n'],
  ])('%s', (_name, script, out) => {
    expect(run(script).out).toBe(out);
  });

  it('stderr stays on stderr without redirection', () => {
    const r = run('echo out; cat /missing; echo after');
    expect(r.out).toBe('out\nafter\n');
    expect(r.err).toBe("cat: can't open '/missing': No such file or directory\n");
  });

  it('a redirect that cannot be opened fails the command with the shell wording', () => {
    expect(run('echo x > /sys/x; echo $?')).toMatchObject({ err: "sh: can't create /sys/x: Read-only file system\n", out: '1\n' });
    expect(run('echo x > /no/dir/f', 'debian').err).toBe('sh: 1: cannot create /no/dir/f: Directory nonexistent\n');
    expect(run('echo x > /no/dir/f').err).toBe("sh: can't create /no/dir/f: nonexistent directory\n");
  });

  it('writes land in the writable layer the caller owns', () => {
    const r = run('mkdir -p /data/a; echo v > /data/a/f');
    expect(r.host.layer.files).toMatchObject({ '/data/': '', '/data/a/': '', '/data/a/f': 'v\n' });
  });
});

describe('sh: resuming across simulated time', () => {
  const liveness = 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600';

  it('the exec-liveness script: file exists 0–30 s, gone after, then sleeps 600 s', () => {
    const host = newHost();
    let r = runShell(startArgv(['/bin/sh', '-c', liveness]), host, 0);
    expect(r.result).toEqual({ kind: 'sleep', untilMs: 30_000 });
    expect(host.fs.stat('/tmp/healthy').ok).toBe(true);
    // Woken early (another timer on the node): still asleep, nothing changes.
    r = runShell(r.state, host, 10_000);
    expect(r.result).toEqual({ kind: 'sleep', untilMs: 30_000 });
    expect(host.fs.stat('/tmp/healthy').ok).toBe(true);
    r = runShell(r.state, host, 30_000);
    expect(r.result).toEqual({ kind: 'sleep', untilMs: 630_000 });
    expect(host.fs.stat('/tmp/healthy')).toEqual({ ok: false, errno: 'ENOENT' });
    r = runShell(r.state, host, 630_000);
    expect(r.result).toEqual({ kind: 'exit', code: 0 });
  });

  it('a while loop with sleep prints once per wake-up', () => {
    const host = newHost();
    let r = runShell(startArgv(['sh', '-c', 'while true; do echo hello; sleep 10; done']), host, 0);
    const wakes: Array<number | null> = [];
    for (let i = 0; i < 3 && r.result.kind === 'sleep'; i++) {
      wakes.push(r.result.untilMs);
      r = runShell(r.state, host, r.result.untilMs as number);
    }
    expect(wakes).toEqual([10_000, 20_000, 30_000]);
    expect(host.out).toEqual(['hello\n', 'hello\n', 'hello\n', 'hello\n']);
  });

  it('runShell does not mutate the state it is given', () => {
    const host = newHost();
    const start = startShell('echo a; sleep 1; echo b');
    const copy = JSON.stringify(start);
    runShell(start, host, 0);
    expect(JSON.stringify(start)).toBe(copy);
  });

  it.each([
    ['sequence', 'echo a; sleep 5; echo b; sleep 5; echo c'],
    ['loop with variables', 'i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo "tick $i"; sleep 2; done; echo done $i'],
    ['for loop inside if inside subshell', '(if true; then for x in p q r; do echo $x; sleep 1; done; fi); echo end'],
    ['redirect scope', '{ echo x; sleep 3; echo y; } > /tmp/o; cat /tmp/o'],
    ['sleeping inside a pipeline stage', '{ echo x; sleep 3; echo y; } | grep y; echo "status $?"'],
    ['nested sh -c', 'sh -c "echo in; sleep 2; exit 5"; echo "got $?"'],
  ])('JSON round trip mid-script continues identically: %s', (_name, script) => {
    const plainHost = newHost();
    const plain = runToEnd(startShell(script), plainHost);
    const trippedHost = newHost();
    let r = runShell(startShell(script), trippedHost, 0);
    let clock = 0;
    while (r.result.kind === 'sleep' && r.result.untilMs !== null) {
      clock = r.result.untilMs;
      const revived = JSON.parse(JSON.stringify(r.state));
      expect(revived).toStrictEqual(r.state);
      r = runShell(revived, trippedHost, clock);
    }
    expect(trippedHost.both).toEqual(plainHost.both);
    expect(r.result).toEqual(plain.result);
    expect(clock).toBe(plain.nowMs);
  });

  it.each([
    ['sleep 0.5', 500],
    ['sleep 1m', 60_000],
    ['sleep 2h', 7_200_000],
    ['sleep 1 2', 3000],
  ])('%s sleeps %i ms', (cmd, ms) => {
    expect(runShell(startShell(cmd), newHost(), 1000).result).toEqual({ kind: 'sleep', untilMs: 1000 + ms });
  });

  it.each([['sleep infinity'], ['tail -f /dev/null'], ['exec sleep infinity']])('%s sleeps forever (untilMs null)', (cmd) => {
    const host = newHost();
    const r = runShell(startShell(cmd), host, 0);
    expect(r.result).toEqual({ kind: 'sleep', untilMs: null });
    expect(runShell(r.state, host, 10 ** 12).result).toEqual({ kind: 'sleep', untilMs: null });
  });

  it('a busy loop yields after the step budget, flagged busy, and resumes', () => {
    const host = newHost();
    const r = runShell(startShell('while true; do :; done'), host, 5000);
    expect(r.result).toEqual({ kind: 'sleep', untilMs: 5000 + BUSY_PAUSE_MS, busy: true });
    expect(runShell(r.state, host, 6000).result).toMatchObject({ kind: 'sleep', busy: true });
  });

  it('a long but finite loop finishes across budget pauses', () => {
    const n = STEP_BUDGET; // needs more than one run: each iteration is two commands
    const r = run(`i=0; while [ $i -lt ${n} ]; do i=$((i+1)); done; echo $i`);
    expect(r.out).toBe(`${n}\n`);
    expect(r.nowMs).toBeGreaterThan(0);
  });

  it('exit after sleeping reports the code', () => {
    expect(run('sleep 1; exit 3')).toMatchObject({ code: 3, nowMs: 1000 });
  });
});

describe('startArgv: a command without a shell', () => {
  it('runs argv unexpanded', () => {
    const host = newHost();
    expect(runShell(startArgv(['echo', '$HOME', 'a;b']), host, 0).result).toEqual({ kind: 'exit', code: 0 });
    expect(stdout(host)).toBe('$HOME a;b\n');
  });

  it('sleep 3600', () => {
    expect(runShell(startArgv(['sleep', '3600']), newHost(), 0).result).toEqual({ kind: 'sleep', untilMs: 3_600_000 });
  });

  it('cat as an exec probe: 0 when the file exists, 1 when not', () => {
    const host = newHost();
    expect(runShell(startArgv(['cat', '/tmp/healthy']), host, 0).result).toEqual({ kind: 'exit', code: 1 });
    host.fs.write('/tmp/healthy', '');
    expect(runShell(startArgv(['cat', '/tmp/healthy']), host, 0).result).toEqual({ kind: 'exit', code: 0 });
  });

  it('sh -c "exit 3"', () => {
    expect(runShell(startArgv(['sh', '-c', 'exit 3']), newHost(), 0).result).toEqual({ kind: 'exit', code: 3 });
  });

  it('sh -c with $0 and positional parameters', () => {
    const host = newHost();
    runShell(startArgv(['sh', '-c', 'echo "$0 $1 $2 $#"', 'me', 'a', 'b']), host, 0);
    expect(stdout(host)).toBe('me a b 2\n');
  });

  it('sh reads its script from stdin when given none', () => {
    const host = newHost({ stdin: 'echo from-stdin\n' });
    runShell(startArgv(['sh']), host, 0);
    expect(stdout(host)).toBe('from-stdin\n');
  });

  it('env prints the environment', () => {
    const host = newHost({ env: { PATH: '/bin', A: 'x' } });
    runShell(startArgv(['env']), host, 0);
    expect(stdout(host)).toBe('PATH=/bin\nA=x\n');
  });

  it('shell builtins are not programs', () => {
    expect(runShell(startArgv(['exit', '3']), newHost(), 0).result).toEqual({ kind: 'exit', code: 127, notFound: 'exit' });
  });

  it('an unknown program is reported, not printed', () => {
    const host = newHost();
    expect(runShell(startArgv(['nginx']), host, 0).result).toEqual({ kind: 'exit', code: 127, notFound: 'nginx' });
    expect(host.both).toEqual([]);
  });

  it('a directory is not executable', () => {
    expect(runShell(startArgv(['/tmp']), newHost(), 0).result).toEqual({ kind: 'exit', code: 126, notExecutable: '/tmp' });
  });

  it('a script file with a shell #! runs', () => {
    const host = newHost();
    host.fs.write('/tmp/run.sh', '#!/bin/sh\necho "script $1"\n');
    expect(runShell(startArgv(['/tmp/run.sh', 'arg']), host, 0).result).toEqual({ kind: 'exit', code: 0 });
    expect(stdout(host)).toBe('script arg\n');
  });
});
