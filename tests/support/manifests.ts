/**
 * The shared manifest corpus (../shared/manifests, see its INDEX.md) for scenario tests: a
 * FileSystem rooted there for `kubectl apply -f PATH`, and fixture builders that turn a manifest
 * into a Pod bound to a node. There is no scheduler yet, so a test binds pods itself by setting
 * `spec.nodeName` — a pod bound that way bypasses the scheduler on a real cluster too.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { runScript, formatEntry } from '../../src/commands/runner.ts';
import { Session, type CommandResult } from '../../src/commands/session.ts';
import type { FileSystem } from '../../src/commands/types.ts';
import { Simulation, type SimulationSnapshot } from '../../src/engine/simulation.ts';

export interface EventRow {
  type: string;
  reason: string;
  message: string;
  count: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/** ../shared/manifests, next to the repository. */
export const MANIFESTS_DIR = join(here, '..', '..', '..', 'shared', 'manifests');

/** Paths (under MANIFESTS_DIR) of the manifests the kubelet scenarios use, by INDEX.md row. */
export const MANIFEST = {
  /** #13: Service + PVC + Deployment wordpress-mysql (needs Secret mysql-pass). */
  mysqlDeployment: 'kubernetes-website/content/en/examples/application/wordpress/mysql-deployment.yaml',
  /** #20: Pod liveness-exec (busybox, /tmp/healthy removed at 30 s). */
  execLiveness: 'kubernetes-website/content/en/examples/pods/probe/exec-liveness.yaml',
  /** #21: Pod liveness-http (/healthz 200 for 10 s, then 500). */
  httpLiveness: 'kubernetes-website/content/en/examples/pods/probe/http-liveness.yaml',
  /** #23: Pod memory-demo-2 in mem-example (limit 100Mi, stress allocates 250M). */
  memoryLimit2: 'kubernetes-website/content/id/examples/pods/resource/memory-request-limit-2.yaml',
  /** #25: Pod cpu-demo in cpu-example (limit 1 CPU, vish/stress -cpus 2). */
  cpuLimit: 'kubernetes-website/content/en/examples/pods/resource/cpu-request-limit.yaml',
} as const;

/** A read-only FileSystem over MANIFESTS_DIR, as the CLI gives a script its directory. */
export const manifestFs: FileSystem = {
  readFile: (p) => readFileSync(join(MANIFESTS_DIR, p), 'utf8'),
  stat: (p) => {
    try {
      return statSync(join(MANIFESTS_DIR, p)).isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  readDir: (p) => readdirSync(join(MANIFESTS_DIR, p)).sort(),
  join: (d, n) => join(d, n),
};

type Obj = Record<string, unknown> & { kind?: string; metadata?: Record<string, unknown>; spec?: Record<string, unknown> };

/** Every document of a manifest file, parsed with the `yaml` package. */
export function readManifest(path: string): Obj[] {
  const text = manifestFs.readFile(path);
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Obj | null)
    .filter((d): d is Obj => d !== null);
}

export interface BindOptions {
  nodeName?: string;
  /** Name of the Pod (required when the pod comes from a workload's template). */
  name?: string;
  /** Drop `spec.volumes` and every volumeMount (for templates whose volumes need storage). */
  withoutVolumes?: boolean;
}

/**
 * The manifest's Pod — or, for a workload, its pod template made a Pod — with `spec.nodeName`
 * set, as YAML ready for `kubectl apply -f -`.
 */
export function boundPodYaml(path: string, opts: BindOptions = {}): string {
  const docs = readManifest(path);
  const pod = docs.find((d) => d.kind === 'Pod');
  const workload = docs.find((d) => (d.spec as { template?: unknown } | undefined)?.template !== undefined);
  let out: Obj;
  if (pod) out = structuredClone(pod);
  else if (workload) {
    const template = structuredClone((workload.spec as { template: Obj }).template);
    const namespace = workload.metadata?.namespace;
    out = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...(template.metadata ?? {}), ...(namespace ? { namespace } : {}) },
      spec: template.spec ?? {},
    };
  } else throw new Error(`${path}: no Pod and no pod template`);
  if (opts.name) out.metadata = { ...(out.metadata ?? {}), name: opts.name };
  const spec = out.spec as Record<string, unknown> & { containers?: Record<string, unknown>[]; initContainers?: Record<string, unknown>[] };
  spec.nodeName = opts.nodeName ?? 'node-1';
  if (opts.withoutVolumes) {
    delete spec.volumes;
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) delete c.volumeMounts;
  }
  return stringify(out);
}

/** A script line applying YAML through a heredoc (the runner's `-f -` with stdin). */
export function applyHeredoc(yaml: string): string {
  return `kubectl apply -f - <<EOF\n${yaml.replace(/\n$/, '')}\nEOF`;
}

/** Simulated ms (since 2025-01-01T00:00:00Z, as `Lab.now`) of an RFC 3339 timestamp from the API. */
export function simMs(timestamp: string): number {
  const ms = Date.parse(timestamp) - Date.parse('2025-01-01T00:00:00Z');
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${JSON.stringify(timestamp)}`);
  return ms;
}

/** Runs a script against the manifest corpus; entries are looked up by position or by line. */
export function runManifestScript(script: string, seed = 1) {
  const r = runScript(script, { seed, fs: manifestFs, file: 'test.podlab' });
  return {
    ...r,
    /** Output of the only (or first) command written exactly as `line`. */
    out: (line: string): string => {
      const e = r.entries.find((x) => x.line === line);
      if (!e) throw new Error(`no command ${JSON.stringify(line)} in the transcript`);
      return e.output;
    },
    transcript: r.entries.map(formatEntry).join(''),
  };
}

/**
 * A session driven step by step, for tests that check the cluster at chosen simulated times.
 * Fails the test on a script error (a bad `sim` directive) rather than carrying on.
 */
export class Lab {
  readonly session: Session;

  constructor(seed = 1) {
    this.session = new Session({ seed, fs: manifestFs });
  }

  run(line: string, stdin?: string): CommandResult {
    const r = this.session.execLine(line, stdin);
    if (r.scriptError !== undefined) throw new Error(`${line}: ${r.scriptError}`);
    return r;
  }

  /** Output of a command (stdout and stderr as a terminal shows them). */
  out(line: string, stdin?: string): string {
    return this.run(line, stdin).output;
  }

  apply(yaml: string): string {
    return this.out('kubectl apply -f -', yaml);
  }

  advance(duration: string): void {
    this.run(`sim advance ${duration}`);
  }

  /** Advances to an absolute simulated time in ms (no-op when already there). */
  advanceTo(ms: number): void {
    const delta = ms - this.session.sim.now;
    if (delta > 0) this.run(`sim advance ${delta}ms`);
  }

  get now(): number {
    return this.session.sim.now;
  }

  jsonpath(pod: string, path: string, namespace = 'default'): string {
    return this.out(`kubectl get pod ${pod} -n ${namespace} -o jsonpath='{${path}}'`);
  }

  /** The pod's row of `kubectl get pods`: READY, STATUS, RESTARTS. */
  podRow(pod: string, namespace = 'default'): { ready: string; status: string; restarts: string } {
    const table = this.out(`kubectl get pod ${pod} -n ${namespace}`);
    const row = table.split('\n')[1] ?? '';
    const cols = row.split(/\s{2,}/);
    if (cols[0] !== pod) throw new Error(`no row for ${pod} in:\n${table}`);
    return { ready: cols[1], status: cols[2], restarts: cols[3] };
  }

  status(pod: string, namespace = 'default'): string {
    return this.podRow(pod, namespace).status;
  }

  restartCount(pod: string, namespace = 'default', container = 0): number {
    return Number(this.jsonpath(pod, `.status.containerStatuses[${container}].restartCount`, namespace));
  }

  /** The events recorded for one object, as {type, reason, message, count}. */
  events(name: string, namespace = 'default'): EventRow[] {
    const out = this.out(`kubectl get events -n ${namespace} --field-selector involvedObject.name=${name} -o json`);
    const list = JSON.parse(out) as { items: EventRow[] };
    return list.items.map((e) => ({ type: e.type, reason: e.reason, message: e.message, count: e.count }));
  }

  /** Snapshot → JSON → restore into this session, as the app does when it reloads a saved lab. */
  snapshotRestore(): void {
    const json = JSON.stringify(this.session.sim.snapshot());
    this.session.replaceSimulation(Simulation.restore(JSON.parse(json) as SimulationSnapshot));
  }
}
