/**
 * The simulation worker: owns the live cluster, so the engine never runs on the UI thread.
 * Messages are handled one at a time in arrival order (a worker's event loop runs one task at a
 * time), so commands apply strictly in the order they were sent and each gets exactly one reply.
 * This is the only place where wall-clock timers drive the simulation: a real-time tick of
 * TICK_MS advances simulated time by the real time elapsed × speed.
 */
import { LiveCluster, runIsolatedScript } from './live-cluster.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** Real milliseconds between ticks while playing. */
const TICK_MS = 100;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const live = new LiveCluster();
let ticker: ReturnType<typeof setInterval> | undefined;
let lastTickAt = 0;

function post(msg: FromWorker): void {
  scope.postMessage(msg);
}

/** Posts the cluster view when something it shows (resourceVersion, time, play state) changed. */
function publish(): void {
  const view = live.viewIfChanged();
  if (view) post({ type: 'view', ...view });
}

function tick(): void {
  const at = performance.now();
  live.tick(at - lastTickAt);
  lastTickAt = at;
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
    case 'exec':
      post({ type: 'result', id: msg.id, ...live.exec(msg.line, msg.stdin) });
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
      post({ type: 'scriptResult', id: msg.id, ...runIsolatedScript(msg.text, msg.seed) });
      break;
    case 'complete':
      post({ type: 'completion', id: msg.id, ...live.complete(msg.line) });
      break;
  }
  publish();
}

scope.onmessage = (e: MessageEvent<ToWorker>) => handle(e.data);
publish();
