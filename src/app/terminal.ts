/**
 * What happens when the user presses Enter in the terminal: the line is recorded, run on the live
 * cluster through the bridge, and its output kept in the scrollback (the store's entries, which
 * the xterm screen shows as it comes: views/term-shell.ts). `help` and `clear`
 * are handled here, as a shell would handle its built-ins. A line with a here-document
 * (`kubectl apply -f - <<EOF`) waits, like a shell's `>` prompt, for its body lines and the
 * delimiter line, then runs with the body as stdin.
 */
import { parseScript, ScriptSyntaxError } from '../commands/shell/script.ts';
import { quoteWord } from '../commands/shell/words.ts';
import { exec } from './bridge.ts';
import type { ExecResult } from './protocol.ts';
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
Tab completes commands, kinds, names and flags (Tab twice lists the choices); Up/Down recall
earlier commands; Ctrl+C stops a watch (kubectl get -w) or abandons the line; "clear" or Ctrl+L
empties the screen. Select text to copy it; a pasted block runs line by line.
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

/** What a line entered at the prompt came to. */
export type Submitted =
  /** A here-document is open: the prompt reads its next line. */
  | { kind: 'more' }
  /** `clear`: the screen is to be emptied. */
  | { kind: 'cleared' }
  /** A blank line: nothing ran. */
  | { kind: 'blank' }
  /** The command ran (its output is also in the scrollback entry). */
  | { kind: 'done'; output: string; exitCode: number };

/** Resolves the `kubectl edit` waiting for the editor panel, once it is saved or cancelled. */
let editDone: ((result: ExecResult) => void) | undefined;

/**
 * Runs a line entered at the prompt. `onOutput` gets what a live watch (`kubectl get -w`) prints
 * while it runs; the promise settles when the command ends (for `kubectl edit`, when the editor
 * panel is saved or cancelled).
 */
export async function submitCommand(input: string, onOutput?: (text: string) => void): Promise<Submitted> {
  const ui = appStore.getState();
  const pending = ui.pendingLines;
  // Heredoc body lines are kept verbatim (YAML indentation matters); a new command is trimmed.
  const lines = pending.length > 0 ? [...pending, input] : [input.trim()];
  if (lines[0] === '') return { kind: 'blank' };
  if (pending.length === 0) ui.pushHistory(lines[0]);
  if (pending.length === 0 && lines[0] === 'clear') {
    ui.clearEntries();
    return { kind: 'cleared' };
  }
  const typed = readTypedCommand(lines);
  if (typed.kind === 'more') {
    ui.setPendingLines(lines);
    return { kind: 'more' };
  }
  ui.setPendingLines([]);
  const id = ui.startEntry(lines.join('\n'));
  const finish = (output: string, exitCode: number): Submitted => {
    appStore.getState().finishEntry(id, output, exitCode);
    return { kind: 'done', output, exitCode };
  };
  if (typed.kind === 'empty') return finish('', 0);
  if (typed.kind === 'error') return finish(`${typed.message}\n`, 2);
  if (typed.line === 'help' && typed.stdin === undefined) return finish(HELP_TEXT, 0);
  let result = await run(typed.line, typed.stdin, onOutput);
  if (result.edit !== undefined) {
    const done = new Promise<ExecResult>((resolve) => {
      editDone = resolve;
    });
    appStore.getState().setEditing({ entryId: id, line: typed.line, original: result.edit });
    result = await done;
  }
  return finish(result.output, result.exitCode);
}

async function run(line: string, stdin: string | undefined, onOutput?: (text: string) => void): Promise<ExecResult> {
  try {
    return await exec(line, stdin, onOutput);
  } catch (e) {
    return { output: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
  }
}

/**
 * Closes the editor panel: the saved text (or, on cancel, the text as opened, which kubectl
 * answers with "Edit cancelled, no changes made.") goes to the same `kubectl edit` line as stdin.
 */
export async function finishEdit(text: string | undefined): Promise<ExecResult | undefined> {
  const ui = appStore.getState();
  const editing = ui.editing;
  if (!editing) return undefined;
  ui.setEditing(undefined);
  const result = await run(editing.line, text ?? editing.original);
  const resolve = editDone;
  editDone = undefined;
  if (resolve) resolve(result);
  else appStore.getState().finishEntry(editing.entryId, result.output, result.exitCode);
  return result;
}

/** Ctrl+C at the prompt: forgets an unfinished heredoc. */
export function abandonPending(): void {
  appStore.getState().setPendingLines([]);
}
