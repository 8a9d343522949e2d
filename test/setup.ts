import { Duplex } from 'node:stream';
import helpers, { TestAdapter } from 'yeoman-test';
import { isolateGit } from './helpers.js';

/*
 * yeoman-test's adapter gives its prompt module an output made by Duplex.from(async () => {}),
 * never read; on Node.js 24.22 such a stream emits an AbortError once the function returns,
 * and with no listener that 'error' event ends the process (@yeoman/adapter 4.0.2 and 5.0.0
 * alike). The tests' adapter listens for that AbortError on the streams it makes.
 */
class TestAdapterOnEveryNode extends TestAdapter {
  constructor(options: ConstructorParameters<typeof TestAdapter>[0]) {
    const from = Duplex.from;
    Duplex.from = (body: Parameters<typeof Duplex.from>[0]) => {
      const stream = from.call(Duplex, body);
      if (typeof body === 'function') stream.on('error', ignoreAbort);
      return stream;
    };
    try {
      super(options);
    } finally {
      Duplex.from = from;
    }
  }
}

function ignoreAbort(error: Error): void {
  if (error.name !== 'AbortError') throw error;
}

/** Mocha root hooks: every test runs with the same git identity and defaults, whatever the machine has. */
export const mochaHooks = {
  beforeAll(): void {
    isolateGit();
    helpers.createTestAdapter = options => new TestAdapterOnEveryNode({ ...helpers.adapterOptions, ...options });
  },
};
