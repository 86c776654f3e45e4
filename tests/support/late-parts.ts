/**
 * Unit-test setup: registers the engine's late parts (src/engine/late.ts) before a test file's
 * imports, as importing the simulation does, so a test of one module (an admission, a store
 * patch) finds them; tests/unit/engine/late.test.ts withholds them where it means to.
 */
import '../../src/engine/simulation.ts';
