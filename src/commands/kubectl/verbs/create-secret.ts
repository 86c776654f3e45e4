/**
 * `kubectl create secret (generic | docker-registry | tls) NAME ...` (pkg/cmd/create/
 * create_secret.go, create_secret_docker.go, create_secret_tls.go, v1.31). Values are stored
 * base64 in `data`; the API server defaults an empty type to Opaque.
 *
 * `tls` checks only that the files hold the right PEM blocks; the certificate and key are not
 * parsed (kubectl's tls.X509KeyPair also checks that they match).
 */
import { base64EncodeString } from '../../../engine/api/admission/base64.ts';
import type { KObject } from '../../../engine/api/types.ts';
import { isConfigMapKey } from '../../../engine/api/validation.ts';
import type { ParsedArgs } from '../../flags.ts';
import { goJsonString } from '../../printers/json.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import { addEnvFileSources, addFileSources, arrayFlag, encodeHash, goJsonMap, parseLiteralSource, sliceFlag, type AddKey } from './create-configmap.ts';
import { generatedMeta, generatorCommand, groupCommand, nameFromArgs } from './create-generator.ts';

/** newSecretObj: no type when none was given (the API server makes it Opaque). */
function newSecret(args: ParsedArgs, name: string, type: string, data: Record<string, string>): KObject {
  const secret: KObject = { kind: 'Secret', apiVersion: 'v1', metadata: generatedMeta(name, args) };
  if (Object.keys(data).length > 0) secret.data = data;
  if (type !== '') secret.type = type;
  return secret;
}

/** A map of base64 values filled by addKeyFromLiteralToSecret's rules. */
function secretData(): { data: Record<string, string>; add: AddKey } {
  const data: Record<string, string> = {};
  const add: AddKey = (key, value) => {
    const errs = isConfigMapKey(key);
    if (errs.length > 0) throw new CommandError(`error: ${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
    if (Object.hasOwn(data, key)) throw new CommandError(`error: cannot add key ${key}, another key by that name already exists`);
    data[key] = base64EncodeString(value);
  };
  return { data, add };
}

/** hash.SecretHash over {data, kind, name, type}, appended with --append-hash. */
function withHash(args: ParsedArgs, name: string, type: string, data: Record<string, string>): string {
  if (args.flags['append-hash'] !== true) return name;
  return `${name}-${encodeHash(`{"data":${goJsonMap(data)},"kind":"Secret","name":${goJsonString(name)},"type":${goJsonString(type)}}`)}`;
}

function genericSecret(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'secret generic');
  const files = sliceFlag(args, 'from-file');
  const literals = arrayFlag(args, 'from-literal');
  const envFiles = sliceFlag(args, 'from-env-file');
  if (envFiles.length > 0 && (files.length > 0 || literals.length > 0)) {
    throw new CommandError('error: from-env-file cannot be combined with from-file or from-literal');
  }
  const { data, add } = secretData();
  // create_secret.go adds literals before files (create configmap does files first).
  for (const literal of literals) add(...parseLiteralSource(literal));
  addFileSources(ctx.fs, files, add);
  addEnvFileSources(ctx.fs, envFiles, add, 'secret');
  const type = String(args.flags.type ?? '');
  return newSecret(args, withHash(args, name, type, data), type, data);
}

function dockerRegistrySecret(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'secret docker-registry');
  const files = sliceFlag(args, 'from-file');
  const [username, password, email, server] = ['docker-username', 'docker-password', 'docker-email', 'docker-server'].map((f) => String(args.flags[f] ?? ''));
  if (files.length === 0 && (username === '' || password === '' || server === '')) {
    throw new CommandError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
  }
  const type = 'kubernetes.io/dockerconfigjson';
  const { data, add } = secretData();
  if (files.length > 0) addFileSources(ctx.fs, files, add);
  else add('.dockerconfigjson', dockerConfigJson(username, password, email, server));
  return newSecret(args, withHash(args, name, type, data), type, data);
}

/** json.Marshal(DockerConfigJSON): {"auths":{SERVER:{username,password,email,auth}}}, empty fields omitted. */
function dockerConfigJson(username: string, password: string, email: string, server: string): string {
  const entry: [string, string][] = [
    ['username', username],
    ['password', password],
    ['email', email],
    ['auth', base64EncodeString(`${username}:${password}`)],
  ];
  const fields = entry.filter(([, v]) => v !== '').map(([k, v]) => `"${k}":${goJsonString(v)}`);
  return `{"auths":{${goJsonString(server)}:{${fields.join(',')}}}}`;
}

function tlsSecret(ctx: CommandContext, args: ParsedArgs, names: string[]): KObject {
  const name = nameFromArgs(names, 'secret tls');
  const certPath = String(args.flags.cert ?? '');
  const keyPath = String(args.flags.key ?? '');
  if (certPath === '' || keyPath === '') throw new CommandError('error: key and cert must be specified');
  const cert = readFile(ctx, certPath);
  const key = readFile(ctx, keyPath);
  checkPem(cert, 'certificate', (t) => t === 'CERTIFICATE', '"CERTIFICATE" PEM block');
  checkPem(key, 'key', (t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY'), 'PEM block with type ending in "PRIVATE KEY"');
  const type = 'kubernetes.io/tls';
  const data = { 'tls.crt': base64EncodeString(cert), 'tls.key': base64EncodeString(key) };
  return newSecret(args, withHash(args, name, type, data), type, data);
}

function readFile(ctx: CommandContext, path: string): string {
  const kind = ctx.fs.stat(path);
  if (kind === 'file') return ctx.fs.readFile(path);
  // os.ReadFile's errors, wrapped as create_secret_tls.go's readFile wraps them.
  const cause = kind === 'dir' ? `read ${path}: is a directory` : `open ${path}: no such file or directory`;
  throw new CommandError(`error: Cannot read file ${path}, ${cause}`);
}

/** The PEM checks of tls.X509KeyPair, with its wording. */
function checkPem(text: string, input: string, wanted: (type: string) => boolean, what: string): void {
  const types = [...text.matchAll(/^-----BEGIN ([A-Z0-9 ]+)-----$/gm)].map((m) => m[1]);
  if (types.length === 0) throw new CommandError(`error: tls: failed to find any PEM data in ${input} input`);
  if (types.some(wanted)) return;
  if (input === 'key' && types.length === 1 && types[0] === 'CERTIFICATE') throw new CommandError('error: tls: found a certificate rather than a key in the PEM for the private key');
  throw new CommandError(`error: tls: failed to find ${what} in ${input} input after skipping PEM blocks of the following types: [${types.join(' ')}]`);
}

/** `kubectl create secret (docker-registry | generic | tls)`. */
export const secretCommand = groupCommand(
  {
    name: 'secret',
    short: 'Create a secret using a specified subcommand',
    long: `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.`,
    usage: 'kubectl create secret (docker-registry | generic | tls) [options]',
  },
  [
    generatorCommand({ path: 'secret docker-registry', short: 'Create a secret for use with a Docker registry', failure: 'secret', build: dockerRegistrySecret }),
    generatorCommand({ path: 'secret generic', short: 'Create a secret from a local file, directory, or literal value', failure: 'secret', build: genericSecret }),
    generatorCommand({ path: 'secret tls', short: 'Create a TLS secret', failure: 'secret', build: tlsSecret }),
  ],
);
