import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../../src/engine/api/types.ts';
import {
  DESCRIPTION_ANNOTATION,
  ROOT_CA_CONFIGMAP,
  ROOT_CA_DESCRIPTION,
  simulatedCaBundle,
} from '../../../src/engine/components/root-ca-publisher.ts';
import { Simulation } from '../../../src/engine/simulation.ts';
import { newNamespace } from '../../support/fixtures.ts';

const rootCa = (sim: Simulation, ns: string) => sim.store.tryGet<ConfigMap>('configmaps', ns, ROOT_CA_CONFIGMAP);

describe('root CA publisher', () => {
  it('publishes kube-root-ca.crt into every namespace of a fresh cluster', () => {
    const sim = Simulation.create(4);
    const names = sim.store.list('configmaps', { fieldSelector: `metadata.name=${ROOT_CA_CONFIGMAP}` }).items.map((c) => `${c.metadata.namespace}/${c.metadata.name}`);
    expect(names).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((ns) => `${ns}/${ROOT_CA_CONFIGMAP}`));
    const cm = rootCa(sim, 'default')!;
    expect(cm.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION });
    expect(cm.data?.['ca.crt']).toBe(simulatedCaBundle(4));
    expect(cm.data?.['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/]{64}\n)+[A-Za-z0-9+/]{1,63}=\n-----END CERTIFICATE-----\n$/);
  });

  it('publishes into new namespaces, recreates a deleted copy, repairs an edited one', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    sim.store.create(newNamespace('team'));
    sim.settle();
    expect(rootCa(sim, 'team')).toBeDefined();
    sim.store.delete('configmaps', 'team', ROOT_CA_CONFIGMAP);
    sim.settle();
    expect(rootCa(sim, 'team')?.data?.['ca.crt']).toBe(simulatedCaBundle(1));
    const cm = rootCa(sim, 'team')!;
    sim.store.update({ ...cm, data: { 'ca.crt': 'tampered' }, metadata: { ...cm.metadata, annotations: {} } });
    sim.settle();
    expect(rootCa(sim, 'team')?.data?.['ca.crt']).toBe(simulatedCaBundle(1));
    expect(rootCa(sim, 'team')?.metadata.annotations?.[DESCRIPTION_ANNOTATION]).toBe(ROOT_CA_DESCRIPTION);
  });

  it('leaves a terminating namespace alone, so the namespace can finish', () => {
    const sim = Simulation.create(1, { nodes: 0 });
    sim.store.create(newNamespace('gone'));
    sim.settle();
    sim.store.delete('namespaces', '', 'gone');
    sim.settle();
    expect(sim.store.tryGet('namespaces', '', 'gone')).toBeUndefined();
    expect(rootCa(sim, 'gone')).toBeUndefined();
  });
});
