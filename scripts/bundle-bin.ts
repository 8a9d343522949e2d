/**
 * Bundles the compiled bin (dist/bin/generator-azure-python.js) with the modules it loads into
 * one file and a few chunks that are loaded when needed (the doctor, the plans, the direct
 * engine, Yeoman's adapter), in place: a run starts by reading a handful of files instead of
 * seventy. The packages a run may never need stay outside (Yeoman, git, the parsers). Under
 * Yeoman, the bin registers the generators' classes of the bundle, so that a run has one copy
 * of every module of the package; `yo` loads them from dist/generators, as it finds them.
 *
 *   node dist/scripts/bundle-bin.js        (npm run build runs it after tsc)
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../lib/engine/package-root.js';

const binFolder = path.join(packageRoot, 'dist', 'bin');
const entry = path.join(binFolder, 'generator-azure-python.js');
const { dependencies } = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
// Bundled: what every run loads. Outside: what only some runs need.
const bundled = new Set(['commander', 'ejs']);

await build({
  entryPoints: [entry],
  outdir: binFolder,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  chunkNames: '[name]-[hash]',
  external: Object.keys(dependencies).filter(name => !bundled.has(name)).flatMap(name => [name, `${name}/*`]),
  // ejs, bundled, is CommonJS: its require() calls of Node's modules need a require in ESM.
  banner: { js: "import { createRequire as createBundleRequire } from 'node:module';\nconst require = createBundleRequire(import.meta.url);" },
  logLevel: 'warning',
});

// The compiled modules the bundle replaced in dist/bin: only the bin and its chunks are left.
for (const file of readdirSync(binFolder)) {
  if (file.endsWith('.d.ts') || file.endsWith('.js.map')) rmSync(path.join(binFolder, file));
}
