/**
 * The student's lab progress, saved in localStorage after every change (the lab, the seed and the
 * command log) and restored on reload. A saved value is untrusted: `parseSavedProgress` checks
 * its shape (the worker checks the inline lab's schema and the script's syntax again before
 * anything runs). A corrupt or newer value is reported, kept aside under its own key (never
 * deleted), and ignored; nothing else in storage is touched.
 */
import type { Lab } from '../../labs/types.ts';
import type { SavedProgress } from './lab-protocol.ts';

export const PROGRESS_KEY = 'podlab.lab-progress';
/** Where a value that could not be read is kept. */
export const PROGRESS_ASIDE_KEY = 'podlab.lab-progress.unreadable';
/** The most a saved value may hold (characters); a share link's payload is smaller still. */
export const PROGRESS_MAX_CHARS = 256 * 1024;
/** The student's own seed, the default of the Seed field. */
export const SEED_KEY = 'podlab.lab-seed';

export type ParsedProgress = { ok: true; progress: SavedProgress } | { ok: false; message: string };

/** Checks a saved value; the message says what is wrong with it. */
export function parseSavedProgress(text: string): ParsedProgress {
  const bad = (why: string): ParsedProgress => ({ ok: false, message: `error: the saved lab progress cannot be read: ${why}` });
  if (text.length > PROGRESS_MAX_CHARS) return bad(`it is ${text.length} characters, more than ${PROGRESS_MAX_CHARS}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('it is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('it is not an object');
  const o = value as Record<string, unknown>;
  if (typeof o.v === 'number' && o.v > 1) return bad(`it was saved by a newer Podlab (version ${o.v}; this one reads version 1)`);
  if (o.v !== 1) return bad('it has no version 1 marker');
  const unknown = Object.keys(o).filter((k) => !['v', 'lab', 'seed', 'script'].includes(k));
  if (unknown.length > 0) return bad(`unknown field "${unknown[0]}"`);
  if (typeof o.seed !== 'number' || !Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) return bad('seed must be a whole number from 0 to 4294967295');
  if (typeof o.script !== 'string') return bad('script must be text');
  if (typeof o.lab === 'string') {
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(o.lab)) return bad(`lab id ${JSON.stringify(o.lab.slice(0, 80))} is not a lab id`);
  } else if (o.lab === null || typeof o.lab !== 'object' || Array.isArray(o.lab)) {
    return bad('lab must be a lab id or a lab');
  }
  return { ok: true, progress: { v: 1, lab: o.lab as string | Lab, seed: o.seed, script: o.script } };
}

/** The storage the app uses (localStorage), or none where it is not available. */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function saveProgress(p: SavedProgress, store: Storage | undefined = storage()): void {
  try {
    store?.setItem(PROGRESS_KEY, JSON.stringify(p));
  } catch {
    // Storage full or disabled: progress is still in the live cluster; nothing else to do.
  }
}

export function clearProgress(store: Storage | undefined = storage()): void {
  try {
    store?.removeItem(PROGRESS_KEY);
  } catch {
    // as above
  }
}

/**
 * The saved progress, if any. An unreadable value is moved to {@link PROGRESS_ASIDE_KEY} (so a
 * newer Podlab's save is not lost) and reported.
 */
export function loadProgress(store: Storage | undefined = storage()): { progress?: SavedProgress; message?: string } {
  let text: string | null = null;
  try {
    text = store?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    return {};
  }
  if (text === null) return {};
  const parsed = parseSavedProgress(text);
  if (parsed.ok) return { progress: parsed.progress };
  try {
    store?.setItem(PROGRESS_ASIDE_KEY, text);
    store?.removeItem(PROGRESS_KEY);
  } catch {
    // Could not set it aside: leave it where it is, untouched.
  }
  return { message: `${parsed.message} (it was set aside under "${PROGRESS_ASIDE_KEY}"; the app starts without it)` };
}

/** The student's stored seed, else `fallback`. */
export function loadSeed(fallback: number, store: Storage | undefined = storage()): number {
  try {
    const v = store?.getItem(SEED_KEY);
    if (v != null && /^\d{1,10}$/.test(v) && Number(v) <= 0xffffffff) return Number(v);
  } catch {
    // fall through
  }
  return fallback;
}

export function saveSeed(seed: number, store: Storage | undefined = storage()): void {
  try {
    store?.setItem(SEED_KEY, String(seed));
  } catch {
    // as above
  }
}
