import { describe, expect, it } from 'vitest';
import { bytesLabel, clockElapsed, clockIso, cpuLabel, percent, podGroupSummary, statusTone } from './format.ts';

describe('view formatting', () => {
  it.each([
    [0, '+00:00:00'],
    [330_000, '+00:05:30'],
    [3_599_999, '+00:59:59'],
    [86_400_000 + 3_723_000, '+1d 01:02:03'],
  ])('clockElapsed(%d) = %s', (ms, text) => expect(clockElapsed(ms)).toBe(text));

  it('prints the clock as a Kubernetes timestamp', () => {
    expect(clockIso(330_000)).toBe('2025-01-01T00:05:30Z');
  });

  it.each([
    [250, '250m'],
    [1000, '1'],
    [1500, '1.5'],
  ])('cpuLabel(%d) = %s', (m, text) => expect(cpuLabel(m)).toBe(text));

  it.each([
    [0, '0'],
    [128 * 2 ** 20, '128Mi'],
    [4 * 2 ** 30 - 100 * 2 ** 20, '3.9Gi'],
  ])('bytesLabel(%d) = %s', (b, text) => expect(bytesLabel(b)).toBe(text));

  it('bounds meters', () => {
    expect(percent(5, 0)).toBe(100);
    expect(percent(0, 0)).toBe(0);
    expect(percent(3, 2)).toBe(100);
    expect(percent(1, 4)).toBe(25);
  });

  it.each([
    ['Running', 'ok'],
    ['Pending', 'wait'],
    ['ContainerCreating', 'wait'],
    ['Init:0/2', 'wait'],
    ['Init:CrashLoopBackOff', 'bad'],
    ['CrashLoopBackOff', 'bad'],
    ['Terminating', 'done'],
    ['Completed', 'done'],
    ['OOMKilled', 'bad'],
  ])('statusTone(%s) = %s', (s, tone) => expect(statusTone(s)).toBe(tone));

  it('sums up a group of pods by status, toned by the worst', () => {
    expect(podGroupSummary(['Running', 'Running'])).toEqual({ text: '2 pods, all Running', tone: 'ok' });
    expect(podGroupSummary(['Running'])).toEqual({ text: '1 pod, Running', tone: 'ok' });
    expect(podGroupSummary(['Running', 'CrashLoopBackOff', 'Running', 'Pending'])).toEqual({
      text: '4 pods: 2 Running, 1 CrashLoopBackOff, 1 Pending',
      tone: 'bad',
    });
    expect(podGroupSummary(['Running', 'Terminating'])).toEqual({ text: '2 pods: 1 Running, 1 Terminating', tone: 'ok' });
  });
});
