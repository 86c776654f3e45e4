/**
 * The clusterrole-aggregation controller (kube-controller-manager,
 * pkg/controller/clusterroleaggregation): a ClusterRole with an `aggregationRule` gets the rules
 * of every ClusterRole its selectors match — each selector's matches by name, a rule once — so
 * labelling a ClusterRole `rbac.authorization.k8s.io/aggregate-to-view: "true"` adds its rules to
 * `view` (and, through `view`'s own label, to `edit` and `admin`). Any ClusterRole added, changed
 * or deleted requeues every aggregated one. A role is written only when its rules change
 * (equality.Semantic: no matches leave `rules: null` as it is).
 */
import type { KObject, LabelSelector } from '../api/types.ts';
import { deepEqual } from '../kernel/objects.ts';
import type { Component, ComponentContext } from './component.ts';
import { selectorMatches } from './controllers/util.ts';
import { WorkQueue, type ReconcileResult, type WorkQueueState } from './workqueue.ts';

interface ClusterRole extends KObject {
  rules?: unknown[] | null;
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
}

export class ClusterRoleAggregationController implements Component {
  readonly name = 'clusterrole-aggregation-controller';
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: ComponentContext) {
    this.queue = new WorkQueue(ctx.kernel, this.name, (name) => this.reconcile(name));
  }

  start(resume: boolean): void {
    const from = resume ? { resourceVersion: this.ctx.store.resourceVersion } : {};
    this.ctx.store.watch('clusterroles', () => this.enqueueAll(), from);
  }

  save(): WorkQueueState {
    return this.queue.save();
  }

  load(state: unknown): void {
    this.queue.load(state as WorkQueueState);
  }

  /** enqueueAll: every ClusterRole that aggregates, whatever changed. */
  private enqueueAll(): void {
    for (const role of this.ctx.store.list<ClusterRole>('clusterroles').items) {
      if (role.aggregationRule) this.queue.add(role.metadata.name ?? '');
    }
  }

  private reconcile(name: string): ReconcileResult {
    const { store } = this.ctx;
    const role = store.tryGet<ClusterRole>('clusterroles', '', name);
    if (!role?.aggregationRule) return 'done';
    const all = store.list<ClusterRole>('clusterroles').items;
    const rules: unknown[] = [];
    for (const selector of role.aggregationRule.clusterRoleSelectors ?? []) {
      const matched = all.filter((r) => r.metadata.name !== name && selectorMatches(selector, r.metadata.labels)).sort(byName);
      for (const source of matched) for (const rule of source.rules ?? []) if (!rules.some((r) => deepEqual(r, rule))) rules.push(rule);
    }
    const current = role.rules ?? [];
    if (current.length === rules.length && current.every((r, i) => deepEqual(r, rules[i]))) return 'done';
    store.update<ClusterRole>({ ...role, rules: rules.length === 0 ? null : rules });
    return 'done';
  }
}

function byName(a: KObject, b: KObject): number {
  const x = a.metadata.name ?? '';
  const y = b.metadata.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
