/**
 * The terminal's line editing, as readline does it at a bash prompt, with no DOM and no xterm:
 * the keys xterm reports (its onData strings) are split into keys, the line and cursor change,
 * and `redraw` gives the escape sequences that repaint the prompt in place however many rows the
 * line wraps over. Also the bash ways of Tab (extend to the common prefix; list the candidates
 * on a second Tab, in columns). Unit-tested in tests/unit/app/line-editor.test.ts.
 */

/** A key that carries nothing but what it is. */
export type KeyKind =
  | 'enter'
  | 'backspace'
  | 'delete'
  | 'left'
  | 'right'
  | 'up'
  | 'down'
  | 'home'
  | 'end'
  | 'word-left'
  | 'word-right'
  | 'tab'
  | 'interrupt'
  | 'clear-screen'
  | 'kill-before'
  | 'kill-after'
  | 'kill-word'
  | 'eof';

/** One key from xterm's input stream. */
export type Key =
  | { kind: 'text'; text: string }
  | { kind: KeyKind }
  /** An escape sequence nothing here uses. */
  | { kind: 'ignored'; seq: string };

const CSI_KEYS: Record<string, KeyKind> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  '1~': 'home',
  '7~': 'home',
  '4~': 'end',
  '8~': 'end',
  '3~': 'delete',
  '1;5C': 'word-right',
  '1;5D': 'word-left',
  '1;3C': 'word-right',
  '1;3D': 'word-left',
};

const CONTROL_KEYS: Record<string, KeyKind> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\t': 'tab',
  '\x03': 'interrupt',
  '\x0c': 'clear-screen',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x15': 'kill-before',
  '\x0b': 'kill-after',
  '\x17': 'kill-word',
  '\x04': 'eof',
};

/** Splits what xterm sent (one key, or a pasted block) into keys, in order. */
export function splitKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') keys.push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < data.length; ) {
    const c = data[i];
    if (c === '\x1b') {
      flush();
      const csi = readCsi(data, i);
      if (csi) {
        const kind = CSI_KEYS[csi.slice(2)];
        keys.push(kind ? { kind } : { kind: 'ignored', seq: csi });
        i += csi.length;
      } else if (data[i + 1] === 'O' && /[A-Za-z]/.test(data[i + 2] ?? '')) {
        // SS3: ESC O A (application cursor keys), ESC O H (Home)...
        const kind = CSI_KEYS[data[i + 2]];
        keys.push(kind ? { kind } : { kind: 'ignored', seq: data.slice(i, i + 3) });
        i += 3;
      } else if (data[i + 1] === 'b' || data[i + 1] === 'f') {
        keys.push({ kind: data[i + 1] === 'b' ? 'word-left' : 'word-right' });
        i += 2;
      } else {
        keys.push({ kind: 'ignored', seq: data.slice(i, i + 2) });
        i += 2;
      }
      continue;
    }
    // A pasted CRLF is one Enter.
    if (c === '\r' && data[i + 1] === '\n') {
      flush();
      keys.push({ kind: 'enter' });
      i += 2;
      continue;
    }
    const control = CONTROL_KEYS[c];
    if (control) {
      flush();
      keys.push({ kind: control });
    } else if (c >= ' ') {
      text += c;
    }
    i++;
  }
  flush();
  return keys;
}

/** `ESC [ params final` at `i` (params digits and `;`, final a letter or `~`), or undefined. */
function readCsi(data: string, i: number): string | undefined {
  if (data[i + 1] !== '[') return undefined;
  let j = i + 2;
  while (j < data.length && /[0-9;]/.test(data[j])) j++;
  return j < data.length && /[A-Za-z~]/.test(data[j]) ? data.slice(i, j + 1) : undefined;
}

/** The line being typed and its cursor (a UTF-16 index into `value`). */
export interface LineState {
  value: string;
  cursor: number;
}

/** Applies an editing key; returns the state unchanged for keys that do not edit the line. */
export function editLine(state: LineState, key: Key): LineState {
  const { value, cursor } = state;
  switch (key.kind) {
    case 'text':
      return { value: value.slice(0, cursor) + key.text + value.slice(cursor), cursor: cursor + key.text.length };
    case 'backspace':
      return cursor === 0 ? state : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
    case 'delete':
    case 'eof':
      return cursor === value.length ? state : { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'left':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
    case 'word-left':
      return { value, cursor: wordStart(value, cursor) };
    case 'word-right': {
      const m = /^\s*\S*/.exec(value.slice(cursor));
      return { value, cursor: cursor + (m ? m[0].length : 0) };
    }
    case 'kill-before':
      return { value: value.slice(cursor), cursor: 0 };
    case 'kill-after':
      return { value: value.slice(0, cursor), cursor };
    case 'kill-word': {
      const start = wordStart(value, cursor);
      return { value: value.slice(0, start) + value.slice(cursor), cursor: start };
    }
    default:
      return state;
  }
}

function wordStart(value: string, cursor: number): number {
  const m = /\S*\s*$/.exec(value.slice(0, cursor));
  return cursor - (m ? m[0].length : 0);
}

/**
 * Up/Down through the history as bash does: `index` runs from 0 (oldest) to history.length (the
 * line being typed, kept as `draft` while browsing).
 */
export interface HistoryCursor {
  index: number;
  draft: string;
}

export function recallHistory(history: readonly string[], at: HistoryCursor | undefined, current: string, delta: number): { line: string; at: HistoryCursor } | undefined {
  const from = at ?? { index: history.length, draft: current };
  const to = Math.max(0, Math.min(history.length, from.index + delta));
  if (to === from.index) return undefined;
  return { line: to === history.length ? from.draft : history[to], at: { index: to, draft: from.draft } };
}

/** Where the terminal's cursor is relative to the start of the prompt: rows down and column. */
interface Place {
  row: number;
  col: number;
}

const place = (offset: number, cols: number): Place => ({ row: Math.floor(offset / cols), col: offset % cols });

/**
 * The escape sequences that repaint `prompt` + the line in place: back up to the prompt's first
 * row (the cursor is `cursorRow` rows below it), erase to the end of the screen, write, and put
 * the cursor where the line's cursor is. Returns the text and the cursor's row after it.
 * Widths are in cells (one per character: the prompt and commands are ASCII in practice).
 */
export function redraw(prompt: string, line: LineState, cols: number, cursorRow: number): { text: string; cursorRow: number } {
  let text = cursorRow > 0 ? `\x1b[${cursorRow}A` : '';
  text += `\r\x1b[J${prompt}${line.value}`;
  const endOffset = prompt.length + line.value.length;
  const end = place(endOffset, cols);
  // A line that fills its last row exactly leaves xterm's cursor pending at the right edge: start the next row.
  if (end.col === 0 && endOffset > 0) text += '\r\n';
  const at = place(prompt.length + line.cursor, cols);
  if (end.row > at.row) text += `\x1b[${end.row - at.row}A`;
  text += '\r';
  if (at.col > 0) text += `\x1b[${at.col}C`;
  return { text, cursorRow: at.row };
}

/** The rows below the cursor's row that the line still occupies (to step past it before output). */
export function rowsBelowCursor(prompt: string, line: LineState, cols: number): number {
  return place(prompt.length + line.value.length, cols).row - place(prompt.length + line.cursor, cols).row;
}

/** What a Tab does, as bash's readline does it by default. */
export interface TabOutcome {
  line: LineState;
  /** Candidates to list under the prompt (a second Tab on an ambiguous word). */
  list?: string[];
  /** Nothing to add: bash rings the bell. */
  bell: boolean;
}

/**
 * One candidate replaces the word (plus a space unless it ends in `/` or `=` or a space follows);
 * several extend it to their common prefix; when that adds nothing, the first Tab rings the
 * bell and a second one (`repeated`) lists them.
 */
export function tabComplete(line: LineState, completion: { word: string; candidates: readonly string[] }, repeated: boolean): TabOutcome {
  const { word, candidates } = completion;
  if (candidates.length === 0) return { line, bell: true };
  const { value, cursor } = line;
  const start = cursor - word.length;
  const single = candidates.length === 1;
  const spaced = single && !/[/=]$/.test(candidates[0]) && !value.slice(cursor).startsWith(' ');
  const insert = single ? candidates[0] + (spaced ? ' ' : '') : commonPrefix(candidates);
  const next = { value: value.slice(0, start) + insert + value.slice(cursor), cursor: start + insert.length };
  if (next.value !== value || single) return { line: next, bell: false };
  return repeated ? { line, list: [...candidates], bell: false } : { line, bell: true };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Candidates laid out as readline lists them: in columns as wide as the longest plus two,
 * sorted down each column first, as many columns as fit in `cols`.
 */
export function listCandidates(candidates: readonly string[], cols: number): string[] {
  if (candidates.length === 0) return [];
  const width = Math.max(...candidates.map((c) => c.length)) + 2;
  const perRow = Math.max(1, Math.floor((cols + 2) / width));
  const rows = Math.ceil(candidates.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const i = c * rows + r;
      if (i >= candidates.length) break;
      const last = c === perRow - 1 || (c + 1) * rows + r >= candidates.length;
      line += last ? candidates[i] : candidates[i].padEnd(width);
    }
    lines.push(line);
  }
  return lines;
}
