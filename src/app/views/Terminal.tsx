import { useEffect, useRef, useState } from 'react';
import { selectEditing, selectEntries, selectTheme, type TerminalEntry } from '../state/ui.ts';
import { EditorPanel } from './EditorPanel.tsx';
import { SplitHandle, type SplitPane } from './SplitHandle.tsx';
import type { ShellHandle } from './term-shell.ts';
import { focusStaysOnTab, rovingTabProps } from './tabs.ts';
import { useAppStore } from './use-app-store.ts';

type Pane = SplitPane;

/**
 * The console panel: the terminal (xterm.js, loaded on demand: term-shell.ts) and the YAML
 * editor (CodeMirror, also on demand), one at a time behind two tabs. `kubectl edit` switches to
 * the editor and back once it is saved or cancelled.
 */
export function Terminal() {
  const editing = useAppStore(selectEditing);
  const [pane, setPane] = useState<Pane>('terminal');
  const [editorOpened, setEditorOpened] = useState(false);
  const editingNow = editing !== undefined;
  const [wasEditing, setWasEditing] = useState(editingNow);
  if (wasEditing !== editingNow) {
    setWasEditing(editingNow);
    setPane(editingNow ? 'editor' : 'terminal');
    if (editingNow) setEditorOpened(true);
  }
  const show = (p: Pane) => {
    setPane(p);
    if (p === 'editor') setEditorOpened(true);
  };

  // Two grid items: the console, and the bar that resizes it against the Pods table below.
  return (
    <>
      <div className="panel console">
        <div className="panel-head console-head">
          <div className="console-tabs" role="tablist" aria-label="Console">
            <ConsoleTab pane="terminal" current={pane} onSelect={show} label="Terminal" />
            <ConsoleTab pane="editor" current={pane} onSelect={show} label={editing ? 'YAML editor · editing' : 'YAML editor'} />
          </div>
          <span className="panel-count">kubectl · sim · help</span>
        </div>
        <section id="console-terminal" className="console-pane" aria-label="Terminal" hidden={pane !== 'terminal'}>
          <XtermHost active={pane === 'terminal'} />
          <Transcript />
        </section>
        <section id="console-editor" className="console-pane" aria-label="YAML editor" hidden={pane !== 'editor'}>
          {editorOpened && <EditorPanel active={pane === 'editor'} />}
        </section>
      </div>
      <SplitHandle key={pane} pane={pane} />
    </>
  );
}

const PANES: readonly Pane[] = ['terminal', 'editor'];

/** One of the console's two tabs (arrow keys, Home and End move between them: views/tabs.ts). */
function ConsoleTab({ pane, current, onSelect, label }: { pane: Pane; current: Pane; onSelect: (p: Pane) => void; label: string }) {
  return (
    <button
      type="button"
      role="tab"
      id={`console-tab-${pane}`}
      className="console-tab"
      aria-selected={pane === current}
      aria-controls={`console-${pane}`}
      onClick={() => onSelect(pane)}
      {...rovingTabProps(PANES, pane, current, onSelect)}
    >
      {label}
    </button>
  );
}

/** Mounts xterm once its chunk has loaded; focuses it whenever the terminal pane is shown. */
function XtermHost({ active }: { active: boolean }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const shellRef = useRef<ShellHandle | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const theme = useAppStore(selectTheme);

  useEffect(() => {
    let disposed = false;
    import('./term-shell.ts').then(
      ({ openShell }) => {
        if (disposed || !hostRef.current) return;
        shellRef.current = openShell(hostRef.current);
        setReady(true);
      },
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      disposed = true;
      shellRef.current?.dispose();
      shellRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (ready && active && !focusStaysOnTab()) shellRef.current?.focus();
  }, [ready, active]);

  // The theme attribute changes before paint; xterm's colours are read from the new tokens.
  useEffect(() => {
    if (!ready) return;
    // App applies the theme in its own effect, after this one: read the colours a frame later.
    const frame = requestAnimationFrame(() => shellRef.current?.restyle());
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => shellRef.current?.restyle();
    media.addEventListener('change', onChange);
    return () => {
      cancelAnimationFrame(frame);
      media.removeEventListener('change', onChange);
    };
  }, [ready, theme]);

  return (
    <div className="term-host" ref={hostRef}>
      {!ready && <p className="term-loading">{failed ? `The terminal could not load: ${failed}` : 'Starting the terminal…'}</p>}
    </div>
  );
}

/**
 * The scrollback as data: each command with its output and exit code. The screen shows the same
 * text (xterm's own accessibility tree reads it to screen readers), so this copy is hidden; tests
 * and tools read exact output from it, which a screen's wrapped rows cannot give.
 */
function Transcript() {
  const entries = useAppStore(selectEntries);
  return (
    <div className="term-transcript" hidden>
      {entries.map((e) => (
        <Entry key={e.id} entry={e} />
      ))}
    </div>
  );
}

function Entry({ entry }: { entry: TerminalEntry }) {
  return (
    <div className="term-entry" data-exit-code={entry.exitCode}>
      <pre className="term-line">
        {entry.line
          .split('\n')
          .map((line, i) => `${i === 0 ? '$ ' : '> '}${line}`)
          .join('\n')}
      </pre>
      {entry.exitCode !== undefined && entry.output !== '' && <pre className="term-output">{entry.output}</pre>}
    </div>
  );
}
