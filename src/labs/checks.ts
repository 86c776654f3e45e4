/**
 * Goal checks: pure functions from the API store to pass/fail with a reason. Each check reads
 * only what it names — one object by name, or the pods its label selector picks (and, for a
 * spread, the nodes those pods run on) — so extra objects never fail a correct answer.
 * Registered as data: one entry per check type in {@link CHECKS}.
 */
import type { ApiStore } from '../engine/api/store.ts';
import { resolveResourceName } from '../engine/api/resources.ts';
import type { Deployment, KObject, Pod } from '../engine/api/types.ts';
import { isPodActive, isPodReady } from '../engine/components/controllers/util.ts';
import { firstMismatch } from './fields.ts';
import type { Check, CheckResult, CheckType, GoalResult, LabGoal } from './types.ts';

/** What a check reads: the store (only through get/list of what it names) and the clock. */
export interface CheckContext {
  store: ApiStore;
  nowMs: number;
}

type CheckOf<T extends CheckType> = Extract<Check, { type: T }>;
type Checker<T extends CheckType> = (check: CheckOf<T>, ctx: CheckContext) => CheckResult;

const ok = (reason: string): CheckResult => ({ pass: true, reason });
const no = (reason: string): CheckResult => ({ pass: false, reason });
const nsOf = (c: { namespace?: string }): string => c.namespace ?? 'default';
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Active pods (not terminating, not finished) picked by a selector in a namespace. */
function activePods(ctx: CheckContext, namespace: string, selector: string): Pod[] {
  return ctx.store.list<Pod>('pods', { namespace, labelSelector: selector }).items.filter(isPodActive);
}

/** Pods by name or selector, for the per-pod checks. */
function targetPods(ctx: CheckContext, c: { name?: string; selector?: string; namespace?: string }): { pods: Pod[]; what: string } {
  const ns = nsOf(c);
  if (c.name !== undefined) {
    const pod = ctx.store.tryGet<Pod>('pods', ns, c.name);
    return { pods: pod ? [pod] : [], what: `pod "${c.name}"` };
  }
  return { pods: activePods(ctx, ns, c.selector ?? ''), what: `pods with ${c.selector}` };
}

const deploymentAvailable: Checker<'deploymentAvailable'> = (c, ctx) => {
  const d = ctx.store.tryGet<Deployment>('deployments', nsOf(c), c.name);
  if (!d) return no(`deployment "${c.name}" not found in namespace "${nsOf(c)}"`);
  const want = c.replicas ?? d.spec.replicas ?? 1;
  if ((d.spec.replicas ?? 1) !== want) return no(`deployment "${c.name}" wants ${plural(d.spec.replicas ?? 1, 'replica')}, not ${want}`);
  if (c.image !== undefined) {
    const containers = d.spec.template.spec.containers;
    const container = c.container === undefined ? containers[0] : containers.find((x) => x.name === c.container);
    if (!container) return no(`deployment "${c.name}" has no container "${c.container}"`);
    if (container.image !== c.image) return no(`deployment "${c.name}" runs ${container.image}, not ${c.image}`);
  }
  const s = d.status ?? {};
  if ((s.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return no(`deployment "${c.name}": the controller has not seen the latest spec yet`);
  const updated = s.updatedReplicas ?? 0;
  const available = s.availableReplicas ?? 0;
  const total = s.replicas ?? 0;
  if (updated !== want || total !== want) return no(`deployment "${c.name}": rollout not finished (${updated}/${want} updated, ${total} pods in all)`);
  if (available !== want) return no(`deployment "${c.name}": ${available}/${want} replicas available`);
  return ok(`deployment "${c.name}": ${plural(want, 'replica')} available${c.image ? ` running ${c.image}` : ''}`);
};

const pods: Checker<'pods'> = (c, ctx) => {
  let found = activePods(ctx, nsOf(c), c.selector);
  if (c.ready !== undefined) found = found.filter((p) => isPodReady(p) === c.ready);
  const n = found.length;
  if (c.count !== undefined && n !== c.count) return no(`${plural(n, 'pod')} ${describeSel(c, n)}, want ${c.count}`);
  if (c.min !== undefined && n < c.min) return no(`${plural(n, 'pod')} ${describeSel(c, n)}, want at least ${c.min}`);
  if (c.max !== undefined && n > c.max) return no(`${plural(n, 'pod')} ${describeSel(c, n)}, want at most ${c.max}`);
  if (c.fields) {
    for (const p of found) {
      const miss = firstMismatch(p, c.fields);
      if (miss !== undefined) return no(`pod "${p.metadata.name}": ${miss}`);
    }
  }
  return ok(`${plural(n, 'pod')} ${describeSel(c, n)}`);
};

const describeSel = (c: { selector: string; ready?: boolean }, n: number): string =>
  `${n === 1 ? 'matches' : 'match'} ${c.selector}${c.ready ? ` and ${n === 1 ? 'is' : 'are'} Ready` : c.ready === false ? ` and ${n === 1 ? 'is' : 'are'} not Ready` : ''}`;

const noPodOnNode: Checker<'noPodOnNode'> = (c, ctx) => {
  const on = activePods(ctx, nsOf(c), c.selector).filter((p) => p.spec.nodeName === c.node);
  if (on.length > 0) return no(`pod "${on[0].metadata.name}" (${c.selector}) is still on ${c.node}`);
  return ok(`no pod with ${c.selector} on ${c.node}`);
};

const podsOnNodes: Checker<'podsOnNodes'> = (c, ctx) => {
  const found = activePods(ctx, nsOf(c), c.selector);
  if (found.length === 0) return no(`no pod matches ${c.selector}`);
  const away = found.find((p) => !c.nodes.includes(p.spec.nodeName ?? ''));
  if (away) return no(`pod "${away.metadata.name}" is ${away.spec.nodeName ? `on ${away.spec.nodeName}` : 'not scheduled'}, not on ${c.nodes.join(' or ')}`);
  return ok(`all ${plural(found.length, 'pod')} with ${c.selector} on ${c.nodes.join(' or ')}`);
};

const podsSpread: Checker<'podsSpread'> = (c, ctx) => {
  const found = activePods(ctx, nsOf(c), c.selector);
  if (found.length === 0) return no(`no pod matches ${c.selector}`);
  const counts = new Map<string, number>();
  for (const p of found) {
    if (!p.spec.nodeName) return no(`pod "${p.metadata.name}" is not scheduled`);
    const node = ctx.store.tryGet('nodes', '', p.spec.nodeName);
    const domain = node?.metadata.labels?.[c.topologyKey];
    if (domain === undefined) return no(`node ${p.spec.nodeName} has no label ${c.topologyKey}`);
    counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  const values = [...counts.values()];
  // The skew is over the domains in use (reading every node would look past what the goal
  // names); `minDomains` says how many must be in use, so one crowded node cannot pass.
  const shownDomains = plural(counts.size, 'domain');
  if (c.minDomains !== undefined && counts.size < c.minDomains) return no(`pods with ${c.selector} are in ${shownDomains} of ${c.topologyKey}, want at least ${c.minDomains}`);
  const skew = Math.max(...values) - Math.min(...values);
  const shown = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(', ');
  if (skew > c.maxSkew) return no(`pods with ${c.selector} spread ${shown}: skew ${skew} > ${c.maxSkew}`);
  return ok(`pods with ${c.selector} spread ${shown}`);
};

const serviceReadyEndpoints: Checker<'serviceReadyEndpoints'> = (c, ctx) => {
  const ns = nsOf(c);
  if (!ctx.store.tryGet('services', ns, c.name)) return no(`service "${c.name}" not found in namespace "${ns}"`);
  const slices = ctx.store.list('endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${c.name}` }).items;
  const ready = new Set<string>();
  for (const s of slices) {
    const endpoints = (s as unknown as { endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[] }).endpoints ?? [];
    for (const e of endpoints) if (e.conditions?.ready === true) ready.add(e.addresses[0]);
  }
  if (ready.size !== c.count) return no(`service "${c.name}" has ${plural(ready.size, 'ready endpoint')}, want ${c.count}`);
  return ok(`service "${c.name}" has ${plural(ready.size, 'ready endpoint')}`);
};

const podQoS: Checker<'podQoS'> = (c, ctx) => {
  const { pods: found, what } = targetPods(ctx, c);
  if (found.length === 0) return no(`${what} not found`);
  const wrong = found.find((p) => p.status?.qosClass !== c.qosClass);
  if (wrong) return no(`pod "${wrong.metadata.name}" is ${wrong.status?.qosClass ?? 'not yet classified'}, want ${c.qosClass}`);
  return ok(`${what}: QoS class ${c.qosClass}`);
};

const podRestarts: Checker<'podRestarts'> = (c, ctx) => {
  const { pods: found, what } = targetPods(ctx, c);
  if (found.length === 0) return no(`${what} not found`);
  for (const p of found) {
    const statuses = (p.status?.containerStatuses ?? []).filter((s) => c.container === undefined || s.name === c.container);
    const restarts = statuses.reduce((sum, s) => sum + s.restartCount, 0);
    if (c.min !== undefined && restarts < c.min) return no(`pod "${p.metadata.name}" restarted ${plural(restarts, 'time')}, want at least ${c.min}`);
    if (c.max !== undefined && restarts > c.max) return no(`pod "${p.metadata.name}" restarted ${plural(restarts, 'time')}, want at most ${c.max}`);
  }
  return ok(`${what}: restarts within bounds`);
};

function lookup(ctx: CheckContext, c: { resource: string; name: string; namespace?: string }): { obj?: KObject; label: string; error?: string } {
  const rt = resolveResourceName(c.resource);
  if (!rt) return { label: c.resource, error: `the server doesn't have a resource type "${c.resource}"` };
  const label = `${rt.singular} "${c.name}"`;
  return { obj: ctx.store.tryGet(rt, rt.namespaced ? nsOf(c) : '', c.name), label };
}

const exists: Checker<'exists'> = (c, ctx) => {
  const { obj, label, error } = lookup(ctx, c);
  if (error) return no(error);
  if (!obj) return no(`${label} not found`);
  const miss = c.fields ? firstMismatch(obj, c.fields) : undefined;
  if (miss !== undefined) return no(`${label}: ${miss}`);
  return ok(`${label} exists${c.fields ? ' as required' : ''}`);
};

const absent: Checker<'absent'> = (c, ctx) => {
  const { obj, label, error } = lookup(ctx, c);
  if (error) return no(error);
  if (obj) return no(`${label} still exists`);
  return ok(`${label} is gone`);
};

const allOf: Checker<'allOf'> = (c, ctx) => {
  const results = c.checks.map((x) => runCheck(x, ctx));
  const failed = results.find((r) => !r.pass);
  return failed ? no(failed.reason) : ok(results.map((r) => r.reason).join('; '));
};

const anyOf: Checker<'anyOf'> = (c, ctx) => {
  const results = c.checks.map((x) => runCheck(x, ctx));
  const passed = results.find((r) => r.pass);
  return passed ? ok(passed.reason) : no(results.map((r) => r.reason).join('; or '));
};

const not: Checker<'not'> = (c, ctx) => {
  const r = runCheck(c.check, ctx);
  return r.pass ? no(`unexpectedly: ${r.reason}`) : ok(r.reason);
};

/** Every check type and its checker. */
export const CHECKS: { readonly [T in CheckType]: Checker<T> } = {
  deploymentAvailable,
  pods,
  noPodOnNode,
  podsOnNodes,
  podsSpread,
  serviceReadyEndpoints,
  podQoS,
  podRestarts,
  exists,
  absent,
  allOf,
  anyOf,
  not,
};

/** Runs one check. A check that throws (a bad selector) fails with the error as its reason. */
export function runCheck(check: Check, ctx: CheckContext): CheckResult {
  const checker = CHECKS[check.type] as Checker<CheckType>;
  try {
    return checker(check as never, ctx);
  } catch (e) {
    return no((e as Error).message);
  }
}

/** Grades goals against the store: one result per goal, in order. */
export function checkGoals(goals: readonly LabGoal[], ctx: CheckContext): GoalResult[] {
  return goals.map((g) => ({ id: g.id, title: g.title, ...runCheck(g.check, ctx) }));
}
