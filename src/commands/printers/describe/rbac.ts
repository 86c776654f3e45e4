/**
 * `kubectl describe role|clusterrole|rolebinding|clusterrolebinding` (describe.go RoleDescriber,
 * ClusterRoleDescriber, RoleBindingDescriber, ClusterRoleBindingDescriber). Roles print their
 * rules as kubectl's util/rbac does: each rule broken down to one resource (and one resource
 * name) or one non-resource URL per row, rows of the same group/resource/name merged with their
 * verbs combined (CompactRules), then sorted by the rule's Go String() form, which starts with the
 * verbs. Bindings print their role and their subjects. None of them searches events.
 */
import type { KObject } from '../../../engine/api/types.ts';
import type { DescribeContext } from './types.ts';
import { goLess, LEVEL_0, LEVEL_1, printAnnotationsMultiline, printLabelsMultiline, str, tabbedString } from './writer.ts';

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => str(x)) : []);

function ruleOf(raw: unknown): Rule {
  const r = (raw ?? {}) as Record<string, unknown>;
  return {
    verbs: strings(r.verbs),
    apiGroups: strings(r.apiGroups),
    resources: strings(r.resources),
    resourceNames: strings(r.resourceNames),
    nonResourceURLs: strings(r.nonResourceURLs),
  };
}

/** rbac.BreakdownRule: one rule per group × resource (× name), then one per non-resource URL. */
function breakdownRule(rule: Rule): Rule[] {
  const out: Rule[] = [];
  const base = { verbs: rule.verbs, nonResourceURLs: [] as string[] };
  for (const group of rule.apiGroups) {
    for (const resource of rule.resources) {
      if (rule.resourceNames.length === 0) out.push({ ...base, apiGroups: [group], resources: [resource], resourceNames: [] });
      for (const name of rule.resourceNames) out.push({ ...base, apiGroups: [group], resources: [resource], resourceNames: [name] });
    }
  }
  for (const url of rule.nonResourceURLs) out.push({ verbs: rule.verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/** rbac.CompactRules: simple one-group, one-resource rules merge their verbs; the rest stay as they are. */
function compactRules(rules: readonly Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const rule of rules) {
    const isSimple = rule.resourceNames.length <= 1 && rule.nonResourceURLs.length === 0 && rule.apiGroups.length === 1 && rule.resources.length === 1;
    if (!isSimple) {
      compacted.push(rule);
      continue;
    }
    const key = JSON.stringify([rule.apiGroups[0], rule.resources[0], rule.resourceNames.length > 0, rule.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (!existing) {
      simple.set(key, { ...rule, verbs: [...rule.verbs] });
      continue;
    }
    for (const v of rule.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
  }
  return [...compacted, ...simple.values()];
}

const goList = (xs: readonly string[]): string => `[${xs.join(' ')}]`;

/** The generated PolicyRule.String(), the key SortableRuleSlice sorts by. */
function ruleString(r: Rule): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: `resource.group/subresource` of a rule's first resource and group. */
function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  if (resources.length === 0) return '';
  const [resource, sub] = [resources[0].split('/')[0], resources[0].includes('/') ? resources[0].slice(resources[0].indexOf('/') + 1) : undefined];
  let combined = resource;
  if (groups.length > 0 && groups[0] !== '') combined += `.${groups[0]}`;
  return sub === undefined ? combined : `${combined}/${sub}`;
}

/** Role and ClusterRole. */
export function describeRoleObject(_ctx: DescribeContext, obj: KObject): string {
  const rules = compactRules(((obj as unknown as { rules?: unknown[] }).rules ?? []).flatMap((r) => breakdownRule(ruleOf(r))));
  const keyed = rules.map((r) => ({ r, key: ruleString(r) }));
  // sort.Stable (equal keys print equal rows, so stability is all that matters).
  const sorted = keyed.sort((a, b) => (goLess(a.key, b.key) ? -1 : goLess(b.key, a.key) ? 1 : 0)).map((k) => k.r);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, 'PolicyRule:\n');
    w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
    for (const r of sorted) {
      w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
    }
  });
}

/** RoleBinding and ClusterRoleBinding. */
export function describeRoleBindingObject(_ctx: DescribeContext, obj: KObject): string {
  const b = obj as unknown as { roleRef?: Record<string, unknown>; subjects?: Record<string, unknown>[] };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${str(b.roleRef?.kind)}\n`);
    w.write(LEVEL_1, `Name:\t${str(b.roleRef?.name)}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of b.subjects ?? []) w.write(LEVEL_1, `${str(s.kind)}\t${str(s.name)}\t${str(s.namespace)}\n`);
  });
}
