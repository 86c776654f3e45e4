/**
 * The first-visit tour (views/Tour.tsx) as data and pure state: its steps, when it opens by
 * itself, the stored "seen" flag (a corrupt value counts as not seen), and moving through it.
 */

export interface TourStep {
  id: string;
  title: string;
  body: string;
  /** CSS selector of what the step points at (the first match is outlined). */
  target: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  { id: 'map', title: 'The cluster map', body: 'Every node is a card and every pod a chip. Click one, or Tab to it and press Enter, to inspect it.', target: '.cm' },
  { id: 'terminal', title: 'The terminal', body: 'Type kubectl or sim commands here: try kubectl get pods, or help. Tab completes; Esc then Tab moves on.', target: '.console' },
  { id: 'pods', title: 'Pods and details', body: 'The Pods table lists every pod; the details dock shows events, pending pods, the inspector and what happens inside a pod.', target: '.dock' },
  { id: 'timeline', title: 'The timeline', body: 'Drag it to see any earlier moment exactly, then go back to live.', target: '.timeline' },
  { id: 'play', title: 'Play and speed', body: 'Time runs only when you play it. Step one second, or speed it up to watch controllers work.', target: '.controls' },
];

/** Average reading speed used to keep the tour short (words a minute). */
export const READING_WPM = 200;

/** Seconds to read the whole tour at READING_WPM, plus a second per step to press Next. */
export function tourSeconds(steps: readonly TourStep[] = TOUR_STEPS): number {
  const words = steps.reduce((n, s) => n + `${s.title} ${s.body}`.split(/\s+/).filter(Boolean).length, 0);
  return (words / READING_WPM) * 60 + steps.length;
}

export const TOUR_STORAGE_KEY = 'podlab.tour';
/** What the flag holds once the tour was finished or skipped. */
export const TOUR_DONE = 'done';

/** Whether the stored flag says the tour was seen. Anything but the exact value (missing, corrupt) is "not seen". */
export function tourSeen(stored: string | null): boolean {
  return stored === TOUR_DONE;
}

export interface TourContext {
  /** The stored flag (localStorage), null when absent or unreadable. */
  stored: string | null;
  /** navigator.webdriver: automated browsers (the test journeys) never get the tour by themselves. */
  webdriver: boolean;
  /** location.search: `?tour=1` opens it, `?tour=0` keeps it closed, whatever else holds. */
  search: string;
}

/** Whether the tour opens by itself on load. */
export function tourAutoOpens(ctx: TourContext): boolean {
  const param = new URLSearchParams(ctx.search).get('tour');
  if (param === '1') return true;
  if (param === '0') return false;
  if (ctx.webdriver) return false;
  return !tourSeen(ctx.stored);
}

export interface TourState {
  open: boolean;
  step: number;
}

export type TourAction = { type: 'open' } | { type: 'next' } | { type: 'back' } | { type: 'close' };

export const TOUR_CLOSED: TourState = { open: false, step: 0 };

/** Next on the last step finishes (closes); Back on the first stays. */
export function tourReducer(state: TourState, action: TourAction, steps = TOUR_STEPS.length): TourState {
  switch (action.type) {
    case 'open':
      return { open: true, step: 0 };
    case 'next':
      if (!state.open) return state;
      return state.step + 1 >= steps ? TOUR_CLOSED : { open: true, step: state.step + 1 };
    case 'back':
      if (!state.open) return state;
      return { open: true, step: Math.max(0, state.step - 1) };
    case 'close':
      return TOUR_CLOSED;
  }
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Gap between the outlined target and the card, and the card and the window's edge (px). */
const GAP = 12;

/**
 * Where the step's card goes: below its target, else above, right, left (the first side where it
 * fits whole), else centred in the window; always kept inside the window.
 */
export function placeCard(target: Box | undefined, card: { width: number; height: number }, win: { width: number; height: number }): { left: number; top: number } {
  const clamp = (v: number, max: number) => Math.max(GAP, Math.min(v, max - GAP));
  const centred = { left: Math.max(GAP, (win.width - card.width) / 2), top: Math.max(GAP, (win.height - card.height) / 2) };
  if (!target || target.width === 0 || target.height === 0) return centred;
  const midX = clamp(target.left + target.width / 2 - card.width / 2, win.width - card.width);
  const midY = clamp(target.top + target.height / 2 - card.height / 2, win.height - card.height);
  const options = [
    { left: midX, top: target.top + target.height + GAP },
    { left: midX, top: target.top - GAP - card.height },
    { left: target.left + target.width + GAP, top: midY },
    { left: target.left - GAP - card.width, top: midY },
  ];
  const fits = options.find((o) => o.left >= GAP && o.top >= GAP && o.left + card.width <= win.width - GAP && o.top + card.height <= win.height - GAP);
  return fits ?? centred;
}
