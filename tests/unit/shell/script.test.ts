import { describe, expect, it } from 'vitest';
import { parseScript, ScriptSyntaxError, type ScriptCommand } from '../../../src/commands/shell/script.ts';

/** Builds a script from lines so tests show the layout; `crlf` switches the line ending. */
function script(lines: string[], crlf = false): string {
  return lines.join(crlf ? '\r\n' : '\n');
}

describe('parseScript: commands, comments, blank lines', () => {
  const cases: Array<[name: string, text: string, commands: ScriptCommand[]]> = [
    ['empty script', '', []],
    ['only blanks and comments', script(['', '   ', '\t', '# intro', '  # indented', '']), []],
    [
      'one command per line with line numbers',
      script(['kubectl get pods', '', '# comment', 'kubectl get nodes', '']),
      [
        { lineNumber: 1, text: 'kubectl get pods', words: ['kubectl', 'get', 'pods'] },
        { lineNumber: 4, text: 'kubectl get nodes', words: ['kubectl', 'get', 'nodes'] },
      ],
    ],
    [
      'CRLF line endings',
      script(['kubectl get pods', '# c', 'kubectl get nodes', ''], true),
      [
        { lineNumber: 1, text: 'kubectl get pods', words: ['kubectl', 'get', 'pods'] },
        { lineNumber: 3, text: 'kubectl get nodes', words: ['kubectl', 'get', 'nodes'] },
      ],
    ],
    ['no trailing newline', 'kubectl version', [{ lineNumber: 1, text: 'kubectl version', words: ['kubectl', 'version'] }]],
    [
      'trailing comment stays in text but not in words',
      'kubectl get pods # list',
      [{ lineNumber: 1, text: 'kubectl get pods # list', words: ['kubectl', 'get', 'pods'] }],
    ],
    [
      'indentation is kept in text',
      '  kubectl get pods',
      [{ lineNumber: 1, text: '  kubectl get pods', words: ['kubectl', 'get', 'pods'] }],
    ],
    [
      'quotes are removed from words',
      `kubectl create configmap c --from-literal=a='b c' --from-literal="d=e f"`,
      [
        {
          lineNumber: 1,
          text: `kubectl create configmap c --from-literal=a='b c' --from-literal="d=e f"`,
          words: ['kubectl', 'create', 'configmap', 'c', '--from-literal=a=b c', '--from-literal=d=e f'],
        },
      ],
    ],
    ['an empty quoted word is a command', "''", [{ lineNumber: 1, text: "''", words: [''] }]],
    ['a lone backslash runs nothing', script(['\\', '']), []],
  ];

  it.each(cases)('%s', (_name, text, commands) => {
    expect(parseScript(text)).toEqual(commands);
  });
});

describe('parseScript: line continuation', () => {
  const cases: Array<[name: string, text: string, commands: ScriptCommand[]]> = [
    [
      'joins continued lines, text keeps the original lines',
      script(['kubectl run web \\', '  --image=nginx \\', '  --port=80', 'kubectl get pods']),
      [
        {
          lineNumber: 1,
          text: 'kubectl run web \\\n  --image=nginx \\\n  --port=80',
          words: ['kubectl', 'run', 'web', '--image=nginx', '--port=80'],
        },
        { lineNumber: 4, text: 'kubectl get pods', words: ['kubectl', 'get', 'pods'] },
      ],
    ],
    [
      'continuation inside a word joins the halves',
      script(['echo ab\\', 'cd']),
      [{ lineNumber: 1, text: 'echo ab\\\ncd', words: ['echo', 'abcd'] }],
    ],
    [
      'continuation inside double quotes',
      script(['echo "ab\\', 'cd"']),
      [{ lineNumber: 1, text: 'echo "ab\\\ncd"', words: ['echo', 'abcd'] }],
    ],
    [
      'CRLF continuation',
      script(['echo a \\', 'b', ''], true),
      [{ lineNumber: 1, text: 'echo a \\\nb', words: ['echo', 'a', 'b'] }],
    ],
    [
      'a continued line starting with # is a comment of that command, not skipped',
      script(['echo a \\', '# b', 'echo c']),
      [
        { lineNumber: 1, text: 'echo a \\\n# b', words: ['echo', 'a'] },
        { lineNumber: 3, text: 'echo c', words: ['echo', 'c'] },
      ],
    ],
    [
      'a continued blank line ends the command',
      script(['echo a \\', '', 'echo b']),
      [
        { lineNumber: 1, text: 'echo a \\\n', words: ['echo', 'a'] },
        { lineNumber: 3, text: 'echo b', words: ['echo', 'b'] },
      ],
    ],
    [
      'escaped backslash at end of line does not continue',
      script(['echo a\\\\', 'echo b']),
      [
        { lineNumber: 1, text: 'echo a\\\\', words: ['echo', 'a\\'] },
        { lineNumber: 2, text: 'echo b', words: ['echo', 'b'] },
      ],
    ],
    [
      'backslash inside single quotes does not continue',
      script(["echo 'a\\'", 'echo b']),
      [
        { lineNumber: 1, text: "echo 'a\\'", words: ['echo', 'a\\'] },
        { lineNumber: 2, text: 'echo b', words: ['echo', 'b'] },
      ],
    ],
    [
      'backslash inside a comment does not continue',
      script(['echo a # note \\', 'echo b']),
      [
        { lineNumber: 1, text: 'echo a # note \\', words: ['echo', 'a'] },
        { lineNumber: 2, text: 'echo b', words: ['echo', 'b'] },
      ],
    ],
    [
      'backslash on the last line is dropped, as bash does',
      'echo a\\',
      [{ lineNumber: 1, text: 'echo a\\', words: ['echo', 'a'] }],
    ],
  ];

  it.each(cases)('%s', (_name, text, commands) => {
    expect(parseScript(text)).toEqual(commands);
  });
});

describe('parseScript: here-documents', () => {
  const body = ['apiVersion: v1', 'kind: Pod', '', '# not a comment', '  indented: $NOT_EXPANDED'];
  const bodyText = `${body.join('\n')}\n`;

  const cases: Array<[name: string, text: string, command: ScriptCommand]> = [
    [
      '<<EOF',
      script(['kubectl apply -f - <<EOF', ...body, 'EOF']),
      { lineNumber: 1, text: 'kubectl apply -f - <<EOF', words: ['kubectl', 'apply', '-f', '-'], stdin: bodyText },
    ],
    [
      '<< EOF (space before the delimiter)',
      script(['kubectl apply -f - << EOF', ...body, 'EOF']),
      { lineNumber: 1, text: 'kubectl apply -f - << EOF', words: ['kubectl', 'apply', '-f', '-'], stdin: bodyText },
    ],
    [
      "<<'EOF'",
      script(["kubectl apply -f - <<'EOF'", ...body, 'EOF']),
      { lineNumber: 1, text: "kubectl apply -f - <<'EOF'", words: ['kubectl', 'apply', '-f', '-'], stdin: bodyText },
    ],
    [
      '<<"EOF"',
      script(['kubectl apply -f - <<"EOF"', ...body, 'EOF']),
      { lineNumber: 1, text: 'kubectl apply -f - <<"EOF"', words: ['kubectl', 'apply', '-f', '-'], stdin: bodyText },
    ],
    [
      '<<\\EOF and partly quoted delimiters',
      script(['cat <<\\E"O"F', 'x', 'EOF']),
      { lineNumber: 1, text: 'cat <<\\E"O"F', words: ['cat'], stdin: 'x\n' },
    ],
    [
      'operator touching the command word',
      script(['cat<<EOF', 'x', 'EOF']),
      { lineNumber: 1, text: 'cat<<EOF', words: ['cat'], stdin: 'x\n' },
    ],
    [
      'heredoc in the middle of the words',
      script(['kubectl apply <<EOF -f - # trailing comment', 'x', 'EOF']),
      {
        lineNumber: 1,
        text: 'kubectl apply <<EOF -f - # trailing comment',
        words: ['kubectl', 'apply', '-f', '-'],
        stdin: 'x\n',
      },
    ],
    [
      'any delimiter word',
      script(['cat <<END_OF_YAML', 'EOF', 'END_OF_YAML']),
      { lineNumber: 1, text: 'cat <<END_OF_YAML', words: ['cat'], stdin: 'EOF\n' },
    ],
    [
      'the delimiter line must match exactly',
      script(['cat <<EOF', ' EOF', 'EOF ', '\tEOF', 'EOF']),
      { lineNumber: 1, text: 'cat <<EOF', words: ['cat'], stdin: ' EOF\nEOF \n\tEOF\n' },
    ],
    [
      'empty body',
      script(['cat <<EOF', 'EOF']),
      { lineNumber: 1, text: 'cat <<EOF', words: ['cat'], stdin: '' },
    ],
    [
      'body of blank lines',
      script(['cat <<EOF', '', '', 'EOF']),
      { lineNumber: 1, text: 'cat <<EOF', words: ['cat'], stdin: '\n\n' },
    ],
    [
      'body lines are verbatim: quotes, backslashes, heredoc-like text',
      script(['cat <<EOF', `it's "x" \\`, 'cat <<EOF2', 'EOF']),
      { lineNumber: 1, text: 'cat <<EOF', words: ['cat'], stdin: `it's "x" \\\ncat <<EOF2\n` },
    ],
    [
      '<<-EOF strips leading tabs from body and delimiter',
      script(['cat <<-EOF', '\t\tkind: Pod', '\t  spaced', '  not stripped', '\tEOF']),
      { lineNumber: 1, text: 'cat <<-EOF', words: ['cat'], stdin: 'kind: Pod\n  spaced\n  not stripped\n' },
    ],
    [
      "<<- 'EOF'",
      script(["cat <<- 'EOF'", '\tx', 'EOF']),
      { lineNumber: 1, text: "cat <<- 'EOF'", words: ['cat'], stdin: 'x\n' },
    ],
    [
      "<<'-EOF' is a delimiter starting with a dash, not <<-",
      script(["cat <<'-EOF'", '\tx', '-EOF']),
      { lineNumber: 1, text: "cat <<'-EOF'", words: ['cat'], stdin: '\tx\n' },
    ],
    [
      'empty quoted delimiter ends at the first empty line',
      script(["cat <<''", 'x', '', '# after the body: skipped']),
      { lineNumber: 1, text: "cat <<''", words: ['cat'], stdin: 'x\n' },
    ],
    [
      'CRLF body',
      script(['cat <<EOF', 'a', 'b', 'EOF', ''], true),
      { lineNumber: 1, text: 'cat <<EOF', words: ['cat'], stdin: 'a\nb\n' },
    ],
    [
      'heredoc operator on a continued line; body starts after the command',
      script(['kubectl apply \\', '  -f - <<EOF', 'x', 'EOF']),
      { lineNumber: 1, text: 'kubectl apply \\\n  -f - <<EOF', words: ['kubectl', 'apply', '-f', '-'], stdin: 'x\n' },
    ],
  ];

  it.each(cases)('%s', (_name, text, command) => {
    expect(parseScript(text)).toEqual([command]);
  });

  it('continues with the next command after the delimiter line, with right line numbers', () => {
    const text = script(['# setup', 'kubectl apply -f - <<EOF', 'a: 1', '', 'EOF', '', 'kubectl get pods']);
    expect(parseScript(text)).toEqual([
      { lineNumber: 2, text: 'kubectl apply -f - <<EOF', words: ['kubectl', 'apply', '-f', '-'], stdin: 'a: 1\n\n' },
      { lineNumber: 7, text: 'kubectl get pods', words: ['kubectl', 'get', 'pods'] },
    ]);
  });

  it('consumes the body of a heredoc without a command, running nothing', () => {
    expect(parseScript(script(['<<EOF', 'kubectl delete pods --all', 'EOF', 'echo ok']))).toEqual([
      { lineNumber: 4, text: 'echo ok', words: ['echo', 'ok'] },
    ]);
  });

  const notHeredocs: Array<[text: string, words: string[]]> = [
    ["echo '<<x'", ['echo', '<<x']],
    ['echo "<<x"', ['echo', '<<x']],
    ['echo \\<<x', ['echo', '<<x']],
    ["echo <'<'x", ['echo', '<<x']],
    ['echo a # <<EOF', ['echo', 'a']],
    ['echo < x', ['echo', '<', 'x']],
  ];

  it.each(notHeredocs)('%j is not a heredoc', (text, words) => {
    expect(parseScript(text)).toEqual([{ lineNumber: 1, text, words }]);
  });

  it('keeps text before the operator as its own word', () => {
    expect(parseScript(script(["x''<<EOF", 'b', 'EOF']))[0].words).toEqual(['x']);
    expect(parseScript(script(["''<<EOF", 'b', 'EOF']))[0].words).toEqual(['']);
  });
});

describe('parseScript: errors', () => {
  const cases: Array<[name: string, text: string, message: string, lineNumber: number]> = [
    ['unterminated single quote', script(['echo ok', "echo 'abc", 'echo x']), 'unterminated single quote', 2],
    ['unterminated double quote', script(['', 'echo "abc']), 'unterminated double quote', 2],
    [
      'unterminated quote in a continued command names its first line',
      script(['# c', 'echo a \\', '  "b']),
      'unterminated double quote',
      2,
    ],
    [
      'quotes do not span lines',
      script(["echo 'a", "b'"]),
      'unterminated single quote',
      1,
    ],
    [
      'double quote left open by a continuation at end of file',
      'echo "a\\',
      'unterminated double quote',
      1,
    ],
    [
      'heredoc not closed',
      script(['echo ok', 'kubectl apply -f - <<EOF', 'a: 1', '']),
      'here-document delimited by "EOF" was not closed',
      2,
    ],
    [
      'heredoc closed only by an indented delimiter without <<-',
      script(['cat <<EOF', 'x', '\tEOF']),
      'here-document delimited by "EOF" was not closed',
      1,
    ],
    ['heredoc without delimiter', 'cat <<', 'here-document operator "<<" must be followed by a delimiter word', 1],
    [
      'heredoc <<- without delimiter',
      'cat <<- # comment',
      'here-document operator "<<" must be followed by a delimiter word',
      1,
    ],
    ['two heredocs', script(['cat <<A <<B', 'A', 'B']), 'only one here-document ("<<") per command is supported', 1],
    ['two heredocs in one word', script(['cat <<A<<B', 'A', 'B']), 'only one here-document ("<<") per command is supported', 1],
    ['here-string', 'cat <<<word', 'here-strings ("<<<") are not supported; use a here-document', 1],
  ];

  it.each(cases)('%s', (_name, text, message, lineNumber) => {
    let caught: unknown;
    try {
      parseScript(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScriptSyntaxError);
    expect(caught).toMatchObject({ message, lineNumber, name: 'ScriptSyntaxError' });
  });
});
