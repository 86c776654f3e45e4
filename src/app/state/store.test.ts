import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createClusterSlice, sameContent, selectNodes, selectPlaying } from './cluster.ts';
import type { AppState } from './store.ts';
import { createUiSlice, HISTORY_MAX, SCROLLBACK_MAX } from './ui.ts';

const newStore = () => createStore<AppState>()((...a) => ({ ...createClusterSlice(...a), ...createUiSlice(...a) }));

describe('app store', () => {
  it('reads safe defaults before the first view', () => {
    const s = newStore().getState();
    expect(selectNodes(s)).toEqual([]);
    expect(selectPlaying(s)).toBe(false);
  });

  it('finishes terminal entries by id and trims the scrollback', () => {
    const store = newStore();
    const a = store.getState().startEntry('kubectl get nodes');
    const b = store.getState().startEntry('sim advance 1s');
    store.getState().finishEntry(a, 'out\n', 0);
    expect(store.getState().entries).toMatchObject([
      { id: a, output: 'out\n', exitCode: 0 },
      { id: b, exitCode: undefined },
    ]);
    for (let i = 0; i < SCROLLBACK_MAX + 5; i++) store.getState().startEntry(`x${i}`);
    expect(store.getState().entries).toHaveLength(SCROLLBACK_MAX);
  });

  it('keeps history without consecutive duplicates, bounded', () => {
    const store = newStore();
    store.getState().pushHistory('a');
    store.getState().pushHistory('a');
    store.getState().pushHistory('b');
    expect(store.getState().history).toEqual(['a', 'b']);
    for (let i = 0; i < HISTORY_MAX + 5; i++) store.getState().pushHistory(`c${i}`);
    expect(store.getState().history).toHaveLength(HISTORY_MAX);
  });

  it('keeps node and pod lists when a view only moves the clock', () => {
    const store = newStore();
    const view = { now: 0, playing: true, speed: 1, nodes: [], pods: [], traceHash: 'h' };
    store.getState().setView(view);
    const nodes = store.getState().view!.nodes;
    store.getState().setView({ ...view, now: 100, nodes: [] });
    expect(store.getState().view!.now).toBe(100);
    expect(store.getState().view!.nodes).toBe(nodes);
  });
});

describe('sameContent (the cluster slice keeps unchanged lists)', () => {
  it('compares flat fields directly and nested ones by value', () => {
    const a: object[] = [{ name: 'n1', pods: 3, taints: ['x:NoSchedule'] }];
    expect(sameContent(a, [{ name: 'n1', pods: 3, taints: ['x:NoSchedule'] }])).toBe(true);
    expect(sameContent(a, [{ name: 'n1', pods: 4, taints: ['x:NoSchedule'] }])).toBe(false);
    expect(sameContent(a, [{ name: 'n1', pods: 3, taints: [] }])).toBe(false);
    expect(sameContent(a, [{ name: 'n1', pods: 3, taints: ['x:NoSchedule'], extra: 1 }])).toBe(false);
    expect(sameContent(a, [])).toBe(false);
  });
});
