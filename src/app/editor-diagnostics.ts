/**
 * Where the YAML editor draws a diagnostic: the worker names a 1-based line (validate.ts); the
 * editor underlines that line from its first non-blank character to its end (a blank line: its
 * end). Lines past the end (the text changed meanwhile) go to the last line. Pure; unit-tested.
 */
import type { ManifestDiagnostic } from './protocol.ts';

/** The part of a CodeMirror `Text` this needs. */
export interface LinedText {
  readonly lines: number;
  line(n: number): { from: number; to: number; text: string };
}

export interface PlacedDiagnostic {
  from: number;
  to: number;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export function placeDiagnostics(doc: LinedText, found: readonly ManifestDiagnostic[]): PlacedDiagnostic[] {
  return found.map((d) => {
    const n = Math.min(Math.max(1, d.line), doc.lines);
    const line = doc.line(n);
    const indent = line.text.length - line.text.trimStart().length;
    const from = line.text.trim() === '' ? line.to : line.from + indent;
    return { from, to: line.to, line: n, severity: d.severity, message: d.message };
  });
}
