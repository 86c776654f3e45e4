/**
 * BuildKit's plain progress output (`docker build --progress=plain`): numbered vertices
 * (`#5 [2/4] RUN npm ci`), their log lines, `CACHED` / `DONE 1.2s` / `ERROR: ...`, and the
 * error report with the Dockerfile excerpt the Docker CLI prints under a failed build.
 */
import { humanSize } from './units.ts';

export class Progress {
  readonly lines: string[] = [];
  private next = 1;

  constructor() {
    this.lines.push('#0 building with "default" instance using docker driver', '');
  }

  /** Starts a vertex; returns its number. */
  vertex(name: string): number {
    const n = this.next++;
    this.lines.push(`#${n} ${name}`);
    return n;
  }

  log(n: number, text: string): void {
    this.lines.push(`#${n} ${text}`);
  }

  done(n: number, ms: number): void {
    this.lines.push(`#${n} DONE ${seconds(ms)}`, '');
  }

  cached(n: number): void {
    this.lines.push(`#${n} CACHED`, '');
  }

  error(n: number, message: string): void {
    this.lines.push(`#${n} ERROR: ${message}`);
  }
}

/** `1.2s`, as BuildKit prints a vertex's duration. */
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;

/** `transferring context: 1.23kB done` (go-units HumanSize). */
export const transferred = (what: string, bytes: number): string => `transferring ${what}: ${humanSize(bytes)} done`;

/**
 * The block the Docker CLI prints under a failed build: the failing step's output, the
 * Dockerfile lines around the error with `>>>` on it, and `ERROR: failed to solve: ...`.
 */
export function failureReport(opts: { dockerfileName: string; source: string; line: number; step?: string; stepOutput?: string[]; message: string }): string[] {
  const out: string[] = [];
  if (opts.step !== undefined) {
    out.push('------', ` > ${opts.step}:`, ...(opts.stepOutput ?? []), '------');
  }
  if (opts.line > 0) {
    const lines = opts.source.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const from = Math.max(1, opts.line - 2);
    const to = Math.min(lines.length, opts.line + 2);
    out.push(`${opts.dockerfileName}:${opts.line}`, '--------------------');
    for (let i = from; i <= to; i++) out.push(`${String(i).padStart(4)} | ${i === opts.line ? '>>> ' : '    '}${lines[i - 1]}`.trimEnd());
    out.push('--------------------');
  }
  out.push(`ERROR: failed to solve: ${opts.message}`);
  return out;
}
