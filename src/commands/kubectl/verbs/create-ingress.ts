/**
 * `kubectl create ingress` (kubectl v1.31 pkg/cmd/create/create_ingress.go), `create
 * serviceaccount` and `create token` (create_serviceaccount.go, create_token.go). Ingress rules
 * are `host/path=service:port[,tls[=secret]]`: rules of one host share its paths, a trailing `*`
 * makes the path a Prefix, a numeric port is a number and any other a name, and the TLS entries
 * group hosts by secret. Ingresses are created through the store (create-generated.ts); service accounts
 * and tokens live in create-serviceaccount.ts.
 */
import type { KObject } from '../../../engine/api/types.ts';
import { CommandError } from '../../types.ts';
import { generatedMeta, nameFromArgs } from './create-generator.ts';
import { generatedKindCommand } from './create-generated.ts';

export { createServiceAccountCommand, createTokenCommand } from './create-serviceaccount.ts';

/** ruleRegex: host, a path from `/`, `=service:port`, then optionally `,tls[=secret]`. */
const RULE = /^(?<host>[\w*\-.]*)(?<path>\/[^,=\n]*)=(?<svc>[\w-]+):(?<port>[\w-]+)(,(?<tls>tls)=?(?<secret>[\w-]+)?)?$/;

export const createIngressCommand = generatedKindCommand({
  name: 'ingress',
  aliases: ['ing'],
  short: 'Create an ingress with the specified name',
  build(_ctx, args, names) {
    const name = nameFromArgs(names, 'ingress');
    const rules = args.flags.rule as string[];
    const annotations = args.flags.annotation as string[];
    const defaultBackend = String(args.flags['default-backend'] ?? '');
    validateIngress(rules, annotations, defaultBackend);
    const meta = generatedMeta(name, args) as Record<string, unknown>;
    const notes: Record<string, string> = {};
    for (const a of annotations) notes[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1);
    if (Object.keys(notes).length > 0) meta.annotations = notes;
    const cls = String(args.flags.class ?? '');
    const tls = tlsEntries(rules);
    const spec = {
      ingressClassName: cls !== '' ? cls : undefined,
      defaultBackend: defaultBackend !== '' ? backend(defaultBackend) : undefined,
      tls: tls.length > 0 ? tls : undefined,
      rules: rules.length > 0 ? ingressRules(rules) : undefined,
    };
    return { kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', metadata: meta, spec, status: { loadBalancer: {} } } as unknown as KObject;
  },
});

function validateIngress(rules: readonly string[], annotations: readonly string[], defaultBackend: string): void {
  if (defaultBackend === '' && rules.length === 0) {
    throw new CommandError(
      'error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)',
    );
  }
  for (const r of rules) {
    if (!RULE.test(r)) throw new CommandError(`error: rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  for (const a of annotations) if (!a.includes('=')) throw new CommandError(`error: annotation ${a} is invalid and should be in format key=[value]`);
  if (defaultBackend !== '' && defaultBackend.split(':').length !== 2) throw new CommandError('error: default-backend should be in format servicename:serviceport');
}

/** `svc:port`: a port that parses as an integer is a number, otherwise a port name. */
function backend(service: string): Record<string, unknown> {
  const [svc, port] = service.split(':');
  const num = /^-?\d+$/.test(port) ? Number(port) : undefined;
  return { service: { name: svc, port: num !== undefined ? { number: num } : { name: port } } };
}

function httpPath(pathsvc: string): Record<string, unknown> {
  const [p, service] = pathsvc.split('=');
  let path = `/${p}`;
  let pathType = 'Exact';
  if (path.endsWith('*')) {
    pathType = 'Prefix';
    path = path.slice(0, -1);
  }
  return { path, pathType, backend: backend(service) };
}

/** Rules in order; a host seen before gets the path added to its rule. */
function ingressRules(rules: readonly string[]): Record<string, unknown>[] {
  const out: { host?: string; http: { paths: Record<string, unknown>[] } }[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0];
    const slash = noTls.indexOf('/');
    const host = noTls.slice(0, slash);
    const path = httpPath(noTls.slice(slash + 1));
    const existing = out.find((r) => (r.host ?? '') === host);
    if (existing) existing.http.paths.push(path);
    else out.push({ host: host !== '' ? host : undefined, http: { paths: [path] } });
  }
  return out;
}

/** buildTLSRules: each host once, hosts sharing a secret in one entry. */
function tlsEntries(rules: readonly string[]): Record<string, unknown>[] {
  const seen = new Set<string>();
  const out: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const secretParts = parts[1].split('=');
    const secret = secretParts.length > 1 ? secretParts[1] : '';
    if (seen.has(host)) continue;
    const same = out.find((t) => (t.secretName ?? '') === secret);
    seen.add(host);
    if (same) {
      (same.hosts ??= []).push(host);
      continue;
    }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host !== '') entry.hosts = [host];
    if (secret !== '') entry.secretName = secret;
    if (entry.hosts || entry.secretName) out.push(entry);
  }
  return out;
}
