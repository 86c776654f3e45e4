/**
 * The one module that talks to the simulation worker. It starts the worker, turns requests into
 * messages (exec and runScript get promises, matched to replies by id), and writes each view
 * the worker posts into the app store. Nothing else on the main thread touches the simulation.
 */
import type { Completion } from '../commands/completion.ts';
import type { ClusterView, ExecResult, FromWorker, ScriptResult, ToWorker } from './protocol.ts';
import { appStore } from './state/store.ts';

/** What the app (and browser tests, as `window.podlab`) can ask of the simulation. */
export interface PodlabApi {
  /**
   * Runs one kubectl/sim command line on the live cluster, with optional stdin (as a heredoc
   * gives it). Commands apply in the order sent, and every one gets its reply.
   */
  exec(line: string, stdin?: string): Promise<ExecResult>;
  /** Runs a scenario script in a fresh, separate session and returns its transcript and trace hash. */
  runScript(text: string, seed: number): Promise<ScriptResult>;
  play(): void;
  pause(): void;
  /** Pauses and advances one step (1 s simulated). */
  step(): void;
  /** Simulated seconds per real second. */
  setSpeed(value: number): void;
  /** Time travel: pauses and shows the cluster as it was at simulated ms `atMs`. */
  seek(atMs: number): void;
  /** Pauses and returns to the live edge of the history. */
  resumeLive(): void;
}

declare global {
  interface Window {
    podlab?: PodlabApi;
  }
}

interface Pending {
  resolve(msg: FromWorker): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'podlab-sim' });
  w.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
  w.onerror = (e) => failAll(new Error(`simulation worker failed: ${e.message || 'unknown error'}`));
  worker = w;
  return w;
}

function receive(msg: FromWorker): void {
  if (msg.type === 'view') {
    const { type: _type, ...view } = msg;
    appStore.getState().setView(view satisfies ClusterView);
    seekDone();
    return;
  }
  const p = pending.get(msg.id);
  if (!p) return;
  pending.delete(msg.id);
  p.resolve(msg);
}

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function send(msg: ToWorker): void {
  ensureWorker().postMessage(msg);
}

function request(make: (id: number) => ToWorker): Promise<FromWorker> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send(make(id));
  });
}

export async function exec(line: string, stdin?: string): Promise<ExecResult> {
  const msg = await request((id) => ({ type: 'exec', id, line, stdin }));
  if (msg.type !== 'result') throw new Error(`unexpected reply ${msg.type} to exec`);
  return msg.edit === undefined ? { output: msg.output, exitCode: msg.exitCode } : { output: msg.output, exitCode: msg.exitCode, edit: msg.edit };
}

export async function runScript(text: string, seed: number): Promise<ScriptResult> {
  const msg = await request((id) => ({ type: 'runScript', id, text, seed }));
  if (msg.type !== 'scriptResult') throw new Error(`unexpected reply ${msg.type} to runScript`);
  const { type: _type, id: _id, ...result } = msg;
  return result;
}

export async function complete(line: string): Promise<Completion> {
  const msg = await request((id) => ({ type: 'complete', id, line }));
  if (msg.type !== 'completion') throw new Error(`unexpected reply ${msg.type} to complete`);
  return { word: msg.word, candidates: msg.candidates };
}

export const play = (): void => send({ type: 'play' });
export const pause = (): void => send({ type: 'pause' });
export const step = (): void => send({ type: 'step' });
export const setSpeed = (value: number): void => send({ type: 'speed', value });

/**
 * Scrubbing sends a seek per pointer move; each costs the worker a restore and a replay. So one
 * seek is in flight at a time (the worker answers every seek with a view), and moves made
 * meanwhile collapse into the latest.
 */
let seekInFlight = false;
let seekQueued: number | undefined;

export function seek(atMs: number): void {
  if (seekInFlight) {
    seekQueued = atMs;
    return;
  }
  seekInFlight = true;
  send({ type: 'seek', at: atMs });
}

function seekDone(): void {
  if (!seekInFlight) return;
  seekInFlight = false;
  const next = seekQueued;
  seekQueued = undefined;
  if (next !== undefined) seek(next);
}

export function resumeLive(): void {
  seekQueued = undefined;
  send({ type: 'resumeLive' });
}

/** Starts the worker (its first view follows) and exposes the API as `window.podlab`. */
export function startBridge(): PodlabApi {
  ensureWorker();
  const api: PodlabApi = { exec, runScript, play, pause, step, setSpeed, seek, resumeLive };
  window.podlab = api;
  return api;
}
