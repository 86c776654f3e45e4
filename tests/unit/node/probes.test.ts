import { describe, expect, it } from 'vitest';
import { PROBE_DEFAULTS } from '../../../src/engine/api/admission/podspec-defaults.ts';
import {
  DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS,
  EXIT_CODE_SIGKILL,
  EXIT_CODE_SIGTERM,
  EXIT_CODE_START_ERROR,
  PROBE_TIMING_DEFAULTS,
  REASON_COMPLETED,
  REASON_CONTAINER_CANNOT_RUN,
  REASON_ERROR,
  REASON_OOM_KILLED,
  REASON_START_ERROR,
  signalExitCode,
  startErrorMessage,
  terminatedReason,
  withProbeDefaults,
} from '../../../src/engine/node/probes.ts';

describe('probe defaults (reference §9.3, SetDefaults_Probe)', () => {
  it('§9.3: initialDelaySeconds 0, periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3', () => {
    expect(PROBE_TIMING_DEFAULTS).toEqual({ initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
    expect(withProbeDefaults({ exec: { command: ['cat', '/tmp/healthy'] } })).toEqual({
      exec: { command: ['cat', '/tmp/healthy'] },
      ...PROBE_TIMING_DEFAULTS,
    });
  });

  it('one source: admission defaults probes from the same table', () => {
    const { initialDelaySeconds: _zero, ...rest } = PROBE_TIMING_DEFAULTS;
    expect(rest).toEqual({ ...PROBE_DEFAULTS });
  });

  it('set values are kept; Go zero values take the default', () => {
    const probe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3, failureThreshold: 0 };
    expect(withProbeDefaults(probe)).toMatchObject({ initialDelaySeconds: 3, periodSeconds: 3, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 });
  });

  it('§9.3 worst case to a liveness kill with defaults: initialDelay + failureThreshold × period = 30 s', () => {
    const p = withProbeDefaults({});
    expect(p.initialDelaySeconds + p.failureThreshold * p.periodSeconds).toBe(30);
  });
});

describe('termination and exit codes (reference §9.4)', () => {
  it('§9.4: terminationGracePeriodSeconds defaults to 30', () => {
    expect(DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS).toBe(30);
  });

  it('§9.4: 137 = 128 + 9 (SIGKILL, OOM kill), 143 = 128 + 15 (SIGTERM), 128 + n in general', () => {
    expect(EXIT_CODE_SIGKILL).toBe(137);
    expect(signalExitCode('SIGKILL')).toBe(EXIT_CODE_SIGKILL);
    expect(EXIT_CODE_SIGTERM).toBe(143);
    expect(signalExitCode('SIGTERM')).toBe(EXIT_CODE_SIGTERM);
    expect(signalExitCode('SIGINT')).toBe(130);
    expect(signalExitCode('SIGQUIT')).toBe(131);
    expect(EXIT_CODE_START_ERROR).toBe(128);
  });

  it.each([
    ['§9.4 OOM kill → OOMKilled, exit 137', 137, true, 'OOMKilled'],
    ['§9.4 exit 0 → Completed', 0, false, 'Completed'],
    ['§9.4 non-zero without a runtime reason → Error', 1, false, 'Error'],
    ['§9.4 SIGKILL after the grace period → Error', 137, false, 'Error'],
  ] as const)('%s', (_row, code, oom, want) => {
    expect(terminatedReason(code, oom)).toBe(want);
  });

  it('reason constants', () => {
    expect([REASON_OOM_KILLED, REASON_ERROR, REASON_COMPLETED, REASON_CONTAINER_CANNOT_RUN, REASON_START_ERROR]).toEqual([
      'OOMKilled',
      'Error',
      'Completed',
      'ContainerCannotRun',
      'StartError',
    ]);
  });

  it('StartError message as containerd + runc word it', () => {
    expect(startErrorMessage('ngnix')).toBe(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "ngnix": executable file not found in $PATH: unknown',
    );
    expect(startErrorMessage('/bin/bash')).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown');
  });
});
