/**
 * ControllerRevision admission (v1.31 ValidateControllerRevision / ValidateControllerRevisionUpdate):
 * the metadata, a mandatory and immutable `data`, a non-negative `revision`. The DaemonSet and
 * StatefulSet controllers write these; a file of its own so the StatefulSet admission can load late
 * (engine/late.ts) while the default cluster's DaemonSets write their revisions.
 */
import { GoValue, invalid, required } from '../errors.ts';
import { deepEqual, nameIsDNSSubdomain, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation.ts';
import { asDict, dictOf, int } from './common.ts';
import type { KindAdmission } from './types.ts';

export const controllerRevisionAdmission: KindAdmission = {
  validate(obj, _ctx, old) {
    const d = asDict(obj);
    const errs = old ? validateObjectMetaUpdate(dictOf(d.metadata), dictOf(asDict(old).metadata), 'metadata') : [];
    errs.push(...validateObjectMeta(dictOf(d.metadata), true, nameIsDNSSubdomain, 'metadata'));
    if (d.data === undefined || d.data === null) errs.push(required('data', 'data is mandatory'));
    errs.push(...validateNonnegativeField(int(d.revision) ?? 0, 'revision'));
    if (old && !deepEqual(d.data, asDict(old).data)) errs.push(invalid('data', new GoValue('runtime.RawExtension{...}'), 'field is immutable'));
    return errs;
  },
};
