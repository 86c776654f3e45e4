/**
 * Container lifecycle hooks as the kubelet runs them (pkg/kubelet/lifecycle/handlers.go and
 * kuberuntime_container.go): an `exec` command runs in the container (failing on a non-zero
 * exit), an `httpGet` fails only when nothing answers (its status code is not checked), `sleep`
 * waits its seconds, and `tcpSocket` — accepted by validation for old manifests — is refused as an
 * invalid handler. The simulation runs a hook's effects at once and reports how long it took;
 * the caller holds the container's next step back for that long (preStop: the stop signal;
 * postStart: the Running state and the pod's next containers).
 */
import type { LifecycleHandler, Pod } from '../../api/types.ts';
import type { Kubelet } from './kubelet.ts';
import { goQuote } from '../../api/errors.ts';
import { execInInstance } from './instance.ts';
import { procHttp } from './process.ts';
import type { ContainerRecord, InstanceRecord, PodRecord } from './state.ts';

/** minimumGracePeriodInSeconds: the least time the runtime gets to stop a container, after any preStop hook (killContainer). */
export const MINIMUM_GRACE_SECONDS = 2;

export interface HookRun {
  ok: boolean;
  /** Simulated time the hook took, at most `limitMs` (the kubelet stops waiting then). */
  elapsedMs: number;
  /** Why it failed, as handlers.go Run words it ('' when it did not). */
  message: string;
}

export function runHook(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, handler: LifecycleHandler, limitMs: number): HookRun {
  const inPod = `for Container ${goQuote(c.name)} in Pod ${goQuote(`${rec.name}_${rec.namespace}(${rec.uid})`)}`;
  if (handler.exec) {
    const command = handler.exec.command ?? [];
    const r = execInInstance(k, pod, rec, c, i, command, undefined, limitMs);
    const elapsedMs = Math.min(r.elapsedMs, limitMs);
    // A hook still running when the kubelet stops waiting is not reported as failed.
    if (r.timedOut === true || r.exitCode === 0) return { ok: true, elapsedMs, message: '' };
    // The CRI's ExecSync error for a non-zero exit, then the output (stdout, then stderr).
    const error = `command '${command.join(' ')}' exited with ${r.exitCode}: ${r.stderr}`;
    const message = `Exec lifecycle hook ([${command.join(' ')}]) ${inPod} failed - error: ${error}, message: ${goQuote(r.stdout + r.stderr)}`;
    return { ok: false, elapsedMs, message };
  }
  if (handler.httpGet) {
    const port = typeof handler.httpGet.port === 'number' ? handler.httpGet.port : namedPort(pod, c.name, handler.httpGet.port);
    const path = handler.httpGet.path ?? '/';
    if (procHttp(i.proc, port, path, k.now) !== 'refused') return { ok: true, elapsedMs: 0, message: '' };
    const host = handler.httpGet.host ?? rec.sandbox?.ip ?? '';
    const scheme = (handler.httpGet.scheme ?? 'HTTP').toLowerCase();
    const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    const error = `Get ${goQuote(url)}: dial tcp ${host}:${port}: connect: connection refused`;
    return { ok: false, elapsedMs: 0, message: `HTTP lifecycle hook (${path}) ${inPod} failed - error: ${error}` };
  }
  if (handler.sleep) return { ok: true, elapsedMs: Math.min(Math.max(0, handler.sleep.seconds) * 1000, limitMs), message: '' };
  return { ok: false, elapsedMs: 0, message: `Cannot run handler: invalid handler: ${goHandler(handler)}` };
}

/** The handler as Go's %v prints a *LifecycleHandler (its generated String method). */
function goHandler(h: LifecycleHandler): string {
  const port = h.tcpSocket?.port;
  // intstr.IntOrString printed as a struct: {Type IntVal StrVal}.
  const intOrString = typeof port === 'string' ? `{1 0 ${port}}` : `{0 ${port ?? 0} }`;
  const tcp = h.tcpSocket ? `&TCPSocketAction{Port:${intOrString},Host:${h.tcpSocket.host ?? ''},}` : 'nil';
  return `&LifecycleHandler{Exec:nil,HTTPGet:nil,TCPSocket:${tcp},Sleep:nil,}`;
}

function namedPort(pod: Pod, container: string, port: string): number {
  const spec = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((s) => s.name === container);
  return spec?.ports?.find((p) => p.name === port)?.containerPort ?? Number(port);
}
