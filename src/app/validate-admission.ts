/**
 * Admission for the YAML editor, as you type: each object the editor's text decodes to goes
 * through what `kubectl apply -f - --dry-run=server` does against the live cluster (apply.ts
 * applyOne: a create, or the three-way patch of an object that exists; the API server's
 * defaulting, validation and admission plugins), so the editor shows the API server's refusal —
 * `The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: ...` — on the
 * line of the field it names.
 *
 * Architecture invariant: validating changes nothing. A server dry run writes nothing, and what
 * admission draws from the random stream (a Job's generated uid) is drawn from a copy of it, so
 * the cluster, its trace and its future are exactly what they were (tests/unit/app/validate.test.ts).
 */
import { StatusError, isStatusError } from '../engine/api/errors.ts';
import { Prng } from '../engine/kernel/prng.ts';
import { errorMessage } from '../commands/kubectl/errors.ts';
import { fillContextNamespace } from '../commands/kubectl/kubeconfig.ts';
import type { ManifestObject } from '../commands/kubectl/manifests.ts';
import { GLOBAL_FLAGS } from '../commands/kubectl/registry.ts';
import { applyCommand, applyOne } from '../commands/kubectl/verbs/apply.ts';
import { parseFlags } from '../commands/flags.ts';
import type { CommandContext } from '../commands/types.ts';
import type { Session } from '../commands/session.ts';
import { EMPTY_FS } from '../commands/session.ts';

/** Runs one decoded object through admission; the error the API server (or kubectl) gives, if any. */
export type Admit = (m: ManifestObject) => unknown;

/** An error message with the field path it is about, when it names one. */
export interface AdmissionFinding {
  /** The field path as the API server gives it (`spec.template.spec.containers[0].image`), or [] for the object. */
  path: AdmissionPathStep[];
  message: string;
}

export type AdmissionPathStep = string | number;

/** `kubectl apply -f - --dry-run=server` for one object against the session's live cluster. */
export function dryRunAdmitter(session: Session): Admit {
  return (m) => {
    const sim = session.sim;
    const kernel = sim.kernel;
    const stream = kernel.prng;
    kernel.prng = new Prng(stream.state());
    const args = parseFlags(['--dry-run=server'], [...applyCommand.flags, ...GLOBAL_FLAGS.filter((g) => !applyCommand.flags.some((f) => f.name === g.name))]);
    fillContextNamespace(session.kubeconfig, args);
    const quiet = { out: () => undefined, err: () => undefined };
    const ctx: CommandContext = { sim, seed: session.seed, io: quiet, fs: EMPTY_FS, resetCluster: () => undefined, kubeconfig: session.kubeconfig };
    try {
      applyOne(ctx, { ...m, object: structuredClone(m.object) }, args, 'server');
      return undefined;
    } catch (e) {
      return e;
    } finally {
      kernel.prng = stream;
    }
  };
}

/**
 * What the editor shows for an admission error: an Invalid error once per cause (each in the
 * words kubectl prints for a single cause, at that cause's field); any other error whole, at
 * the field it concerns where that is clear (a missing namespace), else at the object.
 */
export function admissionFindings(err: unknown): AdmissionFinding[] {
  if (isStatusError(err, 'Invalid') && (err.details.causes?.length ?? 0) > 0) {
    const seen = new Set<string>();
    const out: AdmissionFinding[] = [];
    for (const c of err.details.causes ?? []) {
      const one = new StatusError(err.reason, err.message, err.code, { ...err.details, causes: [c] });
      const message = errorMessage(one);
      if (seen.has(message)) continue;
      seen.add(message);
      out.push({ path: c.field ? fieldPath(c.field) : [], message });
    }
    return out;
  }
  const message = errorMessage(err);
  const path = isStatusError(err, 'NotFound') && err.details.kind === 'namespaces' ? ['metadata', 'namespace'] : [];
  return [{ path, message }];
}

/**
 * An API field path as a list of steps: `spec.containers[0].image` → `['spec', 'containers', 0,
 * 'image']`; a bracketed key (`metadata.labels[app.kubernetes.io/name]`) stays one step.
 */
export function fieldPath(field: string): AdmissionPathStep[] {
  const steps: AdmissionPathStep[] = [];
  let word = '';
  const flush = (): void => {
    if (word !== '') steps.push(word);
    word = '';
  };
  for (let i = 0; i < field.length; i++) {
    const ch = field[i];
    if (ch === '.') flush();
    else if (ch === '[') {
      flush();
      const end = field.indexOf(']', i);
      const inner = end < 0 ? field.slice(i + 1) : field.slice(i + 1, end);
      steps.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = end < 0 ? field.length : end;
    } else word += ch;
  }
  flush();
  return steps;
}
