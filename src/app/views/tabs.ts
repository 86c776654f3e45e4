/**
 * The WAI-ARIA tabs pattern (APG "Tabs with automatic activation") for the app's tab lists: one
 * tab in the Tab order (roving tabindex: the selected one), Left/Right move to the previous/next
 * tab (wrapping), Home/End to the first/last; the tab reached is focused and selected at once.
 * Used by the details dock, the inspector and the console (views/DetailsDock.tsx, Inspector.tsx,
 * Terminal.tsx).
 */
import type { KeyboardEvent } from 'react';

/** The index a key moves to among `count` tabs from `index`, or undefined for keys the pattern leaves alone. */
export function tabKeyTarget(key: string, index: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}

/** The tab the arrow keys last moved focus to, until a pointer presses a tab. */
let keyedTab: Element | undefined;

/**
 * True while focus is on a tab the keyboard moved to: a panel that takes focus when shown (the
 * terminal, the editor) leaves it there, so the arrow keys keep moving along the tabs.
 */
export function focusStaysOnTab(): boolean {
  return keyedTab !== undefined && document.activeElement === keyedTab;
}

/** The props one tab of a roving-tabindex list needs besides its role, name and panel. */
export function rovingTabProps<T>(ids: readonly T[], id: T, selected: T, select: (id: T) => void) {
  return {
    tabIndex: id === selected ? 0 : -1,
    onPointerDown: () => {
      keyedTab = undefined;
    },
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const to = tabKeyTarget(e.key, ids.indexOf(id), ids.length);
      if (to === undefined) return;
      e.preventDefault();
      select(ids[to]);
      // The list's tabs in order; the one reached takes focus (it is the selected one now).
      const list = e.currentTarget.closest('[role="tablist"]');
      const tabs = list ? [...list.querySelectorAll<HTMLElement>('[role="tab"]')] : [];
      keyedTab = tabs[to];
      tabs[to]?.focus();
    },
  };
}
