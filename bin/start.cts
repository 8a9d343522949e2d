#!/usr/bin/env node
/**
 * The package's bin: runs the command line (bin/generator-azure-python.ts), bundled into
 * dist/bin/cli.cjs, with V8's code cache. Compiling the bundle's functions is a large part of a
 * run that asks nothing, and Node 20 has no compile cache of its own (Node 22 has
 * module.enableCompileCache): the cache V8 makes of the bundle after a run is kept in the
 * package's own .cache folder, so it is trusted as the package's code is, and later runs
 * start from it. The first run that succeeds makes it; one of another bundle is not read, and
 * one V8 rejects (another Node's) is made again; a package folder the user cannot write to
 * simply has none. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const bundle = path.join(__dirname, 'cli.cjs');
const cacheFile = path.join(__dirname, '..', '..', '.cache', `cli-${process.version}-${process.arch}.v8`);
const cacheWanted = !['1', 'true'].includes(process.env.NODE_DISABLE_COMPILE_CACHE ?? '');

// V8 checks a cache against the length of the source, not its text: the cache file starts with
// the bundle's size and time on a line of its own, and a cache of another bundle is not used.
const { size, mtimeMs } = statSync(bundle);
const stamp = `${size} ${mtimeMs}\n`;

function readCache(): Buffer | undefined {
  try {
    const cache = cacheWanted ? readFileSync(cacheFile) : undefined;
    return cache?.subarray(0, stamp.length).toString('latin1') === stamp ? cache.subarray(stamp.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Written after the run, when V8 has compiled what a run needs; atomically, as two runs may end at once. */
function writeCache(script: vm.Script): void {
  const temporary = `${cacheFile}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
    renameSync(temporary, cacheFile);
  } catch {
    // No cache this time: the run itself has succeeded.
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}

const cachedData = readCache();
// The wrapper Node gives a CommonJS module, so the bundle runs as `require` would run it.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, importModule) {${readFileSync(bundle, 'utf8')}\n})`, { filename: bundle, cachedData });
// Made again when there is none, or V8 rejects it (another Node, other flags).
if (cacheWanted && (cachedData === undefined || script.cachedDataRejected)) {
  process.once('exit', code => {
    if (code === 0) writeCache(script);
  });
}
const bundleModule = { exports: {} };
// The bundle's import() of an ES module (the Yeoman path's bundle): a script run from the cache
// cannot import by itself.
const importModule = (specifier: string): Promise<unknown> => import(new URL(specifier, pathToFileURL(bundle)).href);
(script.runInThisContext() as (...args: unknown[]) => void).call(bundleModule.exports, bundleModule.exports, createRequire(bundle), bundleModule, bundle, path.dirname(bundle), importModule);
