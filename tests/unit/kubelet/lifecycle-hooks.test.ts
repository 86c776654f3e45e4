/**
 * preStop hooks through the kubelet (killContainer): the hook runs before SIGTERM and its time
 * comes out of the grace period (the runtime always gets at least 2 s, hook or not); a failing hook is reported
 * as FailedPreStopHook "PreStopHook failed" and the stop goes on; tcpSocket is an invalid handler.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/commands/runner.ts';

function pod(name: string, command: string, preStop: string, grace = 30): string {
  return `kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  terminationGracePeriodSeconds: ${grace}
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "${command}"]
    ports:
    - name: admin
      containerPort: 8080
    lifecycle:
      preStop:
${preStop}
YAML`;
}

/** Whether the pod is still there `seconds` after its deletion (one script per probe: the clock only goes forward). */
function presentAfter(setup: string, name: string, seconds: number): boolean {
  const script = `${setup}\nsim advance 5s\nkubectl delete pod ${name} --wait=false\nsim advance ${seconds}s\nkubectl get pods -o name`;
  const entries = runScript(script).entries;
  return (entries.at(-1)?.output ?? '').includes(`pod/${name}`);
}

const EXITS_ON_TERM = "trap 'exit 0' TERM; while true; do sleep 1; done";
const IGNORES_TERM = "trap '' TERM; while true; do sleep 1; done";

describe('kubelet: preStop hooks', () => {
  it('sends SIGTERM only when the hook is done: a 10 s exec hook holds a TERM-ready process for 10 s', () => {
    const setup = pod('drain', EXITS_ON_TERM, '        exec:\n          command: ["sh", "-c", "sleep 10"]');
    expect(presentAfter(setup, 'drain', 9)).toBe(true);
    expect(presentAfter(setup, 'drain', 11)).toBe(false);
  });

  it('takes the hook\'s time out of the grace period: sleep 10 then 20 s for a process that ignores TERM', () => {
    const setup = pod('stubborn', IGNORES_TERM, '        sleep:\n          seconds: 10');
    expect(presentAfter(setup, 'stubborn', 29)).toBe(true);
    expect(presentAfter(setup, 'stubborn', 31)).toBe(false);
  });

  it('stops waiting for a hook at the grace period, then gives the runtime the 2 s minimum', () => {
    const setup = pod('slow', IGNORES_TERM, '        exec:\n          command: ["sleep", "600"]', 30);
    expect(presentAfter(setup, 'slow', 31)).toBe(true);
    expect(presentAfter(setup, 'slow', 33)).toBe(false);
  });

  it.each([
    ['an httpGet nothing answers', '        httpGet:\n          port: admin\n          path: /drain', 1],
    ['an exec that exits 1', '        exec:\n          command: ["sh", "-c", "exit 1"]', 1],
    ['a tcpSocket (an invalid handler for the kubelet)', '        tcpSocket:\n          port: 8080', 1],
    ['a sleep', '        sleep:\n          seconds: 1', 0],
  ])('%s: FailedPreStopHook when it fails, and the stop goes on', (_name, preStop, failures) => {
    const script = `${pod('h', EXITS_ON_TERM, preStop)}\nsim advance 5s\nkubectl delete pod h --wait=false\nsim advance 5s\nkubectl get pods -o name\nkubectl get events --field-selector reason=FailedPreStopHook -o jsonpath={range.items[*]}{.type}/{.message}{end}`;
    const entries = runScript(script).entries;
    expect(entries.at(-2)?.output).not.toContain('pod/h');
    expect(entries.at(-1)?.output).toBe('Warning/PreStopHook failed'.repeat(failures));
  });

  it('gives a container 2 s between SIGTERM and SIGKILL even at terminationGracePeriodSeconds 0 (killContainer\'s minimum)', () => {
    const setup = `kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: zero
spec:
  nodeName: node-1
  terminationGracePeriodSeconds: 0
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "${IGNORES_TERM}"]
    livenessProbe:
      exec:
        command: ["false"]
      initialDelaySeconds: 5
      periodSeconds: 10
      failureThreshold: 1
YAML`;
    const out = runScript(`${setup}\nsim advance 20s\nkubectl get events --field-selector reason=Killing -o jsonpath={.items[0].lastTimestamp}\nkubectl get pod zero -o jsonpath={.status.containerStatuses[0].lastState.terminated.finishedAt}`).entries.map((e) => e.output ?? '');
    const killedAt = Date.parse(out[2]);
    expect(Number.isNaN(killedAt)).toBe(false);
    expect(Date.parse(out[3]) - killedAt).toBe(2000);
  });
});

