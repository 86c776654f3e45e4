/**
 * The student's command log as a scenario script: the text a share link and the grader replay.
 * The live cluster's time travel (time-travel.ts) records every command that changed something,
 * with the simulated times it ran; the time that passed between them (Play, Step) becomes
 * `sim advance` lines, so replaying the script in a fresh session of the lab reaches the same
 * state (same trace hash). Pure: no engine, no DOM.
 */
import { quoteWord, splitWords } from '../../commands/shell/words.ts';

/** A command as time travel recorded it (RecordedCommand), and whether it was a script error. */
export interface LoggedCommand {
  /** Simulated ms when it ran, and after it (later for `sim advance`, `kubectl wait`). */
  at: number;
  end: number;
  line: string;
  stdin?: string;
}

/** `sim advance` for a gap of simulated ms, in the unit the Go duration reads back exactly. */
export function advanceLine(ms: number): string {
  if (ms % 3_600_000 === 0) return `sim advance ${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `sim advance ${ms / 60_000}m`;
  if (ms % 1000 === 0) return `sim advance ${ms / 1000}s`;
  return `sim advance ${ms}ms`;
}

/** A heredoc delimiter that is not a line of the body: EOF, else EOF1, EOF2… */
export function heredocDelimiter(stdin: string): string {
  const lines = new Set(stdin.split(/\r?\n/));
  let d = 'EOF';
  for (let i = 1; lines.has(d); i++) d = `EOF${i}`;
  return d;
}

/**
 * One command as script text: its words re-quoted on one line (a line typed with quotes or a
 * continuation reads back as the same words), then its here-document body, if any. A body that
 * does not end in a newline gets one: a script's heredoc body always ends with one.
 */
export function commandText(line: string, stdin?: string): string {
  const words = splitWords(line);
  const text = words.map(quoteWord).join(' ');
  if (stdin === undefined) return `${text}\n`;
  const body = stdin === '' || stdin.endsWith('\n') ? stdin : `${stdin}\n`;
  const delimiter = heredocDelimiter(body);
  return `${text} <<${delimiter}\n${body}${delimiter}\n`;
}

/**
 * The script that takes a fresh copy of the lab from its start (`startMs`) to `nowMs` through the
 * commands: each preceded by `sim advance` for the time that passed since the previous one ended,
 * then the time passed since the last. Lines that cannot be split into words are skipped (they
 * ran nothing).
 */
export function commandLogScript(commands: readonly LoggedCommand[], startMs: number, nowMs: number): string {
  let out = '';
  let t = startMs;
  for (const c of commands) {
    let text: string;
    try {
      text = commandText(c.line, c.stdin);
    } catch {
      continue;
    }
    if (c.at > t) out += `${advanceLine(c.at - t)}\n`;
    out += text;
    t = Math.max(t, c.end);
  }
  if (nowMs > t) out += `${advanceLine(nowMs - t)}\n`;
  return out;
}
