/**
 * `kubectl run NAME --image=IMAGE [-- ARGS...]` (pkg/cmd/run/run.go and the run-pod/v1 generator
 * in pkg/generate/versioned/run.go, v1.31): one Pod whose single container is named after the
 * pod, labelled `run=NAME` unless --labels says otherwise, with dnsPolicy ClusterFirst and the
 * --restart policy; extra words become the container's args (its command with --command);
 * --overrides patches the generated object; --expose adds a ClusterIP Service.
 *
 * Attaching (-i, --attach, and -t, with --rm): Podlab's terminal is not a TTY and cannot stream a
 * session into a container, so kubectl's own non-interactive paths are taken. -t prints kubectl's
 * "Unable to use a TTY" notice; kubectl waits for the pod to run (simulated time moves forward,
 * up to --pod-running-timeout); a pod that already finished has its log printed, a running one
 * cannot be attached to and falls back, as kubectl does, to printing its log so far. With
 * --restart=Never|OnFailure kubectl then waits for the pod to finish and exits with the
 * container's exit code; --rm deletes the pod at the end (`pod "NAME" deleted`). A student who
 * wants a shell runs `kubectl exec` into the pod instead.
 */
import type { KObject, Pod } from '../../../engine/api/types.ts';
import { applyPatch, PatchError, type PatchType } from '../../../engine/api/patch.ts';
import { isEnvVarName } from '../../../engine/api/validation.ts';
import { isPodReady } from '../../../engine/components/controllers/util.ts';
import { parseFlags, type FlagSpec, type ParsedArgs } from '../../flags.ts';
import { parseGoDuration } from '../../go-duration.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { parseOutputFormat } from '../output.ts';
import { printErrors } from '../errors.ts';
import { GLOBAL_FLAGS } from '../registry.ts';
import { kindQuotedName, resolveType } from '../resources.ts';
import { dryRunMode, type DryRun } from './common.ts';
import { checkRequiredFlags, generatedMeta, printCreated } from './create-generator.ts';
import { logsCommand } from './logs.ts';

/** `kubectl run --help` as kubectl v1.31 prints it (tests/unit/commands/help/run.txt). */
const RUN_HELP: { long: string; examples: string; usage: string; flags: FlagSpec[] } = {
    long: 'Create and run a particular image in a pod.',
    examples: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
kubectl run nginx --image=nginx --dry-run=client

# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
    usage: 'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
    flags: [
      { name: 'allow-missing-template-keys', type: 'bool', default: true, usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
      { name: 'annotations', type: 'strings', default: [], usage: 'Annotations to apply to the pod.' },
      { name: 'attach', type: 'bool', default: false, usage: `If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.` },
      { name: 'cascade', type: 'string', default: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
      { name: 'command', type: 'bool', default: false, usage: `If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.` },
      { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.' },
      { name: 'env', type: 'strings', default: [], usage: 'Environment variables to set in the container.' },
      { name: 'expose', type: 'bool', default: false, usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
      { name: 'field-manager', type: 'string', default: 'kubectl-run', usage: 'Name of the manager used to track field ownership.' },
      { name: 'filename', short: 'f', type: 'strings', default: [], usage: 'to use to replace the resource.' },
      { name: 'force', type: 'bool', default: false, usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
      { name: 'grace-period', type: 'int', default: -1, usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
      { name: 'image', type: 'string', default: '', usage: 'The image for the container to run.' },
      { name: 'image-pull-policy', type: 'string', default: '', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
      { name: 'kustomize', short: 'k', type: 'string', default: '', usage: `Process a kustomization directory. This flag can't be used together with -f or -R.` },
      { name: 'labels', short: 'l', type: 'string', default: '', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
      { name: 'leave-stdin-open', type: 'bool', default: false, usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
      { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
      { name: 'override-type', type: 'string', default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
      { name: 'overrides', type: 'string', default: '', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
      { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
      { name: 'port', type: 'string', default: '', usage: 'The port that this container exposes.' },
      { name: 'privileged', type: 'bool', default: false, usage: 'If true, run the container in privileged mode.' },
      { name: 'quiet', short: 'q', type: 'bool', default: false, usage: 'If true, suppress prompt messages.' },
      { name: 'recursive', short: 'R', type: 'bool', default: false, usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
      { name: 'restart', type: 'string', default: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].' },
      { name: 'rm', type: 'bool', default: false, usage: `If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.` },
      { name: 'save-config', type: 'bool', default: false, usage: 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.' },
      { name: 'show-managed-fields', type: 'bool', default: false, usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
      { name: 'stdin', short: 'i', type: 'bool', default: false, usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
      { name: 'template', type: 'string', default: '', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
      { name: 'timeout', type: 'duration', default: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
      { name: 'tty', short: 't', type: 'bool', default: false, usage: 'Allocate a TTY for the container in the pod.' },
      { name: 'wait', type: 'bool', default: false, usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
    ],
  };

export const runCommand: Command = {
  name: 'run',
  short: 'Run a particular image on the cluster',
  ...RUN_HELP,
  completion: { args: 'none' },
  run: runRun,
};

/** cmdutil.UsageErrorf for `kubectl run`. */
function usageError(message: string): CommandError {
  return new CommandError(`error: ${message}\nSee 'kubectl run -h' for help and examples`);
}

/** What Validate settles: whether to attach, and the restart policy it waits by. */
interface RunPlan {
  name: string;
  args: string[];
  attach: boolean;
  restartPolicy: string;
  dryRun: DryRun;
  timeoutMs: number;
}

function runRun(ctx: CommandContext, args: ParsedArgs): number {
  const timeoutMs = durationFlag(args, 'pod-running-timeout');
  checkRequiredFlags(args, ['image']);
  // ToOptions: the dry-run strategy and the printer come before Validate.
  const dryRun = dryRunMode(ctx, args);
  checkPrinter(String(args.flags.output));
  const plan = validate(args, dryRun, timeoutMs);
  const pod = applyOverrides(args, podFor(args, plan));
  const created = createObject(ctx, args, pod, dryRun);
  // generateService prints the Service as soon as it is created, before the pod is printed.
  const others: KObject[] = [];
  const errors: unknown[] = [];
  if (args.flags.expose === true) {
    try {
      others.push(createObject(ctx, args, serviceFor(args, plan), dryRun));
      printCreated(ctx, args, resolveType('Service'), others[0], dryRun, dryRun === 'client');
      // kubectl's generateService writes a separator, and so does the pod's YAML printer (recorded: two).
      if (String(args.flags.output) === 'yaml') ctx.io.out('---\n---\n');
    } catch (e) {
      // The pod stays created; the Service's error is reported after it, as an aggregate.
      errors.push(e);
    }
  }
  if (plan.attach) return attach(ctx, args, plan, created, others);
  printCreated(ctx, args, resolveType('Pod'), created, dryRun, dryRun === 'client');
  return printErrors(ctx.io, errors);
}

/** A Duration flag (the parser has checked it) in milliseconds. */
function durationFlag(args: ParsedArgs, name: string): number {
  return parseGoDuration(String(args.flags[name]));
}

function checkPrinter(output: string): void {
  if (output !== '' && parseOutputFormat(output).kind === 'table') {
    throw new CommandError(
      `error: unable to match a printer suitable for the output format "${output}", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml`,
    );
  }
}

/** RunOptions.Validate, in its order. */
function validate(args: ParsedArgs, dryRun: DryRun, timeoutMs: number): RunPlan {
  const words = [...args.positional, ...args.rest];
  if (words.length === 0) throw usageError('NAME is required for run');
  const image = String(args.flags.image);
  if (image === '') throw new CommandError('error: --image is required');
  if (!isImageReference(image)) throw new CommandError(`error: Invalid image name ${JSON.stringify(image)}: invalid reference format`);
  const stdin = args.flags.stdin === true;
  if (args.flags.tty === true && !stdin) throw usageError('-i/--stdin is required for containers with -t/--tty=true');
  if (args.flags.expose === true && String(args.flags.port) === '') throw usageError('--port must be set when exposing a service');
  const restartPolicy = restartPolicyOf(String(args.flags.restart), stdin);
  // --attach defaults to true with -i.
  const attach = args.set.has('attach') ? args.flags.attach === true : stdin;
  if (!attach && args.flags.rm === true) throw usageError('--rm should only be used for attached containers');
  if (attach && dryRun !== 'none') throw usageError("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  const pull = String(args.flags['image-pull-policy']);
  if (!['', 'Always', 'IfNotPresent', 'Never'].includes(pull)) throw usageError(`invalid image pull policy: ${pull}`);
  return { name: words[0], args: words.slice(1), attach, restartPolicy, dryRun, timeoutMs };
}

/** getRestartPolicy: empty means OnFailure with -i, else Always. */
function restartPolicyOf(restart: string, interactive: boolean): string {
  if (restart === '') return interactive ? 'OnFailure' : 'Always';
  if (['Always', 'OnFailure', 'Never'].includes(restart)) return restart;
  throw usageError(`invalid restart policy: ${restart}`);
}

/** docker/distribution's ReferenceRegexp: [domain[:port]/]name[/name...][:tag][@digest]. */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*';
const DOMAIN = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?';
const REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

function isImageReference(image: string): boolean {
  return REFERENCE.test(image);
}

/** generate.ParseLabels: `k=v,k2=v2`. */
function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const item of spec.split(',')) {
    const parts = item.split('=');
    if (parts.length !== 2) throw new CommandError(`error: unexpected label spec: ${item}`);
    if (parts[0] === '') throw new CommandError('error: unexpected empty label key');
    labels[parts[0]] = parts[1];
  }
  return labels;
}

/** cmdutil.ParsePairs for --annotations: `k=v` each. */
function parseAnnotations(items: readonly string[]): Record<string, string> | undefined {
  if (items.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CommandError(`error: invalid annotations: ${JSON.stringify(item)}`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

/** parseEnvs: `NAME=value`, NAME a valid variable name. */
function parseEnvs(items: readonly string[]): { name: string; value: string }[] {
  return items.map((item) => {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq);
    if (name === '' || isEnvVarName(name).length > 0) throw new CommandError(`error: invalid env: ${item}`);
    return { name, value: item.slice(eq + 1) };
  });
}

/**
 * The generator's `strconv.Atoi(port)` (recorded: `--port=http` fails with Atoi's wording); a
 * number out of the port range is left to the API server's validation of containerPort.
 */
function parsePort(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new CommandError(`error: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  const n = BigInt(text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw new CommandError(`error: strconv.Atoi: parsing ${JSON.stringify(text)}: value out of range`);
  return Number(n);
}

/** The BasicPod generator, fields in struct order. */
function podFor(args: ParsedArgs, plan: RunPlan): KObject {
  const labelSpec = String(args.flags.labels);
  const labels = labelSpec === '' ? { run: plan.name } : parseLabels(labelSpec);
  const metadata = generatedMeta(plan.name, args, labels);
  const annotations = parseAnnotations((args.flags.annotations as string[] | undefined) ?? []);
  if (annotations) metadata.annotations = annotations;
  const container: Record<string, unknown> = { name: plan.name, image: String(args.flags.image) };
  if (plan.args.length > 0) container[args.flags.command === true ? 'command' : 'args'] = plan.args;
  const port = String(args.flags.port);
  if (port !== '') container.ports = [{ containerPort: parsePort(port) }];
  const env = parseEnvs((args.flags.env as string[] | undefined) ?? []);
  if (env.length > 0) container.env = env;
  container.resources = {};
  const pull = String(args.flags['image-pull-policy']);
  if (pull !== '') container.imagePullPolicy = pull;
  if (args.flags.privileged === true) container.securityContext = { privileged: true };
  const stdin = args.flags.stdin === true;
  if (stdin) container.stdin = true;
  if (stdin && args.flags['leave-stdin-open'] !== true) container.stdinOnce = true;
  if (args.flags.tty === true) container.tty = true;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata,
    spec: { containers: [container], restartPolicy: String(args.flags.restart) || 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

/** Overrider.Apply: --overrides patched onto the generated object by --override-type. */
function applyOverrides(args: ParsedArgs, obj: KObject): KObject {
  const overrides = String(args.flags.overrides);
  if (overrides === '') return obj;
  const type = String(args.flags['override-type']);
  if (!['json', 'merge', 'strategic'].includes(type)) throw new CommandError(`error: invalid override type: ${type}`);
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    throw new CommandError(`error: error parsing overrides: invalid character in ${JSON.stringify(overrides)}`);
  }
  let out: unknown;
  try {
    out = applyPatch(obj, patch, type as PatchType);
  } catch (e) {
    if (e instanceof PatchError) throw new CommandError(`error: ${e.message}`);
    throw e;
  }
  // The patched JSON is decoded back into a Pod: it must be an object; a missing metadata is empty.
  if (out === null || typeof out !== 'object' || Array.isArray(out)) {
    throw new CommandError(`error: json: cannot unmarshal ${Array.isArray(out) ? 'array' : out === null ? 'null' : typeof out} into Go value of type v1.Pod`);
  }
  const pod = out as KObject;
  if (pod.metadata === null || typeof pod.metadata !== 'object') pod.metadata = {};
  return pod;
}

/** The service/v2 generator as `run --expose` calls it: the pod's labels select, the port twice. */
function serviceFor(args: ParsedArgs, plan: RunPlan): KObject {
  const labelSpec = String(args.flags.labels);
  const selector = labelSpec === '' ? { run: plan.name } : parseLabels(labelSpec);
  const port = Number(String(args.flags.port));
  const metadata = generatedMeta(plan.name, args, labelSpec === '' ? undefined : parseLabels(labelSpec));
  return {
    kind: 'Service',
    apiVersion: 'v1',
    metadata,
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector },
    status: { loadBalancer: {} },
  };
}

/** createGeneratedObject: the request to -n or `default`, unless --dry-run=client. */
function createObject(ctx: CommandContext, args: ParsedArgs, obj: KObject, dryRun: DryRun): KObject {
  if (dryRun === 'client') return obj;
  // -n, else the kubeconfig context's namespace (filled in by runKubectl), else default.
  const namespace = String(args.flags.namespace ?? '') || 'default';
  return ctx.sim.store.create(obj, { dryRun: dryRun === 'server', namespace });
}

/** The phase a pod has reached, read again from the store. */
function podNow(ctx: CommandContext, namespace: string, name: string): Pod | undefined {
  return ctx.sim.store.tryGet<Pod>('pods', namespace, name);
}

/** Runs simulated time forward, timer by timer, until `done` holds or the timeout passes. */
function waitFor(ctx: CommandContext, timeoutMs: number, done: () => boolean): boolean {
  const deadline = ctx.sim.now + timeoutMs;
  while (!done()) {
    const next = ctx.sim.kernel.nextTimerAt();
    if (next === undefined || next > deadline) {
      ctx.sim.advance(Math.max(0, deadline - ctx.sim.now));
      return done();
    }
    ctx.sim.advance(Math.max(0, next - ctx.sim.now));
  }
  return true;
}

const finished = (pod: Pod | undefined) => pod?.status?.phase === 'Succeeded' || pod?.status?.phase === 'Failed';

/** The attach path of RunOptions.Run, non-interactively (see the file comment). */
function attach(ctx: CommandContext, args: ParsedArgs, plan: RunPlan, created: KObject, others: KObject[]): number {
  const namespace = created.metadata.namespace ?? 'default';
  const name = created.metadata.name ?? plan.name;
  try {
    if (args.flags.tty === true) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    const runningOrDone = () => {
      const pod = podNow(ctx, namespace, name);
      return pod === undefined || finished(pod) || (pod.status?.phase === 'Running' && isPodReady(pod));
    };
    if (!waitFor(ctx, plan.timeoutMs, runningOrDone)) throw new CommandError('error: timed out waiting for the condition');
    const pod = podNow(ctx, namespace, name);
    if (pod === undefined) throw new CommandError(`Error from server (NotFound): pods "${name}" not found`);
    if (!finished(pod)) {
      ctx.io.err(`warning: couldn't attach to pod/${name}, falling back to streaming logs: Podlab's terminal cannot attach to a running container (use kubectl exec)\n`);
    }
    printLogs(ctx, namespace, name);
    return exitCodeAfterAttach(ctx, args, plan, namespace, name);
  } finally {
    if (args.flags.rm === true) removeCreated(ctx, [created, ...others]);
  }
}

/** logOpts: the container's log, as `kubectl logs NAME -n NAMESPACE` prints it. */
function printLogs(ctx: CommandContext, namespace: string, name: string): void {
  logsCommand.run(ctx, parseFlags([name, '-n', namespace], [...logsCommand.flags, ...GLOBAL_FLAGS]));
}

/** waitForExitCode: with Never or OnFailure, the pod's end decides the exit code. */
function exitCodeAfterAttach(ctx: CommandContext, args: ParsedArgs, plan: RunPlan, namespace: string, name: string): number {
  if (args.flags['leave-stdin-open'] === true || plan.restartPolicy === 'Always') return 0;
  const succeededOnly = plan.restartPolicy === 'OnFailure';
  const done = () => {
    const pod = podNow(ctx, namespace, name);
    return pod === undefined || (succeededOnly ? pod.status?.phase === 'Succeeded' : finished(pod));
  };
  if (!waitFor(ctx, plan.timeoutMs, done)) throw new CommandError('error: timed out waiting for the condition');
  const pod = podNow(ctx, namespace, name);
  if (pod === undefined) throw new CommandError('Error from server (NotFound): pods "" not found');
  if (pod.status?.phase === 'Succeeded') return 0;
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated as { exitCode?: number; reason?: string; message?: string } | undefined;
  const code = terminated?.exitCode ?? 0;
  if (code === 0) throw new CommandError(`error: pod ${namespace}/${name} failed with unknown exit code`);
  // A uexec.CodeExitError: checkErr prints its text as is and exits with the container's code.
  throw new CommandError(`pod ${namespace}/${name} terminated (${terminated?.reason ?? ''})\n${terminated?.message ?? ''}`, code);
}

/** removeCreatedObjects: each deleted as `kubectl delete` reports it. */
function removeCreated(ctx: CommandContext, objects: readonly KObject[]): void {
  for (const obj of objects) {
    const rt = resolveType(obj.kind);
    const namespace = obj.metadata.namespace ?? 'default';
    const name = obj.metadata.name ?? '';
    if (ctx.sim.store.tryGet(rt, namespace, name) === undefined) continue;
    ctx.sim.store.delete(rt, namespace, name);
    ctx.io.out(`${kindQuotedName(rt, name)} deleted\n`);
  }
}
