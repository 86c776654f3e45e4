/**
 * The shell's own error messages in each dialect's wording: busybox ash prefixes `$0: `, dash
 * `$0: LINE: `, bash `$0: line LINE: `. Tools word their own errors (see tools-*.ts).
 */
import type { SyntaxProblem, TokenName } from './ast.ts';
import type { Dialect } from './state.ts';

export interface Where {
  dialect: Dialect;
  arg0: string;
  line: number;
}

/** `sh: foo: not found` (ash), `sh: 1: foo: not found` (dash), `bash: line 1: foo: command not found`. */
export function notFoundMessage(w: Where, name: string): string {
  if (w.dialect === 'bash') return `${prefix(w)}${name}: command not found\n`;
  return `${prefix(w)}${name}: not found\n`;
}

/** Running a directory or a file without the execute bit. */
export function notExecutableMessage(w: Where, name: string, isDir: boolean): string {
  if (w.dialect === 'bash' && isDir) return `${prefix(w)}${name}: Is a directory\n`;
  return `${prefix(w)}${name}: Permission denied\n`;
}

/** A redirection that could not be opened; `errno` is strerror's text. */
export function redirectMessage(w: Where, path: string, forWrite: boolean, errno: string): string {
  if (w.dialect === 'bash') return `${prefix(w)}${path}: ${errno}\n`;
  const missing = errno === 'No such file or directory';
  if (w.dialect === 'ash') {
    // ash shortens ENOENT: it knows which part was missing.
    const why = missing ? (forWrite ? 'nonexistent directory' : 'no such file') : errno;
    return `${prefix(w)}${forWrite ? "can't create" : "can't open"} ${path}: ${why}\n`;
  }
  const why = missing ? (forWrite ? 'Directory nonexistent' : 'No such file') : errno;
  return `${prefix(w)}${forWrite ? 'cannot create' : 'cannot open'} ${path}: ${why}\n`;
}

/** A builtin's error: `sh: exit: Illegal number: x` in dash, `sh: exit: x: ...` elsewhere. */
export function builtinMessage(w: Where, text: string): string {
  return `${prefix(w)}${text}\n`;
}

export function prefix(w: Where): string {
  if (w.dialect === 'ash') return `${w.arg0}: `;
  if (w.dialect === 'dash') return `${w.arg0}: ${w.line}: `;
  return `${w.arg0}: line ${w.line}: `;
}

/**
 * A syntax error. ash: `sh: syntax error: unexpected "fi"`; dash: `sh: 1: Syntax error: "fi"
 * unexpected`; bash: `bash: -c: line 1: syntax error near unexpected token `fi'`.
 */
export function syntaxMessage(dialect: Dialect, arg0: string, problem: SyntaxProblem): string {
  if (problem.kind === 'unterminated') return unterminatedMessage(dialect, arg0, problem.line);
  const token = tokenText(problem.token, dialect);
  const expecting = problem.expecting === undefined ? '' : ` (expecting "${problem.expecting}")`;
  if (dialect === 'ash') return `${arg0}: syntax error: unexpected ${token}${expecting}\n`;
  if (dialect === 'dash') return `${arg0}: ${problem.line}: Syntax error: ${token} unexpected${expecting}\n`;
  if (problem.token.t === 'eof') return `${arg0}: -c: line ${problem.line}: syntax error: unexpected end of file\n`;
  return `${arg0}: -c: line ${problem.line}: syntax error near unexpected token \`${token}'\n`;
}

function unterminatedMessage(dialect: Dialect, arg0: string, line: number): string {
  if (dialect === 'ash') return `${arg0}: syntax error: unterminated quoted string\n`;
  if (dialect === 'dash') return `${arg0}: ${line}: Syntax error: Unterminated quoted string\n`;
  return `${arg0}: -c: line ${line}: unexpected EOF while looking for matching \`''\n`;
}

/** ash and dash quote operators and keywords but print `end of file`, `newline`, `word` bare; bash quotes nothing. */
function tokenText(token: TokenName, dialect: Dialect): string {
  if (token.t === 'eof') return 'end of file';
  if (token.t === 'newline') return 'newline';
  if (dialect === 'bash') return token.text;
  return token.t === 'word' ? 'word' : `"${token.text}"`;
}
