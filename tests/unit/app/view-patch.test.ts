import { describe, expect, it } from 'vitest';
import type { ClusterView, PodView } from '../../../src/app/protocol.ts';
import { applyViewPatch, makeViewPatch, sameValue, ViewPatcher } from '../../../src/app/view-patch.ts';

const pod = (name: string, status = 'Running', age = '5m'): PodView => ({
  namespace: 'default',
  name,
  status,
  node: 'node-1',
  ready: '1/1',
  restarts: '0',
  age,
  ownerKind: 'Deployment',
  ownerName: 'web',
  revision: '1',
});

function view(pods: PodView[], now = 1000, extra: Partial<ClusterView> = {}): ClusterView {
  return { now, playing: true, speed: 100, nodes: [], pods, traceHash: `h${now}`, ...extra };
}

/** Structured-clones like postMessage, so nothing is shared between the two sides. */
const overTheWire = <T>(x: T): T => structuredClone(x);

describe('view patches', () => {
  it('sends the first view whole, then only the rows and fields that changed', () => {
    const patcher = new ViewPatcher();
    const pods = Array.from({ length: 10 }, (_, i) => pod(`web-${i}`));
    const first = view(pods);
    expect(patcher.next(first)).toBeUndefined();
    const next = view([...pods.slice(0, 3), pod('web-3', 'Terminating'), ...pods.slice(4)], 2000);
    const patch = patcher.next(next)!;
    expect(patch.podRows).toEqual([[3, pod('web-3', 'Terminating')]]);
    expect(patch.fields).toEqual({ now: 2000, traceHash: 'h2000' });
    const page = overTheWire(first);
    const rebuilt = applyViewPatch(page, overTheWire(patch));
    expect(rebuilt).toEqual(next);
    // Unchanged rows are the page's own objects, so memoised rows do not redraw.
    expect(rebuilt.pods[0]).toBe(page.pods[0]);
    expect(rebuilt.pods[3]).not.toBe(page.pods[3]);
  });

  it('sends a list whole when pods came or went, or when most rows changed', () => {
    const pods = Array.from({ length: 4 }, (_, i) => pod(`web-${i}`));
    const added = makeViewPatch(view(pods), view([...pods, pod('web-4')]));
    expect(added.fields.pods).toHaveLength(5);
    expect(added.podRows).toBeUndefined();
    const failed = makeViewPatch(view(pods), view(pods.map((p) => ({ ...p, status: 'Error', age: '6m' }))));
    expect(failed.fields.pods?.map((p) => p.status)).toEqual(['Error', 'Error', 'Error', 'Error']);
    expect(failed.podAges).toBeUndefined();
    const rebuilt = applyViewPatch(view(pods), failed);
    expect(rebuilt.pods.map((p) => p.age)).toEqual(['6m', '6m', '6m', '6m']);
  });

  it('sends ages rolling over as a column of their own, and the other changed rows whole', () => {
    const pods = Array.from({ length: 6 }, (_, i) => pod(`web-${i}`));
    const next = pods.map((p) => ({ ...p, age: '6m' }));
    next[4] = pod('web-4', 'Terminating', '6m');
    const patch = makeViewPatch(view(pods), view(next));
    expect(patch.fields.pods).toBeUndefined();
    expect(patch.podRows).toEqual([[4, next[4]]]);
    expect(patch.podAges).toEqual([
      [0, 1, 2, 3, 5],
      ['6m', '6m', '6m', '6m', '6m'],
    ]);
    const page = overTheWire(view(pods));
    const rebuilt = applyViewPatch(page, overTheWire(patch));
    expect(rebuilt).toEqual(view(next));
    // The page's previous list is left as it was.
    expect(page.pods.map((p) => p.age)).toEqual(['5m', '5m', '5m', '5m', '5m', '5m']);
    // Nothing changed but ages: no rows at all.
    const agedOnly = makeViewPatch(view(pods), view(pods.map((p) => ({ ...p, age: '7m' }))));
    expect(agedOnly.podRows).toBeUndefined();
    expect(agedOnly.podAges?.[0]).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('drops optional fields the new view no longer has, and leaves out equal ones', () => {
    const prev = view([], 1, { pendingTotal: 3, events: [] });
    const next = view([], 2, { events: [] });
    const patch = makeViewPatch(prev, next);
    expect(patch.dropped).toEqual(['pendingTotal']);
    expect('events' in patch.fields).toBe(false);
    expect(applyViewPatch(prev, patch)).toEqual(next);
  });

  it('compares JSON-like values deeply', () => {
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([], {})).toBe(false);
  });
});
