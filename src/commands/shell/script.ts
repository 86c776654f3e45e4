/**
 * Scenario scripts: text files of shell commands that Podlab replays one by one, echoing each as
 * `$ <line>`. Supports the shell syntax scenario authors actually need — comments, quoting,
 * backslash line continuation and here-documents (`kubectl apply -f - <<EOF`) — on top of
 * words.ts. Anything else (pipes, redirection, expansion) stays as plain words.
 */

import { requireComplete, scanWords, ShellSyntaxError, type Word, type WordPart } from './words.ts';

/** One command of a scenario script. */
export interface ScriptCommand {
  /** 1-based line number of the command's first line in the script. */
  lineNumber: number;
  /**
   * The command line exactly as written (for echoing as `$ <line>`): continued lines are joined
   * with "\n"; a here-document's body and delimiter line are not included.
   */
  text: string;
  /** Words of the command, with the heredoc redirection (`<<EOF`, `<< EOF`, `<<'EOF'`, `<<-EOF`) removed. */
  words: string[];
  /** Heredoc body (lines between the command line and the delimiter line, each ending in "\n"), if any. */
  stdin?: string;
}

/** A script that cannot be parsed; `lineNumber` is the 1-based first line of the bad command. */
export class ScriptSyntaxError extends Error {
  constructor(
    message: string,
    readonly lineNumber: number,
  ) {
    super(message);
    this.name = 'ScriptSyntaxError';
  }
}

interface Heredoc {
  delimiter: string;
  /** `<<-` form: leading tabs are removed from body lines and from the delimiter line. */
  stripTabs: boolean;
}

/** Parses a scenario script into commands; throws {@link ScriptSyntaxError}. */
export function parseScript(text: string): ScriptCommand[] {
  const lines = text.split(/\r?\n/);
  const commands: ScriptCommand[] = [];
  let next = 0;
  while (next < lines.length) {
    const start = next;
    if (/^[ \t]*(#|$)/.test(lines[start])) {
      next++;
      continue;
    }
    const command = readCommandLines(lines, start);
    next = command.end;
    const { words, heredoc } = extractHeredoc(command.words, start + 1);
    let stdin: string | undefined;
    if (heredoc !== undefined) {
      const body = readHeredocBody(lines, next, heredoc, start + 1);
      stdin = body.stdin;
      next = body.end;
    }
    // E.g. a lone `\` or a bare `<<EOF`: the shell runs nothing, and neither do we.
    if (words.length === 0) continue;
    const commandText = lines.slice(start, command.end).join('\n');
    commands.push({ lineNumber: start + 1, text: commandText, words, ...(stdin === undefined ? {} : { stdin }) });
  }
  return commands;
}

/** Reads the command starting at `start`, following backslash-newline continuations. */
function readCommandLines(lines: string[], start: number): { words: Word[]; end: number } {
  let joined = lines[start];
  let end = start + 1;
  for (;;) {
    const result = scanWords(joined);
    if (!result.trailingBackslash) return { words: checked(() => requireComplete(result), start + 1), end };
    // At the end of the file there is no next line; like bash, continue onto nothing, which
    // drops the backslash.
    joined += end < lines.length ? `\n${lines[end++]}` : '\n';
  }
}

/**
 * Removes the one here-document operator (`<<WORD`, `<< WORD`, `<<-WORD`, quoted WORD) from the
 * words. `<<` counts only when unquoted, may touch other text (`cat<<EOF`), and its delimiter is
 * the rest of that word or else the next word, with quotes removed.
 */
function extractHeredoc(tokens: Word[], lineNumber: number): { words: string[]; heredoc?: Heredoc } {
  const words: string[] = [];
  let heredoc: Heredoc | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const op = findOperator(tokens[i]);
    if (op === null) {
      words.push(tokens[i].value);
      continue;
    }
    if (heredoc !== undefined) throw tooMany(lineNumber);
    const { parts } = tokens[i];
    const before = [...parts.slice(0, op.part), { text: parts[op.part].text.slice(0, op.pos), quoted: false }];
    // `x<<EOF` keeps `x` as a word; `''<<EOF` keeps an empty word, as the shell does.
    if (op.part > 0 || op.pos > 0) words.push(joinParts(before));
    let rest = [{ text: parts[op.part].text.slice(op.pos + 2), quoted: false }, ...parts.slice(op.part + 1)];
    const stripTabs = rest[0].text.startsWith('-');
    if (rest[0].text.startsWith('<')) {
      throw new ScriptSyntaxError('here-strings ("<<<") are not supported; use a here-document', lineNumber);
    }
    if (stripTabs) rest[0].text = rest[0].text.slice(1);
    if (rest[0].text === '') rest = rest.slice(1);
    if (rest.length === 0) {
      if (i + 1 >= tokens.length) {
        throw new ScriptSyntaxError('here-document operator "<<" must be followed by a delimiter word', lineNumber);
      }
      rest = tokens[++i].parts;
    }
    if (findOperator({ value: '', parts: rest }) !== null) throw tooMany(lineNumber);
    heredoc = { delimiter: joinParts(rest), stripTabs };
  }
  return heredoc === undefined ? { words } : { words, heredoc };
}

/** Position of the first unquoted `<<` in a word (`\<<` or `'<'<` are not operators). */
function findOperator(word: Word): { part: number; pos: number } | null {
  for (let part = 0; part < word.parts.length; part++) {
    const { text, quoted } = word.parts[part];
    const pos = quoted ? -1 : text.indexOf('<<');
    if (pos >= 0) return { part, pos };
  }
  return null;
}

function joinParts(parts: WordPart[]): string {
  return parts.map((part) => part.text).join('');
}

function tooMany(lineNumber: number): ScriptSyntaxError {
  return new ScriptSyntaxError('only one here-document ("<<") per command is supported', lineNumber);
}

/** Collects body lines verbatim up to the delimiter line; returns the index after it. */
function readHeredocBody(
  lines: string[],
  from: number,
  heredoc: Heredoc,
  lineNumber: number,
): { stdin: string; end: number } {
  let stdin = '';
  for (let i = from; i < lines.length; i++) {
    const line = heredoc.stripTabs ? lines[i].replace(/^\t+/, '') : lines[i];
    if (line === heredoc.delimiter) return { stdin, end: i + 1 };
    stdin += `${line}\n`;
  }
  throw new ScriptSyntaxError(`here-document delimited by "${heredoc.delimiter}" was not closed`, lineNumber);
}

/** Runs a words.ts call, re-raising its syntax errors with the script line attached. */
function checked<T>(run: () => T, lineNumber: number): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ShellSyntaxError) throw new ScriptSyntaxError(error.message, lineNumber);
    throw error;
  }
}
