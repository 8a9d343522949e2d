import { generatorNames } from '../../lib/engine/registry.js';
import { assertRerunChangesNothing } from '../reruns.js';

describe('running again: every generator but the app (whose re-run is in test/e2e/reruns.test.ts)', () => {
  // The doctor (without --fix) and serve write nothing: they have their own tests.
  for (const name of generatorNames.filter(candidate => !['doctor', 'serve', 'app'].includes(candidate))) {
    it(`${name}: a second run with the kept answers changes nothing and asks nothing`, () => assertRerunChangesNothing(name));
  }
});
