/**
 * The simulation worker: owns the live cluster, so the engine never runs on the UI thread.
 * Messages are handled one at a time in arrival order (a worker's event loop runs one task at a
 * time), so commands apply strictly in the order they were sent and each gets exactly one reply.
 * This is the only place where wall-clock timers drive the simulation: a real-time tick of
 * TICK_MS advances simulated time by the real time elapsed × speed.
 */
import type { LiveCluster } from './live-cluster.ts';
import type { LabController } from './labs/lab-controller.ts';
import type { LabReply } from './labs/lab-protocol.ts';
import type { ClusterView, FromWorker, ToWorker } from './protocol.ts';
import { ViewPatcher } from './view-patch.ts';
import { bootSimulation, bootView } from './worker-boot.ts';
import { loadLateParts } from '../engine/late-register.ts';

/** Real milliseconds between ticks while playing. */
const TICK_MS = 100;

const scope = self as unknown as DedicatedWorkerGlobalScope;
/**
 * The default cluster, built at once so its first view is on screen early; the command layer
 * (worker-lazy.ts), the OpenAPI schema's data and the engine's late parts (engine/late.ts) load
 * right after as chunks of their own. Until all are there, every message waits in `queued`, then
 * all are handled in the order they came (worker-boot.ts).
 */
const boot = bootSimulation();
let lazy: typeof import('./worker-lazy.ts') | undefined;
let live: LiveCluster;
const queued: ToWorker[] = [];
/** The labs (src/app/labs/lab-controller.ts), made with the live cluster. */
let labs: LabController | undefined;
/** Lab requests still running (decoding or encoding a link is async): later messages wait in `queued`, in order. */
let holding = 0;
let ticker: ReturnType<typeof setInterval> | undefined;
let lastTickAt = 0;

function post(msg: FromWorker): void {
  scope.postMessage(msg);
}

/** The first view whole, then what changed since the one before (view-patch.ts). */
const patcher = new ViewPatcher();

function postView(view: ClusterView): void {
  const patch = patcher.next(view);
  if (patch === undefined) post({ type: 'view', ...view });
  else post({ type: 'viewPatch', ...patch });
}

/** Posts the cluster view when something it shows (resourceVersion, time, play state) changed. */
function publish(): void {
  if (lazy === undefined) return;
  flushWatches();
  const view = live.viewIfChanged();
  if (view) postView(view);
}

/** Posts what live watches printed, and the result of each that ended. */
function flushWatches(): void {
  for (const w of live.drainWatches()) {
    if (w.text !== '') post({ type: 'output', id: w.id, text: w.text });
    if (w.exitCode !== undefined) post({ type: 'result', id: w.id, output: '', exitCode: w.exitCode });
  }
}

function tick(): void {
  const at = performance.now();
  live.tick(at - lastTickAt);
  lastTickAt = at;
  if (!live.playing) stopTicking(); // a "pause when…" trigger stopped the clock
  publish();
}

function startTicking(): void {
  if (ticker !== undefined) return;
  lastTickAt = performance.now();
  ticker = setInterval(tick, TICK_MS);
}

function stopTicking(): void {
  if (ticker !== undefined) clearInterval(ticker);
  ticker = undefined;
}

function handle(msg: ToWorker): void {
  switch (msg.type) {
    case 'lab': {
      holding++;
      const id = msg.id;
      const done = labs!.handle(msg.request).catch((e: unknown): LabReply => ({ kind: 'error', message: `error: ${e instanceof Error ? e.message : String(e)}` }));
      void done.then((reply) => {
        post({ type: 'labResult', id, reply });
        if (!live.playing) stopTicking();
        holding--;
        publish();
        drainQueued();
      });
      break;
    }
    case 'exec': {
      const r = live.exec(msg.line, msg.stdin, msg.id);
      // A live watch (`kubectl get -w`) answers with its output so far; its result comes when it ends.
      if (live.isWatching(msg.id)) post({ type: 'output', id: msg.id, text: r.output });
      else post({ type: 'result', id: msg.id, ...r });
      break;
    }
    case 'interrupt':
      live.interrupt();
      break;
    case 'validate':
      post({ type: 'diagnostics', id: msg.id, diagnostics: lazy!.validateManifest(msg.text, lazy!.dryRunAdmitter(live.session)) });
      break;
    case 'play':
      live.play();
      startTicking();
      break;
    case 'pause':
      live.pause();
      stopTicking();
      break;
    case 'step':
      live.step();
      stopTicking();
      break;
    case 'speed':
      live.setSpeed(msg.value);
      break;
    case 'seek':
    case 'resumeLive':
      stopTicking();
      try {
        if (msg.type === 'seek') live.seek(msg.at);
        else live.resumeLive();
      } catch (e) {
        // Still answer with a view below: the bridge sends the next seek only after one.
        console.error('time travel failed:', e);
      }
      break;
    case 'runScript':
      post({ type: 'scriptResult', id: msg.id, ...lazy!.runIsolatedScript(msg.text, msg.seed) });
      break;
    case 'complete':
      post({ type: 'completion', id: msg.id, ...live.complete(msg.line) });
      break;
    case 'decision':
      post({ type: 'decisionResult', id: msg.id, ...lazy!.decisionReply(live.session.sim, msg.namespace, msg.name) });
      break;
    case 'podDetail':
      post({ type: 'podDetailResult', id: msg.id, ...lazy!.podDetailReply(live.session.sim, msg.namespace, msg.name) });
      break;
    case 'pauseWhen':
      live.setPauseWhen(msg.triggers);
      break;
    case 'workloads':
      post({ type: 'workloadsResult', id: msg.id, ...live.workloadsReport(msg.select) });
      break;
  }
  publish();
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  if (lazy === undefined || holding > 0) queued.push(e.data);
  else handle(e.data);
};

/** Handles the queued messages in order, stopping while a lab request holds the queue. */
function drainQueued(): void {
  while (holding === 0 && queued.length > 0) handle(queued.shift()!);
}
postView(bootView(boot));
void Promise.all([import('./worker-lazy.ts'), import('./schema-data.ts').then((m) => m.loadSchemaData()), loadLateParts()]).then(
  ([loaded]) => {
    live = new loaded.LiveCluster(boot);
    lazy = loaded;
    labs = new loaded.LabController(live);
    publish();
    drainQueued();
  },
  (e: unknown) => console.error('the command layer failed to load:', e),
);
