/**
 * Runs a command as if the presenter typed it at the terminal's prompt, so it shows in the
 * terminal (prompt, command, output), joins its history and scrollback, and marks the timeline
 * like any command. The text goes to xterm as a paste (the terminal runs a pasted block line by
 * line, here-documents included). When the terminal cannot take it now (not loaded yet, a command
 * or a watch still running, a line half typed or a here-document open), the lines go through the
 * terminal's own submit path instead (terminal.ts: scrollback, history, time-travel markers).
 */
import { appStore } from '../state/store.ts';
import { submitCommand } from '../terminal.ts';

export function runVisible(command: string): void {
  const host = document.querySelector<HTMLElement>('#console-terminal .term-host');
  const textarea = host?.querySelector<HTMLTextAreaElement>('.xterm textarea');
  const state = appStore.getState();
  const last = state.entries[state.entries.length - 1];
  const busy = last !== undefined && last.exitCode === undefined;
  const idle = !busy && state.pendingLines.length === 0 && (host?.dataset.line ?? '') === '' && state.editing === undefined;
  if (textarea && idle) {
    const data = new DataTransfer();
    data.setData('text/plain', `${command}\n`);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return;
  }
  void submitLines(command.split('\n'));
}

async function submitLines(lines: string[]): Promise<void> {
  for (const line of lines) await submitCommand(line);
}
