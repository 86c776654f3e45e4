/**
 * Turning what the user typed into resource types and names, as kubectl's resource builder does:
 * `pods`, `po nginx web`, `pods,services`, `pod/nginx deploy/web`.
 */
import { resolveResourceName, resourcesInCategory, type ResourceType } from '../../engine/api/resources.ts';
import type { KObject } from '../../engine/api/types.ts';
import { CommandError } from '../types.ts';

export interface ResourceSelection {
  /** Requested types, in the order given. */
  types: ResourceType[];
  /** Explicit (type, name) pairs; empty means "list every object of each type". */
  names: { type: ResourceType; name: string }[];
  /** More than one distinct type was asked for (kubectl then prefixes names with `kind/`). */
  multipleTypes: boolean;
}

/** Resolves one type name or throws kubectl's "doesn't have a resource type" error. */
export function resolveType(name: string): ResourceType {
  const rt = resolveResourceName(name);
  if (!rt) throw new CommandError(`error: the server doesn't have a resource type "${name}"`);
  return rt;
}

/** Parses resource arguments: `TYPE[,TYPE...] [NAME...]` or `TYPE/NAME...`. */
export function parseResourceArgs(args: readonly string[]): ResourceSelection {
  args = normalizeMultipleResources(args);
  if (args.some((a) => a.includes('/'))) return parseSlashArgs(args);
  // A category (`all`) expands to its kinds, as kubectl's resource builder does.
  const types = args[0]
    .split(',')
    .filter((t) => t !== '')
    .flatMap((t) => (resourcesInCategory(t).length > 0 ? resourcesInCategory(t) : [resolveType(t)]));
  const category = args[0].split(',').some((t) => resourcesInCategory(t).length > 0);
  const names = args.slice(1);
  if (names.length > 0 && types.length > 1) {
    throw new CommandError(`error: arguments in resource/name form must have a single resource and name`);
  }
  return {
    types,
    names: names.map((name) => ({ type: types[0], name })),
    multipleTypes: category || new Set(types).size > 1,
  };
}

/**
 * normalizeMultipleResourcesArgs: `svc,ep web db` means `svc/web svc/db ep/web ep/db` (types
 * split as SplitResourceArgument splits them, repeats dropped).
 */
function normalizeMultipleResources(args: readonly string[]): readonly string[] {
  if (args.length < 2) return args;
  const types = [...new Set(args[0].split(','))];
  if (types.length < 2) return [types[0], ...args.slice(1)];
  return types.flatMap((t) => args.slice(1).map((name) => `${t}/${name}`));
}

function parseSlashArgs(args: readonly string[]): ResourceSelection {
  const names: { type: ResourceType; name: string }[] = [];
  for (const a of args) {
    const i = a.indexOf('/');
    if (i < 0) {
      throw new CommandError(
        `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    }
    if (a.indexOf('/', i + 1) >= 0) throw new CommandError('error: arguments in resource/name form may not have more than one slash');
    const name = a.slice(i + 1);
    if (i === 0 || name === '') throw new CommandError(`error: arguments in resource/name form must have a single resource and name`);
    const type = resolveType(a.slice(0, i));
    names.push({ type, name });
  }
  const types = [...new Set(names.map((n) => n.type))];
  return { types, names, multipleTypes: types.length > 1 };
}

/** `pod`, `deployment.apps`: the lower-case kind and its group, as kubectl prefixes names. */
export function kindGroup(rt: ResourceType): string {
  return rt.group ? `${rt.singular}.${rt.group}` : rt.singular;
}

/** `pod/nginx`, `deployment.apps/web`: how kubectl names an object in `-o name` and apply output. */
export function kindSlashName(rt: ResourceType, name: string): string {
  return `${kindGroup(rt)}/${name}`;
}

/** The subject of delete output: `pod "nginx"`, `deployment.apps "web"`. */
export function kindQuotedName(rt: ResourceType, name: string): string {
  return `${kindGroup(rt)} "${name}"`;
}

/** The namespace an object lives in, given the request namespace, for namespaced kinds. */
export function objectNamespace(rt: ResourceType, obj: KObject, requestNs: string): string {
  return rt.namespaced ? (obj.metadata?.namespace ?? requestNs) : '';
}
