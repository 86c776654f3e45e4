/**
 * `kubectl version` against real kubectl v1.31 (info-golden.ts; the server's /version is the
 * fake API server's v1.31.0, which is also what every node's kubelet reports).
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/commands/session.ts';
import { recordedCluster, run, serverRows } from './info-golden.ts';

describe('kubectl version, as kubectl v1.31 prints it', () => {
  const s = recordedCluster();
  it.each(serverRows('version').map((r) => [r.command, r] as const))('%s', (command, row) => {
    expect(run(s, command)).toEqual(row);
  });
});

describe('kubectl version', () => {
  it('reports the server version the kubelets report', () => {
    const s = new Session();
    const kubelet = s.execLine("kubectl get node control-plane -o jsonpath='{.status.nodeInfo.kubeletVersion}'").stdout;
    expect(s.execLine('kubectl version').stdout).toContain(`Server Version: ${kubelet}\n`);
  });

  it.each([
    ['kubectl version -o wide', "error: --output must be 'yaml' or 'json'\n"],
    ['kubectl version --client -o foo', "error: --output must be 'yaml' or 'json'\n"],
    ['kubectl version extra', 'error: extra arguments: [extra]\n'],
  ])('%s fails as kubectl does', (line, stderr) => {
    const r = new Session().execLine(line);
    expect({ stderr: r.stderr, exitCode: r.exitCode }).toEqual({ stderr, exitCode: 1 });
  });
});
