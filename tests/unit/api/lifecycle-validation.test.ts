/**
 * Lifecycle handlers at the API (v1.31 validation.go validateLifecycle → validateHandler, shared
 * with probes; validateSleepAction before PodLifecycleSleepActionAllowZero): exactly one handler
 * type, sleep seconds in (0, terminationGracePeriodSeconds], exec/httpGet checked as in probes,
 * tcpSocket accepted. Pods and every workload's template go through the same pod-spec validation.
 */
import { describe, expect, it } from 'vitest';
import { runScript } from '../../../src/commands/runner.ts';

function apply(manifest: string): string {
  return runScript(`kubectl apply -f - <<YAML\n${manifest}\nYAML`).entries.at(-1)?.output ?? '';
}

function pod(hook: 'postStart' | 'preStop', handler: string, grace?: number): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
${grace === undefined ? '' : `  terminationGracePeriodSeconds: ${grace}\n`}  containers:
  - name: app
    image: nginx:1.27
    lifecycle:
      ${hook}:
${handler}`;
}

const POD_INVALID = 'The Pod "x" is invalid: spec.containers[0].lifecycle';

describe('API: lifecycle handler validation', () => {
  it.each([
    ['no handler', 'preStop', '        {}', undefined, `${POD_INVALID}.preStop: Required value: must specify a handler type`],
    ['no handler (postStart)', 'postStart', '        {}', undefined, `${POD_INVALID}.postStart: Required value: must specify a handler type`],
    ['two handlers', 'preStop', '        exec:\n          command: ["a"]\n        sleep:\n          seconds: 3', undefined, `${POD_INVALID}.preStop.sleep: Forbidden: may not specify more than 1 handler type`],
    ['three handlers', 'postStart', '        exec:\n          command: ["a"]\n        httpGet:\n          port: 80\n        tcpSocket:\n          port: 80', undefined,
      'The Pod "x" is invalid: \n* spec.containers[0].lifecycle.postStart.httpGet: Forbidden: may not specify more than 1 handler type\n* spec.containers[0].lifecycle.postStart.tcpSocket: Forbidden: may not specify more than 1 handler type'],
    ['sleep 0', 'preStop', '        sleep:\n          seconds: 0', undefined, `${POD_INVALID}.preStop.sleep: Invalid value: 0: must be greater than 0 and less than terminationGracePeriodSeconds (30)`],
    ['sleep over the default grace period', 'preStop', '        sleep:\n          seconds: 31', undefined, `${POD_INVALID}.preStop.sleep: Invalid value: 31: must be greater than 0 and less than terminationGracePeriodSeconds (30)`],
    ['sleep over the pod\'s grace period', 'postStart', '        sleep:\n          seconds: 5', 2, `${POD_INVALID}.postStart.sleep: Invalid value: 5: must be greater than 0 and less than terminationGracePeriodSeconds (2)`],
    ['exec without a command', 'preStop', '        exec: {}', undefined, `${POD_INVALID}.preStop.exec.command: Required value`],
    ['httpGet port 0', 'preStop', '        httpGet:\n          port: 0', undefined, `${POD_INVALID}.preStop.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive`],
    ['httpGet bad scheme', 'postStart', '        httpGet:\n          port: 80\n          scheme: FTP', undefined, `${POD_INVALID}.postStart.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"`],
  ])('%s', (_name, hook, handler, grace, error) => {
    expect(apply(pod(hook as 'postStart' | 'preStop', handler, grace))).toBe(`${error}\n`);
  });

  it.each([
    ['sleep equal to the grace period', 'preStop', '        sleep:\n          seconds: 30'],
    ['tcpSocket (accepted by validation; the kubelet refuses it)', 'postStart', '        tcpSocket:\n          port: 8080'],
    ['httpGet with path and scheme defaulted', 'postStart', '        httpGet:\n          port: 8080'],
  ])('accepts %s', (_name, hook, handler) => {
    expect(apply(pod(hook as 'postStart' | 'preStop', handler))).toBe('pod/x created\n');
  });

  it('validates a workload template the same way', () => {
    const out = apply(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        lifecycle:
          preStop: {}`);
    expect(out).toBe('The Deployment "web" is invalid: spec.template.spec.containers[0].lifecycle.preStop: Required value: must specify a handler type\n');
  });

  it('checks a restartable init container\'s hooks, and forbids them on other init containers', () => {
    const init = (restart: string) => `apiVersion: v1
kind: Pod
metadata:
  name: x
spec:
  initContainers:
  - name: init
    image: busybox:1.36
${restart}    lifecycle:
      postStart: {}
  containers:
  - name: app
    image: nginx:1.27`;
    expect(apply(init('    restartPolicy: Always\n'))).toBe('The Pod "x" is invalid: spec.initContainers[0].lifecycle.postStart: Required value: must specify a handler type\n');
    expect(apply(init(''))).toBe('The Pod "x" is invalid: spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always\n');
  });
});
