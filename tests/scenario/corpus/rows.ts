/**
 * The real-manifest corpus (../shared/manifests, INDEX.md) as data: every INDEX row's path by row
 * number, and a reader for kubectl tables. No engine import, so index.test.ts loads fast.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/manifests next to the repository (as MANIFESTS_DIR of tests/support/manifests.ts). */
const MANIFESTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'manifests');

const WEB = 'kubernetes-website/content';
const EN = `${WEB}/en/examples`;
const EX = 'kubernetes-examples';
const VOTE = 'example-voting-app/k8s-specifications';

/** INDEX.md's "path" column, by row number. index.test.ts checks it against INDEX.md itself. */
export const ROW: Readonly<Record<number, string>> = {
  1: `${EN}/pods/simple-pod.yaml`,
  2: `${EN}/controllers/nginx-deployment.yaml`,
  3: `${EN}/controllers/frontend.yaml`,
  4: `${EN}/controllers/hpa-rs.yaml`,
  5: `${EN}/controllers/daemonset.yaml`,
  6: `${EN}/controllers/job.yaml`,
  7: `${EN}/application/web/web.yaml`,
  8: `${EN}/application/php-apache.yaml`,
  9: `${EN}/application/hpa/php-apache.yaml`,
  10: `${EN}/application/nginx-app.yaml`,
  11: `${EN}/application/deployment.yaml`,
  12: `${WEB}/zh-cn/examples/application/deployment-update.yaml`,
  13: `${EN}/application/wordpress/mysql-deployment.yaml`,
  14: `${EN}/configmap/configmaps.yaml`,
  15: `${WEB}/uk/examples/pods/pod-multiple-configmap-env-variable.yaml`,
  16: `${WEB}/zh-cn/examples/pods/inject/secret.yaml`,
  17: `${WEB}/zh-cn/examples/pods/inject/secret-pod.yaml`,
  18: `${EX}/_archived/cluster-dns/namespace-dev.yaml`,
  19: `${EN}/pods/probe/tcp-liveness-readiness.yaml`,
  20: `${EN}/pods/probe/exec-liveness.yaml`,
  21: `${EN}/pods/probe/http-liveness.yaml`,
  22: `${WEB}/ja/examples/pods/resource/memory-request-limit.yaml`,
  23: `${WEB}/id/examples/pods/resource/memory-request-limit-2.yaml`,
  24: `${WEB}/zh-cn/examples/pods/resource/memory-request-limit-3.yaml`,
  25: `${EN}/pods/resource/cpu-request-limit.yaml`,
  26: `${WEB}/pt-br/examples/pods/resource/cpu-request-limit-2.yaml`,
  27: `${EN}/admin/resource/quota-mem-cpu.yaml`,
  28: `${WEB}/zh-cn/examples/admin/resource/quota-mem-cpu-pod.yaml`,
  29: `${EN}/admin/resource/quota-mem-cpu-pod-2.yaml`,
  30: `${EN}/admin/resource/quota-pod.yaml`,
  31: `${EN}/admin/resource/quota-pod-deployment.yaml`,
  32: `${EN}/admin/resource/memory-defaults.yaml`,
  33: `${EN}/admin/resource/memory-defaults-pod.yaml`,
  34: `${WEB}/ko/examples/admin/resource/memory-constraints.yaml`,
  35: `${WEB}/zh-cn/examples/admin/resource/memory-constraints-pod-2.yaml`,
  36: `${EN}/pods/storage/pv-volume.yaml`,
  37: `${EN}/pods/storage/pv-claim.yaml`,
  38: `${EN}/pods/storage/pv-pod.yaml`,
  39: `${EX}/AI/model-serving-tensorflow/pv.yaml`,
  40: `${EX}/AI/model-serving-tensorflow/pvc.yaml`,
  41: `${EX}/AI/model-serving-tensorflow/deployment.yaml`,
  42: `${WEB}/uk/examples/pods/pod-with-node-affinity.yaml`,
  43: `${WEB}/ja/examples/pods/pod-nginx-required-affinity.yaml`,
  44: `${EN}/pods/pod-with-node-affinity.yaml`,
  45: `${EN}/application/job/cronjob.yaml`,
  46: `${EN}/controllers/statefulset.yaml`,
  47: `${EX}/databases/cassandra/cassandra-service.yaml`,
  48: `${EX}/databases/cassandra/cassandra-statefulset.yaml`,
  49: `${EX}/AI/vllm-deployment/vllm-deployment.yaml`,
  50: `${EX}/AI/vllm-deployment/hpa/horizontal-pod-autoscaler.yaml`,
  51: `${EX}/web/guestbook/all-in-one/guestbook-all-in-one.yaml`,
  52: `${VOTE}/db-deployment.yaml`,
  53: `${VOTE}/db-service.yaml`,
  54: `${VOTE}/redis-deployment.yaml`,
  55: `${VOTE}/redis-service.yaml`,
  56: `${VOTE}/vote-deployment.yaml`,
  57: `${VOTE}/vote-service.yaml`,
  58: `${VOTE}/result-deployment.yaml`,
  59: `${VOTE}/result-service.yaml`,
  60: `${VOTE}/worker-deployment.yaml`,
};

/** INDEX.md's rows as [row number, path], read from the file (the source of truth for ROW). */
export function indexRows(): Array<[number, string]> {
  const text = readFileSync(join(MANIFESTS_DIR, 'INDEX.md'), 'utf8');
  const rows: Array<[number, string]> = [];
  for (const m of text.matchAll(/^\| (\d+) \| `([^`]+)` \|/gm)) rows.push([Number(m[1]), m[2]]);
  return rows;
}

/**
 * A kubectl table as one record per row, keyed by header. Cells are cut at the header's column
 * offsets, so empty cells (a Pending claim's VOLUME) stay empty instead of shifting the row.
 */
export function table(out: string): Array<Record<string, string>> {
  const [header, ...lines] = out.split('\n').filter((l) => l !== '');
  const starts = [...header.matchAll(/(?:^|(?<=\s{2}))(\S+(?: \S+)*)/g)].map((m) => ({ name: m[1], at: m.index }));
  return lines.map((line) => {
    const row: Record<string, string> = {};
    starts.forEach((c, i) => {
      row[c.name] = line.slice(c.at, i + 1 < starts.length ? starts[i + 1].at : undefined).trim();
    });
    return row;
  });
}

/** One column of a kubectl table, top to bottom. */
export function column(out: string, name: string): string[] {
  return table(out).map((r) => r[name]);
}
