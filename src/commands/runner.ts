/**
 * Plays a scenario script through a Session and produces its transcript. Pure: the Node CLI and
 * the browser both call it, with their own file access.
 */
import { parseScript, ScriptSyntaxError } from './shell/script.ts';
import { Session } from './session.ts';
import type { FileSystem } from './types.ts';

export interface TranscriptEntry {
  /** The command exactly as written in the script. */
  line: string;
  output: string;
  exitCode: number;
  /** Simulated time (ms since 2025-01-01T00:00:00Z) when the command ran. */
  time: number;
}

export interface ScriptRun {
  entries: TranscriptEntry[];
  /** 0 when the script ran to its end; 2 when a line could not be parsed or a sim directive was invalid. */
  status: 0 | 2;
  /** `FILE:LINE: message` when status is 2. */
  error?: string;
  session: Session;
}

export interface RunOptions {
  seed?: number;
  fs?: FileSystem;
  /** Name used in error messages. */
  file?: string;
  /** Called after each command, for streaming output. */
  onEntry?: (entry: TranscriptEntry) => void;
}

export function runScript(text: string, opts: RunOptions = {}): ScriptRun {
  const file = opts.file ?? 'script';
  const session = new Session({ seed: opts.seed, fs: opts.fs });
  const entries: TranscriptEntry[] = [];
  let commands;
  try {
    commands = parseScript(text);
  } catch (e) {
    if (e instanceof ScriptSyntaxError) return { entries, status: 2, error: `${file}:${e.lineNumber}: ${e.message}`, session };
    throw e;
  }
  for (const cmd of commands) {
    const time = session.sim.now;
    const result = session.exec(cmd.words, cmd.stdin);
    const entry: TranscriptEntry = { line: cmd.text, output: result.output, exitCode: result.exitCode, time };
    entries.push(entry);
    opts.onEntry?.(entry);
    if (result.scriptError !== undefined) {
      return { entries, status: 2, error: `${file}:${cmd.lineNumber}: ${result.scriptError}`, session };
    }
  }
  return { entries, status: 0, session };
}

/**
 * The transcript as text: `$ <line>` then the command's output. Output that does not end in a
 * newline (jsonpath, for one) gets one, so the next `$` starts its own line as in a terminal;
 * the JSON form keeps the output byte for byte.
 */
export function formatEntry(entry: TranscriptEntry): string {
  const output = entry.output === '' || entry.output.endsWith('\n') ? entry.output : `${entry.output}\n`;
  return `$ ${entry.line}\n${output}`;
}
