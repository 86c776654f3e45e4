/**
 * postStart hooks through the kubelet (kuberuntime startContainer): the hook runs right after the
 * start and, until it returns, the status still shows the container as before the start
 * (Waiting/ContainerCreating, not ready) and the pod's next containers wait. A failing hook is
 * FailedPostStartHook "PostStartHook failed", a Killing "FailedPostStartHook", then the container
 * waits as PostStartHookError (the handler's message) and restarts with back-off.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/commands/runner.ts';

const LOOPS = 'while true; do sleep 1; done';
const IGNORES_TERM = "trap '' TERM; while true; do sleep 1; done";

interface PodOptions {
  command?: string;
  grace?: number;
  restartPolicy?: string;
  /** A second container after `app`, without hooks. */
  side?: boolean;
  preStop?: string;
}

function pod(name: string, postStart: string, o: PodOptions = {}): string {
  const side = o.side ? `\n  - name: side\n    image: busybox:1.36\n    command: ["sh", "-c", "${LOOPS}"]` : '';
  const preStop = o.preStop ? `\n      preStop:\n${o.preStop}` : '';
  return `kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  terminationGracePeriodSeconds: ${o.grace ?? 30}
  restartPolicy: ${o.restartPolicy ?? 'Always'}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "${o.command ?? LOOPS}"]
    ports:
    - name: admin
      containerPort: 8080
    lifecycle:
      postStart:
${postStart}${preStop}${side}
YAML`;
}

/** The outputs of `commands`, run after `setup` (the script's first entry). */
function outputs(setup: string, ...commands: string[]): string[] {
  return runScript([setup, ...commands].join('\n')).entries.slice(1).map((e) => e.output ?? '');
}

const state = (name: string, i = 0) => `kubectl get pod ${name} -o jsonpath={.status.containerStatuses[${i}].state}`;
const ready = (name: string) => `kubectl get pod ${name} -o jsonpath={.status.phase}/{.status.containerStatuses[*].ready}`;
const events = (reason: string) => `kubectl get events --field-selector reason=${reason} -o jsonpath={range.items[*]}{.type}/{.message}{end}`;
const SLEEP_10 = '        sleep:\n          seconds: 10';
const EXEC_FAILS = '        exec:\n          command: ["sh", "-c", "echo nope; exit 3"]';

describe('kubelet: postStart hooks', () => {
  it('holds the Running state back for the hook\'s time: Waiting/ContainerCreating, then Running from the real start', () => {
    const out = outputs(pod('slow', SLEEP_10), 'sim advance 5s', state('slow'), ready('slow'), 'kubectl get pod slow', 'sim advance 6s', state('slow'), ready('slow'));
    expect(out[1]).toBe('{"waiting":{"reason":"ContainerCreating"}}');
    expect(out[2]).toBe('Pending/false');
    expect(out[3]).toMatch(/slow\s+0\/1\s+ContainerCreating\s+0\s+5s/);
    // startedAt is when the process started (before the hook), as the runtime reports it.
    expect(out[5]).toMatch(/^\{"running":\{"startedAt":"2025-01-01T00:00:00Z"\}\}$/);
    expect(out[6]).toBe('Running/true');
  });

  it('runs an exec hook in the container: what it writes is there once the container runs', () => {
    const hook = '        exec:\n          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /tmp/message"]';
    const out = outputs(pod('demo', hook), 'sim advance 3s', ready('demo'), 'kubectl exec demo -- cat /tmp/message');
    expect(out[1]).toBe('Running/true');
    expect(out[2]).toBe('Hello from the postStart handler\n');
  });

  it('an exec hook holds it for as long as the command runs (no time limit)', () => {
    const hook = '        exec:\n          command: ["sh", "-c", "sleep 120"]';
    const out = outputs(pod('long', hook), 'sim advance 119s', state('long'), 'sim advance 2s', ready('long'));
    expect(out[1]).toBe('{"waiting":{"reason":"ContainerCreating"}}');
    expect(out[3]).toBe('Running/true');
  });

  it('starts the pod\'s next container only once the hook returned', () => {
    const out = outputs(pod('two', SLEEP_10, { side: true }), 'sim advance 5s', state('two', 1), 'sim advance 6s', state('two', 1), ready('two'));
    expect(out[1]).toBe('{"waiting":{"reason":"ContainerCreating"}}');
    expect(out[3]).toMatch(/^\{"running":\{"startedAt":"2025-01-01T00:00:1\d/);
    expect(out[4]).toBe('Running/true true');
  });

  it('a failing hook: FailedPostStartHook, Killing, then PostStartHookError with the handler\'s message', () => {
    const setup = pod('bad', EXEC_FAILS, { command: IGNORES_TERM, grace: 5 });
    // The hook fails at once; the kill waits out the 5 s grace period (the process ignores TERM).
    const out = outputs(setup, 'sim advance 4s', state('bad'), 'sim advance 3s', state('bad'), events('FailedPostStartHook'), events('Killing'));
    expect(out[1]).toBe('{"waiting":{"reason":"ContainerCreating"}}');
    const waiting = JSON.parse(out[3]) as { waiting: { reason: string; message: string } };
    expect(waiting.waiting.reason).toBe('PostStartHookError');
    expect(waiting.waiting.message).toMatch(
      /^Exec lifecycle hook \(\[sh -c echo nope; exit 3\]\) for Container "app" in Pod "bad_default\([0-9a-f-]+\)" failed - error: command 'sh -c echo nope; exit 3' exited with 3: , message: "nope\\n"$/,
    );
    expect(out[4]).toBe('Warning/PostStartHook failed');
    expect(out[5]).toBe('Normal/FailedPostStartHook');
  });

  it('restarts a container whose hook keeps failing with CrashLoopBackOff', () => {
    const out = outputs(pod('loop', EXEC_FAILS, { command: "trap 'exit 0' TERM; " + LOOPS }), 'sim advance 30s', 'kubectl get pod loop', state('loop'));
    expect(out[1]).toMatch(/loop\s+0\/1\s+CrashLoopBackOff\s+2 \(\d+s ago\)/);
    expect(out[2]).toContain('"reason":"CrashLoopBackOff"');
  });

  it('runs the preStop hook when it kills the container after a failed postStart', () => {
    const preStop = '        exec:\n          command: ["sh", "-c", "exit 1"]';
    const out = outputs(pod('both', EXEC_FAILS, { command: "trap 'exit 0' TERM; " + LOOPS, preStop }), 'sim advance 2s', events('FailedPreStopHook'));
    expect(out[1]).toBe('Warning/PreStopHook failed');
  });

  it('with restartPolicy Never the container reports how it terminated, and the pod fails', () => {
    const out = outputs(pod('once', EXEC_FAILS, { command: IGNORES_TERM, grace: 2, restartPolicy: 'Never' }), 'sim advance 10s', state('once'), 'kubectl get pod once');
    expect(out[1]).toMatch(/^\{"terminated":\{.*"exitCode":137,.*"reason":"Error"/);
    expect(out[2]).toMatch(/once\s+0\/1\s+Error\s+0/);
  });

  it.each([
    ['an httpGet nothing answers', '        httpGet:\n          port: admin\n          path: /ready', /^HTTP lifecycle hook \(\/ready\) for Container "app" in Pod "h_default\([0-9a-f-]+\)" failed - error: Get "http:\/\/10\.244\.\d+\.\d+:8080\/ready": dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/],
    ['a tcpSocket (an invalid handler for the kubelet)', '        tcpSocket:\n          port: 8080', /^Cannot run handler: invalid handler: &LifecycleHandler\{Exec:nil,HTTPGet:nil,TCPSocket:&TCPSocketAction\{Port:\{0 8080 \},Host:,\},Sleep:nil,\}$/],
  ])('%s fails the hook, with the kubelet\'s message', (_name, hook, message) => {
    const out = outputs(pod('h', hook, { command: IGNORES_TERM, grace: 5 }), 'sim advance 3s', state('h'), 'sim advance 4s', state('h'));
    expect(out[1]).toBe('{"waiting":{"reason":"ContainerCreating"}}');
    const waiting = JSON.parse(out[3]) as { waiting: { reason: string; message: string } };
    expect(waiting.waiting.reason).toBe('PostStartHookError');
    expect(waiting.waiting.message).toMatch(message);
  });

  it('runs no probe before the hook returned', () => {
    const hook = `${SLEEP_10}`;
    const setup = pod('probed', hook).replace('    lifecycle:', '    livenessProbe:\n      exec:\n        command: ["false"]\n      periodSeconds: 1\n      failureThreshold: 1\n    lifecycle:');
    const out = outputs(setup, 'sim advance 9s', events('Unhealthy'), 'sim advance 3s', events('Unhealthy'));
    expect(out[1]).toBe('');
    expect(out[3]).toContain('Warning/Liveness probe failed');
  });

  it('runs the Kubernetes docs\' lifecycle-demo: the postStart hook writes /usr/share/message', () => {
    // https://kubernetes.io/docs/tasks/configure-pod-container/attach-handler-lifecycle-event/
    const demo = `kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: lifecycle-demo
spec:
  containers:
  - name: lifecycle-demo-container
    image: nginx
    lifecycle:
      postStart:
        exec:
          command: ["/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"]
      preStop:
        exec:
          command: ["/bin/sh","-c","nginx -s quit; while killall -0 nginx; do sleep 1; done"]
YAML`;
    const out = outputs(demo, 'sim advance 30s', 'kubectl get pod lifecycle-demo', 'kubectl exec lifecycle-demo -- cat /usr/share/message');
    expect(out[1]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nlifecycle-demo\s+1\/1\s+Running\s+0\s+30s\n$/);
    expect(out[2]).toBe('Hello from the postStart handler\n');
  });
});
