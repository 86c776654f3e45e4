/** Probes through the kubelet: exec timeouts, readiness gating, startup holding liveness back. */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/commands/runner.ts';

function pod(name: string, containerYaml: string): string {
  return `kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  nodeName: node-1
  containers:
  - name: app
${containerYaml}
YAML`;
}

function out(script: string, line: string): string | undefined {
  return runScript(script).entries.filter((e) => e.line === line).at(-1)?.output;
}

describe('kubelet probes', () => {
  it('an exec probe that outlives timeoutSeconds fails with the prober\'s "timed out" message', () => {
    const script = `${pod('slow', `    image: busybox
    command: ["sleep", "3600"]
    readinessProbe:
      exec:
        command: ["sh", "-c", "sleep 2"]
      periodSeconds: 5`)}
sim advance 12s
kubectl get pod slow --no-headers
kubectl get events --field-selector involvedObject.name=slow,reason=Unhealthy -o jsonpath={.items[0].message}`;
    expect(out(script, 'kubectl get pod slow --no-headers')).toBe('slow   0/1   Running   0     12s\n');
    expect(out(script, 'kubectl get events --field-selector involvedObject.name=slow,reason=Unhealthy -o jsonpath={.items[0].message}')).toBe(
      'Readiness probe failed: command "sh -c sleep 2" timed out',
    );
  });

  it('readiness: not ready until initialDelay has passed and a probe succeeded; a failing startup probe restarts', () => {
    const script = `${pod('web', `    image: nginx:1.27
    readinessProbe:
      httpGet: {path: /, port: 80}
      initialDelaySeconds: 15`)}
${pod('never', `    image: nginx:1.27
    startupProbe:
      httpGet: {path: /, port: 8080}
      periodSeconds: 2
      failureThreshold: 2`)}
sim advance 20s
kubectl get pods --no-headers
sim advance 5s
kubectl get pods --no-headers`;
    const r = runScript(script);
    const gets = r.entries.filter((e) => e.line === 'kubectl get pods --no-headers').map((e) => e.output);
    // Started at ~3 s (pull); probes tick every 10 s from the start, the first one at or after 15 s runs at ~23 s.
    expect(gets[0]).toContain('web     0/1   Running');
    expect(gets[1]).toContain('web     1/1   Running');
    // Nothing listens on 8080: two failed startup probes kill nginx (it exits 0 on its stop signal), again and again.
    expect(gets[1]).toMatch(/never {3}0\/1 {3}(Completed|CrashLoopBackOff|Running) {3}[2-9] \(\d+s ago\)/);
  });

  it('once the startup probe succeeds, readiness probes from the next tick on (it was never scheduled before)', () => {
    const script = `${pod('gated', `    image: nginx:1.27
    startupProbe:
      httpGet: {path: /, port: 80}
      initialDelaySeconds: 10
      periodSeconds: 10
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5`)}
sim advance 12s
kubectl get pod gated --no-headers
sim advance 10s
kubectl get pod gated --no-headers`;
    const gets = runScript(script).entries.filter((e) => e.line === 'kubectl get pod gated --no-headers').map((e) => e.output);
    expect(gets[0]).toBe('gated   0/1   Running   0     12s\n');
    expect(gets[1]).toBe('gated   1/1   Running   0     22s\n');
  });
});
