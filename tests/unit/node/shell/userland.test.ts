import { describe, expect, it } from 'vitest';
import { hasBinary, resolveInPath, runShell, startArgv, startShell, type Userland } from '../../../../src/engine/node/shell/index.ts';
import type { ProcessInfo } from '../../../../src/engine/node/types.ts';
import { newHost, runToEnd, stderr, stdout, type HostOptions } from './helpers.ts';

function run(script: string, userland: Userland = 'busybox', opts: HostOptions = {}) {
  const host = newHost({ ...opts, userland });
  const { result } = runToEnd(startShell(script), host);
  return { out: stdout(host), err: stderr(host), code: result.kind === 'exit' ? result.code : -1 };
}

describe('unknown commands: the shell wording per userland', () => {
  it.each([
    ['busybox', 'foo', 'sh: foo: not found\n'],
    ['alpine', 'foo', 'sh: foo: not found\n'],
    ['debian', 'foo', 'sh: 1: foo: not found\n'],
    ['debian', 'true\necho x\nfoo', 'sh: 3: foo: not found\n'],
    ['debian', 'ps', 'sh: 1: ps: not found\n'],
    ['debian', 'wget http://x', 'sh: 1: wget: not found\n'],
    ['debian', 'nslookup x', 'sh: 1: nslookup: not found\n'],
    ['busybox', 'curl http://x', 'sh: curl: not found\n'],
    ['busybox', 'bash', 'sh: bash: not found\n'],
    ['busybox', '/opt/app', 'sh: /opt/app: not found\n'],
  ] as const)('%s: %s', (userland, script, err) => {
    const r = run(script, userland);
    expect(r.err).toBe(err);
    expect(r.code).toBe(127);
  });

  it('$0 is the prefix: /bin/sh -c on debian', () => {
    const host = newHost({ userland: 'debian' });
    const r = runShell(startArgv(['/bin/sh', '-c', 'foo']), host, 0);
    expect(stderr(host)).toBe('/bin/sh: 1: foo: not found\n');
    expect(r.result).toEqual({ kind: 'exit', code: 127 });
  });

  it('bash on debian words it as bash does', () => {
    const host = newHost({ userland: 'debian' });
    runShell(startArgv(['bash', '-c', 'foo']), host, 0);
    expect(stderr(host)).toBe('bash: line 1: foo: command not found\n');
  });

  it.each([
    ['busybox', 'sh: /tmp: Permission denied\n'],
    ['debian', 'sh: 1: /tmp: Permission denied\n'],
  ] as const)('%s: running a directory is 126', (userland, err) => {
    expect(run('/tmp', userland)).toMatchObject({ err, code: 126 });
  });

  it('a userland without a shell cannot start one', () => {
    const host = newHost({ userland: 'none' });
    expect(runShell(startShell('echo hi'), host, 0).result).toEqual({ kind: 'exit', code: 127, notFound: 'sh' });
    expect(runShell(startArgv(['sh', '-c', 'echo hi']), host, 0).result).toEqual({ kind: 'exit', code: 127, notFound: 'sh' });
    expect(host.both).toEqual([]);
  });
});

describe('hasBinary and resolveInPath', () => {
  it.each([
    ['busybox', 'ps', true], ['alpine', 'wget', true], ['busybox', 'curl', false], ['debian', 'ps', false],
    ['debian', 'bash', true], ['busybox', 'bash', false], ['none', 'sh', false], ['debian', 'sleep', true],
  ] as const)('%s has %s: %s', (userland, name, has) => {
    expect(hasBinary(userland, name)).toBe(has);
  });

  it.each([
    ['busybox', 'cat', undefined, '/bin/cat'],
    ['debian', 'cat', undefined, '/usr/bin/cat'],
    ['debian', '/bin/sh', undefined, '/bin/sh'],
    ['busybox', '/usr/bin/cat', undefined, undefined],
    ['busybox', 'cat', '/opt/bin', undefined],
    ['debian', 'ps', undefined, undefined],
  ] as const)('%s: %s in %s → %s', (userland, name, path, found) => {
    expect(resolveInPath(userland, name, path)).toBe(found);
  });
});

describe('tools: output and error wording', () => {
  const procs: ProcessInfo[] = [
    { pid: 1, hostPid: 4242, user: 'root', command: 'sh -c while true; do echo hello; sleep 10; done', startedAt: 0, rssBytes: 1 },
    { pid: 7, hostPid: 4300, user: 'nobody', command: 'sleep 10', startedAt: 0, rssBytes: 1 },
  ];

  it('ps prints the busybox layout, itself last', () => {
    expect(run('ps', 'busybox', { processes: procs }).out).toBe(
      'PID   USER     TIME  COMMAND\n' +
        '    1 root      0:00 sh -c while true; do echo hello; sleep 10; done\n' +
        '    7 nobody    0:00 sleep 10\n' +
        '    8 root      0:00 ps\n',
    );
  });

  it('ps does not list itself twice when the host already does', () => {
    const withExec = [...procs, { pid: 12, hostPid: 4400, user: 'root', command: 'ps aux', startedAt: 0, rssBytes: 1 }];
    const host = newHost({ processes: withExec });
    runShell(startArgv(['ps', 'aux']), host, 0);
    expect(stdout(host).split('\n').filter((l) => l.endsWith('ps aux'))).toEqual(['   12 root      0:00 ps aux']);
  });

  it('cat reads special files through the file system', () => {
    const special = { '/sys/fs/cgroup/memory.max': '134217728\n', '/proc/1/oom_score_adj': '-997\n', '/etc/hostname': 'web-0\n' };
    const r = run('cat /sys/fs/cgroup/memory.max /proc/1/oom_score_adj /etc/hostname; ls /sys/fs/cgroup', 'busybox', { special });
    expect(r.out).toBe('134217728\n-997\nweb-0\nmemory.max\n');
  });

  it('special files under /sys are read-only', () => {
    const special = { '/sys/fs/cgroup/memory.max': 'max\n' };
    expect(run('echo 1 > /sys/fs/cgroup/memory.max', 'busybox', { special }).err).toBe("sh: can't create /sys/fs/cgroup/memory.max: Read-only file system\n");
  });

  it.each([
    ['cat /tmp/healthy', "cat: can't open '/tmp/healthy': No such file or directory\n", 'cat: /tmp/healthy: No such file or directory\n', 1, 1],
    ['rm /tmp/x', "rm: can't remove '/tmp/x': No such file or directory\n", "rm: cannot remove '/tmp/x': No such file or directory\n", 1, 1],
    ['rm /tmp', "rm: '/tmp' is a directory\n", "rm: cannot remove '/tmp': Is a directory\n", 1, 1],
    ['mkdir /tmp', "mkdir: can't create directory '/tmp': File exists\n", "mkdir: cannot create directory '/tmp': File exists\n", 1, 1],
    ['touch /no/f', 'touch: /no/f: No such file or directory\n', "touch: cannot touch '/no/f': No such file or directory\n", 1, 1],
    ['ls /nope', 'ls: /nope: No such file or directory\n', "ls: cannot access '/nope': No such file or directory\n", 1, 2],
    ['head /nope', "head: can't open '/nope': No such file or directory\n", "head: cannot open '/nope' for reading: No such file or directory\n", 1, 1],
    ['sleep abc', "sleep: invalid number 'abc'\n", "sleep: invalid time interval 'abc'\nTry 'sleep --help' for more information.\n", 1, 1],
  ] as const)('%s: busybox and GNU wording', (script, busybox, gnu, bbCode, gnuCode) => {
    expect(run(script, 'busybox')).toMatchObject({ err: busybox, code: bbCode });
    expect(run(script, 'debian')).toMatchObject({ err: gnu, code: gnuCode });
  });

  it.each([
    ['echo -n a; echo b', 'ab\n'],
    ['echo -e "a\\tb"', 'a\tb\n'],
    ['echo "a\\tb"', 'a\\tb\n'],
    ['printf "%s=%d\\n" a 1 b 2', 'a=1\nb=2\n'],
    ['printf "%5s|%-3s|\\n" ab c', '   ab|c  |\n'],
    ['hostname', 'web-0\n'],
    ['id', 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'],
    ['whoami', 'root\n'],
    ['uname; uname -r', 'Linux\n6.8.0-podlab\n'],
    ['date', 'Wed Jan  1 00:00:00 UTC 2025\n'],
    ['sleep 90; date +%Y-%m-%dT%H:%M:%S', '2025-01-01T00:01:30\n'],
    ['printf "a\\nb\\nc\\n" > /tmp/f; head -n 2 /tmp/f; tail -n 1 /tmp/f; tail -2 /tmp/f; wc -l /tmp/f', 'a\nb\nc\nb\nc\n3 /tmp/f\n'],
    ['printf "x\\ny\\n" | wc -l', '2\n'],
    ['echo Hello | grep -i hello; echo Hello | grep -q nope; echo $?', 'Hello\n1\n'],
    ['printf "ab\\ncd\\n" | grep -c "^c"', '1\n'],
    ['ls /tmp; touch /tmp/b /tmp/a; ls /tmp', 'a\nb\n'],
    ['mkdir -p /x/y; ls -a /x', '.\n..\ny\n'],
    ['[ -d /tmp ] && [ ! -f /tmp ] && [ -z "" ] && [ -n x ] && [ 3 -gt 2 ] && [ a != b ] && echo ok', 'ok\n'],
    ['test 1 -eq 2; echo $?', '1\n'],
    ['printenv HOSTNAME', 'web-0\n'],
    ['cd /tmp; pwd; echo x > rel; cat /tmp/rel', '/tmp\nx\n'],
    ['command -v cat; command -v curl; echo $?', '/bin/cat\n1\n'],
  ])('busybox: %s', (script, out) => {
    expect(run(script).out).toBe(out);
  });

  it('debian (dash) echo interprets escapes without -e', () => {
    expect(run('echo "a\\tb"; echo -e x', 'debian').out).toBe('a\tb\n-e x\n');
  });

  it('[ without ] is an error in each dialect', () => {
    expect(run('[ 1 = 1').err).toBe('sh: missing ]\n');
    expect(run('[ 1 = 1', 'debian').err).toBe('sh: 1: [: missing ]\n');
  });

  it('bad numbers in test', () => {
    expect(run('[ a -eq 1 ]; echo $?')).toMatchObject({ err: 'sh: a: bad number\n', out: '2\n' });
    expect(run('[ a -eq 1 ]', 'debian').err).toBe('sh: 1: [: Illegal number: a\n');
  });

  it('network clients fail resolution in their own words, exit 1', () => {
    expect(run('wget -qO- http://web.default.svc:8080/x')).toMatchObject({ err: "wget: bad address 'web.default.svc'\n", code: 1 });
    expect(run('nslookup kubernetes.default')).toMatchObject({ out: ';; connection timed out; no servers could be reached\n\n', code: 1 });
  });

  it('kubectl exec -- sh -c with a redirect and cat', () => {
    const host = newHost();
    const r = runShell(startArgv(['sh', '-c', 'echo hi > /tmp/x; cat /tmp/x']), host, 0);
    expect(r.result).toEqual({ kind: 'exit', code: 0 });
    expect(stdout(host)).toBe('hi\n');
  });

  it('ls / lists the base tree', () => {
    expect(run('ls /').out).toBe(['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sbin', 'sys', 'tmp', 'usr', 'var', ''].join('\n'));
  });
});
