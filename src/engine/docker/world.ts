/**
 * The docker side of a simulation, as one component: the student's docker host (images, build
 * cache, containers, project files) and registry.local. It takes no part in the cluster's
 * control loops; it is a component so that it snapshots and restores with the simulation, and
 * the kubelets pull registry.local's images through {@link DockerWorld.images}.
 */
import type { Component } from '../components/component.ts';
import { emptyHost, type DockerHostState } from './host.ts';
import { emptyRegistry, privateImageSource, type ImageSource, type RegistryState } from './registry.ts';

export interface DockerWorldState {
  host: DockerHostState;
  registry: RegistryState;
}

export class DockerWorld implements Component {
  readonly name = 'docker';
  host: DockerHostState = emptyHost();
  registry: RegistryState = emptyRegistry();
  /** registry.local as the kubelets' image service sees it. */
  readonly images: ImageSource = privateImageSource(() => this.registry);

  start(): void {
    // Nothing to watch: the docker host is outside the cluster.
  }

  save(): DockerWorldState {
    return JSON.parse(JSON.stringify({ host: this.host, registry: this.registry })) as DockerWorldState;
  }

  load(state: unknown): void {
    const s = JSON.parse(JSON.stringify(state)) as DockerWorldState;
    this.host = { ...emptyHost(), ...s.host };
    this.registry = { ...emptyRegistry(), ...s.registry };
  }
}
