// Preloaded with --import: records every module the process loads (its resolved URL, one a
// line) in the file RECORD_LOADS names, so that a test can tell what a run never loaded.
import { register } from 'node:module';

register('./record-loads-hooks.mjs', import.meta.url);
