/**
 * `kubectl expose --overrides=JSON --override-type=merge|json|strategic` (kubectl v1.31
 * cmdutil.Overrider): the generated Service is encoded as its typed Go struct encodes it, the
 * override is applied to that JSON with the patch library of its type, and the result is decoded
 * again through kubectl's scheme: by the apiVersion and kind it now says (so an override may even
 * turn it into another kind), dropping fields the type does not have, refusing values of the
 * wrong JSON type, and filling in the fields the typed struct always encodes (a Service port's
 * `port` and `targetPort`, `metadata.creationTimestamp: null`).
 */
import { resourceForKind } from '../../../engine/api/resources.ts';
import { decodeFindings, withoutUnknownFields } from '../../../engine/api/schema/strict.ts';
import { applyPatch } from '../../../engine/api/patch.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError } from '../../types.ts';
import { applyJsonPatch, goJsonKind, goJsonParse } from './patch-text.ts';

export const OVERRIDE_FLAGS: FlagSpec[] = [
  { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
  {
    name: 'overrides',
    type: 'string',
    default: '',
    usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
  },
];

/**
 * Overrider.Apply: the object unchanged without --overrides. `obj` is given with its keys in the
 * typed struct's order, the order kubectl's encoding has (and its errors quote).
 */
export function applyOverrides(args: ParsedArgs, obj: KObject): KObject {
  const overrides = String(args.flags.overrides);
  if (overrides === '') return obj;
  const type = String(args.flags['override-type']) || 'merge';
  if (type !== 'json' && type !== 'merge' && type !== 'strategic') throw new CommandError(`error: invalid override type: ${type}`);
  let patched: unknown;
  try {
    patched = patchDocument(obj, overrides, type);
  } catch (e) {
    if (e instanceof CommandError) throw e;
    throw new CommandError(`error: ${(e as Error).message}`);
  }
  return decodeTyped(patched);
}

/** The patch libraries kubectl uses, with their error words. */
function patchDocument(obj: KObject, text: string, type: 'json' | 'merge' | 'strategic'): unknown {
  let patch: unknown;
  try {
    patch = goJsonParse(text);
  } catch (e) {
    if (type === 'merge') throw new Error('Invalid JSON Patch');
    if (type === 'strategic') throw new Error('invalid JSON document');
    throw e;
  }
  if (type === 'json') {
    if (!Array.isArray(patch)) throw new Error(`json: cannot unmarshal ${goJsonKind(patch)} into Go value of type jsonpatch.Patch`);
    const bad = patch.find((op) => goJsonKind(op) !== 'object' && op !== null);
    if (bad !== undefined) throw new Error(`json: cannot unmarshal ${goJsonKind(bad)} into Go value of type jsonpatch.Operation`);
    return applyJsonPatch(obj, patch);
  }
  if (type === 'merge') {
    // An array replaces the whole document; null and other values are refused.
    if (Array.isArray(patch)) return patch;
    if (goJsonKind(patch) !== 'object') throw new Error('Invalid JSON Patch');
    return applyPatch(obj, patch, 'merge');
  }
  if (patch === null) return obj;
  if (goJsonKind(patch) !== 'object') throw new Error('invalid JSON document');
  return applyPatch(obj, patch, 'strategic');
}

/** json.Marshal of the document as the decoder quotes it: top-level keys sorted, the rest as they were. */
function documentText(doc: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(doc).sort()) sorted[k] = doc[k];
  return JSON.stringify(sorted);
}

/** runtime.Decode through kubectl's scheme, into the typed object the apiVersion and kind name. */
function decodeTyped(doc: unknown): KObject {
  if (goJsonKind(doc) !== 'object') {
    throw new CommandError(
      `error: couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKind(doc)} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`,
    );
  }
  const obj = doc as Record<string, unknown>;
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (kind === '') throw new CommandError(`error: Object 'Kind' is missing in '${documentText(obj)}'`);
  if (apiVersion === '') throw new CommandError(`error: Object 'apiVersion' is missing in '${documentText(obj)}'`);
  if (!resourceForKind(apiVersion, kind)) throw new CommandError(`error: no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/scheme/scheme.go:28"`);
  const typeError = decodeFindings(obj).typeError;
  if (typeError) throw new CommandError(`error: ${typeError}`);
  return withTypedZeroValues(withoutUnknownFields(obj) as KObject);
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields a typed struct encodes even when unset (no omitempty, or a struct value). */
function withTypedZeroValues(obj: KObject): KObject {
  const metadata = isMap(obj.metadata) ? obj.metadata : {};
  const out: KObject = { ...obj, metadata: { ...metadata, creationTimestamp: metadata.creationTimestamp ?? (null as unknown as string) } };
  if (obj.kind !== 'Service' || obj.apiVersion !== 'v1') return out;
  const spec = isMap(obj.spec) ? { ...obj.spec } : {};
  if (Array.isArray(spec.ports)) spec.ports = spec.ports.map((p) => (isMap(p) ? { ...p, port: p.port ?? 0, targetPort: p.targetPort ?? 0 } : p));
  const status = isMap(obj.status) ? obj.status : {};
  return { ...out, spec, status: { ...status, loadBalancer: status.loadBalancer ?? {} } };
}
