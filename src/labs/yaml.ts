/**
 * Labs as YAML, for instructors: `exportLabYaml` writes a lab (template and params included, so
 * the file still makes per-student variants); `parseLabYaml` reads one back through the schema
 * check. Long text (manifests, scripts) is written as block literals so it stays readable.
 */
import { parseDocument, stringify } from 'yaml';
import { LabValidationError, validateLab } from './schema.ts';
import type { Lab } from './types.ts';

/** Largest lab file read (characters). */
export const LAB_FILE_CHARS_MAX = 256 * 1024;

/** The lab as a YAML document. */
export function exportLabYaml(lab: Lab): string {
  return stringify(lab, { lineWidth: 0, blockQuote: 'literal' });
}

/**
 * Reads a lab from YAML text; `source` names the file in errors (`error validating "lab.yaml"`).
 * Throws {@link LabValidationError} for bad YAML or a lab that fails the schema check.
 */
export function parseLabYaml(text: string, source = 'lab.yaml'): Lab {
  if (text.length > LAB_FILE_CHARS_MAX) throw new LabValidationError(source, [`ValidationError(Lab): file is ${text.length} characters, at most ${LAB_FILE_CHARS_MAX}`]);
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0].line;
    const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new LabValidationError(source, [`yaml: ${line === undefined ? '' : `line ${line}: `}${message}`]);
  }
  let value: unknown;
  try {
    // No aliases at all: a lab has no need of them, and they are how a small file grows huge.
    value = doc.toJS({ maxAliasCount: 0 });
  } catch (e) {
    throw new LabValidationError(source, [`yaml: ${(e as Error).message}`]);
  }
  return validateLab(value, source);
}
