import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { selectEditing } from '../state/ui.ts';
import { finishEdit } from '../terminal.ts';
import { useAppStore } from './use-app-store.ts';

/**
 * The editor `kubectl edit` opens, in place of the terminal's prompt: the object's YAML under
 * kubectl's header. Save (Ctrl+S) hands
 * the text back to the same command, which patches what changed; Cancel (Escape) closes it as
 * quitting the editor unchanged would. A plain text area until the YAML editor arrives.
 */
export function EditorPanel() {
  const editing = useAppStore(selectEditing);
  if (!editing) return null;
  return <EditorDialog key={editing.entryId} line={editing.line} original={editing.original} />;
}

function EditorDialog({ line, original }: { line: string; original: string }) {
  const [text, setText] = useState(original);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => areaRef.current?.focus(), []);

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void finishEdit(text);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      void finishEdit(undefined);
    }
  };

  return (
    <div className="editor-panel" role="group" aria-label={`Editing: ${line}`}>
      <div className="editor-title">
        Editing <code>{line}</code>
      </div>
      <textarea
        ref={areaRef}
        className="editor-text"
        aria-label="Object to edit"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="editor-actions">
        <span className="editor-hint">Ctrl+S saves · Esc cancels</span>
        <button type="button" className="btn" onClick={() => void finishEdit(undefined)}>
          Cancel
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void finishEdit(text)}>
          Save
        </button>
      </div>
    </div>
  );
}
