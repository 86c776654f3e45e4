/**
 * Switching sessions saves the one being left first (issue 10 §5, progress never lost): the
 * client saves at most every 300 ms after a view changes, so a command typed just before
 * "Sandbox", "Start lab", "Resume" or "Import progress" must not be lost with the session it
 * leaves. The bridge is the worker's lab controller over a live cluster, in this process.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveCluster } from '../../../src/app/live-cluster.ts';
import { LabController } from '../../../src/app/labs/lab-controller.ts';
import type { LabRequest } from '../../../src/app/labs/lab-protocol.ts';
import { MemoryStorage } from '../../support/lab-storage.ts';

const worker = vi.hoisted(() => ({ handle: undefined as undefined | ((req: LabRequest) => Promise<unknown>) }));
vi.mock('../../../src/app/bridge.ts', () => ({ lab: (req: LabRequest) => worker.handle!(req) }));

const { loadArchive } = await import('../../../src/app/labs/autosave.ts');
const { labsStore, resume, startLab, startSandbox } = await import('../../../src/app/labs/labs-client.ts');

let live: LiveCluster;

beforeEach(() => {
  vi.stubGlobal('localStorage', new MemoryStorage());
  live = new LiveCluster();
  const controller = new LabController(live);
  worker.handle = (req) => controller.handle(req);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const archivedScript = (lab: string) => loadArchive().archive.labs.find((l) => l.lab === lab)?.script;

describe('leaving a session', () => {
  it('saves the lab’s last command before the sandbox replaces it', async () => {
    await startLab('deployments-scaling', 3);
    // Typed in the terminal: the worker has it, the client has not asked for it yet.
    live.exec('kubectl create namespace lab-a');
    await startSandbox();
    expect(labsStore.getState().state?.mode).toBe('sandbox');
    expect(archivedScript('deployments-scaling')).toBe('kubectl create namespace lab-a\n');
    expect(labsStore.getState().archive.labs.find((l) => l.lab === 'deployments-scaling')?.script).toBe('kubectl create namespace lab-a\n');
  });

  it('saves the sandbox’s last command before a lab or a resumed lab replaces it', async () => {
    await startSandbox();
    live.exec('kubectl create namespace a');
    await startLab('deployments-scaling', 3);
    expect(loadArchive().archive.sandbox?.script).toBe('kubectl create namespace a\n');
    live.exec('kubectl create namespace lab-b');
    await resume({ v: 1, lab: 'rolling-update', seed: 2, script: '' });
    expect(archivedScript('deployments-scaling')).toBe('kubectl create namespace lab-b\n');
  });
});
