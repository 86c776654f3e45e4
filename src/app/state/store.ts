/**
 * The app's zustand store, built from small slices. It is a vanilla store (no React here):
 * bridge.ts writes worker views into it, views read it through `useAppStore(selector)` (views/use-app-store.ts)
 * with the narrow selectors each slice exports.
 */
import { createStore } from 'zustand/vanilla';
import { createClusterSlice, type ClusterSlice } from './cluster.ts';
import { createUiSlice, type UiSlice } from './ui.ts';

export type AppState = ClusterSlice & UiSlice;

export const appStore = createStore<AppState>()((...a) => ({
  ...createClusterSlice(...a),
  ...createUiSlice(...a),
}));
