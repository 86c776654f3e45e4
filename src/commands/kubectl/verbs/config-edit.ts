/**
 * The `kubectl config` subcommands that edit entries (kubectl v1.31 pkg/cmd/config): set-cluster,
 * set-credentials, delete-context|cluster|user, rename-context, and set/unset of a dot-separated
 * property. They change the session's kubeconfig as kubectl changes the file, with its messages
 * (the file is $HOME/.kube/config, config-entries.ts) and its argument checks — some print the
 * help and fail, some print the help and succeed, as the real ones do.
 */
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { findContext, type KubeEntry } from '../kubeconfig.ts';
import { absolutePath, clustersOf, KUBECONFIG_PATH, preferencesOf, usersOf } from './config-entries.ts';

/** cobra prints the usage (to stdout) before such an error. */
function usageThen(ctx: CommandContext, cmd: Command, message: string): never {
  ctx.io.out(commandHelp(cmd, `config ${cmd.name}`));
  throw new CommandError(message);
}

const argList = (args: ParsedArgs) => `[${args.positional.join(' ')}]`;

function entry(list: KubeEntry[], name: string): KubeEntry {
  let e = list.find((x) => x.name === name);
  if (!e) {
    e = { name, fields: {} };
    list.push(e);
  }
  return e;
}

const str = (args: ParsedArgs, name: string) => String(args.flags[name] ?? '');

/** Base64 of a file's bytes (the --embed-certs read); kubectl's stat error when it is missing. */
function embedFile(ctx: CommandContext, what: string, path: string): string {
  const missing = () => new CommandError(`error: could not stat ${what} file ${path}: stat ${path}: no such file or directory`);
  if (ctx.fs.stat(path) !== 'file') throw missing();
  return base64(ctx.fs.readFile(path));
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const setClusterCommand: Command = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig',
  long: 'Set a cluster entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples: `# Set only the server field on the e2e cluster entry without touching other values
kubectl config set-cluster e2e --server=https://1.2.3.4

# Embed certificate authority data for the e2e cluster entry
kubectl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt

# Disable cert checking for the e2e cluster entry
kubectl config set-cluster e2e --insecure-skip-tls-verify=true

# Set the custom TLS server name to use for validation for the e2e cluster entry
kubectl config set-cluster e2e --tls-server-name=my-cluster-name

# Set the proxy URL for the e2e cluster entry
kubectl config set-cluster e2e --proxy-url=https://1.2.3.4`,
  usage:
    'kubectl config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]',
  flags: [
    { name: 'certificate-authority', type: 'string', default: '', usage: 'Path to certificate-authority file for the cluster entry in kubeconfig' },
    { name: 'embed-certs', type: 'bool', default: false, usage: 'embed-certs for the cluster entry in kubeconfig' },
    { name: 'insecure-skip-tls-verify', type: 'bool', default: false, usage: 'insecure-skip-tls-verify for the cluster entry in kubeconfig' },
    { name: 'proxy-url', type: 'string', default: '', usage: 'proxy-url for the cluster entry in kubeconfig' },
    { name: 'server', type: 'string', default: '', usage: 'server for the cluster entry in kubeconfig' },
    { name: 'tls-server-name', type: 'string', default: '', usage: 'tls-server-name for the cluster entry in kubeconfig' },
  ],
  run(ctx, args) {
    if (args.positional.length !== 1) usageThen(ctx, setClusterCommand, `error: Unexpected args: ${argList(args)}`);
    const embed = args.flags['embed-certs'] === true;
    const ca = str(args, 'certificate-authority');
    let caData: string | undefined;
    if (embed) {
      if (ca === '') throw new CommandError('error: you must specify a --certificate-authority to embed');
      caData = embedFile(ctx, 'certificate-authority', ca);
    }
    const name = args.positional[0];
    const f = entry(clustersOf(ctx.kubeconfig), name).fields;
    if (args.set.has('server')) f.server = str(args, 'server');
    if (args.set.has('tls-server-name')) f['tls-server-name'] = str(args, 'tls-server-name');
    if (args.set.has('insecure-skip-tls-verify')) {
      f['insecure-skip-tls-verify'] = args.flags['insecure-skip-tls-verify'] === true;
      // Insecure mode clears any certificate authority.
      if (f['insecure-skip-tls-verify'] === true) {
        delete f['certificate-authority'];
        delete f['certificate-authority-data'];
      }
    }
    if (args.set.has('certificate-authority')) {
      if (caData !== undefined) {
        f['certificate-authority-data'] = caData;
        delete f['insecure-skip-tls-verify'];
        delete f['certificate-authority'];
      } else {
        f['certificate-authority'] = absolutePath(ca);
        if (ca !== '') {
          delete f['insecure-skip-tls-verify'];
          delete f['certificate-authority-data'];
        }
      }
    }
    if (args.set.has('proxy-url')) f['proxy-url'] = str(args, 'proxy-url');
    ctx.io.out(`Cluster "${name}" set.\n`);
    return 0;
  },
};

const INTERACTIVE_MODES = ['IfAvailable', 'Never', 'Always'];

const CREDENTIAL_FLAGS: FlagSpec[] = [
  { name: 'auth-provider', type: 'string', default: '', usage: 'Auth provider for the user entry in kubeconfig' },
  { name: 'auth-provider-arg', type: 'strings', default: [], usage: "'key=value' arguments for the auth provider" },
  { name: 'client-certificate', type: 'string', default: '', usage: 'Path to client-certificate file for the user entry in kubeconfig' },
  { name: 'client-key', type: 'string', default: '', usage: 'Path to client-key file for the user entry in kubeconfig' },
  { name: 'embed-certs', type: 'bool', default: false, usage: 'Embed client cert/key for the user entry in kubeconfig' },
  { name: 'exec-api-version', type: 'string', default: '', usage: 'API version of the exec credential plugin for the user entry in kubeconfig' },
  { name: 'exec-arg', type: 'strings', default: [], usage: 'New arguments for the exec credential plugin command for the user entry in kubeconfig' },
  { name: 'exec-command', type: 'string', default: '', usage: 'Command for the exec credential plugin for the user entry in kubeconfig' },
  { name: 'exec-env', type: 'strings', default: [], usage: "'key=value' environment values for the exec credential plugin" },
  { name: 'exec-interactive-mode', type: 'string', default: '', usage: 'InteractiveMode of the exec credentials plugin for the user entry in kubeconfig' },
  { name: 'exec-provide-cluster-info', type: 'bool', default: false, usage: 'ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig' },
  { name: 'password', type: 'string', default: '', usage: 'password for the user entry in kubeconfig' },
  { name: 'token', type: 'string', default: '', usage: 'token for the user entry in kubeconfig' },
  { name: 'username', type: 'string', default: '', usage: 'username for the user entry in kubeconfig' },
];

export const setCredentialsCommand: Command = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig',
  long: `Set a user entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values.

        Client-certificate flags:
        --client-certificate=certfile --client-key=keyfile
        
        Bearer token flags:
        --token=bearer_token
        
        Basic auth flags:
        --username=basic_user --password=basic_password
        
 Bearer token and basic auth are mutually exclusive.`,
  examples: `# Set only the "client-key" field on the "cluster-admin"
# entry, without touching other values
kubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key

# Set basic auth for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif

# Embed client certificate data in the "cluster-admin" entry
kubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true

# Enable the Google Compute Platform auth provider for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --auth-provider=gcp

# Enable the OpenID Connect auth provider for the "cluster-admin" entry with additional arguments
kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar

# Remove the "client-secret" config value for the OpenID Connect auth provider for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-

# Enable new exec auth plugin for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1

# Enable new exec auth plugin for the "cluster-admin" entry with interactive mode
kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never

# Define new exec auth plugin arguments for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2

# Create or update exec auth plugin environment variables for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2

# Remove exec auth plugin environment variables for the "cluster-admin" entry
kubectl config set-credentials cluster-admin --exec-env=var-to-remove-`,
  usage:
    'kubectl config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]',
  flags: CREDENTIAL_FLAGS,
  run(ctx, args) {
    if (args.positional.length !== 1) usageThen(ctx, setCredentialsCommand, `error: unexpected args: ${argList(args)}`);
    validateCredentials(ctx, args);
    const name = args.positional[0];
    const f = entry(usersOf(ctx.kubeconfig), name).fields;
    setCertificates(ctx, args, f);
    const setToken = args.set.has('token') && str(args, 'token') !== '';
    const setBasic = (args.set.has('username') && str(args, 'username') !== '') || (args.set.has('password') && str(args, 'password') !== '');
    if (args.set.has('token')) f.token = str(args, 'token');
    if (args.set.has('username')) f.username = str(args, 'username');
    if (args.set.has('password')) f.password = str(args, 'password');
    setAuthProvider(args, f);
    setExec(args, f);
    // One authentication method at a time: setting one clears the other.
    if (setToken || setBasic) {
      if (!setToken) {
        delete f.token;
        delete f.tokenFile;
      }
      if (!setBasic) {
        delete f.username;
        delete f.password;
      }
    }
    ctx.io.out(`User "${name}" set.\n`);
    return 0;
  },
};

function validateCredentials(ctx: CommandContext, args: ParsedArgs): void {
  const method = args.set.has('token') && str(args, 'token') !== '';
  const basic = str(args, 'username') !== '' || str(args, 'password') !== '';
  if (method && basic) throw new CommandError('error: you cannot specify more than one authentication method at the same time: --token, --username/--password');
  if (args.flags['embed-certs'] === true) {
    for (const what of ['client-certificate', 'client-key']) {
      const path = str(args, what);
      if (path !== '' && ctx.fs.stat(path) !== 'file') throw new CommandError(`error: could not stat ${what} file ${path}: stat ${path}: no such file or directory`);
    }
  }
  const mode = str(args, 'exec-interactive-mode');
  if (args.set.has('exec-interactive-mode') && !INTERACTIVE_MODES.includes(mode)) {
    throw new CommandError('error: invalid interactive mode type, can be only IfAvailable, Never, Always');
  }
}

function setCertificates(ctx: CommandContext, args: ParsedArgs, f: Record<string, unknown>): void {
  const embed = args.flags['embed-certs'] === true;
  for (const what of ['client-certificate', 'client-key']) {
    if (!args.set.has(what)) continue;
    const path = str(args, what);
    if (embed) {
      f[`${what}-data`] = embedFile(ctx, what, path);
      delete f[what];
    } else {
      f[what] = absolutePath(path);
      if (path !== '') delete f[`${what}-data`];
    }
  }
}

/** `key=value` sets a config key, `key-` removes it. */
function splitArgs(values: readonly string[]): { set: [string, string][]; remove: string[] } {
  const set: [string, string][] = [];
  const remove: string[] = [];
  for (const v of values.flatMap((x) => x.split(','))) {
    if (v.includes('=')) set.push([v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]);
    else if (v.endsWith('-')) remove.push(v.slice(0, -1));
  }
  return { set, remove };
}

function setAuthProvider(args: ParsedArgs, f: Record<string, unknown>): void {
  let provider = f['auth-provider'] as { name: string; config?: Record<string, string> } | undefined;
  if (args.set.has('auth-provider')) {
    const name = str(args, 'auth-provider');
    if (!provider || provider.name !== name) provider = { name };
  }
  if (!provider) return;
  const config = { ...(provider.config ?? {}) };
  const { set, remove } = splitArgs(args.flags['auth-provider-arg'] as string[]);
  for (const k of remove) delete config[k];
  for (const [k, v] of set) config[k] = v;
  f['auth-provider'] = { name: provider.name, config };
}

interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

function setExec(args: ParsedArgs, f: Record<string, unknown>): void {
  let exec = f.exec as ExecConfig | undefined;
  if (args.set.has('exec-command')) exec = { ...(exec ?? {}), command: str(args, 'exec-command') };
  if (!exec) return;
  exec = { ...exec };
  if (args.set.has('exec-api-version')) exec.apiVersion = str(args, 'exec-api-version');
  if (args.set.has('exec-arg')) exec.args = [...(args.flags['exec-arg'] as string[])];
  if (args.set.has('exec-interactive-mode')) exec.interactiveMode = str(args, 'exec-interactive-mode');
  if (args.set.has('exec-provide-cluster-info')) exec.provideClusterInfo = args.flags['exec-provide-cluster-info'] === true;
  if (args.set.has('exec-env')) {
    const { set, remove } = splitArgs(args.flags['exec-env'] as string[]);
    const env = (exec.env ?? []).filter((e) => !remove.includes(e.name));
    for (const [name, value] of set) {
      const existing = env.find((e) => e.name === name);
      if (existing) existing.value = value;
      else env.push({ name, value });
    }
    exec.env = env;
  }
  f.exec = exec;
}

/** delete-context / delete-cluster: without exactly one name they print their help and succeed. */
function deleteCommand(what: 'context' | 'cluster', example: string): Command {
  const cmd: Command = {
    name: `delete-${what}`,
    short: `Delete the specified ${what} from the kubeconfig`,
    long: `Delete the specified ${what} from the kubeconfig.`,
    examples: example,
    usage: `kubectl config delete-${what} NAME [options]`,
    flags: [],
    run(ctx, args) {
      if (args.positional.length !== 1) {
        ctx.io.out(commandHelp(cmd, `config ${cmd.name}`));
        return 0;
      }
      const name = args.positional[0];
      const kc = ctx.kubeconfig;
      if (what === 'context') {
        if (!findContext(kc, name)) throw new CommandError(`error: cannot delete context ${name}, not in ${KUBECONFIG_PATH}`);
        if (kc.currentContext === name) ctx.io.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
        kc.contexts = kc.contexts.filter((c) => c.name !== name);
      } else {
        const clusters = clustersOf(kc);
        if (!clusters.some((c) => c.name === name)) throw new CommandError(`error: cannot delete cluster ${name}, not in ${KUBECONFIG_PATH}`);
        kc.clusters = clusters.filter((c) => c.name !== name);
      }
      ctx.io.out(`deleted ${what} ${name} from ${KUBECONFIG_PATH}\n`);
      return 0;
    },
  };
  return cmd;
}

export const deleteContextCommand = deleteCommand('context', '# Delete the context for the minikube cluster\nkubectl config delete-context minikube');
export const deleteClusterCommand = deleteCommand('cluster', '# Delete the minikube cluster\nkubectl config delete-cluster minikube');

export const deleteUserCommand: Command = {
  name: 'delete-user',
  short: 'Delete the specified user from the kubeconfig',
  long: 'Delete the specified user from the kubeconfig.',
  examples: '# Delete the minikube user\nkubectl config delete-user minikube',
  usage: 'kubectl config delete-user NAME [options]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length !== 1) {
      throw new CommandError("error: user to delete is required\nSee 'kubectl config delete-user -h' for help and examples");
    }
    const name = args.positional[0];
    const users = usersOf(ctx.kubeconfig);
    if (!users.some((u) => u.name === name)) throw new CommandError(`error: cannot delete user ${name}, not in ${KUBECONFIG_PATH}`);
    ctx.kubeconfig.users = users.filter((u) => u.name !== name);
    ctx.io.out(`deleted user ${name} from ${KUBECONFIG_PATH}\n`);
    return 0;
  },
};

export const renameContextCommand: Command = {
  name: 'rename-context',
  short: 'Rename a context from the kubeconfig file',
  long: `Renames a context from the kubeconfig file.

 CONTEXT_NAME is the context name that you want to change.

 NEW_NAME is the new name you want to set.

 Note: If the context being renamed is the 'current-context', this field will also be updated.`,
  examples: "# Rename the context 'old-name' to 'new-name' in your kubeconfig file\nkubectl config rename-context old-name new-name",
  usage: 'kubectl config rename-context CONTEXT_NAME NEW_NAME [options]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length !== 2) usageThen(ctx, renameContextCommand, `error: Unexpected args: ${argList(args)}`);
    const [from, to] = args.positional;
    const kc = ctx.kubeconfig;
    const context = findContext(kc, from);
    if (!context) throw new CommandError(`error: cannot rename the context "${from}", it's not in ${KUBECONFIG_PATH}`);
    if (findContext(kc, to)) throw new CommandError(`error: cannot rename the context "${from}", the context "${to}" already exists in ${KUBECONFIG_PATH}`);
    context.name = to;
    if (kc.currentContext === from) kc.currentContext = to;
    ctx.io.out(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

type FieldKind = 'string' | 'bool' | 'bytes';

/** The settable fields of each map's entries (clientcmd api.Cluster, AuthInfo, Context). */
const ENTRY_FIELDS: Record<'clusters' | 'users' | 'contexts', Record<string, FieldKind>> = {
  clusters: {
    server: 'string',
    'tls-server-name': 'string',
    'insecure-skip-tls-verify': 'bool',
    'certificate-authority': 'string',
    'certificate-authority-data': 'bytes',
    'proxy-url': 'string',
    'disable-compression': 'bool',
  },
  users: {
    'client-certificate': 'string',
    'client-certificate-data': 'bytes',
    'client-key': 'string',
    'client-key-data': 'bytes',
    token: 'string',
    tokenFile: 'string',
    as: 'string',
    'as-uid': 'string',
    username: 'string',
    password: 'string',
  },
  contexts: { cluster: 'string', user: 'string', namespace: 'string' },
};

/** strconv.ParseBool. */
function parseBool(v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new CommandError(`error: strconv.ParseBool: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** base64.StdEncoding's check: the first illegal byte (or where the padding goes wrong). */
function checkBase64(v: string): void {
  const bad = v.search(/[^A-Za-z0-9+/=]/);
  const pad = v.indexOf('=');
  let at = bad;
  if (at < 0 && pad >= 0 && /[^=]/.test(v.slice(pad))) at = pad;
  if (at < 0 && v.length % 4 !== 0) at = v.length - (v.length % 4);
  if (at >= 0) throw new CommandError(`error: error decoding input value: illegal base64 data at input byte ${at}`);
}

/** Go's %v of a map of pointers, keys sorted (the addresses are the process's; these are fixed). */
function goPointerMap(names: readonly string[]): string {
  return `map[${[...names].sort().map((n, i) => `${n}:0xc000${(0x907200 + i * 0x80).toString(16)}`).join(' ')}]`;
}

interface PropertyTarget {
  map: 'clusters' | 'users' | 'contexts';
  key: string;
  field: string | undefined;
}

/** Parses a property path down to an entry field; top-level properties are handled by the callers. */
function parseProperty(ctx: CommandContext, path: string): PropertyTarget {
  const [head, key, field, ...rest] = path.split('.');
  if (head !== 'clusters' && head !== 'users' && head !== 'contexts') throw new CommandError(`error: unable to parse ${path} after [] at api.Config`);
  const names = head === 'contexts' ? ctx.kubeconfig.contexts.map((c) => c.name) : (head === 'clusters' ? clustersOf(ctx.kubeconfig) : usersOf(ctx.kubeconfig)).map((e) => e.name);
  if (key === undefined || (field !== undefined && (ENTRY_FIELDS[head][field] === undefined || rest.length > 0))) {
    throw new CommandError(`error: can't set a map to a value: ${goPointerMap(names)}`);
  }
  return { map: head, key, field };
}

export const setPropertyCommand: Command = {
  name: 'set',
  short: 'Set an individual value in a kubeconfig file',
  long: `Set an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.

 PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.

 Specifying an attribute name that already exists will merge new fields on top of existing values.`,
  examples: `# Set the server field on the my-cluster cluster to https://1.2.3.4
kubectl config set clusters.my-cluster.server https://1.2.3.4

# Set the certificate-authority-data field on the my-cluster cluster
kubectl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)

# Set the cluster field in the my-context context to my-cluster
kubectl config set contexts.my-context.cluster my-cluster

# Set the client-key-data field in the cluster-admin user using --set-raw-bytes option
kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true`,
  usage: 'kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]',
  flags: [{ name: 'set-raw-bytes', type: 'bool', default: false, usage: 'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.' }],
  run(ctx, args) {
    if (args.positional.length !== 2) usageThen(ctx, setPropertyCommand, `error: Unexpected args: ${argList(args)}`);
    const [path, value] = args.positional;
    setProperty(ctx, path, value, args.flags['set-raw-bytes'] === true);
    ctx.io.out(`Property "${path}" set.\n`);
    return 0;
  },
};

function setProperty(ctx: CommandContext, path: string, value: string, rawBytes: boolean): void {
  const kc = ctx.kubeconfig;
  if (path === 'current-context') {
    kc.currentContext = value;
    return;
  }
  if (path === 'preferences.colors') {
    preferencesOf(kc).colors = parseBool(value);
    return;
  }
  const t = parseProperty(ctx, path);
  if (t.field === undefined) throw new CommandError(`error: can't set a map to a value: ${goPointerMap([t.key])}`);
  if (t.map === 'contexts') {
    let c = findContext(kc, t.key);
    if (!c) {
      c = { name: t.key, cluster: '', user: '', namespace: '' };
      kc.contexts.push(c);
    }
    c[t.field as 'cluster' | 'user' | 'namespace'] = value;
    return;
  }
  const kind = ENTRY_FIELDS[t.map][t.field];
  let stored: unknown = value;
  if (kind === 'bool') stored = parseBool(value);
  if (kind === 'bytes') {
    if (!rawBytes) checkBase64(value);
    stored = rawBytes ? base64(value) : value;
  }
  entry(t.map === 'clusters' ? clustersOf(kc) : usersOf(kc), t.key).fields[t.field] = stored;
}

export const unsetPropertyCommand: Command = {
  name: 'unset',
  short: 'Unset an individual value in a kubeconfig file',
  long: `Unset an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.`,
  examples: '# Unset the current-context\nkubectl config unset current-context\n\n# Unset namespace in foo context\nkubectl config unset contexts.foo.namespace',
  usage: 'kubectl config unset PROPERTY_NAME [options]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length !== 1) usageThen(ctx, unsetPropertyCommand, `error: Unexpected args: ${argList(args)}`);
    const path = args.positional[0];
    unsetProperty(ctx, path);
    ctx.io.out(`Property "${path}" unset.\n`);
    return 0;
  },
};

function unsetProperty(ctx: CommandContext, path: string): void {
  const kc = ctx.kubeconfig;
  if (path === 'current-context') {
    kc.currentContext = '';
    return;
  }
  if (path === 'preferences.colors') {
    delete preferencesOf(kc).colors;
    return;
  }
  const t = parseProperty(ctx, path);
  const exists = t.map === 'contexts' ? findContext(kc, t.key) !== undefined : (t.map === 'clusters' ? clustersOf(kc) : usersOf(kc)).some((e) => e.name === t.key);
  if (!exists) throw new CommandError(`error: current map key \`${t.key}\` is invalid`);
  if (t.map === 'contexts') {
    const c = findContext(kc, t.key);
    if (t.field === undefined) kc.contexts = kc.contexts.filter((x) => x.name !== t.key);
    else if (c) c[t.field as 'cluster' | 'user' | 'namespace'] = '';
    return;
  }
  if (t.field === undefined) {
    if (t.map === 'clusters') kc.clusters = clustersOf(kc).filter((e) => e.name !== t.key);
    else kc.users = usersOf(kc).filter((e) => e.name !== t.key);
    return;
  }
  delete entry(t.map === 'clusters' ? clustersOf(kc) : usersOf(kc), t.key).fields[t.field];
}
