/**
 * Kubernetes API errors: `metav1.Status` failures (apimachinery/pkg/api/errors) and field-level
 * validation errors (apimachinery/pkg/util/validation/field), with the exact message shapes the
 * API server produces and kubectl prints.
 */

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Expired'
  | 'Gone'
  | 'TooManyRequests'
  | 'InternalError';

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/** A failed API call, shaped like the `Status` object the API server returns. */
export class StatusError extends Error {
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly code: number,
    readonly details: StatusDetails = {},
  ) {
    super(message);
    this.name = 'StatusError';
  }

  /** The same error with its message rewritten (kubectl's AddSourceToErr does this). */
  withMessage(message: string): StatusError {
    return new StatusError(this.reason, message, this.code, this.details);
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }
}

export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.reason === reason);
}

/** `group.resource` for messages: `pods`, `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError('NotFound', `${qualified(gr)} "${name}" not found`, 404, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError('AlreadyExists', `${qualified(gr)} "${name}" already exists`, 409, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function conflict(gr: GroupResource, name: string, why: string): StatusError {
  return new StatusError('Conflict', `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, 409, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export const CONFLICT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export function forbidden(gr: GroupResource, name: string, why: string): StatusError {
  const subject = name ? `${qualified(gr)} "${name}"` : qualified(gr);
  return new StatusError('Forbidden', `${subject} is forbidden: ${why}`, 403, {
    name: name || undefined,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError('BadRequest', message, 400);
}

export function methodNotAllowed(message: string): StatusError {
  return new StatusError('MethodNotAllowed', message, 405);
}

export function expired(message: string): StatusError {
  return new StatusError('Expired', message, 410);
}

/** NewTooManyRequests (429): the eviction API refusing a disruption, with its causes. */
export function tooManyRequests(message: string, causes: StatusCause[] = []): StatusError {
  return new StatusError('TooManyRequests', message, 429, causes.length > 0 ? { causes } : {});
}

/** The kinds of field error, spelled as field.ErrorType.String() spells them. */
export type FieldErrorType =
  | 'Not found'
  | 'Required value'
  | 'Duplicate value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Too long'
  | 'Too many'
  | 'Internal error';

/** One validation failure at a field path, e.g. `spec.containers[0].image: Required value`. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue?: unknown;
  detail?: string;
}

const VALUELESS: ReadonlySet<FieldErrorType> = new Set(['Required value', 'Forbidden', 'Too long', 'Internal error']);

/** field.Error.ErrorBody(): the message without the field path. */
export function fieldErrorBody(e: FieldError): string {
  let s: string = e.type;
  if (!VALUELESS.has(e.type)) s += `: ${goValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): `path: body`. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** A bad value already rendered the way Go's %#v prints it (e.g. `map[string]string{"app":"x"}`). */
export class GoValue {
  constructor(readonly text: string) {}
}

/** How Go's %v / %q print a bad value in a field error. */
function goValue(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goValue).join(', ')}}`;
  return JSON.stringify(v);
}

/** Go's %q for a string: double quotes with Go escapes. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export const required = (field: string, detail?: string): FieldError => ({ type: 'Required value', field, detail });
export const invalid = (field: string, badValue: unknown, detail?: string): FieldError => ({
  type: 'Invalid value',
  field,
  badValue,
  detail,
});
export const notSupported = (field: string, badValue: unknown, supported: string[]): FieldError => ({
  type: 'Unsupported value',
  field,
  badValue,
  detail: `supported values: ${supported.map(goQuote).join(', ')}`,
});
export const duplicate = (field: string, badValue: unknown): FieldError => ({ type: 'Duplicate value', field, badValue });
export const forbiddenField = (field: string, detail: string): FieldError => ({ type: 'Forbidden', field, detail });
export const tooLong = (field: string, _value: unknown, max: number): FieldError => ({
  type: 'Too long',
  field,
  detail: `may not be more than ${max} bytes`,
});

/**
 * apierrors.NewInvalid: `Deployment.apps "web" is invalid: <errors>` where one error prints as
 * itself and several as `[a, b]` (utilerrors aggregate format). Details keep the bare kind and
 * one cause per field error, which kubectl uses to print `The Deployment "web" is invalid: ...`.
 */
export function invalidObject(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const strings = errs.map(fieldErrorString);
  const aggregate = strings.length === 1 ? strings[0] : `[${strings.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return new StatusError('Invalid', `${qualifiedKind} "${name}" is invalid: ${aggregate}`, 422, {
    name,
    group: group || undefined,
    kind,
    causes: errs.map((e) => ({ reason: fieldReason(e.type), message: fieldErrorBody(e), field: e.field })),
  });
}

function fieldReason(t: FieldErrorType): string {
  const map: Record<FieldErrorType, string> = {
    'Not found': 'FieldValueNotFound',
    'Required value': 'FieldValueRequired',
    'Duplicate value': 'FieldValueDuplicate',
    'Invalid value': 'FieldValueInvalid',
    'Unsupported value': 'FieldValueNotSupported',
    Forbidden: 'FieldValueForbidden',
    'Too long': 'FieldValueTooLong',
    'Too many': 'FieldValueTooMany',
    'Internal error': 'InternalError',
  };
  return map[t];
}
