/**
 * `kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP]
 * [--target-port=number-or-name] [--name=name] [--type=type] ...` as kubectl v1.31 does it
 * (pkg/cmd/expose and polymorphichelpers): a Service for a Pod, Service, ReplicationController,
 * Deployment or ReplicaSet, whose selector, ports, protocols and labels are taken from that object
 * unless given. Several ports are named `port-1`, `port-2`...; the target port is the port unless
 * `--target-port` says otherwise. `--overrides` patches the generated Service before it is sent
 * (expose-overrides.ts). Prints `service/NAME exposed`.
 */
import { resourceForKind, type ResourceType } from '../../../engine/api/resources.ts';
import type { KObject } from '../../../engine/api/types.ts';
import type { FlagSpec, ParsedArgs } from '../../flags.ts';
import { typedJson } from '../../printers/typed-json.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { addSourceToErr, printErrors } from '../errors.ts';
import { readManifests } from '../manifests.ts';
import { LAST_APPLIED_ANNOTATION } from '../last-applied.ts';
import { outputFlagsFrom } from '../output.ts';
import { parseResourceArgs, resolveType } from '../resources.ts';
import { DRY_RUN_FLAG, dryRunMode, dryRunSuffix, podSpecOf } from './common.ts';
import { applyOverrides, OVERRIDE_FLAGS } from './expose-overrides.ts';
import { filenameOptionFlags, ObjectPrinter, PRINT_FLAGS, printerFormat, refuseKustomize } from './metadata-edit.ts';
import { NO_RESOURCES } from './targets.ts';

const USAGE_HINT = "\nSee 'kubectl expose -h' for help and examples";
/** validation.DNS1035LabelMaxLength: longer names are cut to it. */
const MAX_NAME_LENGTH = 63;

const str = (name: string, usage: string, short?: string): FlagSpec => ({ name, type: 'string', default: '', usage, ...(short ? { short } : {}) });

const FLAGS: FlagSpec[] = [
  str('protocol', "The network protocol for the service to be created. Default is 'TCP'."),
  str('port', 'The port that the service should serve on. Copied from the resource being exposed, if unspecified'),
  str('type', "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."),
  str('load-balancer-ip', 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).'),
  str('selector', 'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)'),
  str('labels', 'Labels to apply to the service created by this call.', 'l'),
  str('target-port', 'Name or number for the port on the container that the service should direct traffic to. Optional.'),
  str('external-ip', 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.'),
  str('name', 'The name for the newly created object.'),
  str('session-affinity', "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"),
  str('cluster-ip', "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
  // Podlab's store keeps no managedFields, so the manager's name has nothing to be recorded in.
  { name: 'field-manager', type: 'string', default: 'kubectl-expose', usage: 'Name of the manager used to track field ownership.' },
  {
    name: 'save-config',
    type: 'bool',
    default: false,
    usage:
      'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
  },
  ...PRINT_FLAGS,
  ...filenameOptionFlags('identifying the resource to expose a service'),
  DRY_RUN_FLAG,
  ...OVERRIDE_FLAGS,
];

const EXPOSE_LONG = `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`;

const EXPOSE_EXAMPLES = `# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
kubectl expose rc nginx --port=80 --target-port=8000

# Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000
kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000

# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
kubectl expose pod valid-pod --port=444 --name=frontend

# Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https

# Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream

# Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
kubectl expose rs nginx --port=80 --target-port=8000

# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
kubectl expose deployment nginx --port=80 --target-port=8000`;

export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: EXPOSE_LONG,
  examples: EXPOSE_EXAMPLES,
  usage: 'kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: FLAGS,
  run: runExpose,
};

const usageError = (msg: string): CommandError => new CommandError(`error: ${msg}${USAGE_HINT}`);

/** The objects to expose: from -f, or `TYPE NAME` / `TYPE/NAME`. */
function sources(ctx: CommandContext, args: ParsedArgs, namespace: string, errors: unknown[]): { rt: ResourceType; object: KObject; source: string }[] {
  const filenames = args.flags.filename as string[];
  if (filenames.length > 0) {
    const m = readManifests(ctx.fs, filenames, args.flags.recursive === true, ctx.stdin);
    errors.push(...m.errors);
    const found: { rt: ResourceType; object: KObject; source: string }[] = [];
    for (const o of m.objects) {
      try {
        found.push({ rt: o.rt, object: ctx.sim.store.get(o.rt, o.object.metadata?.namespace ?? namespace, o.object.metadata?.name ?? ''), source: o.source });
      } catch (e) {
        errors.push(e);
      }
    }
    return found;
  }
  if (args.positional.length === 0) throw new CommandError(`${NO_RESOURCES}${USAGE_HINT}`);
  const sel = parseResourceArgs(args.positional);
  if (sel.names.length === 0) throw usageError('resource(s) were provided, but no name was specified');
  const found: { rt: ResourceType; object: KObject; source: string }[] = [];
  for (const { type, name } of sel.names) {
    try {
      found.push({ rt: type, object: ctx.sim.store.get(type, namespace, name), source: '' });
    } catch (e) {
      errors.push(e);
    }
  }
  return found;
}

function runExpose(ctx: CommandContext, args: ParsedArgs): number {
  const dryRun = dryRunMode(ctx, args);
  const namespace = (args.flags.namespace as string | undefined) || 'default';
  // The printer is built before anything is read (Complete), so a bad -o fails first.
  const format = printerFormat(String(args.flags.output), outputFlagsFrom(ctx.fs, args.flags));
  refuseKustomize(args);
  const printer = new ObjectPrinter(ctx.io);
  const errors: unknown[] = [];
  for (const { rt, object, source } of sources(ctx, args, namespace, errors)) {
    let service: KObject;
    try {
      service = buildService(object, rt, args);
      if (String(args.flags.overrides) !== '') service = applyOverrides(args, typedOrder(service));
    } catch (e) {
      if (e instanceof CommandError) throw e;
      errors.push(e);
      continue;
    }
    // util.CreateOrUpdateAnnotation runs on the object as generated, without a namespace.
    const annotated = dryRun !== 'client' && args.flags['save-config'] === true ? withSavedConfig(service) : service;
    if (args.set.has('namespace')) annotated.metadata.namespace = namespace;
    let result: KObject = annotated;
    if (dryRun !== 'client') {
      try {
        const { creationTimestamp: _unset, ...metadata } = annotated.metadata;
        result = ctx.sim.store.create({ ...annotated, metadata }, { namespace, dryRun: dryRun === 'server' });
      } catch (e) {
        errors.push(addSourceToErr('creating', source, e));
        continue;
      }
    }
    const resultType = resourceForKind(result.apiVersion ?? '', result.kind ?? '') ?? resolveType('services');
    // kubectl prints the typed Service it built or got back: JSON in Go struct order.
    if (format?.kind === 'json') ctx.io.out(typedJson(resultType.kind, result));
    else printer.print(format, resultType, result, `exposed${dryRunSuffix(dryRun)}`);
  }
  return printErrors(ctx.io, errors);
}

/** canBeExposed */
function checkExposable(rt: ResourceType): void {
  const ok = rt.group === '' ? ['Pod', 'Service', 'ReplicationController'].includes(rt.kind) : rt.group === 'apps' && ['Deployment', 'ReplicaSet'].includes(rt.kind);
  if (!ok) throw new CommandError(`error: cannot expose a ${rt.group ? `${rt.kind}.${rt.group}` : rt.kind}`);
}

/** MakeLabels: `k=v,k2=v2` in sorted key order. */
const makeLabels = (m: Readonly<Record<string, string>>): string =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');

/** MapBasedSelectorForObject */
function selectorFor(obj: KObject): string {
  const spec = (obj.spec ?? {}) as Record<string, unknown>;
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata.labels ?? {};
      if (Object.keys(labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return makeLabels(labels);
    }
    case 'Service':
      if (!spec.selector) throw new Error('the service has no pod selector set');
      return makeLabels(spec.selector as Record<string, string>);
    case 'ReplicationController':
      return makeLabels((spec.selector ?? {}) as Record<string, string>);
    default: {
      const sel = (spec.selector ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
      if ((sel.matchExpressions ?? []).length > 0) {
        throw new Error(`couldn't convert expressions - "${JSON.stringify(sel.matchExpressions)}" to map-based selector format`);
      }
      return makeLabels(sel.matchLabels ?? {});
    }
  }
}

/** PortsForObject, and the protocols of each port (MultiProtocolsForObject). */
function portsFor(obj: KObject): { ports: string[]; protocols: Map<string, string[]> } {
  const protocols = new Map<string, string[]>();
  const ports: string[] = [];
  const add = (port: number, protocol: string | undefined): void => {
    const p = String(port);
    ports.push(p);
    protocols.set(p, [...(protocols.get(p) ?? []), protocol || 'TCP']);
  };
  if (obj.kind === 'Service') {
    for (const p of ((obj.spec as { ports?: { port: number; protocol?: string }[] }).ports ?? [])) add(p.port, p.protocol);
  } else {
    for (const c of podSpecOf(obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  }
  return { ports, protocols };
}

/** parseLabels: `k=v,k2=v2` into a map. */
function parseLabels(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const [k, v, extra] = pair.split('=');
    if (v === undefined || extra !== undefined || k === '') throw new CommandError(`error: invalid label spec: ${pair}`);
    out[k] = v;
  }
  return out;
}

/** The Service's ports: from --port, else the object's ports (createService). */
function servicePorts(obj: KObject, args: ParsedArgs): Record<string, unknown>[] {
  const headless = args.flags['cluster-ip'] === 'None';
  let portStrings = String(args.flags.port) === '' ? [] : [String(args.flags.port)];
  const derived = portsFor(obj);
  if (portStrings.length === 0) {
    if (derived.ports.length === 0 && !headless) throw usageError("couldn't find port via --port flag or introspection");
    portStrings = derived.ports;
  }
  const flagProtocol = String(args.flags.protocol);
  const ports: Record<string, unknown>[] = [];
  portStrings.forEach((ps, i) => {
    const port = Number(ps);
    if (!/^-?\d+$/.test(ps)) throw new CommandError(`error: strconv.Atoi: parsing "${ps}": invalid syntax`);
    const name = portStrings.length > 1 ? `port-${i + 1}` : '';
    let protocol = flagProtocol;
    const exposed = derived.protocols.get(ps);
    if (protocol === '') {
      protocol = 'TCP';
      if (exposed && exposed.length === 1) protocol = exposed[0];
      else if (exposed && exposed.length > 1) {
        for (const p of exposed) ports.push({ name: `port-${i + 1}-${p.toLowerCase()}`, port, protocol: p });
        return;
      }
    }
    ports.push({ ...(name ? { name } : {}), port, protocol });
  });
  const target = String(args.flags['target-port']);
  for (const p of ports) p.targetPort = target === '' ? p.port : /^\d+$/.test(target) ? Number(target) : target;
  return ports;
}

/** createService: the Service kubectl sends. */
function buildService(obj: KObject, rt: ResourceType, args: ParsedArgs): KObject {
  checkExposable(rt);
  let selector = String(args.flags.selector);
  if (selector === '') {
    try {
      selector = selectorFor(obj);
    } catch (e) {
      throw usageError(`couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  const labelsFlag = String(args.flags.labels);
  const labels = labelsFlag !== '' ? parseLabels(labelsFlag) : obj.metadata.labels && Object.keys(obj.metadata.labels).length > 0 ? { ...obj.metadata.labels } : undefined;
  const name = String(args.flags.name) || (obj.metadata.name ?? '').slice(0, MAX_NAME_LENGTH);
  const spec: Record<string, unknown> = { ports: servicePorts(obj, args), selector: parseLabels(selector) };
  if (args.flags['external-ip']) spec.externalIPs = [String(args.flags['external-ip'])];
  if (args.flags.type) spec.type = String(args.flags.type);
  if (spec.type === 'LoadBalancer' && args.flags['load-balancer-ip']) spec.loadBalancerIP = String(args.flags['load-balancer-ip']);
  const affinity = String(args.flags['session-affinity']);
  if (affinity !== '') {
    if (affinity !== 'None' && affinity !== 'ClientIP') throw new CommandError(`error: unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  if (args.flags['cluster-ip']) spec.clusterIP = String(args.flags['cluster-ip']);
  // What kubectl's client-side object looks like before the API server fills it in.
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null as unknown as string, ...(labels ? { labels } : {}), name },
    spec,
    status: { loadBalancer: {} },
  };
}

/** Keys in the order the typed v1 Service struct encodes them (what --save-config records). */
const GO_ORDER: Record<string, readonly string[]> = {
  service: ['kind', 'apiVersion', 'metadata', 'spec', 'status'],
  metadata: ['name', 'namespace', 'creationTimestamp', 'labels', 'annotations'],
  spec: ['ports', 'selector', 'clusterIP', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP'],
  port: ['name', 'protocol', 'port', 'targetPort'],
};

function ordered(obj: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** The generated Service with its keys in the order the typed v1 Service struct encodes them. */
function typedOrder(service: KObject): KObject {
  const spec = (service.spec ?? {}) as Record<string, unknown>;
  const ports = ((spec.ports ?? []) as Record<string, unknown>[]).map((p) => ordered(p, GO_ORDER.port));
  return ordered(
    { ...service, metadata: ordered(service.metadata as Record<string, unknown>, GO_ORDER.metadata), spec: ordered({ ...spec, ports }, GO_ORDER.spec) },
    GO_ORDER.service,
  ) as KObject;
}

/** util.CreateOrUpdateAnnotation: the generated Service's own JSON in the last-applied annotation. */
function withSavedConfig(service: KObject): KObject {
  const json = JSON.stringify(service.kind === 'Service' && service.apiVersion === 'v1' ? typedOrder(service) : service);
  return { ...service, metadata: { ...service.metadata, annotations: { [LAST_APPLIED_ANNOTATION]: `${json}\n` } } };
}
