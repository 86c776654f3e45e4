/**
 * For measuring on a busy machine (bench/load-ab.ts, bench/trace-load.ts): puts the Chromium this
 * process started (and its renderers and their threads) at a higher priority than the other work
 * on the machine, so the builds compared are seen apart from the machine's swings. Root only.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** With `nice` (e.g. "-10") set, keeps setting it every 20 ms until the returned timer is cleared. */
export function prioritize(nice: string | undefined): ReturnType<typeof setInterval> | undefined {
  if (nice === undefined || nice === '') return undefined;
  writeFileSync('/proc/self/autogroup', nice);
  return setInterval(() => renice(Number(nice)), 20);
}

/**
 * This process and its Chromium at a higher priority than the other work on the machine,
 * to see the builds apart from a busy machine's swings (root only). Chromium runs in a session of
 * its own (its autogroup's nice is set) and sets its threads' priorities itself (its zygotes reset
 * what they inherit), so every thread of every process under this one is set, again every 20 ms
 * (new renderers, new worker threads).
 */
function renice(nice: number): void {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === process.pid) return true;
    return false;
  };
  for (const pid of parent.keys()) {
    if (pid !== process.pid && !mine(pid)) continue;
    try {
      // Playwright starts Chromium in a session of its own: with autogroup scheduling that group's nice is what counts.
      if (!readFileSync(`/proc/${pid}/autogroup`, 'utf8').includes(`nice ${nice}`)) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
      for (const tid of readdirSync(`/proc/${pid}/task`)) if (getPriority(Number(tid)) !== nice) setPriority(Number(tid), nice);
    } catch {
      // gone meanwhile
    }
  }
}
