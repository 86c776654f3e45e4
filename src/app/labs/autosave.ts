/**
 * The student's progress, saved in localStorage after every change and restored on reload:
 * - `podlab.lab-progress`: the session a reload restores — a lab's progress (the lab, the seed and
 *   the command log) or the sandbox session (its seed, the `sim cluster` line its cluster came
 *   from, and the command log);
 * - `podlab.lab-progress.all`: the latest progress of every lab started, and of the sandbox, so
 *   starting another lab loses nothing ("Resume" in the course picks it up again);
 * - `podlab.lab-drafts`: the lab builder's drafts (the first is the one being edited).
 * The session the app opens on is the sandbox's (lab-controller.ts), saved under the same keys.
 * A session too large to save is kept under `podlab.lab-progress.too-large` instead (saveSession).
 * A saved value is untrusted: the parsers check its shape (the worker checks an inline lab's
 * schema and the script's syntax again before anything runs). A corrupt or newer value is
 * reported, kept aside under its own key (never deleted), and ignored; nothing else in storage is
 * touched. Pure apart from the Storage passed in.
 */
import type { Lab, LabLevel } from '../../labs/types.ts';
import type { LabDraft, SavedProgress, SavedSandbox, SavedSession } from './lab-protocol.ts';

export const PROGRESS_KEY = 'podlab.lab-progress';
/** Where a value that could not be read is kept (`….2`, `….3`… when that is taken). */
export const PROGRESS_ASIDE_KEY = 'podlab.lab-progress.unreadable';
/** Every lab's latest progress, and the sandbox's. */
export const ARCHIVE_KEY = 'podlab.lab-progress.all';
/** The lab builder's drafts. */
export const DRAFTS_KEY = 'podlab.lab-drafts';
/** The most a saved session may hold (characters); a share link's payload is smaller still. */
export const PROGRESS_MAX_CHARS = 256 * 1024;
/** The most the archive, the drafts or a progress file may hold (characters). */
export const ALL_PROGRESS_MAX_CHARS = 1024 * 1024;
/** The student's own seed, the default of the Seed field. */
export const SEED_KEY = 'podlab.lab-seed';

const LAB_ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LEVELS: readonly LabLevel[] = ['beginner', 'intermediate', 'advanced'];
/** Caps on a draft's fields (characters, list items). */
const DRAFT_TEXT_MAX = 64 * 1024;
const DRAFT_LIST_MAX = 100;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isSeed = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

function unknownField(o: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  const k = Object.keys(o).find((key) => !allowed.includes(key));
  return k === undefined ? undefined : `unknown field "${k.slice(0, 80)}"`;
}

function checkVersion(o: Record<string, unknown>): string | undefined {
  if (typeof o.v === 'number' && o.v > 1) return `it was saved by a newer Podlab (version ${o.v}; this one reads version 1)`;
  if (o.v !== 1) return 'it has no version 1 marker';
  return undefined;
}

/** A saved lab progress or sandbox session, or what is wrong with it (`at` names it in the message). */
export function checkSession(value: unknown, at = ''): SavedSession | string {
  const where = (why: string) => (at === '' ? why : `${at}: ${why}`);
  if (!isObject(value)) return where('it is not an object');
  const version = checkVersion(value);
  if (version !== undefined) return where(version);
  const sandbox = 'sandbox' in value;
  const unknown = unknownField(value, sandbox ? ['v', 'sandbox', 'seed', 'cluster', 'script'] : ['v', 'lab', 'seed', 'script']);
  if (unknown !== undefined) return where(unknown);
  if (!isSeed(value.seed)) return where('seed must be a whole number from 0 to 4294967295');
  if (typeof value.script !== 'string') return where('script must be text');
  if (sandbox) {
    if (value.sandbox !== true) return where('sandbox must be true');
    if (value.cluster !== undefined && (typeof value.cluster !== 'string' || !/^sim cluster( |$)/.test(value.cluster) || value.cluster.includes('\n')))
      return where('cluster must be a "sim cluster" command line');
    const s: SavedSandbox = { v: 1, sandbox: true, seed: value.seed, ...(value.cluster === undefined ? {} : { cluster: value.cluster }), script: value.script };
    return s;
  }
  if (typeof value.lab === 'string') {
    if (!LAB_ID.test(value.lab)) return where(`lab id ${JSON.stringify(value.lab.slice(0, 80))} is not a lab id`);
  } else if (!isObject(value.lab)) {
    return where('lab must be a lab id or a lab');
  }
  return { v: 1, lab: value.lab as string | Lab, seed: value.seed, script: value.script };
}

/** A builder draft, or what is wrong with it. */
export function checkDraft(value: unknown, at: string): LabDraft | string {
  const where = (why: string) => `${at}: ${why}`;
  if (!isObject(value)) return where('it is not an object');
  const unknown = unknownField(value, ['id', 'title', 'level', 'intro', 'steps', 'hints', 'goalsYaml']);
  if (unknown !== undefined) return where(unknown);
  for (const k of ['id', 'title', 'intro', 'goalsYaml'] as const) {
    const v = value[k];
    if (typeof v !== 'string') return where(`${k} must be text`);
    if (v.length > DRAFT_TEXT_MAX) return where(`${k} is longer than ${DRAFT_TEXT_MAX} characters`);
  }
  if (!LEVELS.includes(value.level as LabLevel)) return where(`level must be one of ${LEVELS.join(', ')}`);
  for (const k of ['steps', 'hints'] as const) {
    const v = value[k];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.length > DRAFT_TEXT_MAX)) return where(`${k} must be a list of text`);
    if (v.length > DRAFT_LIST_MAX) return where(`${k} has more than ${DRAFT_LIST_MAX} items`);
  }
  return {
    id: value.id as string,
    title: value.title as string,
    level: value.level as LabLevel,
    intro: value.intro as string,
    steps: [...(value.steps as string[])],
    hints: [...(value.hints as string[])],
    goalsYaml: value.goalsYaml as string,
  };
}

/** The key a lab's progress is kept under in the archive: a built-in lab's id, `inline:ID` for a lab from a link or the builder. */
export function progressKey(p: SavedProgress): string {
  return typeof p.lab === 'string' ? p.lab : `inline:${String((p.lab as { id?: unknown }).id)}`;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
export type ParsedProgress = { ok: true; progress: SavedSession } | { ok: false; message: string };

function parseJson(text: string, max: number): Parsed<unknown> {
  if (text.length > max) return { ok: false, message: `it is ${text.length} characters, more than ${max}` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'it is not JSON' };
  }
}

/** Checks a saved session (lab progress or sandbox); the message says what is wrong with it. */
export function parseSavedProgress(text: string): ParsedProgress {
  const bad = (why: string): ParsedProgress => ({ ok: false, message: `error: the saved lab progress cannot be read: ${why}` });
  const json = parseJson(text, PROGRESS_MAX_CHARS);
  if (!json.ok) return bad(json.message);
  const s = checkSession(json.value);
  return typeof s === 'string' ? bad(s) : { ok: true, progress: s };
}

/** Every lab's latest progress, and the sandbox's. */
export interface ProgressArchive {
  labs: SavedProgress[];
  sandbox: SavedSandbox | null;
}

export function parseArchive(text: string): Parsed<ProgressArchive> {
  const bad = (why: string): Parsed<ProgressArchive> => ({ ok: false, message: `error: the saved progress of your labs cannot be read: ${why}` });
  const json = parseJson(text, ALL_PROGRESS_MAX_CHARS);
  if (!json.ok) return bad(json.message);
  const o = json.value;
  if (!isObject(o)) return bad('it is not an object');
  const version = checkVersion(o) ?? unknownField(o, ['v', 'labs', 'sandbox']);
  if (version !== undefined) return bad(version);
  if (!Array.isArray(o.labs)) return bad('labs must be a list');
  const labs: SavedProgress[] = [];
  for (const [i, item] of o.labs.entries()) {
    const s = checkSession(item, `labs[${i}]`);
    if (typeof s === 'string') return bad(s);
    if ('sandbox' in s) return bad(`labs[${i}]: it is a sandbox session, not a lab's progress`);
    labs.push(s);
  }
  let sandbox: SavedSandbox | null = null;
  if (o.sandbox !== null && o.sandbox !== undefined) {
    const s = checkSession(o.sandbox, 'sandbox');
    if (typeof s === 'string') return bad(s);
    if (!('sandbox' in s)) return bad('sandbox: it is a lab\'s progress, not a sandbox session');
    sandbox = s;
  }
  return { ok: true, value: { labs, sandbox } };
}

export function parseDrafts(text: string): Parsed<LabDraft[]> {
  const bad = (why: string): Parsed<LabDraft[]> => ({ ok: false, message: `error: the saved lab builder drafts cannot be read: ${why}` });
  const json = parseJson(text, ALL_PROGRESS_MAX_CHARS);
  if (!json.ok) return bad(json.message);
  const o = json.value;
  if (!isObject(o)) return bad('it is not an object');
  const version = checkVersion(o) ?? unknownField(o, ['v', 'drafts']);
  if (version !== undefined) return bad(version);
  if (!Array.isArray(o.drafts)) return bad('drafts must be a list');
  const drafts: LabDraft[] = [];
  for (const [i, item] of o.drafts.entries()) {
    const d = checkDraft(item, `drafts[${i}]`);
    if (typeof d === 'string') return bad(d);
    drafts.push(d);
  }
  return { ok: true, value: drafts };
}

/** The storage the app uses (localStorage), or none where it is not available. */
function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function write(store: Storage | undefined, key: string, value: unknown): void {
  try {
    store?.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: progress is still in the live cluster; nothing else to do.
  }
}

/**
 * Reads `key` with `parse`. An unreadable value is moved aside to `KEY.unreadable` (or
 * `KEY.unreadable.2`… when that already holds one: nothing set aside is overwritten) so a newer
 * Podlab's save is not lost, and reported.
 */
function load<T>(store: Storage | undefined, key: string, parse: (text: string) => Parsed<T>): { value?: T; message?: string } {
  let text: string | null = null;
  try {
    text = store?.getItem(key) ?? null;
  } catch {
    return {};
  }
  if (text === null) return {};
  const parsed = parse(text);
  if (parsed.ok) return { value: parsed.value };
  const aside = setAside(store, key, text);
  if (aside === undefined) return { message: `${parsed.message} (the app starts without it)` };
  return { message: `${parsed.message} (it was set aside under "${aside}"; the app starts without it)` };
}

/**
 * Moves `text` (the value of `key`) to `KEY.unreadable`, or `KEY.unreadable.2`… when that already
 * holds one (nothing set aside is overwritten), and removes `key`. Returns where it went, or
 * undefined when it could not be moved (then `key` is left untouched).
 */
function setAside(store: Storage | undefined, key: string, text: string): string | undefined {
  if (store === undefined) return undefined;
  let aside = `${key}.unreadable`;
  try {
    for (let n = 2; store.getItem(aside) != null && n <= 100; n++) aside = `${key}.unreadable.${n}`;
    store.setItem(aside, text);
    store.removeItem(key);
  } catch {
    // Could not set it aside: leave it where it is, untouched.
    return undefined;
  }
  return aside;
}

/**
 * The saved session could not be restored (the worker refused it: a lab that no longer exists, a
 * script that does not parse): it is set aside as an unreadable one is, so the session the app
 * starts with can be saved without losing it. Returns the note to add to the worker's message.
 */
export function setAsideProgress(store: Storage | undefined = storage()): string {
  let text: string | null = null;
  try {
    text = store?.getItem(PROGRESS_KEY) ?? null;
  } catch {
    // as below
  }
  const aside = text === null ? undefined : setAside(store, PROGRESS_KEY, text);
  return aside === undefined ? '(the app starts without it)' : `(it was set aside under "${aside}"; the app starts without it)`;
}

/** The archive as stored (an unreadable one is set aside and reported). */
export function loadArchive(store: Storage | undefined = storage()): { archive: ProgressArchive; message?: string } {
  const r = load(store, ARCHIVE_KEY, parseArchive);
  return { archive: r.value ?? { labs: [], sandbox: null }, ...(r.message === undefined ? {} : { message: r.message }) };
}

export function saveArchive(a: ProgressArchive, store: Storage | undefined = storage()): void {
  write(store, ARCHIVE_KEY, { v: 1, labs: a.labs, sandbox: a.sandbox });
}

/**
 * The session a reload restores, and a copy in the archive (an unreadable archive is set aside
 * first). A session started afresh (no commands yet) does not replace the archived progress of
 * the same lab or sandbox: only its first command does, so a stray click on "Start lab" loses
 * nothing ("Resume" still offers the old progress). Returns the archive as saved.
 */
export function saveProgress(p: SavedSession, store: Storage | undefined = storage()): ProgressArchive {
  return saveSession(p, store).archive;
}

/** Where a session too large to save was put (the latest such; earlier ones are replaced). */
export const TOO_LARGE_KEY = 'podlab.lab-progress.too-large';

/**
 * {@link saveProgress}, and what went wrong: a session longer than {@link PROGRESS_MAX_CHARS}
 * (the most a reload reads back) is not saved as the session a reload restores nor archived: it
 * is set aside under {@link TOO_LARGE_KEY} (replacing the one there), the session a reload
 * restores is forgotten (a reload starts clean rather than with an older state), and the
 * archive keeps the last progress that fit ("Resume" picks it up).
 */
export function saveSession(p: SavedSession, store: Storage | undefined = storage()): { archive: ProgressArchive; tooLarge?: string } {
  const text = JSON.stringify(p);
  if (text.length > PROGRESS_MAX_CHARS) {
    let aside = store !== undefined;
    try {
      store?.setItem(TOO_LARGE_KEY, text);
    } catch {
      aside = false;
    }
    clearProgress(store);
    const what = 'sandbox' in p ? 'sandbox session' : 'lab progress';
    return {
      archive: loadArchive(store).archive,
      tooLarge:
        `error: your ${what} is too large to save: it is ${text.length} characters, more than ${PROGRESS_MAX_CHARS}` +
        `${aside ? ` (it was set aside under "${TOO_LARGE_KEY}")` : ''}; a reload starts clean, and "Resume" picks up the last ${what} that fit`,
    };
  }
  write(store, PROGRESS_KEY, p);
  return { archive: archiveSession(p, store) };
}

function archiveSession(p: SavedSession, store: Storage | undefined): ProgressArchive {
  const { archive } = loadArchive(store);
  if ('sandbox' in p) {
    if (p.script === '' && archive.sandbox !== null && archive.sandbox.script !== '') return archive;
    archive.sandbox = p;
  } else {
    const old = archive.labs.find((l) => progressKey(l) === progressKey(p));
    if (p.script === '' && old !== undefined && old.script !== '') return archive;
    archive.labs = [...archive.labs.filter((l) => l !== old), p];
  }
  saveArchive(archive, store);
  return archive;
}

/** Forgets which session a reload restores (the archive keeps every lab's progress). */
export function clearProgress(store: Storage | undefined = storage()): void {
  try {
    store?.removeItem(PROGRESS_KEY);
  } catch {
    // as above
  }
}

/** The saved session, if any. An unreadable value is set aside and reported. */
export function loadProgress(store: Storage | undefined = storage()): { progress?: SavedSession; message?: string } {
  const r = load(store, PROGRESS_KEY, (text) => {
    const p = parseSavedProgress(text);
    return p.ok ? { ok: true, value: p.progress } : p;
  });
  return { ...(r.value === undefined ? {} : { progress: r.value }), ...(r.message === undefined ? {} : { message: r.message }) };
}

/** The builder's drafts (the first is the one being edited); an unreadable value is set aside and reported. */
export function loadDrafts(store: Storage | undefined = storage()): { drafts: LabDraft[]; message?: string } {
  const r = load(store, DRAFTS_KEY, parseDrafts);
  return { drafts: r.value ?? [], ...(r.message === undefined ? {} : { message: r.message }) };
}

export function saveDrafts(drafts: readonly LabDraft[], store: Storage | undefined = storage()): void {
  write(store, DRAFTS_KEY, { v: 1, drafts });
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
