import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';

/** The terminal's share of the side column, between these bounds. */
export const MIN_SHARE = 0.2;
export const MAX_SHARE = 0.85;
/** The share each console pane starts with: the editor wants more room than the terminal. */
export const DEFAULT_SHARES = { terminal: 0.62, editor: 0.85 } as const;
export type SplitPane = keyof typeof DEFAULT_SHARES;
const storageKey = (pane: SplitPane) => `podlab.consoleShare.${pane}`;

export function clampShare(share: number, pane: SplitPane): number {
  return Number.isFinite(share) ? Math.min(MAX_SHARE, Math.max(MIN_SHARE, share)) : DEFAULT_SHARES[pane];
}

function loadShare(pane: SplitPane): number {
  try {
    const saved = window.localStorage.getItem(storageKey(pane));
    return saved === null ? DEFAULT_SHARES[pane] : clampShare(Number(saved), pane);
  } catch {
    return DEFAULT_SHARES[pane];
  }
}

/**
 * The bar between the console and the Pods table: drag it (or focus it and press Up/Down,
 * Home/End) to give the console more or less of the column. Each pane (terminal, editor) keeps
 * its own share, for the next visit too. Mounted per pane (`key`), so switching panes reloads it.
 */
export function SplitHandle({ pane }: { pane: SplitPane }) {
  const ref = useRef<HTMLDivElement>(null);
  const [share, setShare] = useState(() => loadShare(pane));

  useEffect(() => {
    const column = ref.current?.parentElement;
    column?.style.setProperty('--terminal-fr', `${share}fr`);
    column?.style.setProperty('--pods-fr', `${1 - share}fr`);
    try {
      window.localStorage.setItem(storageKey(pane), String(share));
    } catch {
      // Private mode: the share lasts for this visit.
    }
  }, [share, pane]);

  const moveTo = (clientY: number) => {
    const column = ref.current?.parentElement;
    if (!column) return;
    const box = column.getBoundingClientRect();
    if (box.height > 0) setShare(clampShare((clientY - box.top) / box.height, pane));
  };

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) moveTo(e.clientY);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowUp: -0.05, ArrowDown: 0.05 }[e.key];
    if (step !== undefined) setShare((s) => clampShare(s + step, pane));
    else if (e.key === 'Home') setShare(MIN_SHARE);
    else if (e.key === 'End') setShare(MAX_SHARE);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={ref}
      className="side-split"
      role="separator"
      aria-orientation="horizontal"
      aria-label={pane === 'editor' ? 'Resize the YAML editor' : 'Resize the terminal'}
      aria-valuemin={Math.round(MIN_SHARE * 100)}
      aria-valuemax={Math.round(MAX_SHARE * 100)}
      aria-valuenow={Math.round(share * 100)}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onKeyDown={onKeyDown}
    />
  );
}
