/**
 * Bundles the compiled command line (dist/bin/generator-azure-python.js) with the modules it
 * loads into one CommonJS file, dist/bin/cli.cjs, which the bin (bin/start.cts) runs with V8's
 * code cache: a run that asks nothing reads two files instead of seventy modules, and skips
 * Node's ES module loader. CommonJS because a code cache can be given to a script and not, on
 * Node 20, to an ES module. The packages stay outside, required when a run needs them.
 *
 * What the command line imports dynamically is bundled apart:
 * - the commands that only read a site (the doctor's and serve's modules) into
 *   dist/bin/commands.cjs, run by the bin as cli.cjs is, when one of them runs: a run that
 *   generates a site reads and deserializes none of them. The modules both bundles use are in
 *   each; the state a process must hold once is kept by Symbol.for (see output.ts).
 * - the Yeoman path (lib/engine/yeoman/run.ts and what it imports) into an ES module,
 *   dist/bin/yeoman.js, imported when a run asks: Yeoman's packages are ES modules, which Node
 *   20.17 cannot require.
 *
 *   node dist/scripts/bundle-bin.js        (npm run build runs it after tsc)
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { packageRoot } from '../lib/engine/package-root.js';

const distFolder = path.join(packageRoot, 'dist');
const binFolder = path.join(distFolder, 'bin');
const entry = path.join(binFolder, 'generator-azure-python.js');
const bundle = path.join(binFolder, 'cli.cjs');
const commandsBundle = path.join(binFolder, 'commands.cjs');
const yeomanPath = path.join(distFolder, 'lib', 'engine', 'yeoman');
const yeomanEntry = path.join(yeomanPath, 'run.js');
const yeomanBundle = path.join(binFolder, 'yeoman.js');
// Bundled: what every run loads. Required from node_modules: the rest.
const bundledPackages = new Set(['commander', 'ejs']);
const requireFromPackage = createRequire(path.join(packageRoot, 'package.json'));
const { dependencies } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
// A script run from V8's code cache has no dynamic import of its own (Node drops the callback
// with the cache): the bundles' imports of each other call the bin's `importModule` instead.
const bundleImportMarker = 'generator-azure-python-bundle:';
// The command line's dynamic imports of the package's modules, by their path below dist/: the commands bundle's entries.
const commandModules = new Set<string>();

/**
 * Keeps out of a bundle what is bundled apart (a dynamic import of it becomes an import of
 * its bundle), and fails the build when a bundled module would reach the Yeoman path other
 * than by that import, or would require a package that has no CommonJS entry.
 */
function outsideTheBundle(bundleName: 'cli' | 'commands'): Plugin {
  return {
    name: 'outside-the-bundle',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, args => {
        const target = path.resolve(args.resolveDir, args.path);
        if (target.startsWith(yeomanPath + path.sep)) {
          if (args.kind !== 'dynamic-import' || target !== yeomanEntry) {
            return { errors: [{ text: `${args.importer} imports ${args.path}: the bin reaches the Yeoman path only by a dynamic import of ${path.relative(packageRoot, yeomanEntry)}` }] };
          }
          return { path: `${bundleImportMarker}./${path.basename(yeomanBundle)}`, external: true };
        }
        if (bundleName === 'cli' && args.kind === 'dynamic-import' && args.importer === entry) {
          const module = path.relative(distFolder, target).split(path.sep).join('/');
          commandModules.add(module);
          return { path: `${bundleImportMarker}./${path.basename(commandsBundle)}#${module}`, external: true };
        }
        return undefined;
      });
      // Commander requires child_process for subcommands that are executables, which this bin has
      // none of: loaded when used, as it is one of Node's costlier modules to start.
      build.onResolve({ filter: /^(node:)?child_process$/ }, args => (args.importer.includes(`${path.sep}commander${path.sep}`) ? { path: 'child_process', namespace: 'when-used' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'when-used' }, args => ({
        contents: `let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:${args.path}'))[key] });`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^[^./]/ }, args => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]!;
        if (args.path.startsWith('node:') || builtinModules.includes(name) || bundledPackages.has(name)) return undefined;
        try {
          requireFromPackage.resolve(args.path);
        } catch {
          return { errors: [{ text: `${args.path}, which ${args.importer} imports, cannot be required: import it from the Yeoman path, or dynamically` }] };
        }
        return { path: args.path, external: true };
      });
    },
  };
}

const commonJsBundle: BuildOptions = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  // The modules find the package's files from their own place: the bundle's, in CommonJS.
  define: { 'import.meta.url': 'bundleUrl' },
  banner: { js: "var bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
};

await build({ ...commonJsBundle, entryPoints: [entry], outfile: bundle, plugins: [outsideTheBundle('cli')] });
await build({
  ...commonJsBundle,
  // One export per module the command line imports, named by its path: `./commands.cjs#lib/doctor/diagnose.js`.
  stdin: { contents: [...commandModules].map(module => `export * as ${JSON.stringify(module)} from ${JSON.stringify(`./${module}`)};`).join('\n'), resolveDir: distFolder, sourcefile: 'commands.js' },
  outfile: commandsBundle,
  plugins: [outsideTheBundle('commands')],
});

await build({
  entryPoints: [yeomanEntry],
  outfile: yeomanBundle,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  external: Object.keys(dependencies).filter(name => !bundledPackages.has(name)).flatMap(name => [name, `${name}/*`]),
  // ejs, bundled, is CommonJS: its require() calls of Node's modules need a require in ESM.
  banner: { js: "import { createRequire as createBundleRequire } from 'node:module';\nconst require = createBundleRequire(import.meta.url);" },
  logLevel: 'warning',
});

// A bundle's imports of another become calls of the bin's importModule; the bin's wrapper puts
// the bundle inside a function, where a #! line cannot be.
for (const file of [bundle, commandsBundle]) {
  const bundled = readFileSync(file, 'utf8').replace(/^#!.*\n/, '');
  const bundleImport = new RegExp(`\\bimport\\("${bundleImportMarker}`, 'g');
  const imports = bundled.match(bundleImport)?.length ?? 0;
  if (bundled.split(bundleImportMarker).length - 1 !== imports || (file === bundle && imports < commandModules.size + 1)) {
    throw new Error(`bundle-bin: ${imports} imports of other bundles found in ${file}, or the marker elsewhere`);
  }
  writeFileSync(file, bundled.replace(bundleImport, 'importModule("'));
}

// Left in dist/bin: the bin (start.cjs) and the three bundles. The compiled modules the bundles replaced go.
for (const file of readdirSync(binFolder)) {
  if (!['start.cjs', path.basename(bundle), path.basename(commandsBundle), path.basename(yeomanBundle)].includes(file)) rmSync(path.join(binFolder, file));
}
