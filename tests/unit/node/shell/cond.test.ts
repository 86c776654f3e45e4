/** bash's `[[ ... ]]` (src/engine/node/shell/cond.ts), as `bash -c` runs it in a Debian image; dash has none. */
import { describe, expect, it } from 'vitest';
import { startArgv } from '../../../../src/engine/node/shell/index.ts';
import { newHost, runToEnd, stderr, stdout } from './helpers.ts';

function bash(script: string, env: Record<string, string> = {}) {
  const host = newHost({ userland: 'debian', env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', ...env } });
  host.fs.write('/etc/motd', 'hi', false);
  const { result } = runToEnd(startArgv(['bash', '-c', script]), host);
  return { out: stdout(host), err: stderr(host), code: result.kind === 'exit' ? result.code : -1 };
}

describe('[[ ]] in bash', () => {
  const cases: Array<[script: string, out: string]> = [
    ['[[ $(echo "UN  10.244.1.5  83 KiB") == *"UN"* ]] && echo up', 'up\n'],
    ['[[ "$(echo DN 10.0.0.1)" == *"UN"* ]] || echo down', 'down\n'],
    // No field splitting: an unquoted expansion with spaces is one operand.
    ['X="a b"; [[ $X == "a b" ]] && echo same', 'same\n'],
    // Quoted parts of the pattern are literal, unquoted parts are globs.
    ['[[ "a*c" == "a*c" ]] && [[ abc != "a*c" ]] && [[ abc == a?c ]] && [[ abc == a[b]c ]] && echo ok', 'ok\n'],
    ['[[ $UNSET ]] || echo empty; X=1; [[ $X ]] && echo set', 'empty\nset\n'],
    ['[[ -n "" ]] || [[ -z "" ]] && echo z', 'z\n'],
    ['[[ 10 -gt 9 && ! 1 -eq 2 ]] && echo arith', 'arith\n'],
    ['[[ a < b ]] && [[ b > a ]] && echo ordered', 'ordered\n'],
    ['[[ -f /etc/motd && -d /etc && ! -e /nope ]] && echo files', 'files\n'],
    ['[[ ( 1 -eq 2 || x == x ) && -n y ]] && echo grouped', 'grouped\n'],
    ['[[ v1.31.0 =~ ^v1\\.3[0-9] ]] && echo regex', 'regex\n'],
    ['[[ 1 -eq 2 ]]; echo $?', '1\n'],
  ];
  it.each(cases)('%s', (script, out) => {
    expect(bash(script)).toEqual({ out, err: '', code: 0 });
  });

  it('&& and || short-circuit: the skipped side is not expanded', () => {
    expect(bash('[[ -z "" || $(echo ran >&2) ]] && echo yes')).toEqual({ out: 'yes\n', err: '', code: 0 });
  });

  it('set -e stops at a false [[ ]]', () => {
    expect(bash('set -e; [[ a == b ]]; echo never')).toEqual({ out: '', err: '', code: 1 });
  });

  it('spans lines inside if, as in a script file', () => {
    const script = 'if [[ $(echo "UN 10.0.0.7") == *"UN"* ]]; then\n  if [[ $DEBUG ]]; then\n    echo "debug";\n  fi\n  exit 0;\nelse\n  exit 1;\nfi\n';
    expect(bash(script)).toEqual({ out: '', err: '', code: 0 });
    expect(bash(script, { DEBUG: '1' })).toEqual({ out: 'debug\n', err: '', code: 0 });
  });

  it('an unterminated [[ is a syntax error', () => {
    expect(bash('[[ a == a').code).toBe(2);
  });

  it("dash (Debian's sh) has no [[: it is a command that is not found", () => {
    const host = newHost({ userland: 'debian' });
    const { result } = runToEnd(startArgv(['sh', '-c', '[[ a == a ]]']), host);
    expect([stderr(host), result.kind === 'exit' ? result.code : -1]).toEqual(['sh: 1: [[: not found\n', 127]);
  });

  it("a script file runs in its #! interpreter's dialect, exec'd directly or from a dash script", () => {
    const host = newHost({ userland: 'debian' });
    host.fs.write('/probe.sh', '#!/bin/bash\n[[ x == x ]] && echo bash-ok\n', false);
    host.fs.write('/plain.sh', '#!/bin/sh\n[[ x == x ]] && echo never\n', false);
    expect(stdout(host) + stderr(host)).toBe('');
    runToEnd(startArgv(['/probe.sh']), host);
    runToEnd(startArgv(['sh', '-c', '/probe.sh; bash -c "[[ 1 ]] && echo nested-bash"; [[ 1 ]] || echo back-in-dash']), host);
    runToEnd(startArgv(['/plain.sh']), host);
    expect(stdout(host)).toBe('bash-ok\nbash-ok\nnested-bash\nback-in-dash\n');
    expect(stderr(host)).toBe('sh: 1: [[: not found\n/plain.sh: 2: [[: not found\n');
  });
});
