/**
 * Every corpus file loads (KYAML, UTF-8 comments, blank lines after `---`, no final newline) and
 * round-trips: applied a second time, kubectl reports each object `unchanged` — its three-way patch
 * is empty — except where the API server stored something other than what the file says, so that
 * kubectl's patch is not empty and it reports `configured` every time (real kubectl v1.31 computes
 * these same patches against these objects: tests/golden-kubectl/apply-reapply.json). A failed
 * apply fails the same way twice (row 45, the removed CronJob API).
 */
import { describe, expect, it } from 'vitest';
import { Lab, readManifest } from '../../support/manifests.ts';
import { ROW } from './support.ts';

/** The namespace each tutorial applies a namespace-less file to (INDEX.md "Prerequisites"). */
const TUTORIAL_NS: Record<number, string> = {
  27: 'quota-mem-cpu-example',
  28: 'quota-mem-cpu-example',
  29: 'quota-mem-cpu-example',
  30: 'quota-pod-example',
  31: 'quota-pod-example',
  34: 'constraints-mem-example',
  35: 'constraints-mem-example',
};
const NAMESPACES = ['mem-example', 'cpu-example', 'default-mem-example', ...new Set(Object.values(TUTORIAL_NS))];

/**
 * Objects whose second apply is `configured`: the server's version differs from the file in a
 * field without a merge strategy (replaced whole), or in a quantity's spelling.
 */
const CONFIGURED: Record<number, { objects: string[]; why: string }> = {
  7: { objects: ['statefulset.apps/web'], why: 'volumeClaimTemplates (atomic) defaulted: volumeMode Filesystem, status phase Pending' },
  46: { objects: ['statefulset.apps/web'], why: 'volumeClaimTemplates defaulted, as row 7' },
  48: { objects: ['statefulset.apps/cassandra'], why: 'volumeClaimTemplates defaulted, as row 7' },
  25: { objects: ['pod/cpu-demo'], why: 'requests.cpu "0.5" is stored as "500m"' },
  34: { objects: ['limitrange/mem-min-max-demo-lr'], why: 'limits (atomic) get default and defaultRequest from max' },
  50: { objects: ['horizontalpodautoscaler.autoscaling/gemma-server-hpa'], why: 'averageValue 4 (a number) is stored as the quantity "4"' },
  // A pod with its own volumes: the live lists also hold the kube-api-access volume and mount that
  // ServiceAccount admission added, so the patch carries $setElementOrder (kubectl v1.31 sends it too).
  17: { objects: ['pod/secret-test-pod'], why: 'volumes and volumeMounts hold kube-api-access too: $setElementOrder' },
  38: { objects: ['pod/task-pv-pod'], why: 'volumes and volumeMounts hold kube-api-access too: $setElementOrder' },
};

// Row 44 is schema-invalid and must be rejected (pending: issue 7, strict decoding; see
// policy-storage-scheduling.test.ts), so it has no "unchanged" round trip to check.
const ROWS = Object.keys(ROW).map(Number).filter((row) => row !== 44);

/** kind/namespace/name of each object in a row's file, where the tutorial puts it. */
function objectKeys(row: number): string[] {
  return readManifest(ROW[row]).map((o) => {
    const ns = (o.metadata?.namespace as string | undefined) ?? TUTORIAL_NS[row] ?? 'default';
    return `${o.kind}/${ns}/${String(o.metadata?.name)}`;
  });
}

/**
 * Rows put on as few clusters as possible, no two rows on one cluster sharing an object
 * (kind, namespace, name): the INDEX's same-name pairs (rows 2/11/12, 7/46, 1/43) land apart.
 */
function clusterOfRow(): Map<number, number> {
  const taken: Array<Set<string>> = [];
  const out = new Map<number, number>();
  for (const row of ROWS) {
    const keys = objectKeys(row);
    let i = taken.findIndex((t) => keys.every((k) => !t.has(k)));
    if (i < 0) i = taken.push(new Set()) - 1;
    keys.forEach((k) => taken[i].add(k));
    out.set(row, i);
  }
  return out;
}

const CLUSTER = clusterOfRow();
const labs = new Map<number, Lab>();

/** The shared cluster of a row, made (with the tutorial namespaces) on first use. */
function labFor(row: number): Lab {
  const i = CLUSTER.get(row) ?? -1;
  let lab = labs.get(i);
  if (!lab) {
    lab = new Lab();
    for (const ns of NAMESPACES) lab.out(`kubectl create namespace ${ns}`);
    labs.set(i, lab);
  }
  return lab;
}

describe('every corpus file applies twice: created, then unchanged (or configured, as kubectl says)', () => {
  it.each(ROWS)('row %i re-applies unchanged', (row) => {
    const lab = labFor(row);
    const line = `kubectl apply -f ${ROW[row]}${TUTORIAL_NS[row] ? ` -n ${TUTORIAL_NS[row]}` : ''}`;
    const first = lab.out(line);
    expect(first).not.toMatch(/error parsing|error converting YAML/);
    lab.advance('10s');
    const configured = new Set(CONFIGURED[row]?.objects ?? []);
    const expected = first.replace(/^(\S+) created$/gm, (_l, obj: string) => `${obj} ${configured.has(obj) ? 'configured' : 'unchanged'}`);
    expect(lab.out(line)).toBe(expected);
    if (configured.size > 0) expect(expected).toContain(' configured');
  });
});
