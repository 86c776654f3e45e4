import { useEffect, useRef, useState } from 'react';
import { exec } from '../bridge.ts';
import type { PlacedDiagnostic } from '../editor-diagnostics.ts';
import type { Example } from '../examples/index.ts';
import type { ExecResult } from '../protocol.ts';
import { selectEditing, type EditSession } from '../state/ui.ts';
import { finishEdit } from '../terminal.ts';
import { focusStaysOnTab } from './tabs.ts';
import { useAppStore } from './use-app-store.ts';
import type { YamlEditor } from './yaml-editor.ts';

/** What the editor shows before anything else is opened. */
export const STARTER = `# Write or paste manifests here, or open an example; Apply (Ctrl+Enter) runs kubectl apply -f -.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 2
  selector:
    matchLabels:
      app: hello
  template:
    metadata:
      labels:
        app: hello
    spec:
      containers:
      - name: hello
        image: nginx:1.27
`;

const FREE_LABEL = 'YAML to apply';
const EDIT_LABEL = 'Object to edit';

/**
 * The YAML editor (CodeMirror, loaded on demand: yaml-editor.ts). On its own it edits manifests
 * to apply — examples from the real-world corpus one pick away, Apply runs `kubectl apply -f -`
 * with the text as stdin. `kubectl edit` opens the object in it: Save (Ctrl+S) hands the text
 * back to the same command, which patches what changed; Cancel (Escape) closes it as quitting
 * the editor unchanged would. Problems are checked in the worker as you type.
 */
export function EditorPanel({ active }: { active: boolean }) {
  const editing = useAppStore(selectEditing);
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<YamlEditor | undefined>(undefined);
  const draftRef = useRef(STARTER);
  const textRef = useRef(STARTER);
  const editingRef = useRef<EditSession | undefined>(editing);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const [problems, setProblems] = useState<PlacedDiagnostic[] | undefined>(undefined);
  const [result, setResult] = useState<ExecResult | undefined>(undefined);
  const [applying, setApplying] = useState(false);
  const [example, setExample] = useState<Example | undefined>(undefined);
  const [examples, setExamples] = useState<readonly Example[] | undefined>(undefined);
  editingRef.current = editing;

  const save = () => {
    if (editingRef.current) void finishEdit(textRef.current);
  };
  const cancel = (): boolean => {
    if (!editingRef.current) return false;
    void finishEdit(undefined);
    return true;
  };
  const apply = async () => {
    if (editingRef.current) return save();
    setApplying(true);
    try {
      setResult(await exec('kubectl apply -f -', textRef.current));
    } catch (e) {
      setResult({ output: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 });
    }
    setApplying(false);
  };
  const actions = useRef({ save, cancel, apply });
  actions.current = { save, cancel, apply };

  useEffect(() => {
    let disposed = false;
    import('./yaml-editor.ts').then(
      ({ openYamlEditor }) => {
        if (disposed || !hostRef.current) return;
        const session = editingRef.current;
        const doc = session ? session.original : draftRef.current;
        textRef.current = doc;
        editorRef.current = openYamlEditor(hostRef.current, {
          doc,
          label: session ? EDIT_LABEL : FREE_LABEL,
          onChange: (text) => {
            textRef.current = text;
            if (!editingRef.current) draftRef.current = text;
          },
          onDiagnostics: setProblems,
          onSave: () => actions.current.save(),
          onCancel: () => actions.current.cancel(),
          onApply: () => void actions.current.apply(),
        });
        setReady(true);
      },
      (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)),
    );
    // The examples are text bundled at build time, in a chunk of their own.
    import('../examples/index.ts').then(
      (m) => !disposed && setExamples(m.EXAMPLES_LIST),
      () => undefined,
    );
    return () => {
      disposed = true;
      editorRef.current?.destroy();
      editorRef.current = undefined;
    };
  }, []);

  // `kubectl edit` opens its text; closing it brings back what was being written before.
  const editKey = editing?.entryId;
  const [loadedKey, setLoadedKey] = useState<number | undefined>(editKey);
  useEffect(() => {
    if (!ready || loadedKey === editKey) return;
    setLoadedKey(editKey);
    const session = editingRef.current;
    setProblems(undefined);
    editorRef.current?.load(session ? session.original : draftRef.current, session ? EDIT_LABEL : FREE_LABEL);
  }, [ready, editKey, loadedKey]);

  useEffect(() => {
    if (ready && active && !focusStaysOnTab()) editorRef.current?.focus();
  }, [ready, active, editKey]);

  const openExample = (id: string) => {
    const found = examples?.find((e) => e.id === id);
    if (!found || editingRef.current) return;
    setExample(found);
    setResult(undefined);
    setProblems(undefined);
    draftRef.current = found.text;
    editorRef.current?.load(found.text, FREE_LABEL);
    editorRef.current?.focus();
  };

  return (
    <div className="editor-panel">
      <div className="editor-bar">
        {editing ? (
          <span className="editor-title">
            Editing <code>{editing.line}</code>
          </span>
        ) : (
          <ExamplePicker examples={examples} onPick={openExample} />
        )}
        <span className="editor-hint">{editing ? 'Ctrl+S saves · Esc cancels' : 'Ctrl+Enter applies'}</span>
        {editing ? (
          <>
            <button type="button" className="btn" title="Cancel (Esc)" aria-keyshortcuts="Escape" onClick={() => cancel()}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" title="Save (Ctrl+S)" aria-keyshortcuts="Control+S" onClick={() => save()}>
              Save
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            title="kubectl apply -f - (Ctrl+Enter)"
            aria-keyshortcuts="Control+Enter"
            disabled={applying || !ready}
            onClick={() => void apply()}
          >
            {applying ? 'Applying…' : 'Apply'}
          </button>
        )}
      </div>
      {example && !editing && (
        <p className="editor-source">
          {example.title} — from {example.source} ({example.license})
        </p>
      )}
      <div className="editor-host" ref={hostRef}>
        {!ready && <p className="term-loading">{failed ? `The editor could not load: ${failed}` : 'Starting the editor…'}</p>}
      </div>
      <Problems problems={problems} onGo={(line) => editorRef.current?.goToLine(line)} />
      {result && !editing && (
        <pre className={`editor-output ${result.exitCode === 0 ? '' : 'is-failed'}`} aria-label="Apply output" data-exit-code={result.exitCode}>
          {result.output}
        </pre>
      )}
    </div>
  );
}

/** The examples, once their chunk has loaded. */
function ExamplePicker({ examples, onPick }: { examples: readonly Example[] | undefined; onPick: (id: string) => void }) {
  return (
    <label className="editor-examples">
      <span>Example</span>
      <select
        value=""
        disabled={examples === undefined}
        onChange={(e) => {
          if (e.target.value !== '') onPick(e.target.value);
        }}
      >
        <option value="">Open an example…</option>
        {examples?.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function Problems({ problems, onGo }: { problems: PlacedDiagnostic[] | undefined; onGo: (line: number) => void }) {
  return (
    <div className="editor-problems">
      <p className="editor-status" role="status">
        {problems === undefined ? 'Checking…' : problems.length === 0 ? 'No problems found' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}
      </p>
      {problems !== undefined && problems.length > 0 && (
        <ul aria-label="Problems">
          {problems.map((p, i) => (
            <li key={i} data-line={p.line}>
              <button type="button" className="link-button" onClick={() => onGo(p.line)}>
                Line {p.line}
              </button>{' '}
              <span className="editor-problem-text">{p.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
