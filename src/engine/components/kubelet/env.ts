/**
 * A container's environment as the kubelet builds it (kubelet_pods.go makeEnvironmentVariables):
 * Service links first, then envFrom, then env (later wins), `$(VAR)` expanded against what came
 * before. A missing ConfigMap or Secret (or key) is CreateContainerConfigError with the kubelet's
 * message; `optional: true` skips it. envFrom keys that are not variable names are skipped with an
 * InvalidEnvironmentVariableNames event. fieldRef and resourceFieldRef come from ./downward-api.ts.
 */
import type { ConfigMap, Container, Pod, Secret, Service } from '../../api/types.ts';
import type { Kubelet } from './kubelet.ts';
import type { PodRecord } from './state.ts';
import { decodeBase64 } from '../../api/admission/base64.ts';
import { isEnvVarName } from '../../api/validation.ts';
import { podFieldValue, resourceFieldValue, type ResourceFieldRef } from './downward-api.ts';

interface KeyRef {
  name?: string;
  key: string;
  optional?: boolean;
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    configMapKeyRef?: KeyRef;
    secretKeyRef?: KeyRef;
    fieldRef?: { fieldPath: string };
    resourceFieldRef?: ResourceFieldRef;
  };
}

interface EnvFrom {
  prefix?: string;
  configMapRef?: { name?: string; optional?: boolean };
  secretRef?: { name?: string; optional?: boolean };
}

/** The environment, or the error message that stops the container from being created. */
export function resolveEnv(k: Kubelet, pod: Pod, rec: PodRecord, spec: Container): Record<string, string> | string {
  const env: Record<string, string> = serviceEnv(k, pod);
  for (const from of (spec.envFrom ?? []) as EnvFrom[]) {
    const source = envFromSource(k, pod, from);
    if (typeof source === 'string') return source;
    addEnvFrom(k, pod, env, from, source);
  }
  for (const v of (spec.env ?? []) as EnvVar[]) {
    // As the kubelet does: a non-empty value wins over valueFrom (validation forbids both anyway).
    const value = v.value || !v.valueFrom ? expand(v.value ?? '', env) : valueFrom(k, pod, rec, spec, v);
    if (value === undefined) continue;
    if (typeof value === 'object') return value.error;
    env[v.name] = value;
  }
  return env;
}

/**
 * Adds an envFrom source's keys (with the prefix); keys that are not valid variable names are
 * skipped and named in an InvalidEnvironmentVariableNames event, as the v1.31 kubelet does.
 */
function addEnvFrom(k: Kubelet, pod: Pod, env: Record<string, string>, from: EnvFrom, source: Record<string, string>): void {
  const invalid: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const name = (from.prefix ?? '') + key;
    if (isEnvVarName(name).length > 0) invalid.push(name);
    else env[name] = value;
  }
  if (invalid.length === 0) return;
  const kind = from.configMapRef ? 'configMap' : 'secret';
  const name = (from.configMapRef ?? from.secretRef)?.name ?? '';
  invalid.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const message = `Keys [${invalid.join(', ')}] from the EnvFrom ${kind} ${pod.metadata.namespace ?? ''}/${name} were skipped since they are considered invalid environment variable names.`;
  k.event(pod, 'Warning', 'InvalidEnvironmentVariableNames', message);
}

function envFromSource(k: Kubelet, pod: Pod, from: EnvFrom): Record<string, string> | string {
  const ns = pod.metadata.namespace ?? '';
  if (from.configMapRef) {
    const cm = k.ctx.store.tryGet<ConfigMap>('configmaps', ns, from.configMapRef.name ?? '');
    if (!cm) return from.configMapRef.optional ? {} : `configmap "${from.configMapRef.name ?? ''}" not found`;
    return { ...(cm.data ?? {}) };
  }
  if (from.secretRef) {
    const s = k.ctx.store.tryGet<Secret>('secrets', ns, from.secretRef.name ?? '');
    if (!s) return from.secretRef.optional ? {} : `secret "${from.secretRef.name ?? ''}" not found`;
    return secretValues(s);
  }
  return {};
}

function secretValues(s: Secret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(s.data ?? {})) out[key] = decodeBase64(String(value));
  return out;
}

function valueFrom(k: Kubelet, pod: Pod, rec: PodRecord, spec: Container, v: EnvVar): string | undefined | { error: string } {
  const from = v.valueFrom!;
  const ns = pod.metadata.namespace ?? '';
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    const cm = k.ctx.store.tryGet<ConfigMap>('configmaps', ns, ref.name ?? '');
    if (!cm) return ref.optional ? undefined : { error: `configmap "${ref.name ?? ''}" not found` };
    const value = cm.data?.[ref.key];
    if (value === undefined) return ref.optional ? undefined : { error: `couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name ?? ''}` };
    return value;
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    const s = k.ctx.store.tryGet<Secret>('secrets', ns, ref.name ?? '');
    if (!s) return ref.optional ? undefined : { error: `secret "${ref.name ?? ''}" not found` };
    const value = secretValues(s)[ref.key];
    if (value === undefined) return ref.optional ? undefined : { error: `couldn't find key ${ref.key} in Secret ${ns}/${ref.name ?? ''}` };
    return value;
  }
  if (from.fieldRef) return podFieldValue(k, pod, rec, from.fieldRef.fieldPath);
  if (from.resourceFieldRef) {
    const ref = from.resourceFieldRef;
    const target = ref.containerName ? [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === ref.containerName) : spec;
    return resourceFieldValue(k, target, ref);
  }
  return '';
}

/** `$(VAR)` → its value when defined before; `$$(VAR)` → `$(VAR)` (expansion.go). */
export function expand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && name in env ? env[name] : m;
  });
}

/** Docker-link style variables for the Services of the pod's namespace, plus `kubernetes` (envvars.go). */
function serviceEnv(k: Kubelet, pod: Pod): Record<string, string> {
  const ns = pod.metadata.namespace ?? '';
  const links = pod.spec.enableServiceLinks !== false;
  const services = k.ctx.store.list<Service>('services', { namespace: ns }).items.filter((s) => links || s.metadata.name === 'kubernetes');
  const master = ns === 'default' ? undefined : k.ctx.store.tryGet<Service>('services', 'default', 'kubernetes');
  const env: Record<string, string> = {};
  for (const s of master ? [master, ...services] : services) addServiceVars(env, s);
  return env;
}

function addServiceVars(env: Record<string, string>, s: Service): void {
  const ip = s.spec?.clusterIP;
  const ports = s.spec?.ports ?? [];
  if (!ip || ip === 'None' || ports.length === 0) return;
  const name = (s.metadata.name ?? '').toUpperCase().replace(/-/g, '_');
  env[`${name}_SERVICE_HOST`] = ip;
  env[`${name}_SERVICE_PORT`] = String(ports[0].port);
  for (const p of ports) if (p.name) env[`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`] = String(p.port);
  const proto = (ports[0].protocol ?? 'TCP').toLowerCase();
  env[`${name}_PORT`] = `${proto}://${ip}:${ports[0].port}`;
  for (const p of ports) {
    const pr = (p.protocol ?? 'TCP').toLowerCase();
    const base = `${name}_PORT_${p.port}_${pr.toUpperCase()}`;
    env[base] = `${pr}://${ip}:${p.port}`;
    env[`${base}_PROTO`] = pr;
    env[`${base}_PORT`] = String(p.port);
    env[`${base}_ADDR`] = ip;
  }
}
