/**
 * The labs on the main thread: a small zustand store of what the Labs view shows (UI state only:
 * the worker's replies, replaced wholesale), the actions that ask the worker (through
 * bridge.ts), the autosave of the student's progress after every change, and the boot: a
 * `#lab=v1.…` link in the address opens that lab, else saved progress is restored. No lab logic
 * here: the labs' data, checks and codec live in the worker.
 */
import { createStore } from 'zustand/vanilla';
import { lab as labRequest } from '../bridge.ts';
import { appStore } from '../state/store.ts';
import { clearProgress, loadProgress, saveProgress } from './autosave.ts';
import type { LabGrade, LabReply, LabRequest, LabState, LabSummary } from './lab-protocol.ts';

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

function saveFrom(state: LabState): void {
  if (state.mode === 'lab' && state.lab) saveProgress({ v: 1, lab: state.lab.source, seed: state.lab.seed, script: state.script });
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
  if (reply.state.mode === 'sandbox') clearProgress();
  else saveFrom(reply.state);
  return true;
}

export async function loadCatalog(): Promise<void> {
  if (labsStore.getState().catalog.length > 0) return;
  const r = await ask({ kind: 'catalog' }, 'Loading the course');
  if (r.kind === 'catalog') set({ catalog: r.labs });
}

export async function startLab(lab: string, seed: number): Promise<void> {
  set({ error: undefined, notice: undefined, grade: undefined, link: undefined, hintsShown: 0 });
  took(await ask({ kind: 'start', lab, seed }, 'Starting the lab'));
}

export async function startSandbox(): Promise<void> {
  set({ error: undefined, notice: undefined, grade: undefined, link: undefined });
  took(await ask({ kind: 'sandbox' }, 'Starting the sandbox'));
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
 * While a lab runs: after every change the worker reports (a new resourceVersion, time, or
 * history), the goals are checked again and the progress saved — at most every 300 ms.
 */
function followViews(): void {
  appStore.subscribe((s) => {
    const mode = labsStore.getState().state?.mode;
    if (mode !== 'lab' || !s.view) return;
    const key = `${s.view.traceHash}|${s.view.now}|${s.view.history?.commands ?? 0}|${String(s.view.history?.past)}`;
    if (key === lastKey) return;
    lastKey = key;
    statusTimer ??= setTimeout(() => {
      statusTimer = undefined;
      void refreshStatus();
    }, 300);
  });
}

/** At startup: a `#lab=v1.…` link opens its lab; else saved progress is restored (a corrupt save is reported and set aside). */
export async function bootLabs(): Promise<void> {
  followViews();
  const hash = location.hash;
  if (hash.startsWith('#lab=')) {
    await openLink(decodeURIComponent(hash.slice('#lab='.length)));
    return;
  }
  const saved = loadProgress();
  if (saved.message) set({ error: saved.message, open: true });
  if (saved.progress) {
    const r = await ask({ kind: 'restore', saved: saved.progress }, 'Restoring your lab');
    if (took(r, 'Your lab progress was restored.')) set({ open: true });
  }
}
