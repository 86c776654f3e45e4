/**
 * What the labs' unit tests share: a Storage kept in memory (localStorage's interface, for
 * autosave.ts) and the state out of a worker reply.
 */
import type { LabReply, LabState } from '../../src/app/labs/lab-protocol.ts';

export class MemoryStorage implements Storage {
  private map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
  setItem(k: string, v: string): void {
    this.map.set(k, v);
  }
}

/** The state of a reply that must be one. */
export function state(r: LabReply): LabState {
  if (r.kind !== 'state') throw new Error(`expected a state, got ${JSON.stringify(r)}`);
  return r.state;
}
