// Preloaded with --import: records every module the process loads (its resolved URL or path,
// one a line) in the file RECORD_LOADS names, so that a test can tell what a run never loaded.
// ES modules as they are resolved (the hooks); CommonJS modules, which Node 20's hooks do not
// see, from require's cache when the process exits.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);

const required = createRequire(import.meta.url).cache;
process.on('exit', () => {
  if (process.env.RECORD_LOADS) appendFileSync(process.env.RECORD_LOADS, Object.keys(required).map(file => `${file}\n`).join(''));
});
