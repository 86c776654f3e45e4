import { describe, expect, it } from 'vitest';
import {
  CRASH_LOOP_BACKOFF,
  IMAGE_PULL_BACKOFF,
  crashLoopDecision,
  crashLoopMessage,
  formatGoDuration,
  isBackoffGarbage,
  isInBackOffSince,
  isInBackOffSinceUpdate,
  nextBackoff,
  type BackoffEntry,
} from '../../../src/engine/node/backoff.ts';

const S = 1000;

/**
 * A container that exits the moment it starts: the kubelet checks doBackOff when the container
 * exits and again when the wait is over. Returns the delays before restarts #2, #3...
 */
function crashLoopDelays(restarts: number): number[] {
  let entry: BackoffEntry | undefined;
  let now = 0;
  const delays: number[] = [];
  for (let i = 0; i <= restarts; i++) {
    const finishedAt = now;
    let d = crashLoopDecision(entry, finishedAt, now);
    if (d.kind === 'wait') {
      now = d.retryAtMs;
      d = crashLoopDecision(entry, finishedAt, now);
    }
    if (d.kind !== 'restart') throw new Error('still backing off after the wait');
    entry = d.entry;
    if (i > 0) delays.push((now - finishedAt) / S);
  }
  return delays;
}

describe('CrashLoopBackOff (reference §9.1)', () => {
  it('§9.1 policy: initial 10 s, max 300 s; ImagePullBackOff the same shape', () => {
    expect(CRASH_LOOP_BACKOFF).toEqual({ initialMs: 10 * S, maxMs: 300 * S });
    expect(IMAGE_PULL_BACKOFF).toEqual({ initialMs: 10 * S, maxMs: 300 * S });
  });

  it('§9.1 sequence: the 1st failure restarts at once, then 10, 20, 40, 80, 160, 300, 300 s', () => {
    expect(crashLoopDelays(7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
  });

  it('§9.1: the first failure creates the 10 s entry and restarts immediately', () => {
    expect(crashLoopDecision(undefined, 5 * S, 5 * S)).toEqual({ kind: 'restart', entry: { backoffMs: 10 * S, lastUpdateMs: 5 * S } });
  });

  it('§9.1: while backing off, the decision reports the current delay and when it ends', () => {
    const entry = { backoffMs: 40 * S, lastUpdateMs: 100 * S };
    expect(crashLoopDecision(entry, 130 * S, 131 * S)).toEqual({ kind: 'wait', backoffMs: 40 * S, retryAtMs: 170 * S });
    expect(crashLoopDecision(entry, 130 * S, 170 * S)).toEqual({ kind: 'restart', entry: { backoffMs: 80 * S, lastUpdateMs: 170 * S } });
  });

  it('§9.1 reset: an entry last updated more than 600 s before the exit starts again at 10 s', () => {
    const entry = { backoffMs: 300 * S, lastUpdateMs: 1000 * S };
    // Ran 601 s after its last restart: stable, restart at once with a fresh 10 s entry.
    expect(crashLoopDecision(entry, 1601 * S, 1601 * S)).toEqual({ kind: 'restart', entry: { backoffMs: 10 * S, lastUpdateMs: 1601 * S } });
    // Exactly 600 s is not "more than": still 300 s of back-off.
    expect(crashLoopDecision(entry, 1600 * S, 1600 * S)).toMatchObject({ kind: 'wait', backoffMs: 300 * S });
  });

  it('Backoff.Next: lastUpdate is the current time, not the event time; doubling caps at max', () => {
    expect(nextBackoff({ backoffMs: 160 * S, lastUpdateMs: 0 }, 50 * S, 40 * S)).toEqual({ backoffMs: 300 * S, lastUpdateMs: 50 * S });
    expect(nextBackoff({ backoffMs: 300 * S, lastUpdateMs: 0 }, 50 * S)).toEqual({ backoffMs: 300 * S, lastUpdateMs: 50 * S });
  });

  it('IsInBackOffSince measures from the event; no entry is never in back-off', () => {
    const entry = { backoffMs: 20 * S, lastUpdateMs: 0 };
    expect(isInBackOffSince(entry, 10 * S, 29 * S)).toBe(true);
    expect(isInBackOffSince(entry, 10 * S, 30 * S)).toBe(false);
    expect(isInBackOffSince(undefined, 0, 0)).toBe(false);
  });

  it('back-off message as the kubelet words it', () => {
    expect(crashLoopMessage(40 * S, 'app', { name: 'web', namespace: 'default', uid: 'u-1' })).toBe(
      'back-off 40s restarting failed container=app pod=web_default(u-1)',
    );
    expect(crashLoopMessage(300 * S, 'app', { name: 'web', namespace: 'default', uid: 'u-1' })).toContain('back-off 5m0s ');
  });
});

describe('ImagePullBackOff (image_manager.go)', () => {
  it('a failed pull backs off from the last update: 10 s, then 20 s...', () => {
    let entry = nextBackoff(undefined, 0, 0, IMAGE_PULL_BACKOFF);
    expect(isInBackOffSinceUpdate(entry, 9 * S)).toBe(true);
    expect(isInBackOffSinceUpdate(entry, 10 * S)).toBe(false);
    entry = nextBackoff(entry, 10 * S, 10 * S, IMAGE_PULL_BACKOFF);
    expect(entry).toEqual({ backoffMs: 20 * S, lastUpdateMs: 10 * S });
    expect(isInBackOffSinceUpdate(entry, 29 * S)).toBe(true);
    expect(isInBackOffSinceUpdate(entry, 30 * S)).toBe(false);
  });

  it('GC drops entries not updated for 600 s', () => {
    expect(isBackoffGarbage({ backoffMs: 10 * S, lastUpdateMs: 0 }, 600 * S)).toBe(false);
    expect(isBackoffGarbage({ backoffMs: 10 * S, lastUpdateMs: 0 }, 601 * S)).toBe(true);
  });
});

describe('formatGoDuration (time.Duration.String)', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [1500, '1.5s'],
    [10_000, '10s'],
    [80_000, '1m20s'],
    [160_000, '2m40s'],
    [300_000, '5m0s'],
    [3_600_000, '1h0m0s'],
    [5_430_250, '1h30m30.25s'],
  ])('%d ms → %s', (ms, want) => {
    expect(formatGoDuration(ms)).toBe(want);
  });
});
