import { isolateGit } from './helpers.js';

/** Mocha root hooks: every test runs with the same git identity and defaults, whatever the machine has. */
export const mochaHooks = {
  beforeAll(): void {
    isolateGit();
  },
};
