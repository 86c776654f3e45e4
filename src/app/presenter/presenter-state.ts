/**
 * Presenter mode's own UI state: the loaded demo and how far it got, the last hotkey's word, and
 * whether the Hotkeys dialog is open. UI state only (the presenter flag itself is in the app
 * store's UI slice); nothing about the simulation is kept here.
 */
import { createStore } from 'zustand/vanilla';
import type { DemoRun } from './demo-script.ts';

export interface PresenterState {
  demo: DemoRun | undefined;
  /** What the last hotkey did or why it could not (`Select a node on the map first`). */
  notice: string;
  hotkeysOpen: boolean;
  setDemo(demo: DemoRun | undefined): void;
  setNotice(notice: string): void;
  setHotkeysOpen(open: boolean): void;
}

export const presenterStore = createStore<PresenterState>()((set) => ({
  demo: undefined,
  notice: '',
  hotkeysOpen: false,
  setDemo: (demo) => set({ demo }),
  setNotice: (notice) => set({ notice }),
  setHotkeysOpen: (hotkeysOpen) => set({ hotkeysOpen }),
}));
