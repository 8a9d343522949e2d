#!/usr/bin/env node
/**
 * The package's bin: runs the command line (bin/generator-azure-python.ts), bundled into
 * dist/bin/cli.cjs, with V8's code cache. Compiling the bundle's functions is a large part of a
 * run that asks nothing, and Node 20 has no compile cache of its own (Node 22 has
 * module.enableCompileCache): the cache V8 makes of a bundle after a run is kept in the
 * package's own .cache folder, so it is trusted as the package's code is, and later runs
 * start from it. The first run that succeeds makes it; one of another bundle is not read, and
 * one V8 rejects (another Node's) is made again; a package folder the user cannot write to
 * simply has none. NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does Node's own.
 *
 * The commands that only read a site (the doctor, serve) are a bundle of their own,
 * dist/bin/commands.cjs, run the same way when one of them is asked for: a run that generates
 * a site reads and deserializes only what it runs.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const cacheWanted = !['1', 'true'].includes(process.env.NODE_DISABLE_COMPILE_CACHE ?? '');

interface CacheToMake {
  readonly file: string;
  readonly stamp: string;
  readonly script: vm.Script;
}
const cachesToMake: CacheToMake[] = [];
const bundleExports = new Map<string, Record<string, unknown>>();

function readCache(file: string, stamp: string): Buffer | undefined {
  try {
    const cache = cacheWanted ? readFileSync(file) : undefined;
    return cache?.subarray(0, stamp.length).toString('latin1') === stamp ? cache.subarray(stamp.length) : undefined;
  } catch {
    return undefined;
  }
}

/** Written after the run, when V8 has compiled what a run needs; atomically, as two runs may end at once. */
function writeCache({ file, stamp, script }: CacheToMake): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, Buffer.concat([Buffer.from(stamp, 'latin1'), script.createCachedData()]));
    renameSync(temporary, file);
  } catch {
    // No cache this time: the run itself has succeeded.
    try {
      rmSync(temporary, { force: true });
    } catch {}
  }
}

/** Runs a bundle of dist/bin as `require` would, from its code cache when there is one; once per process. */
function runBundle(bundle: string): Record<string, unknown> {
  const ran = bundleExports.get(bundle);
  if (ran) return ran;
  const cacheFile = path.join(__dirname, '..', '..', '.cache', `${path.basename(bundle, '.cjs')}-${process.version}-${process.arch}.v8`);
  // V8 checks a cache against the length of the source, not its text: the cache file starts with
  // the bundle's size and time on a line of its own, and a cache of another bundle is not used.
  const { size, mtimeMs } = statSync(bundle);
  const stamp = `${size} ${mtimeMs}\n`;
  const cachedData = readCache(cacheFile, stamp);
  // The wrapper Node gives a CommonJS module, so the bundle runs as `require` would run it.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, importModule) {${readFileSync(bundle, 'utf8')}\n})`, { filename: bundle, cachedData });
  // Made again when there is none, or V8 rejects it (another Node, other flags).
  if (cacheWanted && (cachedData === undefined || script.cachedDataRejected)) {
    if (cachesToMake.length === 0) {
      process.once('exit', code => {
        if (code === 0) cachesToMake.forEach(writeCache);
      });
    }
    cachesToMake.push({ file: cacheFile, stamp, script });
  }
  const bundleModule = { exports: {} as Record<string, unknown> };
  // The bundles sit beside this file: its own require resolves their packages as theirs would.
  (script.runInThisContext() as (...args: unknown[]) => void).call(bundleModule.exports, bundleModule.exports, require, bundleModule, bundle, path.dirname(bundle), importModule);
  bundleExports.set(bundle, bundleModule.exports);
  return bundleModule.exports;
}

/**
 * A bundle's import() of another (a script run from the cache cannot import by itself):
 * `./commands.cjs#lib/doctor/diagnose.js` is that module of the commands bundle, and an ES
 * module (the Yeoman path's bundle) is imported.
 */
function importModule(specifier: string): Promise<unknown> {
  const [file = specifier, module] = specifier.split('#');
  if (!file.endsWith('.cjs')) return import(pathToFileURL(path.join(__dirname, file)).href);
  try {
    const exported = runBundle(path.join(__dirname, file));
    return Promise.resolve(module === undefined ? exported : exported[module]);
  } catch (error) {
    return Promise.reject(error);
  }
}

runBundle(path.join(__dirname, 'cli.cjs'));
