/**
 * The labs on the main thread: a small zustand store of what the Labs view shows (UI state only:
 * the worker's replies, replaced wholesale), the actions that ask the worker (through
 * bridge.ts), the autosave of the student's progress (a lab's after every change, the sandbox's —
 * the session the app opens on — after every command: see saveKey), and the boot: a
 * `#lab=v1.…` link in the address opens that lab, else saved progress is restored. No lab logic
 * here: the labs' data, checks and codec live in the worker.
 */
import { createStore } from 'zustand/vanilla';
import { lab as labRequest } from '../bridge.ts';
import { appStore } from '../state/store.ts';
import { ALL_PROGRESS_MAX_CHARS, clearProgress, loadArchive, loadDrafts, loadProgress, saveArchive, saveDrafts, saveSession, setAsideProgress, type ProgressArchive } from './autosave.ts';
import { advanceLine } from './command-log.ts';
import type { ClusterView } from '../protocol.ts';
import type { LabGrade, LabReply, LabRequest, LabState, LabSummary, SavedSession } from './lab-protocol.ts';
import { describeProgressFile, encodeProgressFile, IMPORT_ERROR, mergeProgress, PROGRESS_FILE_NAME } from './progress-file.ts';

export interface LabsUi {
  open: boolean;
  tab: 'course' | 'lab' | 'builder';
  catalog: LabSummary[];
  state: LabState | undefined;
  grade: LabGrade | undefined;
  /** The latest error, in kubectl's words (`error: invalid share link: …`). */
  error: string | undefined;
  /** A note to show (a restored session, a copied link). */
  notice: string | undefined;
  /** The link made by Share. */
  link: string | undefined;
  /** Hints revealed so far. */
  hintsShown: number;
  busy: string | undefined;
  /** Every lab's saved progress and the sandbox's (for "Resume"), as stored. */
  archive: ProgressArchive;
  /** Bumped when an import replaced the drafts, so the builder reloads them. */
  draftsVersion: number;
}

export const labsStore = createStore<LabsUi>()(() => ({
  open: false,
  tab: 'course',
  catalog: [],
  state: undefined,
  grade: undefined,
  error: undefined,
  notice: undefined,
  link: undefined,
  hintsShown: 0,
  busy: undefined,
  archive: { labs: [], sandbox: null },
  draftsVersion: 0,
}));

const set = (s: Partial<LabsUi>): void => labsStore.setState(s);

async function ask(req: LabRequest, busy: string): Promise<LabReply> {
  set({ busy });
  try {
    const reply = await labRequest(req);
    if (reply.kind === 'error') set({ error: reply.message });
    return reply;
  } finally {
    set({ busy: undefined });
  }
}

/**
 * Why a state's session cannot be saved, if it cannot: once the history has dropped its oldest
 * commands (time-travel.ts keeps 2,000), the log no longer replays to this state, and saving it
 * would silently restore another one. The last complete save stays.
 */
export function unsavedReason(state: LabState): string | undefined {
  if (state.logNote === undefined) return undefined;
  return 'error: your session is too long to save: the history dropped its oldest commands, so its log no longer replays to this state; the last complete save is kept';
}

/** The session to save for a state: a lab's progress or the sandbox's log (the app opens on the sandbox). */
export function sessionOf(state: LabState): SavedSession | undefined {
  if (unsavedReason(state) !== undefined) return undefined;
  if (state.mode === 'lab' && state.lab) return { v: 1, lab: state.lab.source, seed: state.lab.seed, script: state.script };
  if (state.mode === 'sandbox') return { v: 1, sandbox: true, seed: state.seed ?? 1, ...(state.cluster === undefined ? {} : { cluster: state.cluster }), script: state.script };
  return undefined;
}

let lastSaved = '';
/** Whether the current session was already reported as too large or too long to save (reported once). */
let reportedTooLarge = false;

/** The default cluster as the app opens on it, untouched: the same as nothing saved. */
function pristine(s: SavedSession): boolean {
  // Seed 1 is the worker's LIVE_SEED (worker-boot.ts, not imported: it pulls in the engine).
  return 'sandbox' in s && s.seed === 1 && s.cluster === undefined && s.script === '';
}

function saveFrom(state: LabState): void {
  const unsaved = unsavedReason(state);
  if (unsaved !== undefined && !reportedTooLarge) {
    reportedTooLarge = true;
    set({ error: unsaved, open: true });
  }
  const s = sessionOf(state);
  if (s === undefined) return;
  const text = JSON.stringify(s);
  if (text === lastSaved) return;
  lastSaved = text;
  if (pristine(s)) {
    // Nothing to restore: a reload boots as a fresh profile does, with no replay (the archive keeps the last sandbox for "Resume").
    clearProgress();
    reportedTooLarge = false;
    return;
  }
  const saved = saveSession(s);
  set({ archive: saved.archive });
  if (saved.tooLarge === undefined) reportedTooLarge = false;
  else if (!reportedTooLarge) {
    reportedTooLarge = true;
    set({ error: saved.tooLarge, open: true });
  }
}

/**
 * Leaving the page while the clock runs: the time played since the last save (which was at the
 * last command, or at Play) is added to the saved log as a `sim advance`, so a reload shows the
 * moment left. Synchronous (the worker cannot be asked on the way out): the view's time is
 * what the page showed.
 */
function saveOnLeave(): void {
  const view = appStore.getState().view;
  const state = labsStore.getState().state;
  if (!view || !view.playing || view.history?.past || state === undefined) return;
  saveFrom(playedUntil(state, view.now));
}

/** `state` with the time from its `now` to `nowMs` played: its log ends with that `sim advance`. */
export function playedUntil(state: LabState, nowMs: number): LabState {
  if (nowMs <= state.now) return state;
  return { ...state, now: nowMs, script: `${state.script}${advanceLine(nowMs - state.now)}\n` };
}

/** A new lab state: shown, and saved as progress. */
function took(reply: LabReply, notice?: string): boolean {
  if (reply.kind !== 'state') return false;
  const prev = labsStore.getState().state;
  const sameLab = prev?.lab?.id === reply.state.lab?.id && prev?.lab?.seed === reply.state.lab?.seed && prev?.mode === reply.state.mode;
  set({
    state: reply.state,
    ...(sameLab ? {} : { hintsShown: 0, grade: undefined, link: undefined, tab: reply.state.mode === 'lab' ? 'lab' : labsStore.getState().tab }),
    ...(notice === undefined ? {} : { notice }),
  });
  // The app as it opened (mode none) saves nothing and clears nothing: a save that could not be restored stays for the next start.
  saveFrom(reply.state);
  return true;
}

export async function loadCatalog(): Promise<void> {
  if (labsStore.getState().catalog.length > 0) return;
  const r = await ask({ kind: 'catalog' }, 'Loading the course');
  if (r.kind === 'catalog') set({ catalog: r.labs });
}

/**
 * Saves the session as it is now (the worker is asked), not waiting for {@link followViews}'
 * timer: before a session is replaced, so a command typed just before is not lost with it, and
 * before an export.
 */
async function saveNow(): Promise<void> {
  clearTimeout(statusTimer);
  statusTimer = undefined;
  await refreshStatus();
}

export async function startLab(lab: string, seed: number): Promise<void> {
  set({ error: undefined, notice: undefined, grade: undefined, link: undefined, hintsShown: 0 });
  await saveNow();
  took(await ask({ kind: 'start', lab, seed }, 'Starting the lab'));
}

export async function startSandbox(): Promise<void> {
  set({ error: undefined, notice: undefined, grade: undefined, link: undefined });
  await saveNow();
  took(await ask({ kind: 'sandbox' }, 'Starting the sandbox'));
}

/** Picks up saved progress again (a lab's, from the archive, or the sandbox's): its log is replayed. */
export async function resume(saved: SavedSession): Promise<void> {
  set({ error: undefined, notice: undefined, grade: undefined, link: undefined, hintsShown: 0 });
  await saveNow();
  const r = await ask({ kind: 'restore', saved }, 'Resuming');
  took(r, 'sandbox' in saved ? `Your sandbox session was resumed (${r.kind === 'state' ? (r.output ?? '') : ''}).` : `Your lab progress was resumed (${r.kind === 'state' ? (r.output ?? '') : ''}).`);
}

/**
 * "Export progress": the session now (saved first, so the file is up to date), every lab's
 * progress, the sandbox and the drafts, as a versioned JSON file the browser downloads.
 */
export async function exportProgress(): Promise<string> {
  set({ error: undefined, notice: undefined });
  await saveNow();
  const current = loadProgress();
  const { archive, message } = loadArchive();
  const drafts = loadDrafts();
  const text = encodeProgressFile({ current: current.progress ?? null, labs: archive.labs, sandbox: archive.sandbox, drafts: drafts.drafts });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  a.download = PROGRESS_FILE_NAME;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  const problems = [current.message, message, drafts.message].filter((m) => m !== undefined);
  set({ archive, ...(problems.length > 0 ? { error: problems.join('\n') } : {}), notice: `Exported ${PROGRESS_FILE_NAME}.` });
  return text;
}

/**
 * "Import progress": the file is untrusted — its size is checked before it is read, then the
 * worker checks it whole (progress-file.ts, every lab and script) and restores its current
 * session. Only then is storage changed (merged: the file's entries win). A bad file is reported
 * and nothing changes.
 */
export async function importProgress(file: Blob & { name?: string }): Promise<void> {
  set({ error: undefined, notice: undefined });
  const unchanged = 'Your current progress was not changed.';
  // Refused unread when too big (a character takes at least a byte, so the worker's cap in characters holds too).
  if (file.size > ALL_PROGRESS_MAX_CHARS) {
    set({ error: `${IMPORT_ERROR} it is ${file.size} bytes, more than ${ALL_PROGRESS_MAX_CHARS} (1 MiB). ${unchanged}` });
    return;
  }
  let text: string;
  try {
    text = await file.text();
  } catch {
    set({ error: `${IMPORT_ERROR} the file could not be read. ${unchanged}` });
    return;
  }
  await saveNow();
  const r = await ask({ kind: 'import', text }, 'Importing your progress');
  if (r.kind === 'error') {
    set({ error: `${r.message}. ${unchanged}` });
    return;
  }
  if (r.kind !== 'imported') return;
  const merged = mergeProgress({ ...loadArchive().archive, drafts: loadDrafts().drafts }, r.file);
  saveArchive(merged);
  saveDrafts(merged.drafts);
  if (r.state) {
    lastSaved = '';
    took({ kind: 'state', state: r.state });
  }
  set({
    archive: loadArchive().archive,
    draftsVersion: labsStore.getState().draftsVersion + 1,
    notice: `Imported ${describeProgressFile(r.file)}${r.state ? `; ${r.state.mode === 'sandbox' ? 'the sandbox session' : 'the lab'} it was on is open (${r.output ?? ''})` : ''}.`,
  });
}

/** Goals against the live cluster now (cheap: the worker reads only the objects the goals name). */
export async function refreshStatus(): Promise<void> {
  const r = await labRequest({ kind: 'status' });
  if (r.kind === 'state') took(r);
}

export async function checkMyWork(): Promise<void> {
  set({ error: undefined });
  const r = await ask({ kind: 'grade' }, 'Grading');
  if (r.kind === 'grade') set({ grade: r.grade });
}

export async function share(): Promise<void> {
  set({ error: undefined, notice: undefined });
  const r = await ask({ kind: 'share' }, 'Making the link');
  if (r.kind !== 'link') return;
  const url = `${location.origin}${location.pathname}#lab=${r.link}`;
  let copied = false;
  try {
    await navigator.clipboard.writeText(url);
    copied = true;
  } catch {
    // No clipboard permission: the link is shown to copy by hand.
  }
  set({ link: url, notice: copied ? 'Link copied to the clipboard.' : 'Copy the link below.' });
}

/** Opens a share link (the `v1.…` payload); a bad one is reported and the cluster stays as it is. */
export async function openLink(payload: string): Promise<void> {
  set({ error: undefined, notice: undefined, open: true });
  const r = await ask({ kind: 'open', link: payload }, 'Opening the link');
  if (r.kind !== 'state') return;
  took(r, `Opened a shared lab: ${r.output ?? ''}.`);
  // Opened once: a reload now restores the progress made from here, not the link again.
  if (location.hash.startsWith('#lab=')) history.replaceState(null, '', `${location.pathname}${location.search}`);
}

export function revealHint(): void {
  set({ hintsShown: labsStore.getState().hintsShown + 1 });
}

export function setLabsOpen(open: boolean): void {
  set({ open });
}

export function setLabsTab(tab: LabsUi['tab']): void {
  set({ tab });
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;
let lastKey = '';

/**
 * What must change for the session to be saved again. A lab: every change the worker reports (a
 * new resourceVersion, time, or history), since its goals are checked live. The sandbox (the
 * session the app opens on, whose state is not asked for until then: `undefined`): every command,
 * never a tick — while the clock runs, only a recorded command, Play/Pause or time travel;
 * while paused, also a step (the time and trace hash change only by what the student does).
 */
export function saveKey(mode: LabState['mode'] | undefined, view: ClusterView): string | undefined {
  const h = view.history;
  const history = `${h?.commands ?? 0}|${h?.start ?? 0}|${String(h?.past)}|${h?.lastForkAt ?? ''}`;
  if (mode === 'lab') return `${view.traceHash}|${view.now}|${history}`;
  if (mode === 'sandbox' || mode === undefined) return view.playing ? `playing|${history}` : `paused|${view.traceHash}|${view.now}|${history}`;
  return undefined;
}

/**
 * While a lab or the sandbox runs: after every change that {@link saveKey} names, the goals are
 * checked again and the session saved — at most every 300 ms. The first view sets the baseline:
 * the app as it opens asks the worker nothing until something is done.
 */
function followViews(): void {
  addEventListener('pagehide', saveOnLeave);
  appStore.subscribe((s) => {
    if (!s.view) return;
    const key = saveKey(labsStore.getState().state?.mode, s.view);
    if (key === undefined || key === lastKey) return;
    const first = lastKey === '';
    lastKey = key;
    if (first && labsStore.getState().state === undefined) return;
    statusTimer ??= setTimeout(() => {
      statusTimer = undefined;
      void refreshStatus();
    }, 300);
  });
}

const RESTORED_SANDBOX = 'Sandbox session restored: its commands replayed.';
const RESTORED_LAB = 'Lab progress restored: its commands replayed.';

/** At startup: a `#lab=v1.…` link opens its lab; else saved progress is restored (a corrupt save is reported and set aside). */
export async function bootLabs(): Promise<void> {
  followViews();
  const hash = location.hash;
  if (hash.startsWith('#lab=')) {
    await openLink(decodeURIComponent(hash.slice('#lab='.length)));
    return;
  }
  const saved = loadProgress();
  const archive = loadArchive();
  const drafts = loadDrafts();
  const problems = [saved.message, archive.message, drafts.message].filter((m) => m !== undefined);
  set({ archive: archive.archive, ...(problems.length > 0 ? { error: problems.join('\n'), open: true } : {}) });
  if (saved.progress) {
    const sandbox = 'sandbox' in saved.progress;
    const r = await ask({ kind: 'restore', saved: saved.progress }, sandbox ? 'Restoring your sandbox' : 'Restoring your lab');
    // A lab's progress opens the drawer on the lab; the sandbox (the session the app opens on) comes back in place, the drawer shut.
    if (took(r, sandbox ? 'Your sandbox session was restored.' : 'Your lab progress was restored.')) {
      set(sandbox ? {} : { open: true });
      // The terminal says so too: it is where a student sees objects they did not create in this page.
      appStore.getState().addNotice(sandbox ? RESTORED_SANDBOX : RESTORED_LAB);
    }
    // Refused by the worker: set aside (not deleted), so the session the app starts with can be saved.
    else if (r.kind === 'error') set({ error: `${r.message} ${setAsideProgress()}`, open: true });
  }
}
