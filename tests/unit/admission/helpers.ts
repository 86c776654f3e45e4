/** Test helpers for admission: a fake AdmissionContext and a defaults-then-validate runner. */
import { fieldErrorString } from '../../../src/engine/api/errors.ts';
import type { AdmissionContext, KindAdmission } from '../../../src/engine/api/admission/types.ts';
import type { KObject } from '../../../src/engine/api/types.ts';
import { Prng } from '../../../src/engine/kernel/prng.ts';

export function makeCtx(opts: { seed?: number; objects?: Record<string, KObject[]>; operation?: 'CREATE' | 'UPDATE' } = {}): AdmissionContext {
  return {
    operation: opts.operation ?? 'CREATE',
    now: 0,
    prng: new Prng(opts.seed ?? 1),
    list: (resource) => opts.objects?.[resource] ?? [],
  };
}

/** Runs defaults then validate on a copy; returns the admitted object and the printed field errors. */
export function admit(
  adm: KindAdmission,
  input: KObject,
  ctx: AdmissionContext = makeCtx(),
  old?: KObject,
): { obj: KObject; errors: string[] } {
  const obj = structuredClone(input);
  adm.defaults?.(obj, ctx, old);
  return { obj, errors: (adm.validate?.(obj, ctx, old) ?? []).map(fieldErrorString) };
}
