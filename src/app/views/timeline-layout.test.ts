import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../protocol.ts';
import { adjacentMarker, durationLabel, groupMarkers, keyTarget, positionPercent } from './timeline-layout.ts';

const m = (at: number, kind: TimelineMarker['kind'], label = `${kind}@${at}`): TimelineMarker => ({ at, kind, label });

describe('timeline layout', () => {
  it('places times on the track, clamped, with an empty history at the live end', () => {
    expect(positionPercent(50, 0, 200)).toBe(25);
    expect(positionPercent(-10, 0, 200)).toBe(0);
    expect(positionPercent(500, 0, 200)).toBe(100);
    expect(positionPercent(0, 0, 0)).toBe(100);
  });

  it('groups same-kind markers that share a slot, with a count and a capped tooltip', () => {
    const markers = [m(1000, 'kill', 'a'), m(1001, 'kill', 'b'), m(1002, 'kill', 'c'), m(1003, 'kill', 'd'), m(1004, 'kill', 'e'), m(1002, 'node', 'n'), m(90_000, 'kill', 'z')];
    const groups = groupMarkers(markers, 0, 100_000, 100);
    expect(groups.map((g) => [g.kind, g.at, g.count])).toEqual([
      ['kill', 1000, 5],
      ['node', 1002, 1],
      ['kill', 90_000, 1],
    ]);
    expect(groups[0].title).toBe('+00:00:01 Pod killed ×5\na\nb\nc\nd\n…and 1 more');
    expect(groups[1].title).toBe('+00:00:01 Node failure\nn');
    expect(groups[2].percent).toBe(90);
  });

  it('labels spans briefly', () => {
    expect(durationLabel(0)).toBe('0s');
    expect(durationLabel(45_400)).toBe('45s');
    expect(durationLabel(125_000)).toBe('2m 05s');
    expect(durationLabel(3_720_000)).toBe('1h 02m');
    expect(durationLabel(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
  });

  it('finds the marker before and after a moment', () => {
    const markers = [m(10, 'node'), m(50, 'oom'), m(30, 'rollout')];
    expect(adjacentMarker(markers, 30, -1)).toBe(10);
    expect(adjacentMarker(markers, 30, 1)).toBe(50);
    expect(adjacentMarker(markers, 5, -1)).toBeUndefined();
    expect(adjacentMarker(markers, 50, 1)).toBeUndefined();
  });

  it('maps keys to seek targets within the history', () => {
    const markers = [m(20_000, 'node'), m(40_000, 'rollout')];
    const at = (key: string, shift = false) => keyTarget(key, shift, 30_000, 0, 60_000, markers);
    expect(at('ArrowLeft')).toBe(29_000);
    expect(at('ArrowRight', true)).toBe(40_000);
    expect(at('PageUp')).toBe(20_000);
    expect(at('PageDown')).toBe(40_000);
    expect(at('Home')).toBe(0);
    expect(at('End')).toBe(60_000);
    expect(at('a')).toBeUndefined();
    expect(keyTarget('ArrowLeft', true, 5_000, 0, 60_000, [])).toBe(0);
    expect(keyTarget('PageDown', false, 50_000, 0, 60_000, markers)).toBe(60_000);
  });
});
