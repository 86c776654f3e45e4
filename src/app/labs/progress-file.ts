/**
 * All of a student's progress as one versioned JSON file ("Export progress" / "Import progress"):
 * `{"format": "podlab-progress", "v": 1, "current", "labs", "sandbox", "drafts"}` — the session a
 * reload restores, every lab's latest progress, the sandbox session and the lab builder's drafts.
 *
 * An imported file is untrusted. `decodeProgressFile` checks, in order and before anything is
 * stored or run: the size (at most {@link ALL_PROGRESS_MAX_CHARS}), JSON, the format marker, the
 * version (a newer one is refused by name), then every field's shape; the worker then checks each
 * inline lab's schema and each script's syntax (lab-controller.ts) before it restores anything.
 * Every failure is one message in plain words. Pure: no storage, no DOM, no engine.
 */
import { ALL_PROGRESS_MAX_CHARS, checkDraft, checkSession, progressKey, type ProgressArchive } from './autosave.ts';
import type { LabDraft, ProgressFile, SavedProgress, SavedSandbox } from './lab-protocol.ts';

export const PROGRESS_FILE_FORMAT = 'podlab-progress';
export const PROGRESS_FILE_VERSION = 1;
/** The suggested file name of an export. */
export const PROGRESS_FILE_NAME = 'podlab-progress.json';

export type DecodedProgressFile = { ok: true; file: ProgressFile } | { ok: false; message: string };

/** The prefix of every import error. */
export const IMPORT_ERROR = 'error: the progress file cannot be imported:';

/** The file's text: indented JSON, keys in a fixed order, ending in a newline. */
export function encodeProgressFile(f: Omit<ProgressFile, 'format' | 'v'>): string {
  const file: ProgressFile = { format: PROGRESS_FILE_FORMAT, v: PROGRESS_FILE_VERSION, current: f.current, labs: f.labs, sandbox: f.sandbox, drafts: f.drafts };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads an exported file; the message says what is wrong (see the module comment for the order). */
export function decodeProgressFile(text: string): DecodedProgressFile {
  const bad = (why: string): DecodedProgressFile => ({ ok: false, message: `${IMPORT_ERROR} ${why}` });
  if (text.length > ALL_PROGRESS_MAX_CHARS) return bad(`it is ${text.length} characters, more than ${ALL_PROGRESS_MAX_CHARS}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return bad('it is not JSON (a Podlab progress file is the JSON that "Export progress" downloads)');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('it is not a Podlab progress file (not a JSON object)');
  const o = value as Record<string, unknown>;
  if (o.format !== PROGRESS_FILE_FORMAT) return bad(`it is not a Podlab progress file (no "format": "${PROGRESS_FILE_FORMAT}")`);
  if (typeof o.v === 'number' && Number.isInteger(o.v) && o.v > PROGRESS_FILE_VERSION)
    return bad(`it was exported by a newer Podlab (version ${o.v}; this one reads version ${PROGRESS_FILE_VERSION})`);
  if (o.v !== PROGRESS_FILE_VERSION) return bad(`"v" must be ${PROGRESS_FILE_VERSION}`);
  const unknown = Object.keys(o).find((k) => !['format', 'v', 'current', 'labs', 'sandbox', 'drafts'].includes(k));
  if (unknown !== undefined) return bad(`unknown field "${unknown.slice(0, 80)}"`);

  let current: ProgressFile['current'] = null;
  if (o.current !== null && o.current !== undefined) {
    const s = checkSession(o.current, 'current');
    if (typeof s === 'string') return bad(s);
    current = s;
  }
  if (!Array.isArray(o.labs)) return bad('labs must be a list');
  const labs: SavedProgress[] = [];
  const keys = new Set<string>();
  for (const [i, item] of o.labs.entries()) {
    const s = checkSession(item, `labs[${i}]`);
    if (typeof s === 'string') return bad(s);
    if ('sandbox' in s) return bad(`labs[${i}]: it is a sandbox session, not a lab's progress`);
    if (keys.has(progressKey(s))) return bad(`labs[${i}]: a second entry for lab ${JSON.stringify(progressKey(s))}`);
    keys.add(progressKey(s));
    labs.push(s);
  }
  let sandbox: SavedSandbox | null = null;
  if (o.sandbox !== null && o.sandbox !== undefined) {
    const s = checkSession(o.sandbox, 'sandbox');
    if (typeof s === 'string') return bad(s);
    if (!('sandbox' in s)) return bad('sandbox: it is a lab\'s progress, not a sandbox session');
    sandbox = s;
  }
  if (!Array.isArray(o.drafts)) return bad('drafts must be a list');
  const drafts: LabDraft[] = [];
  for (const [i, item] of o.drafts.entries()) {
    const d = checkDraft(item, `drafts[${i}]`);
    if (typeof d === 'string') return bad(d);
    drafts.push(d);
  }
  return { ok: true, file: { format: PROGRESS_FILE_FORMAT, v: PROGRESS_FILE_VERSION, current, labs, sandbox, drafts } };
}

/**
 * What storage holds after an import: the file's entries win (a lab's progress, the sandbox, a
 * draft with the same id); everything else already saved is kept. The builder goes on editing
 * the draft it had (or the file's first, when it had none).
 */
export function mergeProgress(
  have: ProgressArchive & { drafts: readonly LabDraft[] },
  file: ProgressFile,
): ProgressArchive & { drafts: LabDraft[] } {
  const incoming = new Set(file.labs.map(progressKey));
  const labs = [...have.labs.filter((l) => !incoming.has(progressKey(l))), ...file.labs];
  const draftIds = new Set(file.drafts.map((d) => d.id));
  const kept = have.drafts.filter((d) => !draftIds.has(d.id));
  const replaced = have.drafts.length > 0 && draftIds.has(have.drafts[0].id);
  const drafts = replaced ? [file.drafts.find((d) => d.id === have.drafts[0].id)!, ...kept, ...file.drafts.filter((d) => d.id !== have.drafts[0].id)] : [...kept, ...file.drafts];
  return { labs, sandbox: file.sandbox ?? have.sandbox, drafts };
}

/** A one-line account of a file's contents: "2 labs, the sandbox session and 1 builder draft". */
export function describeProgressFile(f: ProgressFile): string {
  const parts: string[] = [];
  parts.push(f.labs.length === 1 ? '1 lab' : `${f.labs.length} labs`);
  if (f.sandbox) parts.push('the sandbox session');
  parts.push(f.drafts.length === 1 ? '1 builder draft' : `${f.drafts.length} builder drafts`);
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
