/**
 * The image registry the simulated nodes pull from: reference parsing as containerd and the
 * kubelet do it (github.com/distribution/reference ParseNormalizedNamed), the lookup of a
 * reference in the catalog (image-catalog.ts), the error texts of a failed pull, and how a
 * container's command line resolves to one of the image's programs.
 *
 * Unknown repository or tag = not in the registry: the kubelet reports ErrImagePull with
 * {@link pullErrorMessage}, then ImagePullBackOff.
 */
import {
  DEFAULT_DAEMON,
  KUBE_SYSTEM,
  PAUSE_IMAGE,
  SHELL_MODEL,
  USERLAND_COMMANDS,
  USERLAND_SHELLS,
  fakeSha256,
  type AppModel,
  type ImageSpec,
} from './image-catalog-base.ts';
import { startErrorMessage } from './probes.ts';
import { late } from '../late.ts';

export * from './image-catalog-base.ts';

/** A parsed, normalised image reference. */
export interface ImageRef {
  /** `docker.io`, `registry.k8s.io`, `k8s.gcr.io` (kept as written: it redirects, it is not renamed)... */
  registry: string;
  /** The path in the registry: `library/nginx`, `e2e-test-images/agnhost`. */
  repository: string;
  /** `registry/repository`. */
  name: string;
  /** The tag; `latest` when the reference has neither tag nor digest; '' when pinned by digest only. */
  tag: string;
  /** `sha256:<64 hex>` when the reference pins one. */
  digest?: string;
  /** The fully qualified reference containerd stores: `docker.io/library/nginx:latest`. */
  normalized: string;
}

/** A reference the kubelet cannot parse: it reports InvalidImageName with `message`. */
export interface ImageRefError {
  /** distribution/reference's error. */
  error: string;
  /** The kubelet's waiting message (and Warning event InspectFailed). */
  message: string;
}

// distribution/reference's grammar (regexp.go).
const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])`;
const DOMAIN_AND_PORT = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const NAME = `(?:${DOMAIN_AND_PORT}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';

/** splitDockerDomain: a first component with a `.` or `:`, `localhost`, or capitals is a registry host. */
function splitDockerDomain(ref: string): [string, string] {
  const i = ref.indexOf('/');
  const first = i === -1 ? '' : ref.slice(0, i);
  const isHost = i !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  let [domain, remainder] = isHost ? [first, ref.slice(i + 1)] : [DEFAULT_DOMAIN, ref];
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

/** go-digest's Validate for a digest the grammar accepted. */
function digestError(digest: string): string | undefined {
  const [algorithm, hex] = digest.split(':');
  const length = DIGEST_HEX_LENGTH[algorithm];
  if (length === undefined) return 'unsupported digest algorithm';
  if (hex.length !== length) return 'invalid checksum digest length';
  return /^[a-f0-9]+$/.test(hex) ? undefined : 'invalid checksum digest format';
}

/** ParseNormalizedNamed: the error text, or the parts. */
function parseNormalized(ref: string): string | { domain: string; path: string; tag?: string; digest?: string } {
  if (ANCHORED_IDENTIFIER.test(ref)) return `invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`;
  const [domain, remainder] = splitDockerDomain(ref);
  const remote = remainder.includes(':') ? remainder.slice(0, remainder.indexOf(':')) : remainder;
  if (remote.toLowerCase() !== remote) return `invalid reference format: repository name (${remote}) must be lowercase`;
  const m = REFERENCE.exec(`${domain}/${remainder}`);
  if (!m) return ref === '' ? 'repository name must have at least one component' : 'invalid reference format';
  if (m[1].length > NAME_TOTAL_LENGTH_MAX) return `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
  const digestProblem = m[3] === undefined ? undefined : digestError(m[3]);
  if (digestProblem !== undefined) return digestProblem;
  return { domain, path: m[1].slice(domain.length + 1), tag: m[2], digest: m[3] };
}

/**
 * Parses an image reference as the kubelet (applyDefaultImageTag) and containerd do.
 * @example parseImageRef('nginx').normalized // 'docker.io/library/nginx:latest'
 * @example parseImageRef('Nginx') // { error: 'invalid reference format: repository name (library/Nginx) must be lowercase', message: 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: ...' }
 */
export function parseImageRef(ref: string): ImageRef | ImageRefError {
  const parsed = parseNormalized(ref);
  if (typeof parsed === 'string') {
    return { error: parsed, message: `Failed to apply default image tag "${ref}": couldn't parse image name "${ref}": ${parsed}` };
  }
  const { domain, path, digest } = parsed;
  const tag = parsed.tag ?? (digest === undefined ? 'latest' : '');
  const name = `${domain}/${path}`;
  const normalized = name + (tag === '' ? '' : `:${tag}`) + (digest === undefined ? '' : `@${digest}`);
  const out: ImageRef = { registry: domain, repository: path, name, tag, normalized };
  if (digest !== undefined) out.digest = digest;
  return out;
}

export const isImageRefError = (r: ImageRef | ImageRefError): r is ImageRefError => 'error' in r;

/** An image in the registry, under one of its names. */
export interface ImageInfo extends Omit<ImageSpec, 'refs'> {
  /** The normalised `name:tag` it was found under. */
  ref: string;
  name: string;
  tag: string;
  /** The manifest digest (what `@sha256:` pins and `crictl images --digests` shows). */
  digest: string;
  /** `status.containerStatuses[].imageID`: `docker.io/library/nginx@sha256:...`. */
  imageId: string;
  /** The config digest: `crictl images` shows its first 13 hex digits as IMAGE ID. */
  configDigest: string;
  /** Every normalised `name:tag` of this content (containerd's repo tags). */
  repoTags: string[];
  /** Sum of the compressed layers. */
  sizeBytes: number;
  /** The model of the process the image runs by default (no command, no args). */
  app: AppModel;
}

interface Stored {
  spec: ImageSpec;
  repoTags: string[];
  digest: string;
  configDigest: string;
}

function normalizedRef(ref: string): ImageRef {
  const r = parseImageRef(ref);
  if (isImageRefError(r)) throw new Error(`image catalog: bad reference ${ref}: ${r.error}`);
  return r;
}

interface Registry {
  byRef: Map<string, Stored>;
  names: Set<string>;
}

/** name:tag → stored image; name → its digests. Built once from catalog data. */
function buildRegistry(catalog: readonly ImageSpec[]): Registry {
  const byRef = new Map<string, Stored>();
  const names = new Set<string>();
  for (const spec of catalog) {
    const refs = spec.refs.map(normalizedRef);
    const first = refs[0].normalized;
    const stored: Stored = {
      spec,
      repoTags: refs.map((r) => r.normalized),
      digest: fakeSha256(`manifest ${first}`),
      configDigest: fakeSha256(`config ${first}`),
    };
    for (const r of refs) {
      byRef.set(r.normalized, stored);
      names.add(r.name);
    }
  }
  return { byRef, names };
}

/**
 * The images booting and running the default cluster pulls (image-catalog-base.ts), and the whole
 * catalog (image-catalog.ts, a late part of the engine: engine/late.ts). A reference is looked up
 * in the first, then in the whole; the whole one is the same for every image the first one has, so
 * the answer never depends on which part was loaded (and asking the whole before it is loaded throws).
 */
const BOOT_REGISTRY = buildRegistry([...KUBE_SYSTEM, PAUSE_IMAGE]);
let fullRegistry: Registry | undefined;
function registry(): Registry {
  const catalog = late().IMAGE_CATALOG;
  return (fullRegistry ??= buildRegistry(catalog));
}

function infoOf(stored: Stored, name: string, tag: string): ImageInfo {
  const { refs: _refs, ...spec } = stored.spec;
  const info: ImageInfo = {
    ...spec,
    ref: `${name}:${tag}`,
    name,
    tag,
    digest: stored.digest,
    imageId: `${name}@${stored.digest}`,
    configDigest: stored.configDigest,
    repoTags: stored.repoTags,
    sizeBytes: spec.layers.reduce((sum, l) => sum + l.sizeBytes, 0),
    app: DEFAULT_DAEMON,
  };
  info.app = defaultApp(info);
  return info;
}

/**
 * The image a reference names, or undefined when the registry has no such repository, tag or
 * digest (or the reference does not parse). A digest wins over a tag, as containerd pulls by it.
 * @example findImage('nginx')?.ref // 'docker.io/library/nginx:latest'
 */
export function findImage(ref: string): ImageInfo | undefined {
  // The catalog never changes, so each reference is resolved once (kubelets ask for every pod
  // and node); the answer is frozen because every caller shares it.
  if (FOUND.has(ref)) return FOUND.get(ref);
  const info = resolveImage(ref);
  if (info) Object.freeze(info);
  FOUND.set(ref, info);
  return info;
}

const FOUND = new Map<string, ImageInfo | undefined>();

function resolveImage(ref: string): ImageInfo | undefined {
  const r = parseImageRef(ref);
  if (isImageRefError(r)) return undefined;
  if (r.digest !== undefined) {
    for (const stored of new Set(registry().byRef.values())) {
      const tag = stored.repoTags.find((t) => t.startsWith(`${r.name}:`));
      if (stored.digest === r.digest && tag !== undefined) return infoOf(stored, r.name, r.tag || tag.slice(r.name.length + 1));
    }
    return undefined;
  }
  const stored = BOOT_REGISTRY.byRef.get(r.normalized) ?? registry().byRef.get(r.normalized);
  return stored === undefined ? undefined : infoOf(stored, r.name, r.tag);
}

/** Every normalised `name:tag` the registry holds, sorted. */
export function knownImageRefs(): string[] {
  return [...registry().byRef.keys()].sort();
}

const KNOWN_REGISTRIES = new Set(['docker.io', 'registry.k8s.io', 'k8s.gcr.io', 'gcr.io', 'us-docker.pkg.dev', 'quay.io', 'ghcr.io']);

/**
 * The CRI error of a pull that cannot succeed (containerd 1.7 wording), which the kubelet shows
 * as the ErrImagePull waiting message and in the `Failed to pull image "<image>": <this>` event.
 * For an unparsable reference use {@link parseImageRef}'s message instead.
 */
export function pullErrorMessage(ref: string): string {
  const r = parseImageRef(ref);
  if (isImageRefError(r)) return r.message;
  const failed = `failed to pull and unpack image "${r.normalized}": failed to resolve reference "${r.normalized}"`;
  if (!KNOWN_REGISTRIES.has(r.registry)) {
    const reference = r.digest ?? r.tag;
    const head = `https://${r.registry}/v2/${r.repository}/manifests/${reference}`;
    return `rpc error: code = Unknown desc = ${failed}: failed to do request: Head "${head}": dial tcp: lookup ${r.registry.replace(/:\d+$/, '')}: no such host`;
  }
  if (r.registry === 'docker.io' && !registry().names.has(r.name)) {
    return `rpc error: code = Unknown desc = ${failed}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  }
  return `rpc error: code = NotFound desc = ${failed}: ${r.normalized}: not found`;
}

/** How a container's command line resolves in its image. */
export type ProcessResolution =
  /** One of the image's programs (or a shell / interpreter), with the argv it runs with. */
  | { kind: 'app'; app: AppModel; argv: string[] }
  /** A userland command (`sleep`, `env`, `cat`...): the node's command model runs it. */
  | { kind: 'userland'; argv: string[] }
  /** argv[0] does not exist in the image: StartError, exit code 128, `message`. */
  | { kind: 'not-found'; argv: string[]; message: string }
  /** Neither the pod nor the image gives a command: CreateContainerError, `message`. */
  | { kind: 'no-command'; message: string };

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * The argv the runtime starts (Kubernetes' rules): `command` replaces the image's ENTRYPOINT and
 * CMD; `args` alone replace CMD; neither keeps both.
 */
export function effectiveArgv(image: Pick<ImageInfo, 'config'>, command?: readonly string[], args?: readonly string[]): string[] {
  if (command !== undefined && command.length > 0) return [...command, ...(args ?? [])];
  return [...image.config.entrypoint, ...(args !== undefined && args.length > 0 ? args : image.config.cmd)];
}

/** Passes through `docker-entrypoint.sh`-style wrappers to the program they exec. */
function unwrap(image: ImageSpec | ImageInfo, argv: string[]): string[] {
  const w = image.wrapper;
  if (w === undefined || argv.length === 0 || basename(argv[0]) !== w.name) return argv;
  const rest = argv.slice(1);
  if (w.program === undefined || rest.length === 0) return rest;
  const injects = rest[0].startsWith('-') || (w.alsoWhen !== undefined && new RegExp(w.alsoWhen).test(rest[0]));
  return injects ? [w.program, ...rest] : rest;
}

/** `--name=value` or `--name value` in an agnhost subcommand's flags (cobra/pflag). */
function agnhostFlag(argv: readonly string[], name: string, fallback: number): number {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith(`--${name}=`)) return Number(arg.slice(name.length + 3));
    if (arg === `--${name}` && argv[i + 1] !== undefined) return Number(argv[i + 1]);
  }
  return fallback;
}

/** agnhost's subcommands, by its first argument (no argument: cobra prints help; modelled as pause). */
function agnhostModel(argv: readonly string[]): AppModel {
  const steady = { memoryBytes: 8 * 1024 * 1024, cpuMilliIdle: 0 } as const;
  switch (argv[1]) {
    case undefined:
    case 'pause':
      return { kind: 'pause', ...steady, sigterm: 'graceful' };
    case 'liveness':
      return { kind: 'liveness-http', port: 8080, healthyForMs: 10_000, ...steady, sigterm: 'go-runtime' };
    case 'netexec':
      return { kind: 'netexec', httpPort: agnhostFlag(argv, 'http-port', 8080), udpPort: agnhostFlag(argv, 'udp-port', 8081), ...steady, sigterm: 'graceful' };
    case 'serve-hostname':
      return { kind: 'serve-hostname', port: agnhostFlag(argv, 'port', 9376), ...steady, sigterm: 'graceful' };
    case 'test-webserver':
      return { kind: 'web', port: agnhostFlag(argv, 'port', 80), ...steady, sigterm: 'go-runtime' };
    default:
      return DEFAULT_DAEMON;
  }
}

const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash']);

/**
 * `sh -c 'PROG ARGS'` where PROG is one of the image's programs and the script is that one simple
 * command: the shell execs it (dash and bash replace themselves with a script's only command), so
 * the container runs the program (`/bin/sh -c '/run.sh $FLUENTD_ARGS'`).
 */
function shellExecsProgram(image: ImageSpec | ImageInfo, argv: readonly string[]): string[] | undefined {
  if (!SHELL_NAMES.has(basename(argv[0])) || argv[1] !== '-c' || argv[2] === undefined) return undefined;
  if (/[;&|<>`()\n]/.test(argv[2])) return undefined;
  const words = argv[2].trim().split(/\s+/);
  const command = words[0] === 'exec' ? words.slice(1) : words;
  return command.length > 0 && image.programs[basename(command[0])] !== undefined ? command : undefined;
}

function resolveBinary(image: ImageSpec | ImageInfo, argv: string[]): ProcessResolution {
  const execs = shellExecsProgram(image, argv);
  if (execs) return resolveBinary(image, execs);
  const name = basename(argv[0]);
  const program = image.programs[name];
  if (program !== undefined) return { kind: 'app', app: image.agnhost ? agnhostModel(argv) : program, argv };
  const tools = image.tools ?? [];
  if (USERLAND_SHELLS[image.userland].includes(name) || (SHELL_NAMES.has(name) && tools.includes(name))) {
    return { kind: 'app', app: SHELL_MODEL, argv };
  }
  if (USERLAND_COMMANDS[image.userland].includes(name) || tools.includes(name)) return { kind: 'userland', argv };
  return { kind: 'not-found', argv, message: startErrorMessage(argv[0]) };
}

/**
 * What a container runs: its effective argv, through the image's entrypoint wrapper, to a
 * program model, a userland command, or an error.
 * @example resolveProcess(findImage('nginx')!).argv // ['nginx', '-g', 'daemon off;']
 */
export function resolveProcess(image: ImageSpec | ImageInfo, command?: readonly string[], args?: readonly string[]): ProcessResolution {
  const argv = unwrap(image, effectiveArgv(image, command, args));
  if (argv.length === 0) {
    return { kind: 'no-command', message: 'failed to generate container spec: failed to generate spec: no command specified' };
  }
  return resolveBinary(image, argv);
}

/** The default process's model; images without a default command (liveness) fall back to their program. */
function defaultApp(image: ImageInfo): AppModel {
  const r = resolveProcess(image);
  if (r.kind === 'app') return r.app;
  return Object.values(image.programs)[0] ?? DEFAULT_DAEMON;
}

/**
 * The lines an app's entrypoint prints before exiting 1 when a required variable is missing
 * (postgres, mysql), or undefined when it can start. `env` is the container's resolved env.
 */
export function missingRequiredEnv(app: AppModel, env: Readonly<Record<string, string>>): string[] | undefined {
  if (app.kind !== 'server' || app.requiredEnv === undefined) return undefined;
  return app.requiredEnv.anyOf.some((name) => (env[name] ?? '') !== '') ? undefined : app.requiredEnv.errorLines;
}
