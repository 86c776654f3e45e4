/**
 * One build stage's state while the builder walks its instructions: the image config and layers
 * so far, the files the stage is known to hold (copied or produced), the ARGs in scope, and the
 * cache key of its last layer. The metadata instructions (ENV, CMD, EXPOSE...) are applied here;
 * the layer-making ones (RUN, COPY, ADD, WORKDIR) are the builder's.
 */
import type { ImageConfig, Layer } from '../node/images.ts';
import { expand, keyValues, splitArgs, type Instruction } from './dockerfile.ts';
import { absPath, type Files } from './build-steps.ts';
import { goQuoteList, type HistoryEntry, type RuntimeModel } from './image.ts';

export interface StageState {
  /** `AS` name, or `stage-N`. */
  label: string;
  named: boolean;
  index: number;
  config: ImageConfig;
  labels: Record<string, string>;
  layers: Layer[];
  history: HistoryEntry[];
  runtime: RuntimeModel;
  files: Files;
  /** Bytes RUN steps added (artifacts copied out of the stage are sized from it). */
  runBytes: number;
  args: Record<string, string>;
  /** Cache key of the stage's last layer (the chain the next step builds on). */
  key: string;
  /** Simulated ms the newest layer was first built (image `created`). */
  created: number;
  /** CMD was set in this stage (ENTRYPOINT then keeps it). */
  cmdSet: boolean;
}

/** Variables for expansion: the config's ENV over the ARGs in scope (ENV wins, as in BuildKit). */
export function stageVars(s: StageState): Record<string, string> {
  const vars: Record<string, string> = { ...s.args };
  for (const kv of s.config.env) {
    const eq = kv.indexOf('=');
    vars[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return vars;
}

function setEnv(env: string[], name: string, value: string): string[] {
  const out = env.filter((kv) => !kv.startsWith(`${name}=`));
  const at = env.findIndex((kv) => kv.startsWith(`${name}=`));
  const entry = `${name}=${value}`;
  if (at >= 0) out.splice(at, 0, entry);
  else out.push(entry);
  return out;
}

function meta(s: StageState, createdBy: string): void {
  s.history.push({ created: s.created, createdBy, emptyLayer: true, comment: 'buildkit.dockerfile.v0', sizeBytes: 0 });
}

/** Exec form as given; shell form runs under `/bin/sh -c`. */
export const commandArgv = (ins: Instruction): string[] => ins.json ?? ['/bin/sh', '-c', ins.text];

/**
 * Applies a metadata instruction (ENV, ARG, LABEL, EXPOSE, USER, CMD, ENTRYPOINT, STOPSIGNAL).
 * `buildArgs` are `--build-arg` values; `metaArgs` the ARGs declared before the first FROM.
 */
export function applyMetadata(s: StageState, ins: Instruction, buildArgs: Readonly<Record<string, string>>, metaArgs: Readonly<Record<string, string>>): void {
  const vars = stageVars(s);
  switch (ins.name) {
    case 'env': {
      const pairs = keyValues(ins.text, true).map(([k, v]) => [k, expand(v, vars)] as const);
      for (const [k, v] of pairs) s.config = { ...s.config, env: setEnv(s.config.env, k, v) };
      return meta(s, `ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    case 'arg': {
      const [name, dflt] = keyValues(ins.text, false)[0];
      const hasDefault = ins.text.includes('=');
      const value = buildArgs[name] ?? (hasDefault ? expand(dflt, vars) : metaArgs[name]);
      if (value !== undefined) s.args[name] = value;
      return meta(s, value === undefined ? `ARG ${name}` : `ARG ${name}=${value}`);
    }
    case 'label': {
      const pairs = keyValues(ins.text, true).map(([k, v]) => [expand(k, vars), expand(v, vars)] as const);
      for (const [k, v] of pairs) s.labels = { ...s.labels, [k]: v };
      return meta(s, `LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    case 'expose': {
      const ports = splitArgs(expand(ins.text, vars)).map((p) => (p.includes('/') ? p.toLowerCase() : `${p}/tcp`));
      s.config = { ...s.config, exposedPorts: [...new Set([...s.config.exposedPorts, ...ports])].sort() };
      return meta(s, `EXPOSE map[${ports.map((p) => `${p}:{}`).join(' ')}]`);
    }
    case 'user':
      s.config = { ...s.config, user: expand(ins.text.trim(), vars) };
      return meta(s, `USER ${s.config.user}`);
    case 'stopsignal':
      s.config = { ...s.config, stopSignal: expand(ins.text.trim(), vars) };
      return meta(s, `STOPSIGNAL ${s.config.stopSignal}`);
    case 'cmd':
      s.config = { ...s.config, cmd: commandArgv(ins) };
      s.cmdSet = true;
      return meta(s, `CMD ${goQuoteList(s.config.cmd)}`);
    case 'entrypoint':
      s.config = { ...s.config, entrypoint: commandArgv(ins), cmd: s.cmdSet ? s.config.cmd : [] };
      return meta(s, `ENTRYPOINT ${goQuoteList(s.config.entrypoint)}`);
    default:
      throw new Error(`not a metadata instruction: ${ins.name}`);
  }
}

/** WORKDIR's absolute path (relative to the current one). */
export const workdirOf = (s: StageState, ins: Instruction): string => absPath(expand(ins.text.trim(), stageVars(s)), s.config.workingDir || '/');
