/**
 * ControllerExpectations (pkg/controller/controller_utils.go): what a controller has asked the API
 * for and not yet seen in its watch. A controller that just created 3 pods must not create 3 more
 * because its next sync runs before the ADDED events arrive; it records the creations it expects
 * (and the pod keys it expects to see deleted) and only manages replicas again once they were all
 * observed, or after 5 minutes, when it stops waiting (a lost event must not stall it forever).
 * Plain data, so it snapshots with the controller.
 */

/** controller.ExpectationsTimeout */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

/** One controller key's outstanding expectations. */
export interface Expectation {
  /** Creations still to be observed. */
  add: number;
  /** Keys (`namespace/name`) of pods whose deletion is still to be observed. */
  del: string[];
  /** When they were set (simulated ms), for the timeout. */
  setAtMs: number;
}

/** The serialisable form: controller key → expectation. */
export type ExpectationsState = [string, Expectation][];

export class Expectations {
  private readonly byKey = new Map<string, Expectation>();

  /** SatisfiedExpectations: nothing outstanding, or waited long enough, or never set. */
  satisfied(key: string, nowMs: number): boolean {
    const e = this.byKey.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del.length === 0) return true;
    return nowMs - e.setAtMs > EXPECTATIONS_TIMEOUT_MS;
  }

  /** ExpectCreations: replaces whatever was expected for `key`. */
  expectCreations(key: string, count: number, nowMs: number): void {
    this.byKey.set(key, { add: count, del: [], setAtMs: nowMs });
  }

  /** ExpectDeletions: the pods (by key) this controller is about to delete. */
  expectDeletions(key: string, podKeys: readonly string[], nowMs: number): void {
    this.byKey.set(key, { add: 0, del: [...podKeys], setAtMs: nowMs });
  }

  /** CreationObserved (also used to give back creations that were never attempted). */
  creationObserved(key: string): void {
    const e = this.byKey.get(key);
    if (e) e.add--;
  }

  /** DeletionObserved: the pod was seen going (or its delete call failed). */
  deletionObserved(key: string, podKey: string): void {
    const e = this.byKey.get(key);
    if (!e) return;
    const i = e.del.indexOf(podKey);
    if (i >= 0) e.del.splice(i, 1);
  }

  /** DeleteExpectations: the controller object is gone. */
  forget(key: string): void {
    this.byKey.delete(key);
  }

  /** What is outstanding for a key (for tests and `sim` views). */
  get(key: string): Readonly<Expectation> | undefined {
    return this.byKey.get(key);
  }

  save(): ExpectationsState {
    return [...this.byKey.entries()].map(([k, e]) => [k, { add: e.add, del: [...e.del], setAtMs: e.setAtMs }]);
  }

  load(s: ExpectationsState): void {
    this.byKey.clear();
    for (const [k, e] of s) this.byKey.set(k, { add: e.add, del: [...e.del], setAtMs: e.setAtMs });
  }
}
