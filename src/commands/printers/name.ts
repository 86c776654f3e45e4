/**
 * `kubectl get -o name` (cli-runtime NamePrinter): `<kind>[.<group>]/<name>`, the kind lower-cased
 * and the group taken from `apiVersion` (`pod/nginx`, `deployment.apps/web`).
 */
import type { KObject } from '../../engine/api/types.ts';

/** The API group of an `apiVersion` (`apps/v1` → `apps`, `v1` → `''`). */
export function groupOf(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  const slash = v.lastIndexOf('/');
  return slash < 0 ? '' : v.slice(0, slash);
}

/** `kind[.group]` as the name printer writes it, e.g. `deployment.apps`. */
export function kindGroup(obj: Pick<KObject, 'apiVersion' | 'kind'>): string {
  const group = groupOf(obj.apiVersion);
  const kind = obj.kind.toLowerCase();
  return group === '' ? kind : `${kind}.${group}`;
}

/**
 * One object's `-o name` text without the newline, e.g. `deployment.apps/web`. With an operation
 * it is the success message kubectl prints for create/apply/delete, e.g. `pod/nginx created`.
 * A missing name prints as `<unknown>`, as in cli-runtime.
 */
export function formatName(obj: Pick<KObject, 'apiVersion' | 'kind' | 'metadata'>, operation?: string): string {
  const name = obj.metadata?.name || '<unknown>';
  const suffix = operation ? ` ${operation}` : '';
  return `${kindGroup(obj)}/${name}${suffix}`;
}

/** `-o name` output for several objects: one line each, every line ending in `\n`. */
export function renderNames(objects: Pick<KObject, 'apiVersion' | 'kind' | 'metadata'>[], operation?: string): string {
  return objects.map((o) => `${formatName(o, operation)}\n`).join('');
}
