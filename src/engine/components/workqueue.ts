import type { Kernel } from '../kernel/kernel.ts';

/**
 * A controller work queue in simulated time (client-go's rate-limited workqueue, deterministic):
 * keys (`namespace/name`) are deduplicated, processed in the order they were first added, and a
 * key whose reconcile asks for a retry comes back after an exponential back-off counted in ms.
 * The queue is plain data, so it snapshots with the simulation.
 */
export class WorkQueue {
  private pending: string[] = [];
  private pendingSet = new Set<string>();
  private failures = new Map<string, number>();
  private scheduled = false;

  constructor(
    private readonly kernel: Kernel,
    private readonly name: string,
    private readonly reconcile: (key: string) => ReconcileResult,
    private readonly opts: { delayMs: number; baseBackoffMs: number; maxBackoffMs: number } = {
      delayMs: 0,
      baseBackoffMs: 5,
      maxBackoffMs: 1000_000,
    },
  ) {
    kernel.on(`${name}.sync`, () => this.drain());
    kernel.on(`${name}.retry`, (key) => this.add(key as string));
  }

  add(key: string): void {
    if (this.pendingSet.has(key)) return;
    this.pendingSet.add(key);
    this.pending.push(key);
    if (!this.scheduled) {
      this.scheduled = true;
      this.kernel.schedule(this.opts.delayMs, `${this.name}.sync`);
    }
  }

  get length(): number {
    return this.pending.length;
  }

  private drain(): void {
    this.scheduled = false;
    const keys = this.pending;
    this.pending = [];
    this.pendingSet.clear();
    for (const key of keys) {
      const result = this.reconcile(key);
      if (result === 'retry') {
        const n = this.failures.get(key) ?? 0;
        this.failures.set(key, n + 1);
        const delay = Math.min(this.opts.baseBackoffMs * 2 ** n, this.opts.maxBackoffMs);
        this.kernel.schedule(delay, `${this.name}.retry`, key);
      } else {
        this.failures.delete(key);
        if (typeof result === 'number') this.kernel.schedule(result, `${this.name}.retry`, key);
      }
    }
  }

  save(): WorkQueueState {
    return { pending: [...this.pending], scheduled: this.scheduled, failures: [...this.failures.entries()] };
  }

  load(s: WorkQueueState): void {
    this.pending = [...s.pending];
    this.pendingSet = new Set(s.pending);
    this.scheduled = s.scheduled;
    this.failures = new Map(s.failures);
  }
}

/** `'done'`, `'retry'` (with back-off), or a number: look again after that many ms. */
export type ReconcileResult = 'done' | 'retry' | number;

export interface WorkQueueState {
  pending: string[];
  scheduled: boolean;
  failures: [string, number][];
}
