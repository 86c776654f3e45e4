/**
 * ReplicaSet admission: SetDefaults_ReplicaSet (replicas 1) and the template defaults, the
 * strategy's PrepareForCreate/Update (status reset, generation), and ValidateReplicaSet /
 * ValidateReplicaSetUpdate with apps/v1 selector immutability.
 */
import type { FieldError } from '../errors.ts';
import type { KObject } from '../types.ts';
import { asDict, bumpGeneration, carryOverSystemMeta, checkIntField, checkMetaStrings, child, type Dict } from './common.ts';
import type { AdmissionContext, KindAdmission } from './types.ts';
import { defaultTemplate, validateMinReadySeconds, validateReplicas, validateSelectorAndTemplate, workloadValidator } from './workload.ts';

function defaults(obj: KObject, _ctx: AdmissionContext, old?: KObject): void {
  checkMetaStrings(obj, obj.metadata);
  const rs = asDict(obj);
  const spec = child(rs, 'spec');
  checkIntField(obj, spec.replicas, 'ReplicaSetSpec', 'spec.replicas');
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultTemplate(obj, spec);
  if (old) carryOverSystemMeta(obj, old);
  else rs.status = { replicas: 0 };
  bumpGeneration(obj, old);
}

/** ValidateReplicaSetSpec */
function validateSpec(spec: Dict): FieldError[] {
  return [...validateReplicas(spec), ...validateMinReadySeconds(spec), ...validateSelectorAndTemplate(spec)];
}

const validate = workloadValidator(validateSpec);

/** ReplicaSet admission (defaults + validation), as a v1.31 API server applies it. */
export const replicaSetAdmission: KindAdmission = { defaults, validate };
