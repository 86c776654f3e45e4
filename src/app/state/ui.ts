/**
 * UI slice: the terminal's scrollback, input history and unfinished here-document, the Pods
 * panel's namespace filter and which namespace groups are open, and the colour theme. No simulation logic lives here.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ObjectRef } from '../protocol.ts';
import type { AppState } from './store.ts';

/** One command in the terminal's scrollback; `exitCode` is undefined while it runs. */
export interface TerminalEntry {
  id: number;
  line: string;
  output: string;
  exitCode: number | undefined;
}

/** A `kubectl edit` waiting in the editor panel: saving runs `line` again with the text as stdin. */
export interface EditSession {
  entryId: number;
  line: string;
  /** The text kubectl opened, as first shown. */
  original: string;
}

/** A node's mark in one step of the scheduling replay. `score` (0–1) is its score bar once scoring began. */
export interface ReplayMark {
  state: 'waiting' | 'rejected' | 'feasible' | 'winner' | 'nominated' | 'skipped';
  label: string;
  score?: number;
  scoreText?: string;
}

/** One step of the scheduling replay as the map draws it: marks on nodes, a caption, the pod's flight. */
export interface MapReplay {
  /** `namespace/name` of the pod whose decision replays. */
  pod: string;
  step: number;
  steps: number;
  caption: string;
  marks: Readonly<Record<string, ReplayMark>>;
  /** The node the pod chip flies to at this step. */
  flyTo?: string;
}

/** `system` follows prefers-color-scheme. */
export type Theme = 'system' | 'light' | 'dark';

/** Scrollback is trimmed to this many commands so a long session stays light. */
export const SCROLLBACK_MAX = 300;
export const HISTORY_MAX = 200;
/** Namespace filter value meaning "all namespaces". */
export const ALL_NAMESPACES = '';

export interface UiSlice {
  entries: TerminalEntry[];
  /** Lines entered, oldest first, for Up/Down recall. */
  history: string[];
  namespace: string;
  /**
   * Namespace groups of the Pods panel the user opened (true) or closed (false); the others
   * follow {@link openByDefault}.
   */
  namespaceOpen: Record<string, boolean>;
  /**
   * Lines of a command whose here-document (`kubectl apply -f - <<EOF`) is still being typed:
   * the command line first, then the body lines so far. Empty when the prompt is at a new command.
   */
  pendingLines: string[];
  theme: Theme;
  /** The edit open in the editor panel, if any. */
  editing: EditSession | undefined;
  /** The object the inspector shows: clicked on the map, in the Pods table, the pending tray or the events list. */
  selected: ObjectRef | undefined;
  select(ref: ObjectRef | undefined): void;
  /** The scheduling replay's current step, drawn over the map (views/scheduling/ builds it); undefined when none runs. */
  replay: MapReplay | undefined;
  setReplay(replay: MapReplay | undefined): void;
  /** Appends a running entry and returns its id. */
  startEntry(line: string): number;
  finishEntry(id: number, output: string, exitCode: number): void;
  clearEntries(): void;
  pushHistory(line: string): void;
  setNamespace(namespace: string): void;
  setNamespaceOpen(namespace: string, open: boolean): void;
  setPendingLines(lines: string[]): void;
  setTheme(theme: Theme): void;
  setEditing(editing: EditSession | undefined): void;
  /** Lines for the terminal from outside it (a restored session), printed above the prompt, oldest first. */
  notices: string[];
  addNotice(text: string): void;
  /** Presenter mode (views/presenter/): large type, the map and the details dock only, hotkeys. */
  presenter: boolean;
  setPresenter(on: boolean): void;
}

let nextEntryId = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  entries: [],
  history: [],
  namespace: ALL_NAMESPACES,
  namespaceOpen: {},
  pendingLines: [],
  theme: 'system',
  editing: undefined,
  selected: undefined,
  replay: undefined,
  setReplay: (replay) => set({ replay }),
  startEntry: (line) => {
    const id = nextEntryId++;
    set((s) => ({ entries: [...s.entries, { id, line, output: '', exitCode: undefined }].slice(-SCROLLBACK_MAX) }));
    return id;
  },
  finishEntry: (id, output, exitCode) =>
    set((s) => ({ entries: s.entries.map((e) => (e.id === id ? { ...e, output, exitCode } : e)) })),
  clearEntries: () => set({ entries: [] }),
  pushHistory: (line) =>
    set((s) => (s.history[s.history.length - 1] === line ? s : { history: [...s.history, line].slice(-HISTORY_MAX) })),
  setNamespace: (namespace) => set({ namespace }),
  setNamespaceOpen: (namespace, open) => set((s) => ({ namespaceOpen: { ...s.namespaceOpen, [namespace]: open } })),
  setPendingLines: (pendingLines) => set({ pendingLines }),
  setTheme: (theme) => set({ theme }),
  setEditing: (editing) => set({ editing }),
  select: (selected) => set({ selected }),
  notices: [],
  addNotice: (text) => set((s) => ({ notices: [...s.notices, text] })),
  presenter: false,
  setPresenter: (presenter) => set({ presenter }),
});

export const selectPresenter = (s: AppState): boolean => s.presenter;

export const selectEditing = (s: AppState): EditSession | undefined => s.editing;
export const selectSelected = (s: AppState): ObjectRef | undefined => s.selected;
export const selectReplay = (s: AppState): MapReplay | undefined => s.replay;

export const selectNotices = (s: AppState): string[] => s.notices;
export const selectEntries = (s: AppState): TerminalEntry[] => s.entries;
export const selectHistory = (s: AppState): string[] => s.history;
export const selectNamespace = (s: AppState): string => s.namespace;
export const selectNamespaceOpen = (s: AppState): Record<string, boolean> => s.namespaceOpen;

/** The control plane's namespace: its dozen pods start folded into one summary row. */
export const SYSTEM_NAMESPACE = 'kube-system';

/** Whether a namespace group starts open: all but kube-system. */
export function openByDefault(namespace: string): boolean {
  return namespace !== SYSTEM_NAMESPACE;
}
export const selectPendingLines = (s: AppState): string[] => s.pendingLines;
export const selectTheme = (s: AppState): Theme => s.theme;
