/**
 * What happens when the user presses Enter in the terminal: the line is recorded, run on the live
 * cluster through the bridge, and its output written back to the scrollback. `help` and `clear`
 * are handled here, as a shell would handle its built-ins. A line with a here-document
 * (`kubectl apply -f - <<EOF`) waits, like a shell's `>` prompt, for its body lines and the
 * delimiter line, then runs with the body as stdin.
 */
import { parseScript, ScriptSyntaxError } from '../commands/shell/script.ts';
import { quoteWord } from '../commands/shell/words.ts';
import type { Completion } from '../commands/completion.ts';
import { exec } from './bridge.ts';
import { appStore } from './state/store.ts';

export const HELP_TEXT = `Commands run on the live cluster, exactly as in a scenario script:
  kubectl get nodes              list the nodes
  kubectl get pods -A            list pods in every namespace
  kubectl create namespace demo  create a namespace
  kubectl apply -f - <<EOF       then YAML lines, then EOF: create or update objects
  kubectl delete pod NAME        delete a pod
  kubectl --help                 all kubectl commands
  sim advance 5m                 run the cluster forward five minutes
  sim node add node-4            add a worker node
  sim cluster --nodes 2          start over on a new cluster
Tab completes commands, flags and names; Up/Down recall earlier commands; Ctrl+C abandons the line;
"clear" empties this scrollback.
`;

/** What the lines typed so far amount to. */
export type TypedCommand =
  /** A here-document is still open: keep reading lines. */
  | { kind: 'more' }
  /** Run `line` (the words, re-quoted, without the `<<` operator) with the heredoc body as stdin. */
  | { kind: 'run'; line: string; stdin?: string }
  /** Nothing to run (only the operator, say). */
  | { kind: 'empty' }
  | { kind: 'error'; message: string };

/**
 * Reads a command typed over one or more lines. Lines without `<<` run as typed; otherwise the
 * scenario-script parser decides, so the terminal accepts exactly the heredocs a script does.
 */
export function readTypedCommand(lines: readonly string[]): TypedCommand {
  if (lines.length === 1 && !lines[0].includes('<<')) return { kind: 'run', line: lines[0] };
  let commands;
  try {
    commands = parseScript(lines.join('\n'));
  } catch (e) {
    if (!(e instanceof ScriptSyntaxError)) throw e;
    if (/was not closed/.test(e.message)) return { kind: 'more' };
    return { kind: 'error', message: e.message };
  }
  const [command] = commands;
  if (command === undefined) return { kind: 'empty' };
  const line = command.words.map(quoteWord).join(' ');
  return command.stdin === undefined ? { kind: 'run', line } : { kind: 'run', line, stdin: command.stdin };
}

export async function submitCommand(input: string): Promise<void> {
  const ui = appStore.getState();
  const pending = ui.pendingLines;
  // Heredoc body lines are kept verbatim (YAML indentation matters); a new command is trimmed.
  const lines = pending.length > 0 ? [...pending, input] : [input.trim()];
  if (lines[0] === '') return;
  if (pending.length === 0) ui.pushHistory(lines[0]);
  if (pending.length === 0 && lines[0] === 'clear') {
    ui.clearEntries();
    return;
  }
  const typed = readTypedCommand(lines);
  if (typed.kind === 'more') {
    ui.setPendingLines(lines);
    return;
  }
  ui.setPendingLines([]);
  const id = ui.startEntry(lines.join('\n'));
  if (typed.kind === 'empty') {
    ui.finishEntry(id, '', 0);
    return;
  }
  if (typed.kind === 'error') {
    ui.finishEntry(id, `${typed.message}\n`, 2);
    return;
  }
  if (typed.line === 'help' && typed.stdin === undefined) {
    ui.finishEntry(id, HELP_TEXT, 0);
    return;
  }
  let result;
  try {
    result = await exec(typed.line, typed.stdin);
  } catch (e) {
    result = { output: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
  if (result.edit !== undefined) {
    appStore.getState().setEditing({ entryId: id, line: typed.line, original: result.edit });
    return;
  }
  appStore.getState().finishEntry(id, result.output, result.exitCode);
}

/**
 * Closes the editor panel: the saved text (or, on cancel, the text as opened, which kubectl
 * answers with "Edit cancelled, no changes made.") goes to the same `kubectl edit` line as stdin.
 */
export async function finishEdit(text: string | undefined): Promise<void> {
  const ui = appStore.getState();
  const editing = ui.editing;
  if (!editing) return;
  ui.setEditing(undefined);
  let result;
  try {
    result = await exec(editing.line, text ?? editing.original);
  } catch (e) {
    result = { output: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
  appStore.getState().finishEntry(editing.entryId, result.output, result.exitCode);
}

/** Ctrl+C at the prompt: forgets an unfinished heredoc. */
export function abandonPending(): void {
  appStore.getState().setPendingLines([]);
}

/** The prompt after a Tab: its new text and cursor, and the candidates to list when ambiguous. */
export interface TabResult {
  value: string;
  cursor: number;
  hints: string[];
}

/**
 * Applies a completion to the prompt as bash does: a single candidate replaces the word (plus a
 * space unless it ends in `/` or `=` or one follows), several extend it to their common prefix and are listed.
 */
export function applyCompletion(value: string, cursor: number, completion: Completion): TabResult {
  const { word, candidates } = completion;
  if (candidates.length === 0) return { value, cursor, hints: [] };
  const start = cursor - word.length;
  const single = candidates.length === 1;
  const spaced = single && !/[/=]$/.test(candidates[0]) && !value.slice(cursor).startsWith(' ');
  const insert = single ? candidates[0] + (spaced ? ' ' : '') : commonPrefix(candidates);
  const next = value.slice(0, start) + insert + value.slice(cursor);
  return { value: next, cursor: start + insert.length, hints: single ? [] : candidates };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
