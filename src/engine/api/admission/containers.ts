/**
 * Container validation (pkg/apis/core/validation: validateContainers, validateInitContainers,
 * validateContainerCommon and what they call), in Go's order so error lists read the same.
 */
import { duplicate, forbiddenField, invalid, notSupported, required, type FieldError } from '../errors.ts';
import {
  inclusiveRangeError,
  isConfigMapKey,
  isDNS1123Label,
  isEnvVarName,
  isHTTPHeaderName,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
  nameIsDNSSubdomain,
  pushInvalid,
  validateNonnegativeField,
} from '../validation.ts';
import { dicts, int, isDict, str, type Dict } from './common.ts';
import { validateResourceRequirements } from './resources.ts';

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
type ProbeKind = 'liveness' | 'readiness' | 'startup';
const INIT_ONLY_FORBIDDEN = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

/** Names of the pod's valid volumes, for volumeMount lookups. */
export type VolumeNames = ReadonlySet<string>;

/** validateContainers: the regular containers of a pod spec. */
export function validateContainers(containers: unknown, volumes: VolumeNames, gracePeriod: number | undefined, path: string): FieldError[] {
  const list = dicts(containers);
  if (list.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    validateContainerCommon(errs, c, volumes, p);
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else names.add(name);
    if (isDict(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, `${p}.lifecycle`));
    validateProbes(errs, c, p);
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(forbiddenField(`${p}.restartPolicy`, 'may not be set for non-init containers'));
    }
  });
  hostPortConflicts(errs, list, path);
  return errs;
}

/** The liveness, readiness and startup probes that are set (the others have nothing to check). */
function validateProbes(errs: FieldError[], c: Dict, path: string): void {
  if (isDict(c.livenessProbe)) errs.push(...validateProbe(c.livenessProbe, `${path}.livenessProbe`, 'liveness'));
  if (isDict(c.readinessProbe)) errs.push(...validateProbe(c.readinessProbe, `${path}.readinessProbe`, 'readiness'));
  if (isDict(c.startupProbe)) errs.push(...validateProbe(c.startupProbe, `${path}.startupProbe`, 'startup'));
}

/** validateInitContainers */
export function validateInitContainers(
  init: unknown,
  regular: unknown,
  volumes: VolumeNames,
  gracePeriod: number | undefined,
  path: string,
): FieldError[] {
  const list = dicts(init);
  if (list.length === 0) return [];
  const errs: FieldError[] = [];
  const names = new Set(dicts(regular).map((c) => str(c.name)));
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    validateContainerCommon(errs, c, volumes, p);
    const restartable = c.restartPolicy === 'Always';
    if (c.restartPolicy !== undefined && c.restartPolicy !== null && !restartable) {
      errs.push(notSupported(`${p}.restartPolicy`, c.restartPolicy, ['Always']));
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
    else if (name !== '') names.add(name);
    hostPortConflicts(errs, [c], path);
    if (restartable) {
      if (isDict(c.lifecycle)) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, `${p}.lifecycle`));
      validateProbes(errs, c, p);
    } else {
      for (const f of INIT_ONLY_FORBIDDEN) {
        if (c[f] !== undefined && c[f] !== null) errs.push(forbiddenField(`${p}.${f}`, 'may not be set for init containers without restartPolicy=Always'));
      }
    }
  });
  return errs;
}

/**
 * validateContainerCommon, appending to `errs`. Lists that are absent have nothing to report, so
 * they are skipped before their paths are built.
 */
function validateContainerCommon(errs: FieldError[], c: Dict, volumes: VolumeNames, path: string): void {
  const name = str(c.name);
  if (name === '') errs.push(required(`${path}.name`));
  else pushInvalid(errs, isDNS1123Label(name), name, path, '.name');
  if (str(c.image) === '') errs.push(required(`${path}.image`));
  const tmp = str(c.terminationMessagePolicy);
  if (tmp === '') errs.push(required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  if (c.ports !== undefined) errs.push(...validateContainerPorts(c.ports, `${path}.ports`));
  if (c.env !== undefined) errs.push(...validateEnv(c.env, `${path}.env`));
  if (c.envFrom !== undefined) errs.push(...validateEnvFrom(c.envFrom, `${path}.envFrom`));
  if (c.volumeMounts !== undefined) validateVolumeMounts(errs, c.volumeMounts, volumes, path);
  const pull = str(c.imagePullPolicy);
  if (pull === '') errs.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  if (c.resources !== undefined) errs.push(...validateResourceRequirements(c.resources, `${path}.resources`));
  if (c.securityContext !== undefined) errs.push(...validateSecurityContext(c.securityContext, `${path}.securityContext`));
}

/** validateContainerPorts */
function validateContainerPorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  dicts(ports).forEach((port, i) => {
    const p = `${path}[${i}]`;
    const name = str(port.name);
    if (name !== '') {
      const msgs = isValidPortName(name);
      if (msgs.length > 0) errs.push(...msgs.map((m) => invalid(`${p}.name`, name, m)));
      else if (names.has(name)) errs.push(duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const containerPort = int(port.containerPort) ?? 0;
    if (containerPort === 0) errs.push(required(`${p}.containerPort`));
    else errs.push(...isValidPortNum(containerPort).map((m) => invalid(`${p}.containerPort`, containerPort, m)));
    const hostPort = int(port.hostPort) ?? 0;
    if (hostPort !== 0) errs.push(...isValidPortNum(hostPort).map((m) => invalid(`${p}.hostPort`, hostPort, m)));
    const protocol = str(port.protocol);
    if (protocol === '') errs.push(required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(`${p}.protocol`, protocol, PORT_PROTOCOLS));
  });
  return errs;
}

/** AccumulateUniqueHostPorts: `protocol/hostIP/hostPort` may appear once. */
function hostPortConflicts(errs: FieldError[], containers: readonly Dict[], path: string): void {
  let seen: Set<string> | undefined; // made on the first host port: most pods have none
  containers.forEach((c, ci) => {
    if (c.ports === undefined) return;
    dicts(c.ports).forEach((port, pi) => {
      const hostPort = int(port.hostPort) ?? 0;
      if (hostPort === 0) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${hostPort}`;
      seen ??= new Set();
      if (seen.has(key)) errs.push(duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
}

const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
/** Every field label ConvertDownwardAPIFieldLabel knows for pods. */
const KNOWN_POD_FIELD_LABELS = new Set([
  ...ENV_FIELD_PATHS, 'metadata.annotations', 'metadata.labels', 'spec.restartPolicy', 'spec.schedulerName', 'status.phase',
]);
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

/** ValidateEnv (strict variable names: RelaxedEnvironmentVariableValidation is off in v1.31). */
function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  dicts(env).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    const name = str(ev.name);
    if (name === '') errs.push(required(`${p}.name`));
    else errs.push(...isEnvVarName(name).map((m) => invalid(`${p}.name`, name, m)));
    if (isDict(ev.valueFrom)) errs.push(...validateEnvValueFrom(ev.valueFrom, str(ev.value), `${p}.valueFrom`));
  });
  return errs;
}

function validateEnvValueFrom(from: Dict, value: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let sources = 0;
  if (isDict(from.fieldRef)) {
    sources++;
    errs.push(...validateFieldRef(from.fieldRef, `${path}.fieldRef`));
  }
  if (isDict(from.resourceFieldRef)) {
    sources++;
    const resource = str(from.resourceFieldRef.resource);
    const rp = `${path}.resourceFieldRef`;
    if (resource === '') errs.push(required(`${rp}.resource`));
    else if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
      errs.push(notSupported(`${rp}.resource`, resource, RESOURCE_FIELD_PATHS));
    }
  }
  for (const key of ['configMapKeyRef', 'secretKeyRef']) {
    if (!isDict(from[key])) continue;
    sources++;
    errs.push(...validateKeySelector(from[key], `${path}.${key}`));
  }
  if (sources === 0) {
    errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  } else if (value !== '') {
    errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  } else if (sources > 1) {
    errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  }
  return errs;
}

function validateFieldRef(ref: Dict, path: string): FieldError[] {
  if (str(ref.apiVersion) === '') return [required(`${path}.apiVersion`)];
  const fieldPath = str(ref.fieldPath);
  if (fieldPath === '') return [required(`${path}.fieldPath`)];
  const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fieldPath);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    return isQualifiedName(key).map((m) => invalid(path, key, m));
  }
  if (!KNOWN_POD_FIELD_LABELS.has(fieldPath)) {
    return [invalid(`${path}.fieldPath`, fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`)];
  }
  if (!ENV_FIELD_PATHS.includes(fieldPath)) return [notSupported(`${path}.fieldPath`, fieldPath, ENV_FIELD_PATHS)];
  return [];
}

/** validateConfigMapKeySelector / validateSecretKeySelector */
function validateKeySelector(sel: Dict, path: string): FieldError[] {
  const errs = nameIsDNSSubdomain(str(sel.name), false).map((m) => invalid(`${path}.name`, str(sel.name), m));
  const key = str(sel.key);
  if (key === '') errs.push(required(`${path}.key`));
  else errs.push(...isConfigMapKey(key).map((m) => invalid(`${path}.key`, key, m)));
  return errs;
}

function validateEnvFrom(envFrom: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  dicts(envFrom).forEach((ev, i) => {
    const p = `${path}[${i}]`;
    const prefix = str(ev.prefix);
    if (prefix !== '') errs.push(...isEnvVarName(prefix).map((m) => invalid(`${p}.prefix`, prefix, m)));
    let sources = 0;
    for (const key of ['configMapRef', 'secretRef']) {
      const ref = ev[key];
      if (!isDict(ref)) continue;
      sources++;
      const name = str(ref.name);
      if (name === '') errs.push(required(`${p}.${key}.name`));
      else errs.push(...nameIsDNSSubdomain(name, true).map((m) => invalid(`${p}.${key}.name`, name, m)));
    }
    if (sources === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

/**
 * ValidateVolumeMounts, appending to `errs`; `containerPath` is the container's. The paths are
 * built only for an error (every pod's containers mount the token volume).
 */
function validateVolumeMounts(errs: FieldError[], mounts: unknown, volumes: VolumeNames, containerPath: string): void {
  const list = dicts(mounts);
  const path = (): string => `${containerPath}.volumeMounts`;
  let mountPoints: Set<string> | undefined;
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (name === '') errs.push(required(`${path()}[${i}].name`));
    if (!volumes.has(name)) errs.push({ type: 'Not found', field: `${path()}[${i}].name`, badValue: name });
    if (mountPath === '') errs.push(required(`${path()}[${i}].mountPath`));
    // One mount (the usual case) needs no set of the mount points seen.
    if (list.length > 1) {
      mountPoints ??= new Set<string>();
      if (mountPoints.has(mountPath)) errs.push(invalid(`${path()}[${i}].mountPath`, mountPath, 'must be unique'));
      mountPoints.add(mountPath);
    }
    const subPath = str(m.subPath);
    if (subPath !== '') errs.push(...validateLocalDescendingPath(subPath, `${path()}.subPath`));
  }
}

/** validateLocalDescendingPath: relative, without '..' elements. */
export function validateLocalDescendingPath(target: string, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  if (target.split(/[\\/]/).includes('..')) errs.push(invalid(path, target, "must not contain '..'"));
  return errs;
}

/** validateLivenessProbe / validateReadinessProbe / validateStartupProbe */
function validateProbe(probe: unknown, path: string, kind: ProbeKind): FieldError[] {
  if (!isDict(probe)) return [];
  const errs = validateHandler(probe, path, false, undefined);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...validateNonnegativeField(int(probe[f]) ?? 0, `${path}.${f}`));
  }
  const tgps = int(probe.terminationGracePeriodSeconds);
  if (tgps !== undefined && tgps <= 0) errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (kind !== 'readiness' && (int(probe.successThreshold) ?? 0) !== 1) {
    errs.push(invalid(`${path}.successThreshold`, int(probe.successThreshold) ?? 0, 'must be 1'));
  }
  if (kind === 'readiness' && tgps !== undefined) {
    errs.push(invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  }
  return errs;
}

function validateLifecycle(lifecycle: Dict, gracePeriod: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const hook of ['postStart', 'preStop']) {
    if (isDict(lifecycle[hook])) errs.push(...validateHandler(lifecycle[hook], `${path}.${hook}`, true, gracePeriod));
  }
  return errs;
}

/** validateHandler: exactly one of exec/httpGet/tcpSocket/grpc (probes) or sleep (lifecycle). */
function validateHandler(h: Dict, path: string, lifecycle: boolean, gracePeriod: number | undefined): FieldError[] {
  const errs: FieldError[] = [];
  const kinds = lifecycle ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  let count = 0;
  for (const k of kinds) {
    if (!isDict(h[k])) continue;
    if (count > 0) {
      errs.push(forbiddenField(`${path}.${k}`, 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errs.push(...validateAction(k, h[k], `${path}.${k}`, gracePeriod));
  }
  if (count === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateAction(kind: string, a: Dict, path: string, gracePeriod: number | undefined): FieldError[] {
  switch (kind) {
    case 'exec':
      return Array.isArray(a.command) && a.command.length > 0 ? [] : [required(`${path}.command`)];
    case 'httpGet': {
      const errs: FieldError[] = [];
      if (str(a.path) === '') errs.push(required(`${path}.path`));
      errs.push(...validatePortNumOrName(a.port, `${path}.port`));
      const scheme = str(a.scheme);
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(notSupported(`${path}.scheme`, scheme, ['HTTP', 'HTTPS']));
      for (const hdr of dicts(a.httpHeaders)) {
        errs.push(...isHTTPHeaderName(str(hdr.name)).map((m) => invalid(`${path}.httpHeaders`, str(hdr.name), m)));
      }
      return errs;
    }
    case 'tcpSocket':
      return validatePortNumOrName(a.port, `${path}.port`);
    case 'grpc':
      return validatePortNumOrName(int(a.port) ?? 0, `${path}.port`);
    default: {
      const seconds = int(a.seconds) ?? 0;
      if (gracePeriod !== undefined && (seconds <= 0 || seconds > gracePeriod)) {
        return [invalid(path, seconds, `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod})`)];
      }
      return [];
    }
  }
}

/** ValidatePortNumOrName (an IntOrString port). */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(path, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => invalid(path, n, m));
}

/** ValidateSecurityContext, the parts a simulator can meaningfully check. */
function validateSecurityContext(sc: unknown, path: string): FieldError[] {
  if (!isDict(sc)) return [];
  const errs: FieldError[] = [];
  for (const f of ['runAsUser', 'runAsGroup']) {
    const id = int(sc[f]);
    if (id !== undefined && (id < 0 || id > 0xffffffff)) errs.push(invalid(`${path}.${f}`, id, inclusiveRangeError(0, 0xffffffff)));
  }
  if (sc.allowPrivilegeEscalation === false && sc.privileged === true) {
    errs.push(invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
  }
  return errs;
}
