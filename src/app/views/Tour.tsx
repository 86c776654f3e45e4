import { useEffect, useLayoutEffect, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { placeCard, TOUR_CLOSED, TOUR_DONE, TOUR_STEPS, TOUR_STORAGE_KEY, tourAutoOpens, tourReducer, type Box, type TourAction, type TourState } from '../a11y/tour.ts';

const reduce = (s: TourState, a: TourAction): TourState => tourReducer(s, a);

/** The Tour button and the tour talk through this: a request to open, counted. */
let openRequests = 0;
const listeners = new Set<() => void>();

function requestTour(): void {
  openRequests++;
  listeners.forEach((l) => l());
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function readFlag(): string | null {
  try {
    return localStorage.getItem(TOUR_STORAGE_KEY);
  } catch {
    return null;
  }
}

function rememberSeen(): void {
  try {
    localStorage.setItem(TOUR_STORAGE_KEY, TOUR_DONE);
  } catch {
    // Storage can be unavailable; the tour then shows again next visit.
  }
}

/** The header's "Tour" button (a question mark, to keep the bar on one line at 1280 px): opens the tour again. */
export function TourButton() {
  return (
    <button type="button" className="btn btn-icon tour-open" onClick={requestTour} aria-label="Tour" title="Tour: a one-minute tour of the app">
      ?
    </button>
  );
}

/**
 * The first-visit tour: five short steps (map, terminal, dock, timeline, playback), each a modal
 * dialog card next to what it describes, which is outlined. Next, Back and Skip tour; Escape
 * skips; focus returns to where it was. Opens by itself once (a11y/tour.ts decides: never under
 * automation unless `?tour=1`), and again from the header's Tour button.
 */
export function Tour() {
  const [state, dispatch] = useReducer(reduce, TOUR_CLOSED);
  const requests = useSyncExternalStore(subscribe, () => openRequests);
  const [seenRequests, setSeenRequests] = useState(requests);
  if (requests !== seenRequests) {
    setSeenRequests(requests);
    if (!state.open) dispatch({ type: 'open' });
  }

  useEffect(() => {
    if (tourAutoOpens({ stored: readFlag(), webdriver: navigator.webdriver === true, search: location.search })) dispatch({ type: 'open' });
  }, []);

  // Finished or skipped: it does not open by itself again.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !state.open) rememberSeen();
    wasOpen.current = state.open;
  }, [state.open]);

  if (!state.open) return null;
  return <TourCard step={state.step} dispatch={dispatch} />;
}

function TourCard({ step, dispatch }: { step: number; dispatch: (a: TourAction) => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const [target, setTarget] = useState<Box | undefined>(undefined);
  const [pos, setPos] = useState<{ left: number; top: number } | undefined>(undefined);
  const current = TOUR_STEPS[step];
  const last = step === TOUR_STEPS.length - 1;

  // Open modally once (before the card is measured); on close, give focus back.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      before?.focus();
    };
  }, []);

  // Measure the target and place the card beside it, on every step and resize.
  useLayoutEffect(() => {
    const measure = () => {
      const el = document.querySelector(current.target);
      const r = el?.getBoundingClientRect();
      const box = r && r.width > 0 && r.height > 0 ? { left: r.left, top: r.top, width: r.width, height: r.height } : undefined;
      setTarget(box);
      const card = dialogRef.current?.getBoundingClientRect();
      const size = card && card.width > 0 ? { width: card.width, height: card.height } : { width: 352, height: 200 };
      setPos(placeCard(box, size, { width: window.innerWidth, height: window.innerHeight }));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [current.target]);

  useEffect(() => nextRef.current?.focus(), [step]);

  return (
    <dialog
      ref={dialogRef}
      className="tour"
      aria-labelledby="tour-title"
      aria-describedby="tour-body"
      style={{ left: pos?.left ?? 0, top: pos?.top ?? 0 }}
      onCancel={(e) => {
        e.preventDefault();
        dispatch({ type: 'close' });
      }}
    >
      {target && <div className="tour-ring" aria-hidden="true" style={{ left: target.left - 4, top: target.top - 4, width: target.width + 8, height: target.height + 8 }} />}
      <p className="tour-count">
        Step {step + 1} of {TOUR_STEPS.length}
      </p>
      <h2 id="tour-title" className="tour-title">
        {current.title}
      </h2>
      <p id="tour-body" className="tour-body">
        {current.body}
      </p>
      <div className="tour-actions">
        <button type="button" className="btn btn-small tour-skip" onClick={() => dispatch({ type: 'close' })}>
          Skip tour
        </button>
        <span className="tour-spacer" />
        <button type="button" className="btn btn-small" disabled={step === 0} onClick={() => dispatch({ type: 'back' })}>
          Back
        </button>
        <button ref={nextRef} type="button" className="btn btn-small btn-primary" onClick={() => dispatch({ type: 'next' })}>
          {last ? 'Done' : 'Next'}
        </button>
      </div>
    </dialog>
  );
}
