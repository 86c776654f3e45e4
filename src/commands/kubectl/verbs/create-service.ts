/**
 * `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME` (pkg/cmd/create/
 * create_service.go, v1.31): a Service labelled and selecting `app=NAME`, one TCP port per
 * `--tcp=port[:targetPort]` (named `port-targetPort`), `--clusterip` (`None` makes it headless),
 * `--node-port` on every port of a NodePort service, `--external-name` for ExternalName.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../../engine/api/validation.ts';
import type { ParsedArgs } from '../../flags.ts';
import { CommandError, type Command, type CommandContext } from '../../types.ts';
import { generatedMeta, generatorCommand, groupCommand, nameFromArgs } from './create-generator.ts';

type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** --tcp is a StringSlice: every occurrence, split at commas; `--tcp=` gives none. */
function tcpSpecs(args: ParsedArgs): string[] {
  return ((args.flags.tcp as string[] | undefined) ?? []).flatMap((v) => (v === '' ? [] : v.split(',')));
}

/** utilsnet.ParsePort with zero allowed: strconv.ParseUint(s, 10, 16) and its errors. */
function parsePort(text: string): number {
  if (!/^\d+$/.test(text)) throw new CommandError(`error: strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const port = Number(text);
  if (port > 65535) throw new CommandError(`error: strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return port;
}

/** The target port: a number (strconv.Atoi) in 1..65535, or else an IANA port name. */
function parseTargetPort(text: string): number | string {
  if (/^[+-]?\d+$/.test(text) && Math.abs(Number(text)) <= Number.MAX_SAFE_INTEGER) {
    const n = Number(text);
    const errs = isValidPortNum(n);
    if (errs.length > 0) throw new CommandError(`error: ${errs.join(',')}`);
    return n;
  }
  const errs = isValidPortName(text);
  if (errs.length > 0) throw new CommandError(`error: ${errs.join(',')}`);
  return text;
}

/** parsePorts over every --tcp, as ServicePorts in struct order. */
function servicePorts(specs: readonly string[], nodePort: number): Record<string, unknown>[] {
  return specs.map((spec) => {
    const parts = spec.split(':');
    const port = parsePort(parts[0]);
    const targetPort = parts.length === 1 ? port : parseTargetPort(parts[1]);
    const p: Record<string, unknown> = { name: spec.replaceAll(':', '-'), protocol: 'TCP', port, targetPort };
    if (nodePort !== 0) p.nodePort = nodePort;
    return p;
  });
}

/** ServiceOptions.Validate */
function validate(type: ServiceType, clusterIP: string, tcp: readonly string[], externalName: string): void {
  if (clusterIP === 'None' && type !== 'ClusterIP') throw new CommandError('error: ClusterIP=None can only be used with ClusterIP service type');
  if (clusterIP !== 'None' && tcp.length === 0 && type !== 'ExternalName') throw new CommandError('error: at least one tcp port specifier must be provided');
  if (type === 'ExternalName' && isDNS1123Subdomain(externalName).length > 0) throw new CommandError(`error: invalid service external name ${externalName}`);
}

function serviceGenerator(type: ServiceType, path: string) {
  return (_ctx: CommandContext, args: ParsedArgs, names: string[]): KObject => {
    const name = nameFromArgs(names, path);
    const clusterIP = String(args.flags.clusterip ?? '');
    const externalName = String(args.flags['external-name'] ?? '');
    const tcp = tcpSpecs(args);
    validate(type, clusterIP, tcp, externalName);
    const spec: Record<string, unknown> = {};
    const ports = servicePorts(tcp, Number(args.flags['node-port'] ?? 0));
    if (ports.length > 0) spec.ports = ports;
    spec.selector = { app: name };
    if (clusterIP !== '') spec.clusterIP = clusterIP;
    spec.type = type;
    if (externalName !== '') spec.externalName = externalName;
    return { kind: 'Service', apiVersion: 'v1', metadata: generatedMeta(name, args, { app: name }), spec, status: { loadBalancer: {} } };
  };
}

function serviceSubcommand(sub: string, type: ServiceType, short: string, required?: string[]): Command {
  const path = `service ${sub}`;
  return generatorCommand({ path, short, required, failure: `${type} service`, ignoresSaveConfig: true, build: serviceGenerator(type, path) });
}

/** `kubectl create service` (alias svc) and its four children. */
export const serviceCommand = groupCommand(
  {
    name: 'service',
    aliases: ['svc'],
    short: 'Create a service using a specified subcommand',
    long: 'Create a service using a specified subcommand.',
    usage: 'kubectl create service [flags] [options]',
  },
  [
    serviceSubcommand('clusterip', 'ClusterIP', 'Create a ClusterIP service'),
    serviceSubcommand('externalname', 'ExternalName', 'Create an ExternalName service', ['external-name']),
    serviceSubcommand('loadbalancer', 'LoadBalancer', 'Create a LoadBalancer service'),
    serviceSubcommand('nodeport', 'NodePort', 'Create a NodePort service'),
  ],
);
