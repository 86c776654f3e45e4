/**
 * How kubectl prints an error and picks its exit code (kubectl/pkg/cmd/util/helpers.go checkErr
 * and StandardErrorMessage): API Invalid errors as `The Pod "x" is invalid: <cause>` (one cause)
 * or a `* cause` list, other API errors as `Error from server (Reason): message`, anything else
 * as `error: message`.
 */
import { StatusError } from '../../engine/api/errors.ts';
import { CommandError, type CommandIO } from '../types.ts';

/** kubectl's DefaultErrorExitCode. */
export const DEFAULT_ERROR_EXIT_CODE = 1;

/** The text kubectl prints for one error (without the trailing newline handling). */
export function errorMessage(err: unknown): string {
  if (err instanceof StatusError) {
    if (err.reason === 'Invalid') return invalidMessage(err);
    return `Error from server (${err.reason}): ${err.message}`;
  }
  if (err instanceof CommandError) return err.message;
  const msg = err instanceof Error ? err.message : String(err);
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

function invalidMessage(err: StatusError): string {
  const d = err.details;
  let s = 'The request is invalid';
  if (d.kind || d.name) s = `The ${d.kind} "${d.name}" is invalid`;
  // statusCausesToAggrError drops repeated `field: message` lines (pod updates validate metadata twice).
  const causes = [...new Set((d.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)))];
  if (causes.length === 0) return s;
  if (causes.length === 1) return `${s}: ${causes[0]}`;
  return `${s}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
}

/** An API error as it appears inside an aggregate (StandardErrorMessage, no Invalid special case). */
export function standardMessage(err: unknown): string {
  if (err instanceof StatusError) return `Error from server (${err.reason}): ${err.message}`;
  // MultipleErrors prints any other error as its Error() text, with no `error: ` in front.
  return err instanceof Error ? err.message : String(err);
}

/**
 * Prints one or several errors the way checkErr does after a verb returns: one error through the
 * single-error path, several through MultipleErrors (one StandardErrorMessage per line).
 * Returns the exit code.
 */
export function printErrors(io: CommandIO, errs: unknown[]): number {
  if (errs.length === 0) return 0;
  if (errs.length === 1) {
    printLine(io, errorMessage(errs[0]));
    return errs[0] instanceof CommandError ? errs[0].exitCode : DEFAULT_ERROR_EXIT_CODE;
  }
  for (const e of errs) printLine(io, standardMessage(e));
  return DEFAULT_ERROR_EXIT_CODE;
}

function printLine(io: CommandIO, msg: string): void {
  io.err(msg.endsWith('\n') ? msg : `${msg}\n`);
}

/** cmdutil.AddSourceToErr: `error when creating "pod.yaml": <message>` for API errors. */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (!source) return err;
  if (err instanceof StatusError) return err.withMessage(`error when ${verb} "${source}": ${err.message}`);
  if (err instanceof Error) return new Error(`error when ${verb} "${source}": ${err.message}`);
  return err;
}
