import { generatorNames } from '../../lib/engine/registry.js';
import { assertRerunChangesNothing } from '../reruns.js';

describe('running again: every generator but the app (whose re-run is in test/e2e/reruns.test.ts)', () => {
  // The doctor writes nothing (without --fix): it has its own tests.
  for (const name of generatorNames.filter(candidate => candidate !== 'doctor' && candidate !== 'app')) {
    it(`${name}: a second run with the kept answers changes nothing and asks nothing`, () => assertRerunChangesNothing(name));
  }
});
