/**
 * The YAML editor: CodeMirror 6 with YAML highlighting in the theme's colours and diagnostics as
 * you type. Loaded on demand (a chunk of its own). Validation runs in the worker (bridge.validate:
 * the decoding `kubectl apply -f -` does), debounced by CodeMirror's linter; each diagnostic is
 * underlined on its line and listed by the panel (EditorPanel.tsx) through `onDiagnostics`.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { validate } from '../bridge.ts';
import { placeDiagnostics, type PlacedDiagnostic } from '../editor-diagnostics.ts';

/** Quiet time after the last keystroke before the text is validated. */
export const VALIDATE_DELAY_MS = 350;

export interface YamlEditorOptions {
  doc: string;
  /** The accessible name of the text area. */
  label: string;
  onChange(text: string): void;
  onDiagnostics(found: PlacedDiagnostic[]): void;
  /** Ctrl+S / Cmd+S. */
  onSave(): void;
  /** Escape; false leaves the key to the editor (then Tab moves focus out, as CodeMirror allows). */
  onCancel(): boolean;
  /** Ctrl+Enter / Cmd+Enter. */
  onApply(): void;
}

export interface YamlEditor {
  /** Replaces the whole text (and the accessible name). */
  load(doc: string, label: string): void;
  text(): string;
  focus(): void;
  /** Moves the cursor to a 1-based line and shows it. */
  goToLine(line: number): void;
  destroy(): void;
}

const highlight = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--accent)', fontWeight: '600' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--ok)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--wait)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.keyword, tags.processingInstruction, tags.labelName, tags.typeName], color: 'var(--bad)' },
  { tag: [tags.punctuation, tags.separator, tags.squareBracket, tags.brace], color: 'var(--muted)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--surface-2)', color: 'var(--text)', fontSize: '0.9rem' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.45' },
  '.cm-content': { caretColor: 'var(--accent)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--accent)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--accent-soft)' },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--bad)', textUnderlineOffset: '3px' },
});

export function openYamlEditor(parent: HTMLElement, opts: YamlEditorOptions): YamlEditor {
  const label = new Compartment();
  const labelled = (name: string): Extension => EditorView.contentAttributes.of({ 'aria-label': name });
  const lint = linter(
    async (view): Promise<Diagnostic[]> => {
      const doc = view.state.doc;
      let placed: PlacedDiagnostic[];
      try {
        placed = placeDiagnostics(doc, await validate(doc.toString()));
      } catch {
        placed = [];
      }
      // A stale answer (the text changed while the worker validated) is dropped by the linter; so here.
      if (view.state.doc === doc) opts.onDiagnostics(placed);
      return placed.map((d) => ({ from: d.from, to: d.to, severity: d.severity, message: d.message, source: 'kubectl apply' }));
    },
    { delay: VALIDATE_DELAY_MS },
  );
  const state = (doc: string, name: string) =>
    EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        indentUnit.of('  '),
        EditorState.tabSize.of(2),
        yaml(),
        // The panel is narrow: long lines (annotations, kubectl edit's header) wrap instead of scrolling sideways.
        EditorView.lineWrapping,
        syntaxHighlighting(highlight),
        lintGutter(),
        lint,
        keymap.of([
          { key: 'Mod-s', preventDefault: true, run: () => (opts.onSave(), true) },
          { key: 'Mod-Enter', preventDefault: true, run: () => (opts.onApply(), true) },
          { key: 'Escape', run: () => opts.onCancel() },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        label.of(labelled(name)),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString());
        }),
        theme,
      ],
    });
  const view = new EditorView({ parent, state: state(opts.doc, opts.label) });
  // Keyboard users can reach and scroll the editor's scroll area (axe: scrollable-region-focusable).
  view.scrollDOM.tabIndex = 0;
  view.scrollDOM.setAttribute('aria-label', 'YAML editor scroll area');
  return {
    load: (doc, name) => {
      view.setState(state(doc, name));
      opts.onChange(doc);
      if (doc === '') opts.onDiagnostics([]);
    },
    text: () => view.state.doc.toString(),
    focus: () => view.focus(),
    goToLine: (n) => {
      const line = view.state.doc.line(Math.min(Math.max(1, n), view.state.doc.lines));
      view.dispatch({ selection: { anchor: line.from }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
