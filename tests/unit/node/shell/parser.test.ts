import { describe, expect, it } from 'vitest';
import { syntaxMessage } from '../../../../src/engine/node/shell/messages.ts';
import { parseScript } from '../../../../src/engine/node/shell/parser.ts';
import { runShell, startArgv, startShell } from '../../../../src/engine/node/shell/index.ts';
import { newHost, stderr } from './helpers.ts';

describe('parseScript: syntax errors in each dialect', () => {
  const cases: Array<[script: string, ash: string, dash: string]> = [
    ['if true; then echo x; fi fi', 'sh: syntax error: unexpected "fi"', 'sh: 1: Syntax error: "fi" unexpected'],
    ['fi', 'sh: syntax error: unexpected "fi"', 'sh: 1: Syntax error: "fi" unexpected'],
    ['if true; then echo x', 'sh: syntax error: unexpected end of file (expecting "fi")', 'sh: 1: Syntax error: end of file unexpected (expecting "fi")'],
    ['while true; do echo', 'sh: syntax error: unexpected end of file (expecting "done")', 'sh: 1: Syntax error: end of file unexpected (expecting "done")'],
    ['echo a;;', 'sh: syntax error: unexpected ";;"', 'sh: 1: Syntax error: ";;" unexpected'],
    ['&& echo', 'sh: syntax error: unexpected "&&"', 'sh: 1: Syntax error: "&&" unexpected'],
    ['echo (', 'sh: syntax error: unexpected "("', 'sh: 1: Syntax error: "(" unexpected'],
    ['echo "open', 'sh: syntax error: unterminated quoted string', 'sh: 1: Syntax error: Unterminated quoted string'],
    ["echo 'open", 'sh: syntax error: unterminated quoted string', 'sh: 1: Syntax error: Unterminated quoted string'],
    ['echo ok\nif then\nfi', 'sh: syntax error: unexpected "then"', 'sh: 2: Syntax error: "then" unexpected'],
    ['if true; then fi', 'sh: syntax error: unexpected "fi"', 'sh: 1: Syntax error: "fi" unexpected'],
    ['echo x >', 'sh: syntax error: unexpected end of file', 'sh: 1: Syntax error: end of file unexpected'],
    ['{ echo x', 'sh: syntax error: unexpected end of file (expecting "}")', 'sh: 1: Syntax error: end of file unexpected (expecting "}")'],
  ];
  it.each(cases)('%j', (script, ash, dash) => {
    const parsed = parseScript(script);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(syntaxMessage('ash', 'sh', parsed.problem)).toBe(`${ash}\n`);
    expect(syntaxMessage('dash', 'sh', parsed.problem)).toBe(`${dash}\n`);
  });

  it.each([
    'echo a; echo b',
    'if a; then b; elif c; then d; else e; fi',
    'for x in a b; do echo $x; done',
    'for x\ndo echo $x\ndone',
    'while true; do :; done > /dev/null 2>&1',
    '{ a; b; } | c && ! d || (e)',
    'X=1 Y="2 3" cmd arg >> f 2>&1 < in',
    'echo "${A:-"$B"}" $(echo $(echo nested)) `x` $((1 + 2))',
    'echo } { ] fi',
    'echo x &\necho y',
  ])('parses %j', (script) => {
    expect(parseScript(script).ok).toBe(true);
  });

  it('a syntax error is printed by the shell, exit 2, nothing run', () => {
    const host = newHost();
    const r = runShell(startShell('echo before; if true; then echo x; fi fi'), host, 0);
    expect(r.result).toEqual({ kind: 'exit', code: 2 });
    expect(host.both).toEqual(['2>sh: syntax error: unexpected "fi"\n']);
  });

  it('debian wording through startArgv', () => {
    const host = newHost({ userland: 'debian' });
    runShell(startArgv(['sh', '-c', 'done']), host, 0);
    expect(stderr(host)).toBe('sh: 1: Syntax error: "done" unexpected\n');
  });
});

describe('parseScript: structure', () => {
  it('separates assignments, words and redirections', () => {
    const parsed = parseScript('A=1 echo x 2>&1 > /tmp/f');
    if (!parsed.ok) throw new Error('parse failed');
    const cmd = parsed.program.nodes.find((n) => n.t === 'simple');
    expect(cmd).toMatchObject({
      t: 'simple',
      assigns: [{ name: 'A', value: { parts: [{ t: 'lit', v: '1', q: false }] } }],
      words: [{ parts: [{ t: 'lit', v: 'echo' }] }, { parts: [{ t: 'lit', v: 'x' }] }],
      redirs: [{ fd: 2, op: '>&' }, { fd: 1, op: '>' }],
    });
  });

  it('records line numbers of commands', () => {
    const parsed = parseScript('echo 1\n\necho 3');
    if (!parsed.ok) throw new Error('parse failed');
    expect(parsed.program.nodes.filter((n) => n.t === 'simple').map((n) => (n as { line: number }).line)).toEqual([1, 3]);
  });
});
