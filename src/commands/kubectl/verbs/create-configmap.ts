/**
 * `kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key=value]
 * [--from-env-file=path] [--append-hash]` (pkg/cmd/create/create_configmap.go, v1.31), and the
 * source parsing `create secret` shares with it (kubectl util ParseFileSource, ParseLiteralSource,
 * cmdutil.AddFromEnvFile). Files are read from the session's file system, the one `apply -f` reads:
 * paths are relative to the script's directory.
 *
 * kubectl reads a file that is not valid UTF-8 into binaryData; Podlab's file system holds text
 * only, so every file becomes `data`.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { isConfigMapKey, isEnvVarName } from '../../../engine/api/validation.ts';
import { sha256 } from '../../../engine/network/sha256.ts';
import type { ParsedArgs } from '../../flags.ts';
import { goJsonString } from '../../printers/json.ts';
import { CommandError, type CommandContext, type FileSystem } from '../../types.ts';
import { generatedMeta, generatorCommand, nameFromArgs } from './create-generator.ts';

/** A key and its value, in the order kubectl adds them. */
export type AddKey = (key: string, value: string) => void;

/** cmd.Flags().StringSlice values: every occurrence, each split at commas. */
export function sliceFlag(args: ParsedArgs, name: string): string[] {
  const raw = (args.flags[name] as string[] | undefined) ?? [];
  return raw.flatMap((v) => v.split(','));
}

/** cmd.Flags().StringArray values: every occurrence as given. */
export function arrayFlag(args: ParsedArgs, name: string): string[] {
  return [...((args.flags[name] as string[] | undefined) ?? [])];
}

/** ParseLiteralSource: `key=value`, split at the first `=`. */
export function parseLiteralSource(source: string): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new CommandError(`error: invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** ParseFileSource: `path` (key = its base name) or `key=path`. */
export function parseFileSource(source: string): [string, string] {
  const seps = source.split('=').length - 1;
  if (seps === 0) return [baseName(source), source];
  if (seps === 1 && source.startsWith('=')) throw new CommandError(`error: key name for file path ${source.slice(1)} missing`);
  if (seps === 1 && source.endsWith('=')) throw new CommandError(`error: file path for key name ${source.slice(0, -1)} missing`);
  if (seps > 1) throw new CommandError("error: key names or file paths cannot contain '='");
  const [key, path] = source.split('=');
  return [key, path];
}

/** path.Base */
function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function statOrFail(fs: FileSystem, path: string): 'file' | 'dir' {
  const kind = fs.stat(path);
  if (kind === undefined) throw new CommandError(`error: error reading ${path}: no such file or directory`);
  return kind;
}

/** --from-file: a file, `key=file`, or every regular file of a directory. */
export function addFileSources(fs: FileSystem, sources: string[], add: AddKey): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    if (statOrFail(fs, path) === 'file') {
      add(key, fs.readFile(path));
      continue;
    }
    if (source.includes('=')) throw new CommandError('error: cannot give a key name for a directory path');
    for (const name of fs.readDir(path)) {
      const child = fs.join(path, name);
      if (fs.stat(child) === 'file') add(name, fs.readFile(child));
    }
  }
}

/** --from-env-file (cmdutil.AddFromEnvFile): `KEY=value` lines; `#` comments and blank lines skipped. */
export function addEnvFileSources(fs: FileSystem, sources: string[], add: AddKey, kindWord: 'config' | 'secret'): void {
  for (const path of sources) {
    if (statOrFail(fs, path) === 'dir') throw new CommandError(`error: env ${kindWord} file cannot be a directory`);
    const lines = fs.readFile(path).split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((raw, i) => {
      let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (i === 0 && line.startsWith('\ufeff')) line = line.slice(1);
      line = line.replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq < 0 ? line : line.slice(0, eq);
      const errs = isEnvVarName(key);
      if (errs.length > 0) throw new CommandError(`error: ${JSON.stringify(key)} is not a valid key name: ${errs.join(';')}`);
      // No `=`: kubectl takes the value from its own environment, which is empty here.
      add(key, eq < 0 ? '' : line.slice(eq + 1));
    });
  }
}

/** hash.encodeHash: the first 10 hex digits of the SHA-256, with vowels and look-alikes replaced. */
export function encodeHash(json: string): string {
  const hex = [...sha256(json)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

/** Go's json.Marshal of a map[string]string (keys sorted). */
export function goJsonMap(m: Record<string, string>): string {
  const keys = Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(m[k])}`).join(',')}}`;
}

/** `kubectl create configmap NAME ...` */
function configMapGenerator(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'configmap');
  const files = sliceFlag(args, 'from-file');
  const literals = arrayFlag(args, 'from-literal');
  const envFiles = sliceFlag(args, 'from-env-file');
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) {
    throw new CommandError('error: from-env-file cannot be combined with from-file or from-literal');
  }
  const data: Record<string, string> = {};
  const add: AddKey = (key, value) => {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) throw new CommandError(`error: ${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
    if (Object.hasOwn(data, key)) {
      throw new CommandError(`error: cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
    }
    data[key] = value;
  };
  addFileSources(ctx.fs, files, add);
  for (const literal of literals) add(...parseLiteralSource(literal));
  addEnvFileSources(ctx.fs, envFiles, add, 'config');
  // hash.ConfigMapHash: the JSON of {data, kind, name} (binaryData only when present).
  const finalName = args.flags['append-hash'] === true ? `${name}-${encodeHash(`{"data":${goJsonMap(data)},"kind":"ConfigMap","name":${goJsonString(name)}}`)}` : name;
  const cm: KObject = { kind: 'ConfigMap', apiVersion: 'v1', metadata: generatedMeta(finalName, args) };
  if (Object.keys(data).length > 0) cm.data = data;
  return cm;
}

export const configMapCommand = generatorCommand({
  path: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  failure: 'configmap',
  build: configMapGenerator,
});
