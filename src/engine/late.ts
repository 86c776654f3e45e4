/**
 * Engine parts that booting and running the default cluster never executes (late-parts.ts): the
 * shell interpreter behind `kubectl exec` and container commands, patches, evictions, the
 * admission of kinds the default cluster has none of, the logic of scheduler plugins that only a
 * pod to schedule runs (scheduler/plugins/late-shells.ts), and the image catalog beyond the
 * kube-system images (node/images.ts). In Node (the CLI, tests) they are imported
 * statically like any module (late-register.ts). The app's worker build (vite.config.ts) makes
 * late-register.ts load them as a chunk of their own, which the worker awaits before it handles its first message, so
 * its first chunk holds only what boots and runs the default cluster.
 *
 * The code that calls into a late part is the same code in both builds and the parts are plain
 * functions, so when they are loaded cannot change what they do: a trace is the same whether a
 * part came early or late (tests/unit/engine/late.test.ts). Calling one before it is loaded
 * throws (never a silent difference).
 */
export type LateParts = typeof import('./late-parts.ts');

let loaded: LateParts | undefined;
let withheld = false;

/**
 * Makes the late parts available: late-register.ts in Node (imported last by simulation.ts), the
 * worker's `loadLateParts()` in the app. This module imports nothing, so any module may import it
 * without pulling the late parts into its import cycle.
 */
export function provideLateParts(parts: LateParts): void {
  loaded = parts;
}

/** The late parts; throws if they are not loaded yet. */
export function late(): LateParts {
  const parts = withheld ? undefined : loaded;
  if (parts === undefined) throw new Error('internal error: a lazily loaded part of the engine was needed before it loaded');
  return parts;
}

/** Tests: runs `fn` as the worker's first chunk runs, with the late parts not loaded yet. */
export function withoutLateParts<T>(fn: () => T): T {
  const before = withheld;
  withheld = true;
  try {
    return fn();
  } finally {
    withheld = before;
  }
}

const lent = new WeakSet<object>();

/**
 * A controller whose reconcile logic is a late part: the simulation makes the controller (its
 * watches, timers and state) at boot, and the class holding the logic lends its methods to the
 * controller's prototype on its first call, so they run on the instances made at boot. The class
 * is typed as a subclass of the controller (for its protected members) but extends Object at run
 * time: in Node the controller's module and the logic's import each other (through late-parts.ts),
 * so neither may need the other while it is being evaluated.
 */
export function lendMethods(to: abstract new (...args: never[]) => object, from: abstract new (...args: never[]) => object): void {
  if (lent.has(from)) return;
  lent.add(from);
  for (const key of Object.getOwnPropertyNames(from.prototype)) {
    if (key === 'constructor') continue;
    if (Object.hasOwn(to.prototype, key)) throw new Error(`internal error: ${from.name}.${key} would replace ${to.name}.${key}`);
    Object.defineProperty(to.prototype, key, Object.getOwnPropertyDescriptor(from.prototype, key)!);
  }
}
