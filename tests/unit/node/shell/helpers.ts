/** Fixture builders for the shell tests: a host over a fresh container file system, and a clock driver. */
import { ContainerFs, type FsMount } from '../../../../src/engine/node/fs.ts';
import { imageTree, runShell, type RunResult, type ShellHost, type ShellState, type Userland } from '../../../../src/engine/node/shell/index.ts';
import type { FsData, ProcessInfo } from '../../../../src/engine/node/types.ts';

export interface TestHost extends ShellHost {
  out: string[];
  err: string[];
  layer: FsData;
  /** Everything written, in order, as `1>text` / `2>text`. */
  both: string[];
}

export interface HostOptions {
  userland?: Userland;
  env?: Record<string, string>;
  special?: Record<string, string>;
  mounts?: FsMount[];
  processes?: ProcessInfo[];
  stdin?: string;
}

export const BASE_ENV = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOSTNAME: 'web-0',
  HOME: '/root',
  KUBERNETES_SERVICE_HOST: '10.96.0.1',
};

export function newHost(opts: HostOptions = {}): TestHost {
  const userland = opts.userland ?? 'busybox';
  const layer: FsData = { files: {} };
  const special = opts.special ?? {};
  const fs = new ContainerFs({ layer, mounts: opts.mounts, special: (p) => special[p], specialPaths: Object.keys(special), image: imageTree(userland) });
  const host: TestHost = {
    fs,
    env: opts.env ?? { ...BASE_ENV },
    hostname: 'web-0',
    userland,
    processes: () => opts.processes ?? [],
    write: (stream, text) => {
      (stream === 'stdout' ? host.out : host.err).push(text);
      host.both.push(`${stream === 'stdout' ? 1 : 2}>${text}`);
    },
    out: [],
    err: [],
    both: [],
    layer,
  };
  if (opts.stdin !== undefined) host.stdin = opts.stdin;
  return host;
}

/** Stdout written so far, joined. */
export const stdout = (h: TestHost) => h.out.join('');
export const stderr = (h: TestHost) => h.err.join('');

/** Runs a process to its end, letting simulated time pass through every sleep; returns the last result and the clock. */
export function runToEnd(state: ShellState, host: ShellHost, nowMs = 0, maxRuns = 100): { state: ShellState; result: RunResult; nowMs: number } {
  let clock = nowMs;
  let r = runShell(state, host, clock);
  for (let i = 0; i < maxRuns && r.result.kind === 'sleep' && r.result.untilMs !== null; i++) {
    clock = r.result.untilMs;
    r = runShell(r.state, host, clock);
  }
  return { ...r, nowMs: clock };
}
