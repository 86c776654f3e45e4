import type { ApiStore } from '../api/store.ts';
import type { EventRecorder } from '../api/events.ts';
import type { Kernel } from '../kernel/kernel.ts';
import type { ImageSource } from '../docker/registry.ts';

/** What a component (controller, scheduler, kubelet) is given: the kernel, the API, events. */
export interface ComponentContext {
  kernel: Kernel;
  store: ApiStore;
  events: EventRecorder;
  /** registry.local's images, for the kubelets' pulls (public registries come from the catalog). */
  images?: ImageSource;
}

/**
 * A simulated cluster component. It acts only through the API store. `start` attaches its
 * watches: on a fresh cluster from the beginning (`resume` false), after a restore from the
 * current resourceVersion (`resume` true), with its own state brought back by `load` first.
 */
export interface Component {
  readonly name: string;
  start(resume: boolean): void;
  save?(): unknown;
  load?(state: unknown): void;
}
