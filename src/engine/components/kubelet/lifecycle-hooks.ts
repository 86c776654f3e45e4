/**
 * Container lifecycle hooks as the kubelet runs them (pkg/kubelet/lifecycle/handlers.go and
 * kuberuntime_container.go): an `exec` command runs in the container (failing on a non-zero
 * exit), an `httpGet` fails only when nothing answers (its status code is not checked), `sleep`
 * waits its seconds, and `tcpSocket` — accepted by validation for old manifests — is refused as an
 * invalid handler. The simulation runs a hook's effects at once and reports how long it took;
 * the caller holds the container's next step back for that long (preStop: the stop signal).
 */
import type { LifecycleHandler, Pod } from '../../api/types.ts';
import type { Kubelet } from './kubelet.ts';
import { execInInstance } from './instance.ts';
import { procHttp } from './process.ts';
import type { ContainerRecord, InstanceRecord, PodRecord } from './state.ts';

/** minimumGracePeriodInSeconds: what the runtime gets to stop a container after its preStop hook. */
export const MINIMUM_GRACE_SECONDS = 2;

export interface HookRun {
  ok: boolean;
  /** Simulated time the hook took, at most `limitMs` (the kubelet stops waiting then). */
  elapsedMs: number;
}

export function runHook(k: Kubelet, pod: Pod, rec: PodRecord, c: ContainerRecord, i: InstanceRecord, handler: LifecycleHandler, limitMs: number): HookRun {
  if (handler.exec) {
    const r = execInInstance(k, pod, rec, c, i, handler.exec.command ?? [], undefined, limitMs);
    // A hook still running when the kubelet stops waiting is not reported as failed.
    return { ok: r.timedOut === true || r.exitCode === 0, elapsedMs: Math.min(r.elapsedMs, limitMs) };
  }
  if (handler.httpGet) {
    const port = typeof handler.httpGet.port === 'number' ? handler.httpGet.port : namedPort(pod, c.name, handler.httpGet.port);
    return { ok: procHttp(i.proc, port, handler.httpGet.path ?? '/', k.now) !== 'refused', elapsedMs: 0 };
  }
  if (handler.sleep) return { ok: true, elapsedMs: Math.min(Math.max(0, handler.sleep.seconds) * 1000, limitMs) };
  return { ok: false, elapsedMs: 0 };
}

function namedPort(pod: Pod, container: string, port: string): number {
  const spec = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((s) => s.name === container);
  return spec?.ports?.find((p) => p.name === port)?.containerPort ?? Number(port);
}
