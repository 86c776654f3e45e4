/**
 * Records what REAL kubectl v1.31 prints for Podlab's own objects (see tools/fake-apiserver/README.md).
 *
 *   npx tsx tools/record-kubectl.ts [SCENARIO...]      (default: every scenario)
 *   RECORD_KUBECTL_LOG=1 ...                           (print the API requests kubectl made)
 *
 * For each scenario of tools/fake-apiserver/scenarios.ts: builds the cluster through Podlab's
 * command layer, serves its store with the fake API server, runs each command line with
 * /usr/lib/google-cloud-sdk/bin/kubectl.1.31 (TZ=UTC, a temporary HOME and kubeconfig) and writes
 * tests/golden-kubectl/NAME.json, and the cluster's trace hash to NAME.trace (the test checks it, so an
 * engine change that alters the scenario shows up as "re-record", not as a printer difference).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitWords } from '../src/commands/shell/words.ts';
import { EPOCH_UNIX_MS } from '../src/engine/kernel/time.ts';
import { MANIFESTS_DIR, ORACLE_SCENARIOS, playSetup, REPO_DIR, SCENARIOS as REPLAYED, type Recording, type Scenario } from './fake-apiserver/scenarios.ts';

const SCENARIOS = [...REPLAYED, ...ORACLE_SCENARIOS];
import { startFakeApiServer } from './fake-apiserver/server.ts';
import { unshiftOutput } from './fake-apiserver/timeshift.ts';
import { kubectlEnv, runRealKubectl, type KubectlRun } from './real-kubectl.ts';

const GOLDEN_DIR = join(REPO_DIR, 'tests', 'golden-kubectl');
/** A describe whose run crosses a wall-clock second is run again (its ages could be 1 s off). */
const MAX_ATTEMPTS = 8;
/** Runs per command line whose outputs must agree. */
const RUNS = 3;

function kubeconfig(url: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: podlab',
    '  cluster:',
    `    server: ${url}`,
    'contexts:',
    '- name: podlab',
    '  context:',
    '    cluster: podlab',
    '    user: podlab',
    'current-context: podlab',
    'users:',
    '- name: podlab',
    '  user: {}',
    '',
  ].join('\n');
}

/** cwd: `-f PATH` is relative to the manifest corpus, as Podlab's scenario file system is. */
function runKubectl(argv: string[], home: string): Promise<KubectlRun> {
  return runRealKubectl(argv, kubectlEnv(home), MANIFESTS_DIR);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the wall clock is just past a whole second, and returns that second (Unix ms). */
async function nextWallSecond(): Promise<number> {
  const now = Date.now();
  await sleep(1000 - (now % 1000) + 5);
  return Math.floor(Date.now() / 1000) * 1000;
}

/** The scenario's recordings, and the trace hash of the cluster they were recorded from. */
async function recordScenario(s: Scenario): Promise<{ recordings: Recording[]; traceHash: string }> {
  const session = playSetup(s);
  const traceHash = session.sim.traceHash();
  let shiftMs = 0;
  const server = await startFakeApiServer({ sim: () => session.sim, shiftMs: () => shiftMs });
  const home = mkdtempSync(join(tmpdir(), 'podlab-kubectl-'));
  writeFileSync(join(home, 'config'), kubeconfig(server.url));
  const out: Recording[] = [];
  // Sim time in whole seconds: timestamps are whole seconds, so ages are too.
  const simSecondMs = EPOCH_UNIX_MS + Math.floor(session.sim.now / 1000) * 1000;
  /**
   * One run of a command line. A describe or events runs with timestamps shifted to the wall clock; it is
   * started just after a wall-clock second begins and run again if it ends after that second, so
   * the ages kubectl computes are exactly the simulated ones.
   */
  const recordCommand = async (command: string): Promise<Recording> => {
    const argv = splitWords(command).slice(1);
    // describe and events print ages computed from the wall clock.
    const timed = argv[0] === 'describe' || argv[0] === 'events';
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const wallSecond = timed ? await nextWallSecond() : 0;
      shiftMs = timed ? wallSecond - simSecondMs : 0;
      server.requests.length = 0;
      const r = await runKubectl(argv, home);
      if (timed && Date.now() >= wallSecond + 1000) continue;
      if (process.env.RECORD_KUBECTL_LOG) process.stderr.write(`# ${command}\n${server.requests.map((q) => `  ${q}\n`).join('')}`);
      const back = (text: string) => unshiftOutput(text, shiftMs, EPOCH_UNIX_MS + shiftMs / 2);
      return { command, stdout: back(r.stdout), stderr: back(r.stderr), exitCode: r.exitCode };
    }
    throw new Error(`${s.name}: "${command}" never finished within one wall-clock second`);
  };
  try {
    for (const command of s.commands) {
      // Several runs: real kubectl prints some maps in Go's random iteration order (describe
      // configmap or secret with several keys); such output cannot be a golden file, so the
      // scenario must avoid it.
      const first = await recordCommand(command);
      for (let run = 1; run < RUNS; run++) {
        const again = await recordCommand(command);
        if (JSON.stringify(first) !== JSON.stringify(again)) {
          throw new Error(`${s.name}: "${command}" printed different output on two runs:\n${first.stdout}\n----\n${again.stdout}`);
        }
      }
      out.push(first);
    }
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
  return { recordings: out, traceHash };
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(', ')}`);
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const s of SCENARIOS) {
    if (wanted.length && !wanted.includes(s.name)) continue;
    const { recordings, traceHash } = await recordScenario(s);
    writeFileSync(join(GOLDEN_DIR, `${s.name}.json`), `${JSON.stringify(recordings, null, 2)}\n`);
    writeFileSync(join(GOLDEN_DIR, `${s.name}.trace`), `${traceHash}\n`);
    process.stdout.write(`${s.name}: ${recordings.length} commands recorded\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
