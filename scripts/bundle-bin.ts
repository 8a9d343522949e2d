/**
 * Bundles the compiled command line (dist/bin/generator-azure-python.js) with the modules it
 * loads into one CommonJS file, dist/bin/cli.cjs, which the bin (bin/start.cts) runs with V8's
 * code cache: a run that asks nothing reads two files instead of seventy modules, and skips
 * Node's ES module loader. CommonJS because a code cache can be given to a script and not, on
 * Node 20, to an ES module. The packages stay outside, required when a run needs them. The
 * Yeoman path (lib/engine/yeoman/run.ts and what it imports) is bundled apart, as an ES module,
 * dist/bin/yeoman.js, imported when a run asks: Yeoman's packages are ES modules, which Node
 * 20.17 cannot require.
 *
 *   node dist/scripts/bundle-bin.js        (npm run build runs it after tsc)
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { packageRoot } from '../lib/engine/package-root.js';

const binFolder = path.join(packageRoot, 'dist', 'bin');
const entry = path.join(binFolder, 'generator-azure-python.js');
const bundle = path.join(binFolder, 'cli.cjs');
const yeomanPath = path.join(packageRoot, 'dist', 'lib', 'engine', 'yeoman');
const yeomanEntry = path.join(yeomanPath, 'run.js');
const yeomanBundle = path.join(binFolder, 'yeoman.js');
// Bundled: what every run loads. Required from node_modules: the rest.
const bundledPackages = new Set(['commander', 'ejs']);
const requireFromPackage = createRequire(path.join(packageRoot, 'package.json'));
const { dependencies } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
// A script run from V8's code cache has no dynamic import of its own (Node drops the callback
// with the cache): the bundle's imports of ES modules call the bin's `importModule` instead.
const esModuleMarker = 'generator-azure-python-es-module:';
const esModuleImports = new Set<string>();

/**
 * Keeps the Yeoman path out (its dynamic import becomes an import of its own bundle), and fails the build
 * when a bundled module would require a package that has no CommonJS entry.
 */
const outsideTheBundle: Plugin = {
  name: 'outside-the-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, args => {
      const target = path.resolve(args.resolveDir, args.path);
      if (!target.startsWith(yeomanPath + path.sep)) return undefined;
      if (args.kind !== 'dynamic-import' || target !== yeomanEntry) {
        return { errors: [{ text: `${args.importer} imports ${args.path}: the bin reaches the Yeoman path only by a dynamic import of ${path.relative(packageRoot, yeomanEntry)}` }] };
      }
      const specifier = `./${path.basename(yeomanBundle)}`;
      esModuleImports.add(specifier);
      return { path: `${esModuleMarker}${specifier}`, external: true };
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

await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  plugins: [outsideTheBundle],
  // The modules find the package's files from their own place: the bundle's, in CommonJS.
  define: { 'import.meta.url': 'bundleUrl' },
  banner: { js: "var bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
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

// The bin's wrapper puts the bundle inside a function, where a #! line cannot be.
const bundled = readFileSync(bundle, 'utf8').replace(/^#!.*\n/, '');
const esModuleImport = new RegExp(`\\bimport\\("${esModuleMarker}`, 'g');
const imports = bundled.match(esModuleImport)?.length ?? 0;
if (imports < esModuleImports.size || bundled.split(esModuleMarker).length - 1 !== imports) {
  throw new Error(`bundle-bin: ${imports} imports of ES modules found in ${bundle} for ${[...esModuleImports].join(', ')}, or the marker elsewhere`);
}
writeFileSync(bundle, bundled.replace(esModuleImport, 'importModule("'));

// Left in dist/bin: the bin (start.cjs) and the two bundles. The compiled modules the bundles replaced go.
for (const file of readdirSync(binFolder)) {
  if (!['start.cjs', path.basename(bundle), path.basename(yeomanBundle)].includes(file)) rmSync(path.join(binFolder, file));
}
