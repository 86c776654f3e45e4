import { useEffect } from 'react';

/**
 * Skip links: the first things Tab reaches, shown only when focused. They move focus straight
 * to the terminal's input or to the cluster map's first node (past the header's controls).
 * Also the terminal's way out: Tab completes there, so Escape then Tab (or Shift+Tab) moves focus
 * on, as in CodeMirror, instead of trapping the keyboard.
 */
export function SkipLinks() {
  useEffect(() => {
    let armed = false;
    const onKey = (e: KeyboardEvent) => {
      const inTerminal = e.target instanceof Element && e.target.closest('.term-host') !== null;
      if (!inTerminal) return;
      if (e.key === 'Tab' && armed) {
        // Seen first (capture, on window): xterm never gets this Tab, so the browser moves focus.
        e.stopPropagation();
        armed = false;
        return;
      }
      if (e.key !== 'Shift') armed = e.key === 'Escape';
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a href="#console-terminal" className="skip-link" onClick={(e) => skipTo(e, ['#console-terminal textarea', '#console-terminal'])}>
        Skip to terminal
      </a>
      <a href="#cm-title" className="skip-link" onClick={(e) => skipTo(e, ['.cm .cm-node-name', '.cm'])}>
        Skip to map
      </a>
    </nav>
  );
}

/** Focuses the first of `selectors` that matches (a container gets tabindex -1 to take focus). */
function skipTo(e: React.MouseEvent, selectors: string[]): void {
  const el = selectors.map((s) => document.querySelector<HTMLElement>(s)).find((x) => x !== null);
  if (!el) return;
  e.preventDefault();
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.tabIndex = -1;
  el.focus();
  el.scrollIntoView?.({ block: 'nearest' });
}
