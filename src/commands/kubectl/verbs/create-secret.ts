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
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { goJsonString } from '../../printers/json.ts';
import { CommandError, type CommandContext } from '../../types.ts';
import {
  addEnvFileSources,
  addFileSources,
  arrayFlag,
  encodeHash,
  explicitNamespace,
  goJsonMap,
  nameArg,
  parseLiteralSource,
  sliceFlag,
  type AddKey,
} from './create-configmap.ts';

/** Default registry of `create secret docker-registry`. */
const DOCKER_HUB = 'https://index.docker.io/v1/';

/** The flags only `create secret` reads (the source flags are in CONFIG_CREATE_FLAGS). */
export const SECRET_CREATE_FLAGS: FlagSpec[] = [
  { name: 'type', type: 'string', default: '', usage: 'The type of secret to create' },
  { name: 'docker-username', type: 'string', default: '', usage: 'Username for Docker registry authentication' },
  { name: 'docker-password', type: 'string', default: '', usage: 'Password for Docker registry authentication' },
  { name: 'docker-email', type: 'string', default: '', usage: 'Email for Docker registry' },
  { name: 'docker-server', type: 'string', default: DOCKER_HUB, usage: 'Server location for Docker registry' },
  { name: 'cert', type: 'string', default: '', usage: 'Path to PEM encoded public key certificate.' },
  { name: 'key', type: 'string', default: '', usage: 'Path to private key associated with given certificate.' },
];

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/**
 * `kubectl create secret SUBCOMMAND NAME ...`; without a subcommand kubectl prints the help to
 * stderr and exits 1 (cmdutil.DefaultSubCommandRun).
 */
export function secretGenerator(ctx: CommandContext, args: ParsedArgs, words: string[]): KObject {
  const [sub, ...names] = words;
  if (sub === undefined) throw new CommandError(SECRET_HELP);
  if (sub === 'generic') return genericSecret(ctx, args, nameArg(names, 'secret generic'));
  if (sub === 'docker-registry') return dockerRegistrySecret(ctx, args, nameArg(names, 'secret docker-registry'));
  if (sub === 'tls') return tlsSecret(ctx, args, nameArg(names, 'secret tls'));
  throw new CommandError(`error: unknown command "${sub}"\nSee 'kubectl create secret -h' for help and examples`);
}

/** newSecretObj: no type when none was given (the API server makes it Opaque). */
function newSecret(args: ParsedArgs, name: string, type: string, data: Record<string, string>): KObject {
  const namespace = explicitNamespace(args);
  const metadata = { creationTimestamp: null, name, ...(namespace ? { namespace } : {}) } as unknown as KObject['metadata'];
  const secret: KObject = { apiVersion: 'v1', kind: 'Secret', metadata };
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

function genericSecret(ctx: CommandContext, args: ParsedArgs, name: string): KObject {
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

function dockerRegistrySecret(ctx: CommandContext, args: ParsedArgs, name: string): KObject {
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

function tlsSecret(ctx: CommandContext, args: ParsedArgs, name: string): KObject {
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
