/**
 * `docker build` with BuildKit: parses the Dockerfile, works out which stages the target needs,
 * resolves each stage's base (a local image, an image pulled from its registry, or an earlier
 * stage), and runs the instructions. Every filesystem-changing step (RUN, COPY, ADD, WORKDIR)
 * has a cache key chained from its parent's; a key already in the cache is `CACHED` and reuses
 * the layer, so changing a late COPY rebuilds only that step and the ones after it.
 *
 * A layer's digest is the sha256 of its content: the files a COPY adds, or — for a RUN, whose
 * output Podlab does not compute — of the step's inputs (parent chain, command, environment).
 * The result is a plan of output lines, a duration and an image; the host's store and cache
 * are updated in place (a failed build keeps what it already cached, as BuildKit does).
 */
import type { ImageConfig } from '../node/images.ts';
import { resolveProcess, type AppModel, type ImageSpec } from '../node/images.ts';
import { absPath, applyDockerignore, filesLayer, matchSource, placeFiles, runFailure, runLayerBytes, runOutputs, type Files } from './build-steps.ts';
import { canonicalJson, sha256Digest } from './digest.ts';
import { DockerfileError, expand, keyValues, parseDockerfile, splitArgs, type Instruction } from './dockerfile.ts';
import type { CacheRecord, DockerHostState } from './host.ts';
import { missingLayers, storeImage } from './host.ts';
import { parseRef, sealImage, type StoredImage } from './image.ts';
import { failureReport, Progress, transferred } from './progress.ts';
import { lookupRemote, pullErrorText, type RegistryState } from './registry.ts';
import { applyMetadata, commandArgv, stageVars, workdirOf, type StageState } from './stage.ts';
import { humanSize } from './units.ts';

export interface BuildInput {
  dockerfile: string;
  /** As the CLI names it in errors (`Dockerfile`). */
  dockerfileName: string;
  /** The build context: path relative to its root → content. */
  context: Files;
  /** Normalised `name:tag` references to name the image. */
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string;
  noCache: boolean;
  now: number;
}

export interface BuildResult {
  /** BuildKit's plain progress, then the CLI's error report when it failed. */
  lines: string[];
  durationMs: number;
  image?: StoredImage;
  /** The `ERROR: failed to solve: ...` message when the build failed. */
  error?: string;
}

/** Pull speed of the docker host (a laptop on a good connection) and other step costs, in ms. */
export const BUILD_TIMING = {
  pullBytesPerSecond: 25_000_000,
  metadataMs: 400,
  copyMs: 100,
  runBaseMs: 600,
  /** A RUN writes (installs, compiles) at this rate. */
  runBytesPerSecond: 12_000_000,
  exportMs: 100,
} as const;

const EMPTY_CONFIG: ImageConfig = { entrypoint: [], cmd: [], env: [], workingDir: '', exposedPorts: [], stopSignal: 'SIGTERM', user: '' };

interface StageDef {
  index: number;
  name?: string;
  from: Instruction;
  base: string;
  steps: Instruction[];
}

class BuildFailure extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly step?: string,
    readonly stepOutput?: string[],
  ) {
    super(message);
  }
}

interface Run {
  input: BuildInput;
  host: DockerHostState;
  registry: RegistryState;
  progress: Progress;
  ms: number;
  stages: StageDef[];
  done: Map<number, StageState>;
  metaArgs: Record<string, string>;
  contextVertex?: boolean;
  context: Files;
}

/** Splits instructions into the ARGs before the first FROM and the stages. */
function splitStages(instructions: Instruction[], metaArgs: Record<string, string>, buildArgs: Record<string, string>): StageDef[] {
  const stages: StageDef[] = [];
  for (const ins of instructions) {
    if (ins.name === 'from') {
      const words = splitArgs(expand(ins.text, metaArgs));
      const name = words.length === 3 && words[1].toLowerCase() === 'as' ? words[2].toLowerCase() : undefined;
      if (words.length === 3 && words[1].toLowerCase() !== 'as') throw new DockerfileError(`dockerfile parse error on line ${ins.line}: FROM requires either one or three arguments`, ins.line);
      stages.push({ index: stages.length, name, from: ins, base: words[0], steps: [] });
    } else if (stages.length === 0) {
      const [k, v] = keyValues(ins.text, false)[0];
      metaArgs[k] = buildArgs[k] ?? v;
    } else stages[stages.length - 1].steps.push(ins);
  }
  return stages;
}

function stageRef(stages: StageDef[], ref: string, before: number): StageDef | undefined {
  const lower = ref.toLowerCase();
  return stages.find((s) => s.index < before && (s.name === lower || String(s.index) === ref));
}

/** The stages the target needs (its FROM chain and COPY --from sources), ascending. */
function neededStages(stages: StageDef[], target: StageDef): StageDef[] {
  const need = new Set<number>();
  const visit = (s: StageDef): void => {
    if (need.has(s.index)) return;
    need.add(s.index);
    const base = stageRef(stages, s.base, s.index);
    if (base) visit(base);
    for (const ins of s.steps) {
      const from = ins.flags.from === undefined ? undefined : stageRef(stages, ins.flags.from, s.index);
      if (from) visit(from);
    }
  };
  visit(target);
  return stages.filter((s) => need.has(s.index));
}

/** Builds an image; see the module comment. */
export function buildImage(host: DockerHostState, registry: RegistryState, input: BuildInput): BuildResult {
  const progress = new Progress();
  const run: Run = { input, host, registry, progress, ms: 0, stages: [], done: new Map(), metaArgs: {}, context: applyDockerignore(input.context) };
  const def = progress.vertex('[internal] load build definition from ' + input.dockerfileName);
  progress.log(def, transferred('dockerfile', new TextEncoder().encode(input.dockerfile).length));
  try {
    let instructions: Instruction[];
    try {
      instructions = parseDockerfile(input.dockerfile);
    } catch (e) {
      if (e instanceof DockerfileError) {
        progress.error(def, e.message);
        throw new BuildFailure(e.message, e.line);
      }
      throw e;
    }
    progress.done(def, 0);
    run.stages = splitStages(instructions, run.metaArgs, input.buildArgs);
    const target = input.target === undefined ? run.stages[run.stages.length - 1] : run.stages.find((s) => s.name === input.target!.toLowerCase());
    if (!target) throw new BuildFailure(`target stage "${input.target ?? ''}" could not be found`, 0);
    const needed = neededStages(run.stages, target);
    loadMetadata(run, needed);
    const ignore = progress.vertex('[internal] load .dockerignore');
    progress.log(ignore, transferred('context', new TextEncoder().encode(input.context['.dockerignore'] ?? '').length + 2));
    progress.done(ignore, 0);
    for (const s of needed) run.done.set(s.index, buildStage(run, s, needed.length > 1));
    const image = exportImage(run, run.done.get(target.index)!);
    return { lines: progress.lines, durationMs: run.ms, image };
  } catch (e) {
    if (!(e instanceof BuildFailure)) throw e;
    const report = failureReport({ dockerfileName: input.dockerfileName, source: input.dockerfile, line: e.line, step: e.step, stepOutput: e.stepOutput, message: e.message });
    return { lines: [...progress.lines, ...(progress.lines.at(-1) === '' ? [] : ['']), ...report], durationMs: run.ms, error: e.message };
  }
}

function loadMetadata(run: Run, needed: StageDef[]): void {
  const seen = new Set<string>();
  for (const s of needed) {
    const base = expand(s.base, run.metaArgs);
    if (base === 'scratch' || stageRef(run.stages, base, s.index) || seen.has(base)) continue;
    seen.add(base);
    const found = resolveBase(run, base, s.from.line);
    const n = run.progress.vertex(`[internal] load metadata for ${found.name}:${found.tag}`);
    run.ms += BUILD_TIMING.metadataMs;
    run.progress.done(n, BUILD_TIMING.metadataMs);
  }
}

/** A base image: a local tag first (the docker driver shares the image store), else its registry. */
function resolveBase(run: Run, ref: string, line: number): { image: StoredImage; name: string; tag: string } {
  const r = parseRef(ref);
  if ('error' in r) throw new BuildFailure(`failed to parse stage name "${ref}": invalid reference format`, line);
  const localId = run.host.tags[r.normalized];
  if (localId !== undefined && r.digest === undefined) return { image: run.host.images[localId], name: r.name, tag: r.tag };
  const remote = lookupRemote(run.registry, ref);
  if (remote.kind === 'found') return { image: remote.image, name: remote.name, tag: remote.tag };
  let why: string;
  if (remote.kind === 'not-found' && remote.name.startsWith('docker.io/') && !remote.repoExists) {
    why = 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
  } else if (remote.kind === 'not-found') why = `${r.normalized}: not found`;
  else why = pullErrorText(remote);
  throw new BuildFailure(`${ref}: failed to resolve source metadata for ${r.normalized}: ${why}`, line);
}

function stageLabel(s: StageState, multi: boolean, step: number, total: number): string {
  return multi ? `[${s.label} ${step}/${total}]` : `[${step}/${total}]`;
}

const LAYER_STEPS = new Set(['run', 'copy', 'add', 'workdir']);

function buildStage(run: Run, def: StageDef, multi: boolean): StageState {
  const total = 1 + def.steps.filter((i) => LAYER_STEPS.has(i.name)).length;
  const s = startStage(run, def, multi, total);
  let step = 1;
  for (const ins of def.steps) {
    if (!LAYER_STEPS.has(ins.name)) {
      applyMetadata(s, ins, run.input.buildArgs, run.metaArgs);
      continue;
    }
    step++;
    const label = `${stageLabel(s, multi, step, total)} ${ins.original}`;
    if (ins.name === 'workdir') layerStep(run, s, label, workdirStep(s, ins));
    else if (ins.name === 'run') layerStep(run, s, label, runStep(run, s, ins, label));
    else layerStep(run, s, label, copyStep(run, s, ins, label));
  }
  return s;
}

function startStage(run: Run, def: StageDef, multi: boolean, total: number): StageState {
  const base = expand(def.base, run.metaArgs);
  const label = def.name ?? `stage-${def.index}`;
  const fromStage = stageRef(run.stages, base, def.index);
  if (fromStage) {
    const parent = run.done.get(fromStage.index)!;
    return { ...structuredCloneJson(parent), label, named: def.name !== undefined, index: def.index, args: {}, cmdSet: false };
  }
  const s: StageState = {
    label,
    named: def.name !== undefined,
    index: def.index,
    config: { ...EMPTY_CONFIG },
    labels: {},
    layers: [],
    history: [],
    runtime: { userland: 'none', programs: {} },
    files: {},
    runBytes: 0,
    args: {},
    key: 'scratch',
    created: run.input.now,
    cmdSet: false,
  };
  if (base === 'scratch') return s;
  const found = resolveBase(run, base, def.from.line);
  const img = found.image;
  Object.assign(s, { config: img.config, labels: { ...img.labels }, layers: [...img.layers], history: [...img.history], runtime: img.runtime, key: `from ${img.manifestDigest}`, created: img.created });
  const pinned = `${found.name}:${found.tag}@${img.manifestDigest}`;
  const n = run.progress.vertex(`${stageLabel(s, multi, 1, total)} FROM ${pinned}`);
  const missing = missingLayers(run.host, img.layers);
  if (missing.length === 0) {
    run.progress.cached(n);
    return s;
  }
  run.progress.log(n, `resolve ${pinned} done`);
  const bytes = missing.reduce((sum, l) => sum + l.sizeBytes, 0);
  const ms = Math.ceil((bytes * 1000) / BUILD_TIMING.pullBytesPerSecond);
  for (const l of missing) run.progress.log(n, `${l.digest} ${humanSize(l.sizeBytes)} / ${humanSize(l.sizeBytes)} done`);
  for (const l of missing) {
    run.progress.log(n, `extracting ${l.digest} done`);
    run.host.layers[l.digest] = l.sizeBytes;
  }
  run.ms += ms;
  run.progress.done(n, ms);
  return s;
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** What a layer step made: its cache key inputs, digest, size, files, and how long it took to run. */
interface StepResult {
  keyInput: unknown;
  /** Computes the layer from the chained key (not called on a cache hit). */
  make(key: string, vertex: number): { digest: string; sizeBytes: number; ms: number };
  /** Files the step leaves in the stage (also on a cache hit). */
  files(digest: string): Files;
  createdBy: string;
  runBytes?: boolean;
}

function layerStep(run: Run, s: StageState, label: string, step: StepResult): void {
  const key = sha256Digest(`${s.key}\n${canonicalJson(step.keyInput)}`);
  const n = run.progress.vertex(label);
  let rec: CacheRecord | undefined = run.input.noCache ? undefined : run.host.cache[key];
  if (rec) run.progress.cached(n);
  else {
    const made = step.make(key, n);
    rec = { digest: made.digest, sizeBytes: made.sizeBytes, createdAt: run.input.now + run.ms };
    run.ms += made.ms;
    run.progress.done(n, made.ms);
    run.host.cache[key] = rec;
  }
  run.host.layers[rec.digest] = rec.sizeBytes;
  s.key = key;
  s.created = rec.createdAt;
  s.layers = [...s.layers, { digest: rec.digest, sizeBytes: rec.sizeBytes }];
  s.history = [...s.history, { created: rec.createdAt, createdBy: step.createdBy, comment: 'buildkit.dockerfile.v0', sizeBytes: rec.sizeBytes }];
  s.files = { ...s.files, ...step.files(rec.digest) };
  if (step.runBytes) s.runBytes += rec.sizeBytes;
}

function workdirStep(s: StageState, ins: Instruction): StepResult {
  const dir = workdirOf(s, ins);
  s.config = { ...s.config, workingDir: dir };
  return {
    keyInput: { op: 'mkdir', dir },
    make: () => ({ digest: sha256Digest(`dir\n${dir}`), sizeBytes: 0, ms: 0 }),
    files: () => ({}),
    createdBy: `WORKDIR ${dir}`,
  };
}

function runStep(run: Run, s: StageState, ins: Instruction, label: string): StepResult {
  const argv = commandArgv(ins);
  const script = ins.json ? ins.json.join(' ') : ins.text;
  const env = { ...s.args, ...stageVars(s) };
  const workdir = s.config.workingDir || '/';
  const shown = ins.json ? goQuoteArgv(argv) : argv.join(' ');
  return {
    keyInput: { op: 'exec', argv, env, workdir, user: s.config.user },
    make: (key, n) => {
      const failure = runFailure(script, s.runtime.userland, ins.json !== undefined);
      if (failure) {
        const message = failure.startError
          ? `process "${shown}" did not complete successfully: ${failure.startError}`
          : `process "${shown}" did not complete successfully: exit code: ${failure.exitCode ?? 1}`;
        const lines = failure.output === undefined ? [] : [`0.231 ${failure.output}`];
        for (const l of lines) run.progress.log(n, l);
        run.progress.error(n, message);
        throw new BuildFailure(message, ins.line, label, lines);
      }
      const sizeBytes = runLayerBytes(script, s.files, workdir);
      const ms = BUILD_TIMING.runBaseMs + Math.ceil((sizeBytes * 1000) / BUILD_TIMING.runBytesPerSecond);
      return { digest: sha256Digest(`run\n${key}`), sizeBytes, ms };
    },
    files: (digest) => runOutputs(script, workdir, digest),
    createdBy: `RUN ${shown} # buildkit`,
    runBytes: true,
  };
}

const goQuoteArgv = (argv: readonly string[]): string => `[${argv.map((a) => JSON.stringify(a)).join(' ')}]`;

/** The files a COPY/ADD adds, by absolute path, or a BuildFailure naming what is missing. */
function copyFiles(run: Run, s: StageState, ins: Instruction, label: string): Files {
  const words = ins.json ?? splitArgs(expand(ins.text, stageVars(s)));
  const sources = words.slice(0, -1);
  const dest = words[words.length - 1];
  const fromRef = ins.flags.from;
  const fromStage = fromRef === undefined ? undefined : stageRef(run.stages, fromRef, s.index);
  const stageFiles = fromStage ? run.done.get(fromStage.index) : undefined;
  if (fromRef === undefined) contextVertex(run);
  const cwd = s.config.workingDir || '/';
  let placed: Files = {};
  for (const src of sources) {
    if (fromRef === undefined && /^https?:\/\//.test(src) && ins.name === 'add') {
      const name = src.slice(src.lastIndexOf('/') + 1) || 'index.html';
      placed = { ...placed, ...placeFiles([[name, `downloaded ${src}`]], dest, dest.endsWith('/'), cwd) };
      continue;
    }
    const pool = fromRef === undefined ? run.context : (stageFiles?.files ?? {});
    let matches = matchSource(pool, src, fromRef !== undefined);
    if (!matches && fromRef !== undefined) matches = artifact(run, stageFiles, fromRef, src, ins.line);
    if (!matches) {
      const ref = sha256Digest(`ref ${run.input.dockerfile}`).slice(7, 32);
      const message = `failed to compute cache key: failed to calculate checksum of ref ${ref}::${ref.slice(0, 20)}: "${absPath(src, '/')}": not found`;
      const n = run.progress.vertex(label);
      run.progress.error(n, message.replace('failed to compute cache key: ', ''));
      throw new BuildFailure(message, ins.line);
    }
    const exact = Object.hasOwn(pool, fromRef === undefined ? absPath(src, '/').slice(1) : absPath(src, '/'));
    const intoDir = dest.endsWith('/') || dest === '.' || sources.length > 1 || !exact;
    placed = { ...placed, ...placeFiles(matches, dest, intoDir, cwd) };
  }
  return placed;
}

/**
 * A path copied out of a stage (or image) whose content Podlab did not track: what the stage's
 * RUN steps produced there. Its content is named by the stage's last layer, its size a share of
 * what those steps wrote. With no RUN step to have made it, the path is simply missing.
 */
function artifact(run: Run, stage: StageState | undefined, fromRef: string, src: string, line: number): [string, string][] | undefined {
  if (stage && stage.runBytes === 0) return undefined;
  const origin = stage ? stage.key : resolveBase(run, fromRef, line).image.manifestDigest;
  const bytes = Math.max(1024, Math.round((stage?.runBytes ?? 1_000_000) / 10));
  const body = `artifact ${origin} ${src}\n`.padEnd(bytes, '.');
  return [[src.slice(src.lastIndexOf('/') + 1), body]];
}

function contextVertex(run: Run): void {
  if (run.contextVertex) return;
  run.contextVertex = true;
  const bytes = Object.values(run.context).reduce((n, b) => n + new TextEncoder().encode(b).length, 0);
  const n = run.progress.vertex('[internal] load build context');
  run.progress.log(n, transferred('context', bytes));
  run.progress.done(n, 0);
}

function copyStep(run: Run, s: StageState, ins: Instruction, label: string): StepResult {
  const files = copyFiles(run, s, ins, label);
  const owner = ins.flags.chown;
  const words = ins.original.slice(ins.name.length + 1);
  return {
    keyInput: { op: ins.name, files: filesLayer(files).digest, chown: owner },
    make: () => ({ ...filesLayer(files), ms: BUILD_TIMING.copyMs }),
    files: () => files,
    createdBy: `${ins.name.toUpperCase()} ${words} # buildkit`,
  };
}

/**
 * The image's process model: a CMD that runs a script with an interpreter, or a binary the build
 * copied in, is the app — a web server on the first EXPOSEd port, else a daemon.
 */
function appPrograms(s: StageState): Record<string, AppModel> {
  const probe: ImageSpec = { refs: [], layers: [], config: s.config, programs: s.runtime.programs, userland: s.runtime.userland };
  if (s.runtime.tools) probe.tools = s.runtime.tools;
  if (s.runtime.wrapper) probe.wrapper = s.runtime.wrapper;
  const r = resolveProcess(probe);
  const argv0 = r.kind === 'app' || r.kind === 'not-found' ? r.argv[0] : undefined;
  if (argv0 === undefined) return s.runtime.programs;
  const name = argv0.slice(argv0.lastIndexOf('/') + 1);
  const isScript = r.kind === 'app' && r.app.kind === 'interpreter' && r.argv.length > 1;
  const isCopied = r.kind === 'not-found' && Object.keys(s.files).some((p) => p.endsWith(`/${name}`));
  if (!isScript && !isCopied) return s.runtime.programs;
  const port = s.config.exposedPorts.map((p) => p.split('/')).find(([, proto]) => proto === 'tcp')?.[0];
  const footprint = { memoryBytes: 42 * 1024 * 1024, cpuMilliIdle: 1, sigterm: 'default' as const };
  const app: AppModel = port === undefined ? { kind: 'daemon', ...footprint } : { kind: 'web', port: Number(port), ...footprint };
  return { ...s.runtime.programs, [name]: app };
}

function exportImage(run: Run, s: StageState): StoredImage {
  const n = run.progress.vertex('exporting to image');
  const image = sealImage({ config: s.config, labels: s.labels, layers: s.layers, history: s.history, runtime: { ...s.runtime, programs: appPrograms(s) }, created: s.created });
  const fresh = run.host.images[image.id] === undefined;
  run.progress.log(n, fresh ? `exporting layers ${(BUILD_TIMING.exportMs / 1000).toFixed(1)}s done` : 'exporting layers done');
  run.progress.log(n, `writing image ${image.id} done`);
  for (const t of run.input.tags) run.progress.log(n, `naming to ${t} done`);
  storeImage(run.host, image, run.input.tags);
  run.ms += BUILD_TIMING.exportMs;
  run.progress.done(n, BUILD_TIMING.exportMs);
  return image;
}
