/**
 * An approximation of the go-cmp diff the API server appends to "pod updates may not change
 * fields" errors (and to other refused updates of immutable structs): a late part of the engine
 * (engine/late.ts), reached through `late()`, since only a refused update prints it.
 */
import { goQuote } from '../errors.ts';
import { deepEqual } from '../validation.ts';
import { isDict, type Dict } from './common.ts';

// A go-cmp style diff of core.PodSpec (approximate: same shape, not byte-identical — go-cmp's
// output is deliberately unstable anyway).

/** core.PodSpec fields in Go declaration order, with their v1 JSON names; `*` marks pointers. */
const POD_SPEC_FIELDS: readonly [string, string][] = [
  ['Volumes', 'volumes'], ['InitContainers', 'initContainers'], ['Containers', 'containers'],
  ['EphemeralContainers', 'ephemeralContainers'], ['RestartPolicy', 'restartPolicy'],
  ['*TerminationGracePeriodSeconds', 'terminationGracePeriodSeconds'], ['*ActiveDeadlineSeconds', 'activeDeadlineSeconds'],
  ['DNSPolicy', 'dnsPolicy'], ['NodeSelector', 'nodeSelector'], ['ServiceAccountName', 'serviceAccountName'],
  ['*AutomountServiceAccountToken', 'automountServiceAccountToken'], ['NodeName', 'nodeName'],
  ['*SecurityContext', 'securityContext'], ['ImagePullSecrets', 'imagePullSecrets'], ['Hostname', 'hostname'],
  ['Subdomain', 'subdomain'], ['*SetHostnameAsFQDN', 'setHostnameAsFQDN'], ['*Affinity', 'affinity'],
  ['SchedulerName', 'schedulerName'], ['Tolerations', 'tolerations'], ['HostAliases', 'hostAliases'],
  ['PriorityClassName', 'priorityClassName'], ['*Priority', 'priority'], ['*PreemptionPolicy', 'preemptionPolicy'],
  ['*DNSConfig', 'dnsConfig'], ['ReadinessGates', 'readinessGates'], ['*RuntimeClassName', 'runtimeClassName'],
  ['Overhead', 'overhead'], ['*EnableServiceLinks', 'enableServiceLinks'],
  ['TopologySpreadConstraints', 'topologySpreadConstraints'], ['*OS', 'os'], ['SchedulingGates', 'schedulingGates'],
  ['ResourceClaims', 'resourceClaims'],
];
/** v1 PodSpec fields that live in the internal PodSecurityContext. */
const HOST_FIELDS = ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers'];

const goFieldName = (json: string): string => json.charAt(0).toUpperCase() + json.slice(1);

/** JSON members that are Go maps: their keys print quoted (`"cpu": ...`), not as field names. */
const MAP_FIELDS = new Set(['limits', 'requests', 'nodeSelector', 'overhead', 'labels', 'annotations', 'data']);

/** How a member name prints: a struct field name, or a quoted map key. */
const memberName = (key: string, inMap: boolean): string => (inMap ? goQuote(key) : goFieldName(key));

function render(v: unknown, pointer = false, isMap = false): string {
  if (v === undefined || v === null) return 'nil';
  const amp = pointer ? '&' : '';
  if (typeof v === 'string') return amp + goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return amp + String(v);
  if (Array.isArray(v)) return `{${v.map((x) => render(x)).join(', ')}}`;
  if (isDict(v)) {
    const parts = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .map((k) => `${memberName(k, isMap)}: ${render(v[k], false, MAP_FIELDS.has(k))}`);
    return `${amp}{${parts.join(', ')}}`;
  }
  return String(v);
}

function identical(n: number, what: 'field' | 'element' | 'entry', indent: string): string {
  const plural = what === 'entry' ? 'entries' : `${what}s`;
  return `  ${indent}... // ${n} identical ${n === 1 ? what : plural}`;
}

type Member = [name: string, before: unknown, after: unknown, pointer: boolean, isMap: boolean];

/** The members of two dicts, keys in first-seen order. */
function membersOf(a: Dict, b: Dict, isMap: boolean): Member[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.map((k) => [memberName(k, isMap), a[k], b[k], false, MAP_FIELDS.has(k)]);
}

/** Diff lines for one named member. */
function memberDiff([name, a, b, pointer, isMap]: Member, indent: string): string[] {
  if (isDict(a) && isDict(b)) {
    const inner = fieldsDiff(membersOf(a, b, isMap), `${indent}\t`, isMap ? 'entry' : 'field');
    return [`  ${indent}${name}: ${pointer ? '&' : ''}{`, ...inner, `  ${indent}},`];
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return [`  ${indent}${name}: {`, ...elementsDiff(a, b, `${indent}\t`), `  ${indent}},`];
  }
  return [`- ${indent}${name}: ${render(a, pointer, isMap)},`, `+ ${indent}${name}: ${render(b, pointer, isMap)},`];
}

function elementsDiff(a: unknown[], b: unknown[], indent: string): string[] {
  const out: string[] = [];
  let same = 0;
  a.forEach((x, i) => {
    if (deepEqual(x, b[i])) {
      same++;
      return;
    }
    if (same > 0) out.push(identical(same, 'element', indent));
    same = 0;
    if (isDict(x) && isDict(b[i])) {
      out.push(`  ${indent}{`, ...fieldsDiff(membersOf(x, b[i] as Dict, false), `${indent}\t`, 'field'), `  ${indent}},`);
    } else {
      out.push(`- ${indent}${render(x)},`, `+ ${indent}${render(b[i])},`);
    }
  });
  if (same > 0) out.push(identical(same, 'element', indent));
  return out;
}

function fieldsDiff(members: Member[], indent: string, what: 'field' | 'entry'): string[] {
  const out: string[] = [];
  let same = 0;
  for (const m of members) {
    if (deepEqual(m[1], m[2])) {
      same++;
      continue;
    }
    if (same > 0) out.push(identical(same, what, indent));
    same = 0;
    out.push(...memberDiff(m, indent));
  }
  if (same > 0) out.push(identical(same, what, indent));
  return out;
}

/** A go-cmp style diff of two v1 pod specs, as the internal core.PodSpec would print. */
export function podSpecDiff(oldSpec: Dict, newSpec: Dict): string {
  const hostOf = (s: Dict): Dict => {
    const sc: Dict = { ...(isDict(s.securityContext) ? s.securityContext : {}) };
    for (const f of HOST_FIELDS) if (s[f] !== undefined) sc[goFieldName(f)] = s[f];
    return sc;
  };
  const fields = POD_SPEC_FIELDS.map(([goName, json]): Member => {
    const pointer = goName.startsWith('*');
    const name = pointer ? goName.slice(1) : goName;
    if (json === 'securityContext') return [name, hostOf(oldSpec), hostOf(newSpec), true, false];
    return [name, oldSpec[json], newSpec[json], pointer, MAP_FIELDS.has(json)];
  });
  return ['  core.PodSpec{', ...fieldsDiff(fields, '\t', 'field'), '  }', ''].join('\n');
}

/**
 * A go-cmp style diff of two versions of an internal struct (`core.PersistentVolumeClaimSpec`),
 * fields given in Go declaration order as `[GoName, jsonName]` (`*` marks pointers).
 */
export function structDiff(typeName: string, goFields: readonly [string, string][], oldObj: Dict, newObj: Dict): string {
  const fields = goFields.map(([goName, json]): Member => {
    const pointer = goName.startsWith('*');
    return [pointer ? goName.slice(1) : goName, oldObj[json], newObj[json], pointer, MAP_FIELDS.has(json)];
  });
  return [`  ${typeName}{`, ...fieldsDiff(fields, '\t', 'field'), '  }', ''].join('\n');
}
