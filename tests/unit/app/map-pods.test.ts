/**
 * The map's pod list (ClusterMap's selectMapPods) stays the same array while only what the map
 * does not draw changes (AGE, RESTARTS, READY), and follows the view as soon as anything it
 * draws changes.
 */
import { describe, expect, it } from 'vitest';
import type { ClusterView, PodView } from '../../../src/app/protocol.ts';
import type { AppState } from '../../../src/app/state/store.ts';
import { selectMapPods } from '../../../src/app/views/ClusterMap.tsx';

function pod(name: string, over: Partial<PodView> = {}): PodView {
  return { namespace: 'default', name, status: 'Running', node: 'node-1', ready: '1/1', restarts: '0', age: '5m', ownerKind: 'Deployment', ownerName: 'web', revision: '1', ...over };
}

const state = (pods: PodView[]): AppState => ({ view: { pods } as unknown as ClusterView }) as AppState;

describe('selectMapPods', () => {
  it('keeps the drawn list while only ages, restarts and readiness move, and takes the new one otherwise', () => {
    const first = [pod('a'), pod('b')];
    expect(selectMapPods(state(first))).toBe(first);
    const older = first.map((p) => ({ ...p, age: '6m', restarts: '1 (5s ago)', ready: '0/1' }));
    expect(selectMapPods(state(older))).toBe(first);
    const status = [first[0], pod('b', { status: 'Terminating' })];
    expect(selectMapPods(state(status))).toBe(status);
    const moved = [status[0], pod('b', { status: 'Terminating', node: 'node-2' })];
    expect(selectMapPods(state(moved))).toBe(moved);
    const rolled = [pod('a', { revision: '2' }), moved[1]];
    expect(selectMapPods(state(rolled))).toBe(rolled);
    const fewer = [rolled[0]];
    expect(selectMapPods(state(fewer))).toBe(fewer);
    // The same state asked twice gives the same list (a selector must be stable).
    const again = state([{ ...fewer[0], age: '7m' }]);
    expect(selectMapPods(again)).toBe(fewer);
    expect(selectMapPods(again)).toBe(fewer);
  });
});
