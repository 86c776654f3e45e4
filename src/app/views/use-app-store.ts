/** The React binding of the vanilla app store (as zustand's react.ts wraps vanilla.ts). */
import { useStore } from 'zustand';
import { appStore, type AppState } from '../state/store.ts';

/** Reads one value from the app store; the component re-renders only when that value changes. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
