/**
 * The Containers / Init Containers blocks of `kubectl describe pod` (describe.go
 * `describeContainers` and its helpers): ids, image, ports, command and args, state and last
 * state, readiness, restarts, limits and requests, probes, environment and mounts.
 */
import type { Container, ContainerStatus, Pod } from '../../../engine/api/types.ts';
import { goSort } from './go-sort.ts';
import { milliValue, parseQ, value, type Q } from './resources.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printBool, rfc1123z, sortedStrings, str, stringOrNone, type PrefixWriter } from './writer.ts';

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const dict = (v: unknown): Dict => (isDict(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Resolves an env var's fieldRef value, or '' (describe.go EnvValueRetriever). */
export type EnvResolver = (fieldRef: Dict) => string;

/**
 * EnvValueRetriever: kubectl converts the field path with its own scheme, which knows no Pod
 * field-label conversion, so only `metadata.name` and `metadata.namespace` resolve; every other
 * path (`status.podIP`, `spec.nodeName`, ...) prints an empty value.
 */
export function envValueRetriever(pod: Pod): EnvResolver {
  return (fieldRef) => {
    const apiVersion = str(fieldRef.apiVersion);
    // schema.ParseGroupVersion: "" and "v1" and "group/version" parse; more slashes do not.
    if (apiVersion.split('/').length > 2) return '';
    switch (str(fieldRef.fieldPath)) {
      case 'metadata.name':
        return pod.metadata.name ?? '';
      case 'metadata.namespace':
        return pod.metadata.namespace ?? '';
      default:
        return '';
    }
  };
}

/** describeContainers. */
export function describeContainers(
  label: string,
  containers: readonly Container[],
  statuses: readonly ContainerStatus[] | undefined,
  resolver: EnvResolver | undefined,
  w: PrefixWriter,
  space: string,
): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeBasicInfo(c, status, space, w);
    describeCommand(c, w);
    if (status) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeProbes(c, w);
    if (list(c.envFrom).length > 0) describeEnvFrom(c, w);
    describeEnvVars(c, resolver, w);
    describeMounts(c, w);
  }
}

function portsString(c: Container, pick: (p: Dict) => unknown): string {
  return list(c.ports)
    .map((p) => `${Number(pick(dict(p)) ?? 0) || 0}/${str(dict(p).protocol)}`)
    .join(', ');
}

function describeBasicInfo(c: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${str(status.containerID)}\n`);
  w.write(LEVEL_2, `Image:\t${str(c.image)}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${str(status.imageID)}\n`);
  const ports = portsString(c, (p) => p.containerPort);
  if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
  const hostPorts = portsString(c, (p) => p.hostPort);
  if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
  const seccomp = dict(dict(c.securityContext).seccompProfile);
  if (isDict(dict(c.securityContext).seccompProfile)) {
    w.write(LEVEL_2, `SeccompProfile:\t${str(seccomp.type)}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
  }
}

function describeCommand(c: Container, w: PrefixWriter): void {
  for (const [title, items] of [
    ['Command', c.command],
    ['Args', c.args],
  ] as const) {
    if (!items || items.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const item of items) for (const s of str(item).split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/** describeResources: Limits then Requests, resource names sorted. */
export function describeResources(resources: Container['resources'], w: PrefixWriter, level: number): void {
  if (!resources) return;
  for (const [title, rl] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = sortedStrings(Object.keys(rl ?? {}));
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${rl![name]}\n`);
  }
}

function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state, w);
  if (isDict(status.lastState?.terminated)) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

/** describeStatus: Running / Waiting / Terminated with their details. */
function describeStatus(stateName: string, state: ContainerStatus['state'], w: PrefixWriter): void {
  const s = state ?? {};
  if (isDict(s.running)) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (isDict(s.waiting)) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (str(s.waiting.reason) !== '') w.write(LEVEL_3, `Reason:\t${str(s.waiting.reason)}\n`);
  } else if (isDict(s.terminated)) {
    const t = s.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (str(t.reason) !== '') w.write(LEVEL_3, `Reason:\t${str(t.reason)}\n`);
    if (str(t.message) !== '') w.write(LEVEL_3, `Message:\t${str(t.message)}\n`);
    w.write(LEVEL_3, `Exit Code:\t${Number(t.exitCode ?? 0)}\n`);
    if (Number(t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${Number(t.signal)}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeProbes(c: Container, w: PrefixWriter): void {
  for (const [title, probe] of [
    ['Liveness', c.livenessProbe],
    ['Readiness', c.readinessProbe],
    ['Startup', c.startupProbe],
  ] as const) {
    if (isDict(probe)) w.write(LEVEL_2, `${title}:\t${describeProbe(probe)}\n`);
  }
}

/** IntOrString.String(). */
function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(v) : str(v);
}

/** net.JoinHostPort. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.URL{Scheme, Host, Path}.String() for the plain paths probes use. */
function probeURL(scheme: string, host: string, path: string): string {
  let out = scheme !== '' ? `${scheme}:` : '';
  if (scheme !== '' || host !== '') out += `//${host}`;
  if (path !== '' && !path.startsWith('/') && host !== '') out += '/';
  return out + path;
}

/** DescribeProbe: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: Dict): string {
  const n = (k: string): number => Number(probe[k] ?? 0) || 0;
  const attrs = `delay=${n('initialDelaySeconds')}s timeout=${n('timeoutSeconds')}s period=${n('periodSeconds')}s #success=${n('successThreshold')} #failure=${n('failureThreshold')}`;
  if (isDict(probe.exec)) return `exec [${list(probe.exec.command).map(str).join(' ')}] ${attrs}`;
  if (isDict(probe.httpGet)) {
    const h = probe.httpGet;
    const port = intOrString(h.port);
    const host = port.length > 0 ? joinHostPort(str(h.host), port) : str(h.host);
    return `http-get ${probeURL(str(h.scheme).toLowerCase(), host, str(h.path))} ${attrs}`;
  }
  if (isDict(probe.tcpSocket)) return `tcp-socket ${str(probe.tcpSocket.host)}:${intOrString(probe.tcpSocket.port)} ${attrs}`;
  if (isDict(probe.grpc)) return `grpc <pod>:${Number(probe.grpc.port ?? 0)} ${str(probe.grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const raw of list(c.envFrom)) {
    const e = dict(raw);
    let from = '';
    let name = '';
    let optional = false;
    if (isDict(e.configMapRef)) {
      from = 'ConfigMap';
      name = str(e.configMapRef.name);
      optional = e.configMapRef.optional === true;
    } else if (isDict(e.secretRef)) {
      from = 'Secret';
      name = str(e.secretRef.name);
      optional = e.secretRef.optional === true;
    }
    const prefix = str(e.prefix);
    if (prefix === '') w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`);
  }
}

function describeEnvVars(c: Container, resolver: EnvResolver | undefined, w: PrefixWriter): void {
  const env = list(c.env).map(dict);
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const name = str(e.name);
    if (!isDict(e.valueFrom)) {
      str(e.value)
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const vf = e.valueFrom;
    if (isDict(vf.fieldRef)) {
      const value = resolver ? resolver(vf.fieldRef) : '';
      w.write(LEVEL_3, `${name}:\t${value} (${str(vf.fieldRef.apiVersion)}:${str(vf.fieldRef.fieldPath)})\n`);
    } else if (isDict(vf.resourceFieldRef)) {
      const resource = str(vf.resourceFieldRef.resource);
      let value = containerResourceValue(vf.resourceFieldRef, c);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${name}:\t${value} (${resource})\n`);
    } else if (isDict(vf.secretKeyRef)) {
      const ref = vf.secretKeyRef;
      w.write(LEVEL_3, `${name}:\t<set to the key '${str(ref.key)}' in secret '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    } else if (isDict(vf.configMapKeyRef)) {
      const ref = vf.configMapKeyRef;
      w.write(LEVEL_3, `${name}:\t<set to the key '${str(ref.key)}' of config map '${str(ref.name)}'>\tOptional: ${ref.optional === true}\n`);
    }
  }
}

/**
 * resourcehelper.ExtractContainerResourceValue: the container's own request or limit divided by
 * the divisor (default 1), rounded up; '' for a resource it does not know.
 */
function containerResourceValue(ref: Dict, c: Container): string {
  let divisor = parseQ(str(ref.divisor) || '0');
  if (divisor.nano === 0n) divisor = parseQ('1');
  const resource = str(ref.resource);
  const [kind, name] = [resource.slice(0, resource.indexOf('.')), resource.slice(resource.indexOf('.') + 1)];
  if (kind !== 'limits' && kind !== 'requests') return '';
  if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !name.startsWith('hugepages-')) return '';
  const text = c.resources?.[kind]?.[name];
  const q: Q = text !== undefined ? parseQ(text) : { nano: 0n, format: 'DecimalSI' };
  const ratio = name === 'cpu' ? milliValue(q) / milliValue(divisor) : value(q) / value(divisor);
  return String(Math.ceil(ratio));
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = list(c.volumeMounts).map(dict);
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort([...mounts], (a, b) => str(a.mountPath) < str(b.mountPath))) {
    const flags = [m.readOnly === true ? 'ro' : 'rw'];
    if (str(m.subPath) !== '') flags.push(`path=${JSON.stringify(str(m.subPath))}`);
    w.write(LEVEL_3, `${str(m.mountPath)} from ${str(m.name)} (${flags.join(',')})\n`);
  }
  const devices = list(c.volumeDevices).map(dict);
  if (devices.length > 0) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...devices], (a, b) => str(a.devicePath) < str(b.devicePath))) {
      w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
    }
  }
}
