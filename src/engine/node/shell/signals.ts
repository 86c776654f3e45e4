/**
 * Signal names and numbers as `trap` and `kill -l` know them (Linux x86-64), and the way each
 * shell prints its traps: `trap -- 'exit 143' TERM` (busybox ash, dash), `trap -- 'exit 143' SIGTERM` (bash).
 */
import type { Dialect } from './state.ts';

/** Index = signal number; 0 is the shell's EXIT pseudo-signal. */
const NAMES = [
  'EXIT', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];

/**
 * The canonical name (`TERM`, `EXIT`) of a signal given as a name with or without `SIG`, in any
 * case, or as a number; undefined when there is no such signal.
 */
export function signalName(spec: string | number): string | undefined {
  const text = String(spec).trim();
  if (/^[0-9]+$/.test(text)) return NAMES[Number(text)];
  const upper = text.toUpperCase();
  const bare = upper.startsWith('SIG') ? upper.slice(3) : upper;
  return NAMES.includes(bare) ? bare : undefined;
}

/** The number of a canonical signal name (`TERM` → 15); 0 for EXIT. */
export function signalNumber(name: string): number {
  return NAMES.indexOf(name);
}

/** `trap` with no operands: one `trap -- ACTION SIG` line per trap set, by signal number. */
export function formatTraps(traps: Record<string, string>, dialect: Dialect): string {
  return Object.keys(traps)
    .sort((a, b) => signalNumber(a) - signalNumber(b))
    .map((name) => `trap -- ${quote(traps[name], dialect)} ${dialect === 'bash' && name !== 'EXIT' ? `SIG${name}` : name}\n`)
    .join('');
}

/** Single-quoted for re-input: ash and dash close the quote around `"'"`, bash uses `'\''`. */
function quote(text: string, dialect: Dialect): string {
  return `'${text.replaceAll("'", dialect === 'bash' ? "'\\''" : `'"'"'`)}'`;
}
