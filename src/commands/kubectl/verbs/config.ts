/**
 * `kubectl config SUBCOMMAND` over the session's kubeconfig (kubectl pkg/cmd/config, v1.31):
 * current-context, get-contexts, get-clusters, get-users, view, use-context and set-context here;
 * the subcommands that edit clusters, users and properties in config-edit.ts. It starts as
 * kubeadm's admin.conf (one cluster, one user, one context); a context's namespace is the default
 * for later commands. Only the simulated cluster answers: other clusters are entries, not servers.
 */
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { renderJsonPath } from '../../printers/jsonpath.ts';
import { alignTabs } from '../../printers/tabwriter.ts';
import { toYaml } from '../../printers/yaml.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { commandHelp } from '../help.ts';
import { findContext, sortedContexts, toStructJson, type KubeconfigState, type KubeContext } from '../kubeconfig.ts';
import { clustersOf, usersOf, viewedConfig } from './config-entries.ts';
import {
  deleteClusterCommand,
  deleteContextCommand,
  deleteUserCommand,
  renameContextCommand,
  setClusterCommand,
  setCredentialsCommand,
  setPropertyCommand,
  unsetPropertyCommand,
} from './config-edit.ts';

const currentContextCommand: Command = {
  name: 'current-context',
  short: 'Display the current-context',
  long: 'Display the current-context.',
  examples: '# Display the current-context\nkubectl config current-context',
  usage: 'kubectl config current-context [flags] [options]',
  flags: [],
  run(ctx) {
    if (ctx.kubeconfig.currentContext === '') throw new CommandError('error: current-context is not set');
    ctx.io.out(`${ctx.kubeconfig.currentContext}\n`);
    return 0;
  },
};

const getContextsCommand: Command = {
  name: 'get-contexts',
  short: 'Describe one or many contexts',
  long: 'Display one or many contexts from the kubeconfig file.',
  examples:
    '# List all the contexts in your kubeconfig file\nkubectl config get-contexts\n\n# Describe one context in your kubeconfig file\nkubectl config get-contexts my-context',
  usage: 'kubectl config get-contexts [(-o|--output=)name)] [options]',
  flags: [
    { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (name).' },
  ],
  run(ctx, args) {
    const output = String(args.flags.output ?? '');
    if (output !== '' && output !== 'name') {
      throw new CommandError(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
    }
    const kc = ctx.kubeconfig;
    const all = sortedContexts(kc);
    const names = args.positional;
    const shown = names.length === 0 ? all : all.filter((c) => names.includes(c.name));
    const missing = names.filter((n) => !findContext(kc, n));
    if (output === 'name') ctx.io.out(shown.map((c) => `${c.name}\n`).join(''));
    else ctx.io.out(contextsTable(kc, shown, args.flags['no-headers'] === true));
    if (missing.length === 0) return 0;
    // One error prints as `error: ...`; several as kubectl's aggregate, one bare message a line.
    if (missing.length === 1) ctx.io.err(`error: context ${missing[0]} not found\n`);
    else ctx.io.err(missing.map((n) => `context ${n} not found\n`).join(''));
    return 1;
  },
};

function contextsTable(kc: KubeconfigState, contexts: readonly KubeContext[], noHeaders: boolean): string {
  const header = noHeaders ? '' : 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
  const rows = contexts.map((c) => `${c.name === kc.currentContext ? '*' : ''}\t${c.name}\t${c.cluster}\t${c.user}\t${c.namespace}\n`);
  return alignTabs(header + rows.join(''));
}

/** `get-clusters` / `get-users`: a NAME column of the entries, sorted. */
function nameListCommand(name: string, what: string, entries: (kc: KubeconfigState) => { name: string }[]): Command {
  return {
    name,
    short: `Display ${what} defined in the kubeconfig`,
    long: `Display ${what} defined in the kubeconfig.`,
    examples: `# List the ${what} that kubectl knows about\nkubectl config ${name}`,
    usage: `kubectl config ${name} [flags] [options]`,
    flags: [],
    run(ctx) {
      const names = entries(ctx.kubeconfig)
        .map((e) => e.name)
        .sort();
      ctx.io.out(`NAME\n${names.map((n) => `${n}\n`).join('')}`);
      return 0;
    },
  };
}

const useContextCommand: Command = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  examples: '# Use the context for the minikube cluster\nkubectl config use-context minikube',
  usage: 'kubectl config use-context CONTEXT_NAME [options]',
  flags: [],
  run(ctx, args) {
    if (args.positional.length !== 1) {
      // cobra prints the usage first, then the error.
      ctx.io.out(commandHelp(useContextCommand, 'config use-context'));
      throw new CommandError(`error: Unexpected args: [${args.positional.join(' ')}]`);
    }
    const name = args.positional[0];
    if (!findContext(ctx.kubeconfig, name)) throw new CommandError(`error: no context exists with the name: "${name}"`);
    ctx.kubeconfig.currentContext = name;
    ctx.io.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContextCommand: Command = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig',
  long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
  examples: '# Set the user field on the gce context entry without touching other values\nkubectl config set-context gce --user=cluster-admin',
  usage:
    'kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  flags: [
    { name: 'cluster', type: 'string', usage: 'cluster for the context entry in kubeconfig' },
    { name: 'current', type: 'bool', usage: 'Modify the current context' },
    { name: 'namespace', type: 'string', usage: 'namespace for the context entry in kubeconfig' },
    { name: 'user', type: 'string', usage: 'user for the context entry in kubeconfig' },
  ],
  run(ctx, args) {
    const kc = ctx.kubeconfig;
    const name = contextToSet(kc, args);
    let entry = findContext(kc, name);
    const created = entry === undefined;
    if (!entry) {
      entry = { name, cluster: '', user: '', namespace: '' };
      kc.contexts.push(entry);
    }
    // Only the flags given change the entry (`--namespace=` clears it).
    if (args.set.has('cluster')) entry.cluster = String(args.flags.cluster);
    if (args.set.has('user')) entry.user = String(args.flags.user);
    if (args.set.has('namespace')) entry.namespace = String(args.flags.namespace);
    ctx.io.out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
    return 0;
  },
};

/** The context set-context writes: NAME or --current, exactly one of them. */
function contextToSet(kc: KubeconfigState, args: ParsedArgs): string {
  const names = args.positional;
  if (names.length > 1) throw new CommandError(`error: Unexpected args: [${names.join(' ')}]`);
  const current = args.flags.current === true;
  if (current && names.length > 0) throw new CommandError('error: you cannot specify both a context name and --current');
  if (current) {
    if (kc.currentContext === '') throw new CommandError('error: no current context is set');
    return kc.currentContext;
  }
  if (names.length === 0 || names[0] === '') throw new CommandError('error: you must specify a non-empty context name or --current');
  return names[0];
}

const TEMPLATE_FLAG: FlagSpec = {
  name: 'template',
  type: 'string',
  usage:
    'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
};

const viewCommand: Command = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
  examples:
    '# Show merged kubeconfig settings\nkubectl config view\n\n# Show merged kubeconfig settings, raw certificate data, and exposed secrets\nkubectl config view --raw\n\n# Get the password for the e2e user\nkubectl config view -o jsonpath=\'{.users[?(@.name == "e2e")].user.password}\'',
  usage: 'kubectl config view [flags] [options]',
  flags: [
    {
      name: 'allow-missing-template-keys',
      type: 'bool',
      default: true,
      usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
    },
    { name: 'flatten', type: 'bool', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'merge', type: 'bool', default: true, usage: 'Merge the full hierarchy of kubeconfig files' },
    { name: 'minify', type: 'bool', usage: 'Remove all information not used by current-context from the output' },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      default: 'yaml',
      usage:
        'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
    },
    { name: 'raw', type: 'bool', usage: 'Display raw byte data and sensitive data' },
    { name: 'show-managed-fields', type: 'bool', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    TEMPLATE_FLAG,
  ],
  run(ctx, args) {
    if (args.positional.length > 0) {
      throw new CommandError(`error: unexpected arguments: [${args.positional.join(' ')}]\nSee 'kubectl config view -h' for help and examples`);
    }
    const flatten = args.flags.flatten === true;
    const config = viewedConfig(ctx.kubeconfig, args, {
      // --flatten embeds the files a kubeconfig refers to, and shows the data it embeds.
      raw: args.flags.raw === true || flatten,
      minify: args.flags.minify === true,
      flatten: flatten ? (path) => readEmbedded(ctx, path) : undefined,
    });
    ctx.io.out(printConfig(config, String(args.flags.output)));
    return 0;
  },
};

/** A file FlattenConfig reads, as base64; Go's open error when it is missing. */
function readEmbedded(ctx: CommandContext, path: string): string {
  if (ctx.fs.stat(path) !== 'file') throw new CommandError(`error: open ${path}: no such file or directory`);
  const bytes = new TextEncoder().encode(ctx.fs.readFile(path));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function printConfig(config: Record<string, unknown>, output: string): string {
  if (output === 'yaml') return toYaml(config);
  if (output === 'json') return toStructJson(config);
  const m = /^jsonpath=(.*)$/s.exec(output);
  if (m) return renderJsonPath(m[1], JSON.parse(JSON.stringify(config)));
  throw new CommandError(
    `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`,
  );
}

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
  usage: 'kubectl config SUBCOMMAND [options]',
  flags: [],
  completion: {
    subcommands: [
      'current-context',
      'delete-cluster',
      'delete-context',
      'delete-user',
      'get-clusters',
      'get-contexts',
      'get-users',
      'rename-context',
      'set',
      'set-cluster',
      'set-context',
      'set-credentials',
      'unset',
      'use-context',
      'view',
    ],
    args: 'none',
  },
  subcommands: [
    currentContextCommand,
    deleteClusterCommand,
    deleteContextCommand,
    deleteUserCommand,
    nameListCommand('get-clusters', 'clusters', clustersOf),
    getContextsCommand,
    nameListCommand('get-users', 'users', usersOf),
    renameContextCommand,
    setPropertyCommand,
    setClusterCommand,
    setContextCommand,
    setCredentialsCommand,
    unsetPropertyCommand,
    useContextCommand,
    viewCommand,
  ],
  run(ctx, args) {
    const [sub] = args.positional;
    if (sub === undefined) {
      // kubectl's DefaultSubCommandRun: the help goes to stderr and the exit code is 1.
      ctx.io.err(commandHelp(configCommand, 'config'));
      return 1;
    }
    throw new CommandError(`error: unknown command "${sub}"\nSee 'kubectl config -h' for help and examples`);
  },
};
