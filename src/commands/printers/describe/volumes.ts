/**
 * The Volumes block of `kubectl describe pod` (describe.go `describeVolumes` and the
 * `print<Source>VolumeSource` functions). Each source's first line is indented by the writer; its
 * following lines carry their own four spaces, as in kubectl's format strings.
 */
import { parseQ, qString } from './resources.ts';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, str, type PrefixWriter } from './writer.ts';

type Dict = Record<string, unknown>;

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isDict) : []);
const flag = (v: unknown): string => String(v === true);
/**
 * A projected source's `optional` as describe.go prints it: the *bool itself with %v, so `<nil>`
 * when unset (the usual case, kube-api-access included). A set one prints as a Go pointer address
 * on a real cluster, which cannot be reproduced; Podlab prints the value.
 */
const optionalPointer = (v: unknown): string => (v === undefined || v === null ? '<nil>' : String(v === true));

type SourcePrinter = (src: Dict, w: PrefixWriter) => void;

/** The sources in describe.go's switch order (the first one set wins). */
const SOURCES: [string, SourcePrinter][] = [
  [
    'hostPath',
    (s, w) => {
      const type = s.type === undefined || s.type === null ? '<none>' : str(s.type);
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(s.path)}\n    HostPathType:\t${type}\n`);
    },
  ],
  [
    'emptyDir',
    (s, w) => {
      const size = s.sizeLimit === undefined || s.sizeLimit === null ? undefined : parseQ(str(s.sizeLimit));
      const sizeLimit = size && size.nano > 0n ? qString(size) : '<unset>';
      w.write(
        LEVEL_2,
        `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(s.medium)}\n    SizeLimit:\t${sizeLimit}\n`,
      );
    },
  ],
  [
    'gitRepo',
    (s, w) =>
      w.write(
        LEVEL_2,
        `Type:\tGitRepo (a volume that is pulled from git when the pod is created)\n    Repository:\t${str(s.repository)}\n    Revision:\t${str(s.revision)}\n`,
      ),
  ],
  [
    'secret',
    (s, w) =>
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(s.secretName)}\n    Optional:\t${flag(s.optional)}\n`),
  ],
  [
    'configMap',
    (s, w) => w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(s.name)}\n    Optional:\t${flag(s.optional)}\n`),
  ],
  [
    'nfs',
    (s, w) =>
      w.write(
        LEVEL_2,
        `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(s.server)}\n    Path:\t${str(s.path)}\n    ReadOnly:\t${flag(s.readOnly)}\n`,
      ),
  ],
  [
    'persistentVolumeClaim',
    (s, w) =>
      w.write(
        LEVEL_2,
        `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(s.claimName)}\n    ReadOnly:\t${flag(s.readOnly)}\n`,
      ),
  ],
  [
    'downwardAPI',
    (s, w) => {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of list(s.items)) {
        if (isDict(item.fieldRef)) w.write(LEVEL_3, `${str(item.fieldRef.fieldPath)} -> ${str(item.path)}\n`);
        if (isDict(item.resourceFieldRef)) w.write(LEVEL_3, `${str(item.resourceFieldRef.resource)} -> ${str(item.path)}\n`);
      }
    },
  ],
  [
    'projected',
    (s, w) => {
      w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const src of list(s.sources)) {
        if (isDict(src.secret)) w.write(LEVEL_2, `SecretName:\t${str(src.secret.name)}\n    SecretOptionalName:\t${optionalPointer(src.secret.optional)}\n`);
        else if (isDict(src.downwardAPI)) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
        else if (isDict(src.configMap)) {
          w.write(LEVEL_2, `ConfigMapName:\t${str(src.configMap.name)}\n    ConfigMapOptional:\t${optionalPointer(src.configMap.optional)}\n`);
        }
        else if (isDict(src.serviceAccountToken)) w.write(LEVEL_2, `TokenExpirationSeconds:\t${Number(src.serviceAccountToken.expirationSeconds ?? 0)}\n`);
      }
    },
  ],
  [
    'csi',
    (s, w) => {
      w.write(
        LEVEL_2,
        `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(s.driver)}\n    FSType:\t${str(s.fsType)}\n    ReadOnly:\t${flag(s.readOnly)}\n`,
      );
      const attrs = isDict(s.volumeAttributes) ? (s.volumeAttributes as Record<string, string>) : {};
      const keys = Object.keys(attrs).sort();
      w.write(LEVEL_2, 'VolumeAttributes:\t');
      if (keys.length === 0) {
        w.writeLine('<none>');
        return;
      }
      keys.forEach((k, i) => {
        if (i !== 0) {
          w.write(LEVEL_2, '');
          w.write(LEVEL_2, '\t');
        }
        const line = `${k}=${attrs[k]}`;
        w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
      });
    },
  ],
];

/** Sources with describe.go order and layout that Podlab does not print field by field yet. */
const ORDER = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'configMap', 'nfs', 'iscsi', 'glusterfs', 'persistentVolumeClaim', 'ephemeral', 'rbd', 'quobyte', 'downwardAPI', 'azureDisk', 'vsphereVolume', 'cinder', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'cephfs', 'storageos', 'fc', 'azureFile', 'flexVolume', 'flocker', 'projected', 'csi', 'image'];

const PRINTERS = new Map(SOURCES);

/** describeVolumes. */
export function describeVolumes(volumes: readonly unknown[] | undefined, w: PrefixWriter, space: string): void {
  const vols = list(volumes);
  if (vols.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of vols) {
    w.write(LEVEL_1, `${space.length > 0 ? ' ' : ''}${str(v.name)}:\n`);
    const source = ORDER.find((k) => isDict(v[k]));
    const printer = source === undefined ? undefined : PRINTERS.get(source);
    if (source !== undefined && printer) printer(v[source] as Dict, w);
    else w.write(LEVEL_1, '<unknown>\n');
  }
}
