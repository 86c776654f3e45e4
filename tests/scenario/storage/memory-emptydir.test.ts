/**
 * An emptyDir with `medium: Memory` is a tmpfs: what is written there is charged to the writing
 * container's memory, so filling it past the memory limit OOM-kills the container. A disk-backed
 * emptyDir does not count against memory.
 */
import { describe, expect, it } from 'vitest';
import { Lab } from '../../support/manifests.ts';

function pod(medium: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: [sleep, "3600"]
    resources:
      limits: {memory: 4Mi}
    volumeMounts:
    - {name: scratch, mountPath: /cache}
  volumes:
  - name: scratch
    emptyDir: {${medium}}
`;
}

/** Writes 4.1 MB into /cache: with the container's own memory, past its 4Mi limit. */
const FILL = `kubectl exec cache -- sh -c 'cd /cache && printf "%0100000d" 0 > a && cat a a a a a a a a a a > b && cat b b b b > big'`;

describe('emptyDir medium: Memory', () => {
  it('files written to it count against the memory limit: past it the container is OOMKilled', () => {
    const lab = new Lab();
    lab.apply(pod('medium: Memory'));
    lab.advance('10s');
    expect(lab.status('cache')).toBe('Running');
    lab.run(FILL);
    lab.advance('2s');
    expect(lab.jsonpath('cache', '.status.containerStatuses[0].lastState.terminated.reason')).toBe('OOMKilled');
    expect(lab.jsonpath('cache', '.status.containerStatuses[0].lastState.terminated.exitCode')).toBe('137');
    // The tmpfs outlives the container: each restart is charged again, hence CrashLoopBackOff.
    expect(lab.podRow('cache')).toEqual({ ready: '0/1', status: 'CrashLoopBackOff', restarts: '1 (1s ago)' });
  });

  it('a disk-backed emptyDir does not', () => {
    const lab = new Lab();
    lab.apply(pod(''));
    lab.advance('10s');
    lab.run(FILL);
    lab.advance('2s');
    expect(lab.podRow('cache')).toEqual({ ready: '1/1', status: 'Running', restarts: '0' });
  });
});
