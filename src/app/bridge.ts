/**
 * The one module that talks to the simulation worker. It starts the worker, turns requests into
 * messages (exec and runScript get promises, matched to replies by id), and writes each view
 * the worker posts into the app store. Nothing else on the main thread touches the simulation.
 */
import type { Completion } from '../commands/completion.ts';
import type { PauseTrigger } from './protocol.ts';
import type { LabReply, LabRequest } from './labs/lab-protocol.ts';
import type { ClusterView, DecisionReply, ExecResult, FromWorker, ManifestDiagnostic, ObjectRef, PodDetailReply, ScriptResult, ToWorker, WorkloadsReport } from './protocol.ts';
import { appStore } from './state/store.ts';
import { applyViewPatch } from './view-patch.ts';

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
  /** The scheduler's latest decision for a pod, as the Scheduling panel shows it. */
  decision(namespace: string, name: string): Promise<DecisionReply>;
  /** Inside one pod, as the Pod tab shows it. */
  podDetail(namespace: string, name: string): Promise<PodDetailReply>;
  /** The labs: course list, start, goals, grade, share links (src/app/labs/lab-protocol.ts). */
  lab(request: LabRequest): Promise<LabReply>;
}

declare global {
  interface Window {
    podlab?: PodlabApi;
    /** The worker index.html started early, with the events it posted before the bridge took it (vite.config.ts). */
    podlabEarlyWorker?: { worker: Worker; events: (MessageEvent | ErrorEvent)[] };
  }
}

interface Pending {
  resolve(msg: FromWorker): void;
  reject(err: Error): void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
/** Output of execs whose command keeps running (a live `kubectl get -w`), by request id. */
const streams = new Map<number, { text: string; onOutput?: (text: string) => void }>();

function ensureWorker(): Worker {
  if (worker) return worker;
  // The built index.html starts the worker before this bundle loads (vite.config.ts earlyWorker):
  // adopt it and take, in order, what it posted meanwhile.
  const early = window.podlabEarlyWorker;
  window.podlabEarlyWorker = undefined;
  const w = early?.worker ?? new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'podlab-sim' });
  const failed = (e: ErrorEvent) => failAll(new Error(`simulation worker failed: ${e.message || 'unknown error'}`));
  w.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
  w.onerror = failed;
  worker = w;
  for (const e of early?.events ?? []) {
    if (e instanceof MessageEvent) receive(e.data as FromWorker);
    else failed(e);
  }
  return w;
}

function receive(msg: FromWorker): void {
  if (msg.type === 'view') {
    const { type: _type, ...view } = msg;
    appStore.getState().setView(view satisfies ClusterView);
    seekDone();
    return;
  }
  if (msg.type === 'viewPatch') {
    const prev = appStore.getState().view;
    if (prev) appStore.getState().setView(applyViewPatch(prev, msg));
    seekDone();
    return;
  }
  if (msg.type === 'output') {
    const stream = streams.get(msg.id);
    if (stream) {
      stream.text += msg.text;
      stream.onOutput?.(msg.text);
    }
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

/**
 * Runs a command line. A live watch (`kubectl get -w`, `wait`, `rollout status`) resolves only when it ends (Ctrl-C:
 * {@link interrupt}); `onOutput` receives what it prints meanwhile, and the result's output is all of it.
 */
export async function exec(line: string, stdin?: string, onOutput?: (text: string) => void): Promise<ExecResult> {
  const stream = { text: '', onOutput };
  let streamId = 0;
  let msg: FromWorker;
  try {
    msg = await request((id) => {
      streamId = id;
      streams.set(id, stream);
      return { type: 'exec', id, line, stdin };
    });
  } finally {
    streams.delete(streamId);
  }
  if (msg.type !== 'result') throw new Error(`unexpected reply ${msg.type} to exec`);
  const output = stream.text + msg.output;
  return msg.edit === undefined ? { output, exitCode: msg.exitCode } : { output, exitCode: msg.exitCode, edit: msg.edit };
}

/** Ctrl-C: stops running live watches and waits; their execs resolve with exit code 2. */
export const interrupt = (): void => send({ type: 'interrupt' });

/** Diagnostics for YAML as `kubectl apply -f -` would decode it, each on its 1-based line. */
export async function validate(text: string): Promise<ManifestDiagnostic[]> {
  const msg = await request((id) => ({ type: 'validate', id, text }));
  if (msg.type !== 'diagnostics') throw new Error(`unexpected reply ${msg.type} to validate`);
  return msg.diagnostics;
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

/** The Workloads tab's charts for `select` (else the first Deployment): recorded in the worker, sent on request. */
export async function workloads(select?: ObjectRef): Promise<WorkloadsReport> {
  const msg = await request((id) => ({ type: 'workloads', id, select }));
  if (msg.type !== 'workloadsResult') throw new Error(`unexpected reply ${msg.type} to workloads`);
  const { type: _type, id: _id, ...report } = msg;
  return report;
}

/** Inside one pod: the API's view joined with its node's (derived in the worker on request, never pushed). */
export async function podDetail(namespace: string, name: string): Promise<PodDetailReply> {
  const msg = await request((id) => ({ type: 'podDetail', id, namespace, name }));
  if (msg.type !== 'podDetailResult') throw new Error(`unexpected reply ${msg.type} to podDetail`);
  const { type: _type, id: _id, ...reply } = msg;
  return reply;
}

/** The scheduler's latest decision for a pod (derived in the worker on request, never pushed). */
export async function decision(namespace: string, name: string): Promise<DecisionReply> {
  const msg = await request((id) => ({ type: 'decision', id, namespace, name }));
  if (msg.type !== 'decisionResult') throw new Error(`unexpected reply ${msg.type} to decision`);
  const { type: _type, id: _id, ...reply } = msg;
  return reply;
}

/** A labs request (the lab logic runs in the worker; src/app/labs/lab-controller.ts). */
export async function lab(req: LabRequest): Promise<LabReply> {
  const msg = await request((id) => ({ type: 'lab', id, request: req }));
  if (msg.type !== 'labResult') throw new Error(`unexpected reply ${msg.type} to lab`);
  return msg.reply;
}

export const play = (): void => send({ type: 'play' });
export const pause = (): void => send({ type: 'pause' });
export const step = (): void => send({ type: 'step' });
export const setSpeed = (value: number): void => send({ type: 'speed', value });
/** Presenter mode: arm exactly these "pause when…" triggers; the view's `pausedBy` says which stopped the clock. */
export const pauseWhen = (triggers: PauseTrigger[]): void => send({ type: 'pauseWhen', triggers });

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
  const api: PodlabApi = { exec, runScript, play, pause, step, setSpeed, seek, resumeLive, decision, podDetail, lab };
  window.podlab = api;
  return api;
}
