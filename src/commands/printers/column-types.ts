/**
 * Shared shapes for the per-resource table printers (the equivalents of printers.go's column
 * definitions and print functions).
 */
import type { KObject } from '../../engine/api/types.ts';

/** One table column, named as in printers.go (the header is the upper-cased name). */
export interface ColumnDef {
  name: string;
  /** 1 for `-o wide`-only columns (printers.go `Priority: 1`). */
  priority?: number;
}

/** What a print function may depend on besides the object. */
export interface PrintContext {
  /** Current simulated time, for AGE-like cells. */
  nowMs: number;
}

/**
 * A resource's table printer. Like the API server (which always generates the wide table), `row`
 * returns one cell per column in `columns`; callers drop priority-1 cells unless `-o wide`.
 */
export interface ResourcePrinter {
  columns: ColumnDef[];
  row(obj: KObject, ctx: PrintContext): string[];
}

/** Narrows an unknown value to a plain object (or an empty one). */
export function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** Narrows an unknown value to an array (or an empty one). */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string field, `''` when missing (Go's zero value). */
export function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A numeric field, 0 when missing (Go's zero value). */
export function asNumber(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
