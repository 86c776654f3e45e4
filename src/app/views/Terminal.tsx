import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { selectEntries, selectHistory, type TerminalEntry } from '../state/ui.ts';
import { submitCommand } from '../terminal.ts';
import { useAppStore } from './use-app-store.ts';

/** A shell-like prompt for kubectl and sim commands, with scrollback and Up/Down history. */
export function Terminal() {
  const entries = useAppStore(selectEntries);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [entries]);

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
      </div>
      <Prompt inputRef={inputRef} />
    </section>
  );
}

function Entry({ entry }: { entry: TerminalEntry }) {
  const failed = entry.exitCode !== undefined && entry.exitCode !== 0;
  return (
    <div className={`term-entry ${failed ? 'is-failed' : ''}`} data-exit-code={entry.exitCode}>
      <pre className="term-line">
        <span className="term-prompt" aria-hidden="true">$ </span>
        {entry.line}
      </pre>
      {entry.exitCode === undefined ? (
        <pre className="term-output term-running">running…</pre>
      ) : (
        entry.output !== '' && <pre className="term-output">{entry.output}</pre>
      )}
    </div>
  );
}

function Prompt({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const history = useAppStore(selectHistory);
  const [value, setValue] = useState('');
  // Position while browsing history: history.length means "the line being typed".
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const [draft, setDraft] = useState('');

  const recall = (delta: number) => {
    const from = cursor ?? history.length;
    const to = Math.max(0, Math.min(history.length, from + delta));
    if (to === from) return;
    if (cursor === undefined) setDraft(value);
    setCursor(to);
    setValue(to === history.length ? draft : history[to]);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void submitCommand(value);
      setValue('');
      setCursor(undefined);
      setDraft('');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      recall(-1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      recall(1);
    }
  };

  return (
    <div className="term-prompt-row">
      <span className="term-prompt" aria-hidden="true">
        $
      </span>
      <input
        ref={inputRef}
        className="term-input"
        aria-label="Command"
        placeholder="kubectl get pods -A"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setCursor(undefined);
        }}
        onKeyDown={onKeyDown}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        autoFocus
      />
    </div>
  );
}

/** Clicking the scrollback focuses the prompt, unless the user is selecting text to copy. */
function focusUnlessSelecting(input: HTMLInputElement | null) {
  if (window.getSelection()?.toString()) return;
  input?.focus();
}
