/**
 * Probe timings, termination defaults, exit codes and container state reasons the kubelet and
 * the runtime report (reference §9.3, §9.4). One named place for these constants: the probe and
 * grace-period defaults are the API server's own (admission/podspec-defaults.ts), re-read here so
 * that a probe the kubelet holds always has every timing field.
 */
import { DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, PROBE_DEFAULTS } from '../api/admission/podspec-defaults.ts';

export { DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS };

/** The timing fields of a core/v1 Probe, all set. */
export interface ProbeTimings {
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** SetDefaults_Probe plus initialDelaySeconds' zero value. */
export const PROBE_TIMING_DEFAULTS: Readonly<ProbeTimings> = Object.freeze({ initialDelaySeconds: 0, ...PROBE_DEFAULTS });

const positive = (v: unknown): v is number => typeof v === 'number' && v > 0;

/**
 * A copy of `probe` with every timing field set: Go zero values (absent or 0) take the default,
 * as SetDefaults_Probe does; initialDelaySeconds keeps 0.
 * @example withProbeDefaults({ httpGet: { path: '/healthz', port: 8080 } }).periodSeconds // 10
 */
export function withProbeDefaults<T extends object>(probe: T): T & ProbeTimings {
  const p = probe as Partial<ProbeTimings>;
  return {
    ...probe,
    initialDelaySeconds: positive(p.initialDelaySeconds) ? p.initialDelaySeconds : 0,
    periodSeconds: positive(p.periodSeconds) ? p.periodSeconds : PROBE_DEFAULTS.periodSeconds,
    timeoutSeconds: positive(p.timeoutSeconds) ? p.timeoutSeconds : PROBE_DEFAULTS.timeoutSeconds,
    successThreshold: positive(p.successThreshold) ? p.successThreshold : PROBE_DEFAULTS.successThreshold,
    failureThreshold: positive(p.failureThreshold) ? p.failureThreshold : PROBE_DEFAULTS.failureThreshold,
  };
}

/** Linux signal numbers the simulation deals in (exit code of a signalled process = 128 + n). */
export const SIGNAL_NUMBERS = Object.freeze({
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGTERM: 15,
  SIGWINCH: 28,
});
export type SignalName = keyof typeof SIGNAL_NUMBERS;

/** A process killed by signal n exits (as the runtime reports it) with 128 + n. */
export function signalExitCode(signal: SignalName): number {
  return 128 + SIGNAL_NUMBERS[signal];
}

/** 128 + 9: SIGKILL, including the kernel OOM killer and the kubelet at the end of the grace period. */
export const EXIT_CODE_SIGKILL = 137;
/** 128 + 15: a process that died of SIGTERM (default disposition). */
export const EXIT_CODE_SIGTERM = 143;
/** What containerd reports for a container whose process could not be started (reason StartError). */
export const EXIT_CODE_START_ERROR = 128;

/** Terminated-state reasons (`state.terminated.reason`). */
export const REASON_OOM_KILLED = 'OOMKilled';
export const REASON_ERROR = 'Error';
export const REASON_COMPLETED = 'Completed';
/** dockershim's reason for a process that could not start (kept for display; containerd says StartError). */
export const REASON_CONTAINER_CANNOT_RUN = 'ContainerCannotRun';
/** containerd's reason for a process that could not start (exec format, binary not found...). */
export const REASON_START_ERROR = 'StartError';

/**
 * The terminated reason the runtime reports: OOMKilled when the cgroup OOM killer ended it,
 * otherwise Completed for exit 0 and Error for anything else.
 */
export function terminatedReason(exitCode: number, oomKilled: boolean): string {
  if (oomKilled) return REASON_OOM_KILLED;
  return exitCode === 0 ? REASON_COMPLETED : REASON_ERROR;
}

/**
 * containerd 1.7 + runc's message when the container's argv[0] cannot be executed (reason
 * StartError, exit code 128): a bare name is looked up on $PATH, a path is stat'ed.
 */
export function startErrorMessage(binary: string): string {
  const detail = binary.includes('/')
    ? `exec: "${binary}": stat ${binary}: no such file or directory`
    : `exec: "${binary}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${detail}: unknown`;
}
