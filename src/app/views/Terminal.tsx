import { Fragment, useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react';
import { selectEditing, selectEntries, selectHistory, selectPendingLines, type TerminalEntry } from '../state/ui.ts';
import { complete } from '../bridge.ts';
import { abandonPending, applyCompletion, submitCommand } from '../terminal.ts';
import { EditorPanel } from './EditorPanel.tsx';
import { useAppStore } from './use-app-store.ts';

/** A shell-like prompt for kubectl and sim commands, with scrollback and Up/Down history. */
export function Terminal() {
  const entries = useAppStore(selectEntries);
  const pendingLines = useAppStore(selectPendingLines);
  const editing = useAppStore(selectEditing);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries, pendingLines]);

  return (
    <section className="panel terminal" aria-labelledby="terminal-title">
      <div className="panel-head">
        <h2 id="terminal-title">Terminal</h2>
        <span className="panel-count">kubectl · sim · help</span>
      </div>
      <div className="term-log" ref={logRef} role="log" aria-label="Scrollback" onClick={() => focusUnlessSelecting(inputRef.current)}>
        <p className="term-welcome">
          Live cluster, seed 1. Try <code>kubectl get nodes</code>, <code>sim advance 5m</code> or <code>help</code>.
        </p>
        {entries.map((e) => (
          <Entry key={e.id} entry={e} />
        ))}
        {pendingLines.length > 0 && (
          <div className="term-pending" aria-label="Here-document being typed">
            <CommandLines text={pendingLines.join('\n')} />
          </div>
        )}
      </div>
      {editing ? <EditorPanel /> : <Prompt inputRef={inputRef} continuing={pendingLines.length > 0} />}
    </section>
  );
}

function Entry({ entry }: { entry: TerminalEntry }) {
  const failed = entry.exitCode !== undefined && entry.exitCode !== 0;
  return (
    <div className={`term-entry ${failed ? 'is-failed' : ''}`} data-exit-code={entry.exitCode}>
      <CommandLines text={entry.line} />
      {entry.exitCode === undefined ? (
        <pre className="term-output term-running">running…</pre>
      ) : (
        entry.output !== '' && <pre className="term-output">{entry.output}</pre>
      )}
    </div>
  );
}

/** A command as typed: `$ ` before its first line and a shell's `> ` before heredoc lines. */
function CommandLines({ text }: { text: string }) {
  return (
    <pre className="term-line">
      {text.split('\n').map((line, i) => (
        <Fragment key={i}>
          {i > 0 && '\n'}
          <span className="term-prompt" aria-hidden="true">
            {i === 0 ? '$ ' : '> '}
          </span>
          {line}
        </Fragment>
      ))}
    </pre>
  );
}

function Prompt({ inputRef, continuing }: { inputRef: RefObject<HTMLInputElement | null>; continuing: boolean }) {
  const history = useAppStore(selectHistory);
  const [value, setValue] = useState('');
  // Position while browsing history: history.length means "the line being typed".
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const [draft, setDraft] = useState('');
  // Candidates listed under the prompt after an ambiguous Tab, as bash lists them.
  const [hints, setHints] = useState<string[]>([]);

  // Reads the line from the input itself (state may lag a fast typist) and drops an answer that
  // arrives after the line changed.
  const completeAtCursor = async (input: HTMLInputElement) => {
    const text = input.value;
    const at = input.selectionStart ?? text.length;
    const completion = await complete(text.slice(0, at));
    if (input.value !== text) return;
    const result = applyCompletion(text, at, completion);
    setValue(result.value);
    setHints(result.hints);
    // The caret moves once React has rendered the new line — unless the line changed meanwhile.
    requestAnimationFrame(() => {
      if (input.value === result.value) input.setSelectionRange(result.cursor, result.cursor);
    });
  };

  const recall = (delta: number) => {
    const from = cursor ?? history.length;
    const to = Math.max(0, Math.min(history.length, from + delta));
    if (to === from) return;
    if (cursor === undefined) setDraft(value);
    setCursor(to);
    setValue(to === history.length ? draft : history[to]);
  };

  const reset = () => {
    setValue('');
    setCursor(undefined);
    setDraft('');
    setHints([]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (e.key === 'Tab' && !continuing) {
      e.preventDefault();
      void completeAtCursor(input);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void submitCommand(value);
      reset();
    } else if (e.key === 'c' && e.ctrlKey && input.selectionStart === input.selectionEnd) {
      // As in a shell: with nothing selected to copy, Ctrl+C abandons the line (and any heredoc).
      e.preventDefault();
      abandonPending();
      reset();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      recall(-1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      recall(1);
    }
  };

  // A pasted block (a heredoc, several commands) runs line by line, as a shell reads it; the text
  // after the last newline stays at the prompt.
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text/plain').replace(/\r\n?/g, '\n');
    if (!text.includes('\n')) return;
    e.preventDefault();
    const input = e.currentTarget;
    const before = value.slice(0, input.selectionStart ?? value.length);
    const after = value.slice(input.selectionEnd ?? value.length);
    const lines = (before + text + after).split('\n');
    const last = lines.pop() ?? '';
    for (const line of lines) void submitCommand(line);
    reset();
    setValue(last);
  };

  return (
    <div className="term-prompt-row">
      <span className="term-prompt" aria-hidden="true">
        {continuing ? '>' : '$'}
      </span>
      <input
        ref={inputRef}
        className="term-input"
        aria-label="Command"
        placeholder={continuing ? 'heredoc: type lines, then the delimiter (Ctrl+C abandons)' : 'kubectl get pods -A'}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setCursor(undefined);
          setHints([]);
        }}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        autoFocus
      />
      {hints.length > 0 && (
        <pre className="term-hints" aria-label="Completions">
          {hints.join('  ')}
        </pre>
      )}
    </div>
  );
}

/** Clicking the scrollback focuses the prompt, unless the user is selecting text to copy. */
function focusUnlessSelecting(input: HTMLInputElement | null) {
  if (window.getSelection()?.toString()) return;
  input?.focus();
}
