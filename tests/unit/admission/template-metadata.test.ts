import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.ts';
import { toYaml } from '../../../src/commands/printers/yaml.ts';

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

describe('pod template metadata', () => {
  it.each([
    ['Deployment', 'deployments'],
    ['ReplicaSet', 'replicasets'],
  ])('a %s template stores creationTimestamp: null, as a v1.31 API server serialises a zero metav1.Time', (kind, resource) => {
    const sim = Simulation.create(1, { nodes: 0 });
    sim.store.create({ apiVersion: 'apps/v1', kind, metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template } });
    const stored = sim.store.get(resource, 'default', 'web') as { spec: { template: { metadata: Record<string, unknown> } } };
    expect(stored.spec.template.metadata).toEqual({ creationTimestamp: null, labels: { app: 'web' } });
    expect(toYaml(stored.spec.template)).toContain('metadata:\n  creationTimestamp: null\n  labels:\n    app: web\n');
  });
});
