/**
 * The in-tree plugin registry (kube-scheduler `plugins/registry.go`): plugin name → factory. A
 * profile names plugins; the framework builds them from here with their args and the handle.
 */
import type { PluginFactory } from '../framework/types.ts';
import { nodeResourcesBalancedAllocation } from './balanced-allocation.ts';
import { defaultBinder } from './default-binder.ts';
import { imageLocality } from './image-locality.ts';
// Shells whose logic is a late part of the engine (late-shells.ts).
import { defaultPreemption, interPodAffinity, podTopologySpread, volumeBinding } from './late-shells.ts';
import { nodeAffinity } from './node-affinity.ts';
import { nodeName } from './node-name.ts';
import { nodePorts } from './node-ports.ts';
import { nodeResourcesFit } from './node-resources-fit.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';
import { nodeVolumeLimits } from './node-volume-limits.ts';
import { prioritySort } from './priority-sort.ts';
import { schedulingGates } from './scheduling-gates.ts';
import { taintToleration } from './taint-toleration.ts';
import { volumeRestrictions } from './volume-restrictions.ts';
import { volumeZone } from './volume-zone.ts';

export const PLUGIN_REGISTRY: Readonly<Record<string, PluginFactory>> = {
  SchedulingGates: schedulingGates,
  PrioritySort: prioritySort,
  NodeUnschedulable: nodeUnschedulable,
  NodeName: nodeName,
  TaintToleration: taintToleration,
  NodeAffinity: nodeAffinity,
  NodePorts: nodePorts,
  NodeResourcesFit: nodeResourcesFit,
  VolumeRestrictions: volumeRestrictions,
  NodeVolumeLimits: nodeVolumeLimits,
  VolumeBinding: volumeBinding,
  VolumeZone: volumeZone,
  PodTopologySpread: podTopologySpread,
  InterPodAffinity: interPodAffinity,
  DefaultPreemption: defaultPreemption,
  NodeResourcesBalancedAllocation: nodeResourcesBalancedAllocation,
  ImageLocality: imageLocality,
  DefaultBinder: defaultBinder,
};

export const isKnownPlugin = (name: string): boolean => Object.hasOwn(PLUGIN_REGISTRY, name);
