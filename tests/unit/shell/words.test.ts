import { describe, expect, it } from 'vitest';
import { quoteWord, scanWords, ShellSyntaxError, splitWords } from '../../../src/commands/shell/words.ts';

describe('splitWords', () => {
  const cases: Array<[name: string, line: string, words: string[]]> = [
    ['empty line', '', []],
    ['blanks only', ' \t  ', []],
    ['simple words', 'kubectl get pods', ['kubectl', 'get', 'pods']],
    ['runs of blanks and tabs', '  kubectl\t\tget   pods  ', ['kubectl', 'get', 'pods']],
    ['newline separates words', 'a\nb', ['a', 'b']],
    ['carriage return is an ordinary character', 'a\r', ['a\r']],
    ['single quotes keep blanks', "echo 'a  b'", ['echo', 'a  b']],
    ['single quotes keep backslashes', "echo 'a\\nb\\'", ['echo', 'a\\nb\\']],
    ['single quotes keep double quotes and $', `echo '"$HOME"'`, ['echo', '"$HOME"']],
    ['double quotes keep blanks', 'echo "a  b"', ['echo', 'a  b']],
    ['double quotes keep single quotes', `echo "it's"`, ['echo', "it's"]],
    ['double quotes: \\" escapes', 'echo "say \\"hi\\""', ['echo', 'say "hi"']],
    ['double quotes: \\\\ escapes', 'echo "a\\\\b"', ['echo', 'a\\b']],
    ['double quotes: \\$ and \\` escape', 'echo "\\$x \\`y\\`"', ['echo', '$x `y`']],
    ['double quotes: other backslashes stay', 'echo "a\\nb\\t\\\'"', ['echo', "a\\nb\\t\\'"]],
    ['double quotes: backslash-newline vanishes', 'echo "a\\\nb"', ['echo', 'ab']],
    ['double quotes: newline kept', 'echo "a\nb"', ['echo', 'a\nb']],
    ['no variable expansion', 'echo $HOME "$HOME"', ['echo', '$HOME', '$HOME']],
    ['no globbing', 'ls *.yaml', ['ls', '*.yaml']],
    ['backslash escapes a blank', 'echo a\\ b', ['echo', 'a b']],
    ['backslash escapes quotes', `echo \\'x\\"`, ['echo', `'x"`]],
    ['backslash escapes a backslash', 'echo a\\\\b', ['echo', 'a\\b']],
    ['backslash escapes an ordinary char', 'echo \\n', ['echo', 'n']],
    ['backslash-newline joins a word', 'ab\\\ncd', ['abcd']],
    ['backslash-newline between words', 'a \\\n b', ['a', 'b']],
    ['trailing backslash is literal', 'echo a\\', ['echo', 'a\\']],
    ['lone trailing backslash', '\\', ['\\']],
    ['adjacent parts join', "--from-literal=a='b c'", ['--from-literal=a=b c']],
    ['mixed quoting joins', `a"b c"'d e'f\\ g`, ['ab cd ef g']],
    ['empty single quotes give an empty word', "echo ''", ['echo', '']],
    ['empty double quotes give an empty word', 'echo ""', ['echo', '']],
    ['empty words between others', `a '' "" b`, ['a', '', '', 'b']],
    ['empty quotes inside a word vanish', "a''b", ['ab']],
    ['comment at end', 'kubectl get pods # list them', ['kubectl', 'get', 'pods']],
    ['comment with tab before', 'kubectl\t# x', ['kubectl']],
    ['whole-line comment', '# just a comment', []],
    ['indented comment', '   # comment', []],
    ['comment right after a word ends', 'a #b', ['a']],
    ['# inside a word', 'a#b', ['a#b']],
    ['# at end of a word', 'a# b', ['a#', 'b']],
    ['quoted # is not a comment', `'#' "#x"`, ['#', '#x']],
    ['escaped # is not a comment', '\\#x', ['#x']],
    ['comment ends at newline', 'a # c\nb', ['a', 'b']],
    ['quotes inside a comment are ignored', "a # it's", ['a']],
    ['backslash in a comment is ignored', 'a # \\', ['a']],
    ['backslash-newline then # starts a comment', 'a \\\n#b', ['a']],
    ['operators are plain words', 'a | b > c <<EOF', ['a', '|', 'b', '>', 'c', '<<EOF']],
    ['unicode passes through', "echo 'héllo wörld' ☸", ['echo', 'héllo wörld', '☸']],
  ];

  it.each(cases)('%s', (_name, line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  const errors: Array<[line: string, message: string]> = [
    ["echo 'abc", 'unterminated single quote'],
    ['echo "abc', 'unterminated double quote'],
    ["echo \"it's", 'unterminated double quote'],
    [`echo 'say "hi`, 'unterminated single quote'],
    ['echo "a\\"', 'unterminated double quote'],
    ['echo "a\\', 'unterminated double quote'],
    ["'", 'unterminated single quote'],
  ];

  it.each(errors)('rejects %j', (line, message) => {
    expect(() => splitWords(line)).toThrow(ShellSyntaxError);
    expect(() => splitWords(line)).toThrow(message);
  });

  it('ShellSyntaxError is an Error with its own name', () => {
    const error = new ShellSyntaxError('boom');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ShellSyntaxError');
  });
});

describe('scanWords', () => {
  it('reports quoted and unquoted parts, merging runs of the same kind', () => {
    const [word] = scanWords(`a"b"'c'\\<d`).words;
    expect(word).toEqual({
      value: 'abc<d',
      parts: [
        { text: 'a', quoted: false },
        { text: 'bc<', quoted: true },
        { text: 'd', quoted: false },
      ],
    });
  });

  it('keeps an empty quoted part so the empty word exists', () => {
    expect(scanWords("''").words).toEqual([{ value: '', parts: [{ text: '', quoted: true }] }]);
  });

  const incomplete: Array<[line: string, openQuote: 'single' | 'double' | null, trailingBackslash: boolean]> = [
    ['a b', null, false],
    ['a \\', null, true],
    ['a \\\\', null, false],
    ["'a \\", 'single', false],
    ["'a' \\", null, true],
    ['"a \\', 'double', true],
    ['"a', 'double', false],
    ['a # \\', null, false],
    ['a \\\nb \\', null, true],
  ];

  it.each(incomplete)('scan of %j: openQuote=%s trailingBackslash=%s', (line, openQuote, trailingBackslash) => {
    const result = scanWords(line);
    expect(result.openQuote).toBe(openQuote);
    expect(result.trailingBackslash).toBe(trailingBackslash);
  });
});

describe('quoteWord', () => {
  const cases: Array<[word: string, quoted: string]> = [
    ['pods', 'pods'],
    ['--from-literal=a=b', '--from-literal=a=b'],
    ['app.kubernetes.io/name:web,x@y%z+1', 'app.kubernetes.io/name:web,x@y%z+1'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ["'", "''\\'''"],
    ['$HOME', "'$HOME'"],
    ['a"b', `'a"b'`],
    ['back\\slash', "'back\\slash'"],
    ['#x', "'#x'"],
    ['*', "'*'"],
    ['~', "'~'"],
    ['line\nbreak', "'line\nbreak'"],
    ['héllo', "'héllo'"],
  ];

  it.each(cases)('quotes %j as %s', (word, quoted) => {
    expect(quoteWord(word)).toBe(quoted);
  });

  it('round-trips through splitWords', () => {
    const words = cases.map(([word]) => word);
    expect(splitWords(words.map(quoteWord).join(' '))).toEqual(words);
  });
});
