/**
 * Shared API validation, restated from apimachinery v0.31 (pkg/util/validation,
 * pkg/api/validation/objectmeta.go, pkg/apis/meta/v1/validation) and the object-meta parts of
 * pkg/apis/core/validation. Messages are Kubernetes' own, character for character, because
 * students compare them with what a real API server says.
 *
 * Field paths are plain strings built the way field.Path prints them: `a.b`, `a[0]`, `a[key]`.
 */
import { memoizeString } from '../kernel/memo.ts';
import { GoValue, forbiddenField, goQuote, invalid, required, tooLong, type FieldError } from './errors.ts';

// ---------------------------------------------------------------------------------------------
// Message builders (pkg/util/validation)

/** validation.MaxLenError */
export const maxLenError = (n: number): string => `must be no more than ${n} characters`;
/** validation.InclusiveRangeError */
export const inclusiveRangeError = (lo: number, hi: number): string => `must be between ${lo} and ${hi}, inclusive`;
/** validation.EmptyError */
export const emptyError = (): string => 'must be non-empty';

/** validation.RegexError, including its double space before " or " (`'a',  or 'b'`). */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  let s = `${msg} (e.g. `;
  examples.forEach((ex, i) => {
    if (i > 0) s += ' or ';
    s += `'${ex}', `;
  });
  return `${s}regex used for validation is '${fmt}')`;
}

/**
 * Go's len() of a string: its UTF-8 byte length. Counted per UTF-16 unit (no per-character
 * strings): a surrogate pair is 4 bytes, a lone surrogate 3 like any other BMP unit.
 */
export function byteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * byteLength(s) > max. A UTF-16 unit is at most 3 UTF-8 bytes, so short strings (almost every
 * name) are answered without counting.
 */
export const exceedsBytes = (s: string, max: number): boolean => s.length * 3 > max && byteLength(s) > max;

// ---------------------------------------------------------------------------------------------
// String formats

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const CONFIGMAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIGMAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
const ENV_VAR_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_MSG =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const PERCENT_FMT = '[0-9]+%';
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%'";
const HTTP_HEADER_FMT = '[-A-Za-z0-9]+';
const HTTP_HEADER_MSG = "a valid HTTP header must consist of alphanumeric characters or '-'";

const whole = (fmt: string): RegExp => new RegExp(`^${fmt}$`);
const DNS1123_LABEL_RE = whole(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = whole(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = whole(DNS1035_LABEL_FMT);
const QNAME_RE = whole(QNAME_FMT);
const LABEL_VALUE_RE = whole(LABEL_VALUE_FMT);
const CONFIGMAP_KEY_RE = whole(CONFIGMAP_KEY_FMT);
const ENV_VAR_RE = whole(ENV_VAR_FMT);
const PERCENT_RE = whole(PERCENT_FMT);
const HTTP_HEADER_RE = whole(HTTP_HEADER_FMT);

/** IsDNS1123Label: container names, port names, volume names, namespace names. */
export function isDNS1123Label(value: string): string[] {
  if (value.length <= 63 && isPlainLabel(value, 0, value.length)) return [];
  const errs: string[] = [];
  if (exceedsBytes(value, 63)) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(value)) {
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/**
 * value[from, to) matches DNS1123_LABEL_FMT: [a-z0-9], then [-a-z0-9]*, ending in [a-z0-9]. A
 * scan that answers the common case (a valid name) without the regex; the regex still words
 * every error.
 */
function isPlainLabel(value: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    const alnum = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (!alnum && (c !== 0x2d || i === from || i === to - 1)) return false;
  }
  return true;
}

/** IsDNS1123Subdomain: most object names. */
export function isDNS1123Subdomain(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, 253)) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** IsDNS1035Label: service names. */
export function isDNS1035Label(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, 63)) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** IsQualifiedName: label keys, annotation keys, finalizers, resource names. */
export function isQualifiedName(value: string): string[] {
  return [...isQualifiedNameCached(value)];
}

const isQualifiedNameCached = memoizeString(isQualifiedNameUncached);

/** isQualifiedName(value) reports nothing. Hot loops test this first and build messages only on failure. */
export const qualifiedNameIsValid = (value: string): boolean => isQualifiedNameCached(value).length === 0;

function isQualifiedNameUncached(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${emptyError()}`);
    else errs.push(...isDNS1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  } else {
    return [
      `a qualified name ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push(`name part ${emptyError()}`);
  else if (exceedsBytes(name, 63)) errs.push(`name part ${maxLenError(63)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

/** isValidLabelValue(value) reports nothing (tested without building any array). */
export const labelValueIsValid = (value: string): boolean => !exceedsBytes(value, 63) && LABEL_VALUE_RE.test(value);

/** IsValidLabelValue */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, 63)) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

function chDirPrefix(value: string): string[] {
  if (value === '.') return ["must not be '.'"];
  if (value === '..') return ["must not be '..'"];
  if (value.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** IsConfigMapKey: ConfigMap and Secret data keys. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(value, 253)) errs.push(maxLenError(253));
  if (!CONFIGMAP_KEY_RE.test(value)) errs.push(regexError(CONFIGMAP_KEY_MSG, CONFIGMAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  return [...errs, ...chDirPrefix(value)];
}

/** IsEnvVarName (the strict form; RelaxedEnvironmentVariableValidation is off in v1.31). */
export function isEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (!ENV_VAR_RE.test(value)) errs.push(regexError(ENV_VAR_MSG, ENV_VAR_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  return [...errs, ...chDirPrefix(value)];
}

/** IsValidPortNum */
export const isValidPortNum = (port: number): string[] =>
  Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];

/** IsValidPortName (IANA service names). */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (exceedsBytes(port, 15)) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** IsValidPercent */
export const isValidPercent = (s: string): string[] => (PERCENT_RE.test(s) ? [] : [regexError(PERCENT_MSG, PERCENT_FMT, '1%', '93%')]);

/** IsHTTPHeaderName */
export const isHTTPHeaderName = (s: string): string[] =>
  HTTP_HEADER_RE.test(s) ? [] : [regexError(HTTP_HEADER_MSG, HTTP_HEADER_FMT, 'X-Header-Name')];

/** An IP address parsed the way netutils.ParseIPSloppy accepts it (IPv4 may carry leading zeros). */
export interface ParsedIP {
  family: 'IPv4' | 'IPv6';
  /** IPv4 only: the address as an unsigned 32-bit number. */
  v4?: number;
}

export function parseIP(s: string): ParsedIP | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { family: 'IPv4', v4 };
  return isIPv6(s) ? { family: 'IPv6' } : undefined;
}

function parseIPv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

function isIPv6(s: string): boolean {
  if (!s.includes(':') || s.includes(':::')) return false;
  let groups = s.split(':');
  const last = groups[groups.length - 1];
  let budget = 8;
  if (last.includes('.')) {
    if (parseIPv4(last) === undefined) return false;
    groups = groups.slice(0, -1);
    budget = 6;
  }
  const doubleColons = s.split('::').length - 1;
  if (doubleColons > 1) return false;
  const hex = groups.filter((g) => g !== '');
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  if (doubleColons === 0) return groups.length === budget && hex.length === budget;
  return hex.length < budget && !/^:[^:]/.test(s) && !/[^:]:$/.test(s);
}

/** IsValidIP as a field error list. */
export function validateIP(value: string, path: string): FieldError[] {
  return parseIP(value) ? [] : [invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

// ---------------------------------------------------------------------------------------------
// Name validators (ValidateNameFunc: prefix=true when checking a generateName)

export type NameValidator = (name: string, prefix: boolean) => string[];

/** maskTrailingDash: a generateName may end in '-', the random suffix follows it. */
const maskTrailingDash = (name: string): string => (name.length > 1 && name.endsWith('-') ? `${name.slice(0, -1)}a` : name);

export const nameIsDNSSubdomain: NameValidator = (name, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameValidator = (name, prefix) => isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameValidator = (name, prefix) => isDNS1035Label(prefix ? maskTrailingDash(name) : name);
/** ValidateNamespaceName */
export const validateNamespaceName: NameValidator = nameIsDNSLabel;

/** path.ValidatePathSegmentName: what every name must satisfy to appear in a URL. */
export const validatePathSegmentName: NameValidator = (name, prefix) => {
  if (!prefix && (name === '.' || name === '..')) return [`may not be '${name}'`];
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
};

// ---------------------------------------------------------------------------------------------
// Go %#v renderings for bad values (printed verbatim through errors.ts GoValue)

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's %#v of a map[string]string (keys sorted, as fmt prints maps). */
export function goStringMapText(m: unknown, type = 'map[string]string'): string {
  if (!isDict(m)) return `${type}(nil)`;
  const keys = Object.keys(m).sort();
  return `${type}{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** Go's %#v of a []string. */
export function goStringSliceText(a: unknown, type = '[]string'): string {
  if (!Array.isArray(a)) return `${type}(nil)`;
  return `${type}{${a.map((s) => goQuote(String(s))).join(', ')}}`;
}

export const goStringMap = (m: unknown, type?: string): GoValue => new GoValue(goStringMapText(m, type));
export const goStringSlice = (a: unknown, type?: string): GoValue => new GoValue(goStringSliceText(a, type));

/** Go's %#v of a metav1.LabelSelector, as selector errors print it. */
export function goLabelSelector(sel: unknown): GoValue {
  const s = isDict(sel) ? sel : {};
  const exprs = Array.isArray(s.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map((e) => {
          const r = isDict(e) ? e : {};
          return `v1.LabelSelectorRequirement{Key:${goQuote(str(r.key))}, Operator:${goQuote(str(r.operator))}, Values:${goStringSliceText(r.values)}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMapText(s.matchLabels)}, MatchExpressions:${exprs}}`);
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

// ---------------------------------------------------------------------------------------------
// Metadata validation

/** ValidateNonnegativeField */
export const validateNonnegativeField = (value: number, path: string): FieldError[] =>
  value < 0 ? [invalid(path, value, 'must be greater than or equal to 0')] : [];

/**
 * Appends an Invalid error at `path + suffix` per message. There are usually none, so the path is
 * only joined when something is reported.
 */
export function pushInvalid(errs: FieldError[], msgs: readonly string[], value: unknown, path: string, suffix = ''): void {
  for (const m of msgs) errs.push(invalid(path + suffix, value, m));
}

/** ValidateLabelName: a qualified name, errors at `path`. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return qualifiedNameIsValid(name) ? [] : isQualifiedName(name).map((m) => invalid(path, name, m));
}

/** metav1 ValidateLabels: every error is reported at the map's path, not per key. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isDict(labels)) return [];
  const errs: FieldError[] = [];
  for (const k of Object.keys(labels)) {
    const v = str(labels[k]);
    if (qualifiedNameIsValid(k) && labelValueIsValid(v)) continue;
    pushInvalid(errs, isQualifiedName(k), k, path);
    pushInvalid(errs, isValidLabelValue(v), v, path);
  }
  return errs;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** ValidateAnnotations: keys are qualified names (case-insensitively), total size ≤ 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isDict(annotations)) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of Object.keys(annotations)) {
    const lower = k.toLowerCase();
    if (!qualifiedNameIsValid(lower)) pushInvalid(errs, isQualifiedName(lower), k, path);
    size += byteLength(k) + byteLength(str(annotations[k]));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return errs;
}

function validateOwnerReferences(refs: unknown, path: string): FieldError[] {
  if (!Array.isArray(refs)) return [];
  const errs: FieldError[] = [];
  let firstController = '';
  for (const r of refs) {
    const ref = isDict(r) ? r : {};
    const apiVersion = str(ref.apiVersion);
    const parts = apiVersion.split('/');
    const version = parts.length === 1 ? parts[0] : parts.length === 2 ? parts[1] : '';
    if (version === '') errs.push(invalid(`${path}.apiVersion`, apiVersion, 'version must not be empty'));
    if (str(ref.kind) === '') errs.push(invalid(`${path}.kind`, str(ref.kind), 'must not be empty'));
    if (str(ref.name) === '') errs.push(invalid(`${path}.name`, str(ref.name), 'must not be empty'));
    if (str(ref.uid) === '') errs.push(invalid(`${path}.uid`, str(ref.uid), 'must not be empty'));
    if (ref.controller === true) {
      const current = `${str(ref.kind)}/${str(ref.name)}`;
      if (firstController !== '') {
        errs.push(
          invalid(
            path,
            goOwnerReferences(refs),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

/** %#v of []metav1.OwnerReference; Go prints pointer addresses, shown here as a fixed 0xc000000000. */
function goOwnerReferences(refs: unknown[]): GoValue {
  const ptr = (v: unknown): string => (typeof v === 'boolean' ? '(*bool)(0xc000000000)' : '(*bool)(nil)');
  const items = refs.map((r) => {
    const ref = isDict(r) ? r : {};
    return (
      `v1.OwnerReference{APIVersion:${goQuote(str(ref.apiVersion))}, Kind:${goQuote(str(ref.kind))}, ` +
      `Name:${goQuote(str(ref.name))}, UID:${goQuote(str(ref.uid))}, Controller:${ptr(ref.controller)}, ` +
      `BlockOwnerDeletion:${ptr(ref.blockOwnerDeletion)}}`
    );
  });
  return new GoValue(`[]v1.OwnerReference{${items.join(', ')}}`);
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

/** ValidateFinalizers (+ core's validateKubeFinalizerName when `kube` is set). */
function validateFinalizers(finalizers: unknown, path: string, kube: boolean): FieldError[] {
  if (!Array.isArray(finalizers)) return [];
  const errs: FieldError[] = [];
  const names = finalizers.map(str);
  for (const f of names) errs.push(...isQualifiedName(f).map((m) => invalid(path, f, m)));
  if (names.includes('orphan') && names.includes('foregroundDeletion')) {
    errs.push(invalid(path, goStringSlice(names), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  if (kube) {
    names.forEach((f, i) => {
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
        errs.push(invalid(`${path}[${i}]`, f, 'name is neither a standard finalizer name nor is it fully qualified'));
      }
    });
  }
  return errs;
}

export interface MetaLike {
  name?: unknown;
  generateName?: unknown;
  namespace?: unknown;
  generation?: unknown;
  labels?: unknown;
  annotations?: unknown;
  ownerReferences?: unknown;
  finalizers?: unknown;
  [k: string]: unknown;
}

/**
 * ValidateObjectMeta for create (core flavour: standard finalizer names are checked unless
 * `kubeFinalizers` is false, as for the generic check every object gets).
 * @example validateObjectMeta({}, true, nameIsDNSSubdomain, 'metadata')
 *   // metadata.name: Required value: name or generateName is required; metadata.namespace: Required value
 */
export function validateObjectMeta(
  meta: MetaLike | undefined,
  namespaced: boolean,
  nameFn: NameValidator,
  path: string,
  kubeFinalizers = true,
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = str(m.generateName);
  const name = str(m.name);
  const namespace = str(m.namespace);
  if (generateName !== '') pushInvalid(errs, nameFn(generateName, true), generateName, path, '.generateName');
  // The API server generates the name before validating; a valid generateName yields a valid name.
  if (name === '') {
    if (generateName === '') errs.push(required(`${path}.name`, 'name or generateName is required'));
  } else {
    pushInvalid(errs, nameFn(name, false), name, path, '.name');
  }
  if (namespaced) {
    if (namespace === '') errs.push(required(`${path}.namespace`));
    else pushInvalid(errs, validateNamespaceName(namespace, false), namespace, path, '.namespace');
  } else if (namespace !== '') {
    errs.push(forbiddenField(`${path}.namespace`, 'not allowed on this type'));
  }
  if (typeof m.generation === 'number') errs.push(...validateNonnegativeField(m.generation, `${path}.generation`));
  // Absent members have nothing to report: skip them rather than build their paths.
  if (m.labels !== undefined) errs.push(...validateLabels(m.labels, `${path}.labels`));
  if (m.annotations !== undefined) errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  if (m.ownerReferences !== undefined) errs.push(...validateOwnerReferences(m.ownerReferences, `${path}.ownerReferences`));
  if (m.finalizers !== undefined) errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`, kubeFinalizers));
  return errs;
}

/** Go's time.Time String() for an RFC 3339 timestamp (how metav1.Time prints in errors). */
function goTime(v: unknown): GoValue {
  const s = str(v);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(s);
  return new GoValue(m ? `${m[1]} ${m[2]} +0000 UTC` : s === '' ? '0001-01-01 00:00:00 +0000 UTC' : s);
}

/**
 * ValidateObjectMetaUpdate: name, namespace, uid and creationTimestamp are immutable, generation
 * may not go down, no new finalizers once deletion started, plus the create-time label/annotation
 * rules.
 */
export function validateObjectMetaUpdate(newMeta: MetaLike | undefined, oldMeta: MetaLike | undefined, path: string): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp && Array.isArray(n.finalizers)) {
    const before = new Set(Array.isArray(o.finalizers) ? o.finalizers.map(str) : []);
    const extra = [...new Set(n.finalizers.map(str))].filter((f) => !before.has(f)).sort();
    if (extra.length > 0) {
      errs.push(
        forbiddenField(
          `${path}.finalizers`,
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSliceText(extra)}`,
        ),
      );
    }
  }
  if (typeof n.generation === 'number' && typeof o.generation === 'number' && n.generation < o.generation) {
    errs.push(invalid(`${path}.generation`, n.generation, 'must not be decremented'));
  }
  for (const key of ['name', 'namespace', 'uid'] as const) {
    if (str(n[key]) !== str(o[key])) errs.push(invalid(`${path}.${key}`, str(n[key]), 'field is immutable'));
  }
  if (str(n.creationTimestamp) !== str(o.creationTimestamp)) {
    errs.push(invalid(`${path}.creationTimestamp`, goTime(n.creationTimestamp), 'field is immutable'));
  }
  // A list the update kept from the stored object (the same frozen value) was valid when stored.
  if (n.labels !== o.labels) errs.push(...validateLabels(n.labels, `${path}.labels`));
  if (n.annotations !== o.annotations) errs.push(...validateAnnotations(n.annotations, `${path}.annotations`));
  if (n.ownerReferences !== o.ownerReferences) errs.push(...validateOwnerReferences(n.ownerReferences, `${path}.ownerReferences`));
  if (n.finalizers !== o.finalizers) errs.push(...validateFinalizers(n.finalizers, `${path}.finalizers`, true));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Label selectors

const SELECTOR_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** metav1 ValidateLabelSelector (strict label values, as apps/v1 workloads use it). */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isDict(selector)) return [];
  const errs = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  exprs.forEach((e, i) => errs.push(...validateSelectorRequirement(isDict(e) ? e : {}, `${path}.matchExpressions[${i}]`)));
  return errs;
}

function validateSelectorRequirement(r: Dict, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const op = str(r.operator);
  const values = Array.isArray(r.values) ? r.values.map(str) : [];
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errs.push(forbiddenField(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errs.push(invalid(`${path}.operator`, op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(r.key), `${path}.key`));
  values.forEach((v, i) => errs.push(...isValidLabelValue(v).map((m) => invalid(`${path}.values[${i}]`, v, m))));
  return errs;
}

/** A compiled selector (labels.Selector). */
export interface LabelMatcher {
  /** Selector.Empty(): true only for the match-everything selector. */
  empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
}

/**
 * metav1.LabelSelectorAsSelector: undefined/null selects nothing, `{}` selects everything, and a
 * selector that cannot be built (bad key, value or operator) yields undefined (Go's error case).
 */
export function labelSelectorAsSelector(selector: unknown): LabelMatcher | undefined {
  if (selector === undefined || selector === null) return { empty: false, matches: () => false };
  if (!isDict(selector)) return undefined;
  const reqs: { key: string; op: string; values: string[] }[] = [];
  const ml = isDict(selector.matchLabels) ? selector.matchLabels : {};
  for (const [k, v] of Object.entries(ml)) reqs.push({ key: k, op: 'In', values: [str(v)] });
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    const r = isDict(e) ? e : {};
    reqs.push({ key: str(r.key), op: str(r.operator), values: Array.isArray(r.values) ? r.values.map(str) : [] });
  }
  for (const r of reqs) {
    if (!SELECTOR_OPERATORS.has(r.op) || isQualifiedName(r.key).length > 0) return undefined;
    if ((r.op === 'In' || r.op === 'NotIn') && r.values.length === 0) return undefined;
    if ((r.op === 'Exists' || r.op === 'DoesNotExist') && r.values.length > 0) return undefined;
    if (r.values.some((v) => isValidLabelValue(v).length > 0)) return undefined;
  }
  if (reqs.length === 0) return { empty: true, matches: () => true };
  return { empty: false, matches: (labels) => reqs.every((r) => requirementMatches(r, labels ?? {})) };
}

function requirementMatches(r: { key: string; op: string; values: string[] }, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.op) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    default:
      return !has;
  }
}

// ---------------------------------------------------------------------------------------------
// Misc

/** A member Go would hold as nil: absent, null, or an empty list (nil and empty slices compare equal). */
const isNilLike = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * equality.Semantic.DeepEqual for JSON-like values: object key order is ignored, and absent, null
 * and empty-list members are all "nil".
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNilLike(a) && isNilLike(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a).filter((k) => !isNilLike(a[k]));
    const kb = Object.keys(b).filter((k) => !isNilLike(b[k]));
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** ValidateImmutableField: `Invalid value: <new>: field is immutable` when the value changed. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: string, shown: unknown = newVal): FieldError[] {
  return deepEqual(newVal, oldVal) ? [] : [invalid(path, shown, 'field is immutable')];
}
