/**
 * `kubectl auth can-i --list`'s table (kubectl pkg/cmd/auth/cani.go printStatus): the review's
 * rules broken down to one verb, group, resource (and name) or one URL each (util/rbac
 * BreakdownRule), simple rows of the same group/resource/name merged with their verbs appended,
 * repeats kept (CompactRules), sorted by the rule's Go String() form (SortableRuleSlice), which
 * starts with the verbs.
 */
import type { PolicyRule, RulesReview } from '../../../engine/api/rbac-authorizer.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { goLess } from '../../printers/describe/writer.ts';

interface Row {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

function breakdown(rule: PolicyRule): Row[] {
  const out: Row[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs) {
        const names = rule.resourceNames ?? [];
        if (names.length === 0) out.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [], nonResourceURLs: [] });
        for (const n of names) out.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [n], nonResourceURLs: [] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs) out.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  }
  return out;
}

/** Rows from breakdown are all simple except non-resource ones, which stay as they are. */
function compact(rows: readonly Row[]): Row[] {
  const compacted: Row[] = [];
  const simple = new Map<string, Row>();
  for (const row of rows) {
    if (row.nonResourceURLs.length > 0 || row.apiGroups.length !== 1 || row.resources.length !== 1 || row.resourceNames.length > 1) {
      compacted.push(row);
      continue;
    }
    const key = JSON.stringify([row.apiGroups[0], row.resources[0], row.resourceNames[0] ?? null]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...row.verbs);
    else simple.set(key, { ...row, verbs: [...row.verbs] });
  }
  return [...compacted, ...simple.values()];
}

const goList = (xs: readonly string[]): string => `[${xs.join(' ')}]`;

function ruleString(r: Row): string {
  return `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;
}

/** describe.CombineResourceGroup: `resource.group/subresource` of the first resource and group. */
function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  if (resources.length === 0) return '';
  const slash = resources[0].indexOf('/');
  let out = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (groups.length > 0 && groups[0] !== '') out += `.${groups[0]}`;
  return slash < 0 ? out : `${out}/${resources[0].slice(slash + 1)}`;
}

/** The --list table (with its header unless `noHeaders`). */
export function rulesTable(review: RulesReview, noHeaders: boolean): string {
  const rules = [...review.resourceRules, ...review.nonResourceRules];
  const rows = compact(rules.flatMap(breakdown))
    .map((r) => ({ r, key: ruleString(r) }))
    .sort((a, b) => (goLess(a.key, b.key) ? -1 : goLess(b.key, a.key) ? 1 : 0))
    .map(({ r }) => `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  const header = noHeaders ? '' : 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n';
  return alignTabs(header + rows.join(''));
}
