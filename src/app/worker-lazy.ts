/**
 * The worker's lazily loaded part (see worker-boot.ts): the live session with the whole command
 * layer, time travel, scripts and manifest validation. worker.ts imports it with `import()`, so
 * Vite emits it (and the OpenAPI schema's data, see vite.config.ts) as chunks of their own.
 */
export { LiveCluster, runIsolatedScript } from './live-cluster.ts';
export { validateManifest } from './validate.ts';
export { dryRunAdmitter } from './validate-admission.ts';
export { LabController } from './labs/lab-controller.ts';
export { decisionReply } from './decision-view.ts';
export { podDetailReply } from './pod-detail.ts';
