/**
 * Legacy discovery documents for the kinds Podlab registers (RESOURCE_TYPES): what a v1.31 API
 * server answers at /version, /api, /api/v1, /apis and /apis/GROUP/VERSION.
 */
import { RESOURCE_TYPES, type ResourceType } from '../../src/engine/api/resources.ts';

/** A discovery document to send for a request path. */
export interface DiscoveryPath {
  body: Record<string, unknown>;
}

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** /version of a v1.31 server. */
const VERSION = {
  major: '1',
  minor: '31',
  gitVersion: 'v1.31.0',
  gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
  gitTreeState: 'clean',
  buildDate: '2024-08-13T07:28:49Z',
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** group/version strings per group, preferred (stored) version first, groups in discovery order. */
function groupVersions(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const rt of RESOURCE_TYPES) {
    if (rt.group === '') continue;
    const versions = groups.get(rt.group) ?? [];
    for (const v of [rt.version, ...rt.otherApiVersions.map((gv) => gv.split('/')[1])]) if (!versions.includes(v)) versions.push(v);
    groups.set(rt.group, versions);
  }
  return groups;
}

function resourceEntry(rt: ResourceType): Record<string, unknown> {
  return {
    name: rt.plural,
    singularName: rt.singular,
    namespaced: rt.namespaced,
    kind: rt.kind,
    verbs: VERBS,
    ...(rt.shortNames.length ? { shortNames: rt.shortNames } : {}),
    ...(rt.categories.length ? { categories: rt.categories } : {}),
  };
}

function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  const groupVersion = group ? `${group}/${version}` : version;
  const kinds = RESOURCE_TYPES.filter((rt) => rt.group === group && (rt.version === version || rt.otherApiVersions.includes(groupVersion)));
  if (kinds.length === 0) return undefined;
  const resources = kinds.flatMap((rt) => [resourceEntry(rt), ...(rt.hasStatus ? [statusEntry(rt)] : []), ...scaleEntry(rt)]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

function statusEntry(rt: ResourceType): Record<string, unknown> {
  return { name: `${rt.plural}/status`, singularName: '', namespaced: rt.namespaced, kind: rt.kind, verbs: ['get', 'patch', 'update'] };
}

/** Kinds with a scale subresource (autoscaling/v1 Scale), which `kubectl autoscale` looks for. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

function scaleEntry(rt: ResourceType): Record<string, unknown>[] {
  if (!SCALABLE.has(rt.kind)) return [];
  return [{ name: `${rt.plural}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] }];
}

function groupList(): Record<string, unknown> {
  const groups = [...groupVersions()].map(([name, versions]) => {
    const list = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
    return { name, versions: list, preferredVersion: list[0] };
  });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** The discovery document for a path, or undefined when the path is not a discovery path. */
export function discoveryPath(path: string): DiscoveryPath | undefined {
  const p = path.replace(/\/$/, '');
  if (p === '/version') return { body: VERSION };
  if (p === '/api') return { body: { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '172.18.0.2:6443' }] } };
  if (p === '/api/v1') return wrap(resourceList('', 'v1'));
  if (p === '/apis') return { body: groupList() };
  const m = /^\/apis\/([^/]+)\/([^/]+)$/.exec(p);
  return m ? wrap(resourceList(m[1], m[2])) : undefined;
}

function wrap(body: Record<string, unknown> | undefined): DiscoveryPath | undefined {
  return body ? { body } : undefined;
}
