/**
 * DefaultBinder (Bind): binds the pod to the chosen node through the pods/binding subresource.
 * Plugins return plans, not effects: the binder approves the binding and the scheduler performs
 * it with `ApiStore.bind`, which is all the real DefaultBinder's API call does.
 */
import type { BindPlugin, PluginFactory } from '../framework/types.ts';

export const NAME = 'DefaultBinder';

export const defaultBinder: PluginFactory = (): BindPlugin => ({ name: NAME, bind: () => null });
