/**
 * core/v1 Event admission. Events keep the legacy (lenient) validation for backwards
 * compatibility: only namespace consistency and, for new-style events (with eventTime), the
 * reporting fields; then the generic object-meta check every object gets. Defaults only make the
 * fields Go always serialises visible (`reportingComponent: ""`, `eventTime: null`, ...).
 */
import { invalid, required, type FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { isDNS1123Subdomain, isQualifiedName, validateObjectMeta, validatePathSegmentName } from '../validation.ts';
import { asDict, carryOverSystemMeta, checkMetaStrings, dictOf, str, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';

const REPORTING_INSTANCE_LIMIT = 128;
const ACTION_LIMIT = 128;
const REASON_LIMIT = 128;
const NOTE_LIMIT = 1024;

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const ev = asDict(obj);
  if (ev.involvedObject === undefined) ev.involvedObject = {};
  if (ev.source === undefined) ev.source = {};
  for (const f of ['reportingComponent', 'reportingInstance']) if (ev[f] === undefined) ev[f] = '';
  for (const f of ['firstTimestamp', 'lastTimestamp', 'eventTime']) if (ev[f] === undefined) ev[f] = null;
  if (old) carryOverSystemMeta(obj, old);
}

/** legacyValidateEvent */
function legacyValidate(ev: Dict): FieldError[] {
  const errs: FieldError[] = [];
  const namespace = str(dictOf(ev.metadata).namespace);
  const involvedNs = str(dictOf(ev.involvedObject).namespace);
  const mismatch = (): FieldError => invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace');
  if (!ev.eventTime) {
    if (involvedNs === '' ? namespace !== '' && namespace !== 'default' : namespace !== involvedNs) errs.push(mismatch());
  } else {
    if (involvedNs === '' && namespace !== 'default' && namespace !== 'kube-system') errs.push(mismatch());
    const controller = str(ev.reportingComponent);
    if (controller === '') errs.push(required('reportingComponent'));
    errs.push(...isQualifiedName(controller).map((m) => invalid('reportingComponent', controller, m)));
    const instance = str(ev.reportingInstance);
    if (instance === '') errs.push(required('reportingInstance'));
    if (instance.length > REPORTING_INSTANCE_LIMIT) errs.push(invalid('reportingInstance', '', `can have at most ${REPORTING_INSTANCE_LIMIT} characters`));
    const action = str(ev.action);
    if (action === '') errs.push(required('action'));
    if (action.length > ACTION_LIMIT) errs.push(invalid('action', '', `can have at most ${ACTION_LIMIT} characters`));
    const reason = str(ev.reason);
    if (reason === '') errs.push(required('reason'));
    if (reason.length > REASON_LIMIT) errs.push(invalid('reason', '', `can have at most ${REASON_LIMIT} characters`));
    if (str(ev.message).length > NOTE_LIMIT) errs.push(invalid('message', '', `can have at most ${NOTE_LIMIT} characters`));
  }
  errs.push(...isDNS1123Subdomain(namespace).map((m) => invalid('namespace', namespace, m)));
  return errs;
}

/** The strategy's checks first; only when they pass does the generic metadata check run. */
function validate(obj: KObject): FieldError[] {
  const ev = asDict(obj);
  const errs = legacyValidate(ev);
  if (errs.length > 0) return errs;
  return validateObjectMeta(dictOf(ev.metadata), true, validatePathSegmentName, 'metadata', false);
}

/** Event (core/v1) admission (defaults + validation), as a v1.31 API server applies it. */
export const eventAdmission: KindAdmission = { defaults, validate };
