import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../lib/engine/package-root.js';

/** Every TypeScript source below `folder`, relative to the package root, / separated. */
function sources(folder: string): string[] {
  const found: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(path.join(packageRoot, current))) {
      const relative = `${current}/${entry}`;
      if (statSync(path.join(packageRoot, relative)).isDirectory()) visit(relative);
      else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) found.push(relative);
    }
  };
  visit(folder);
  return found;
}

const product = ['lib', 'bin', 'generators'].flatMap(sources);

/** What `file` imports: relative modules as source paths, packages by name; static and dynamic imports alike. */
function importsOf(file: string): { modules: string[]; packages: string[] } {
  const text = readFileSync(path.join(packageRoot, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map(match => match[1] ?? match[2]!);
  const modules = specifiers
    .filter(specifier => specifier.startsWith('.'))
    .map(specifier => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, '.ts'))
    .filter(target => target.endsWith('.ts'));
  const packages = specifiers.filter(specifier => !specifier.startsWith('.') && !specifier.startsWith('node:'));
  return { modules, packages };
}

describe('layout', () => {
  it('has no import cycle among lib/, bin/ and generators/', () => {
    const graph = new Map(product.map(file => [file, importsOf(file).modules]));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const target of graph.get(file) ?? []) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of product) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it('imports only modules that exist', () => {
    const missing = product.flatMap(file => importsOf(file).modules.filter(target => !product.includes(target)).map(target => `${file} -> ${target}`));
    assert.deepEqual(missing, []);
  });

  it('keeps every folder of lib/ to at most 8 files, so that the tree shows the domains', () => {
    const counts = new Map<string, number>();
    for (const file of sources('lib')) counts.set(path.posix.dirname(file), (counts.get(path.posix.dirname(file)) ?? 0) + 1);
    const crowded = [...counts].filter(([, count]) => count > 8);
    assert.deepEqual(crowded, []);
    assert.ok(counts.size >= 10, `lib/ is split into domains (${[...counts.keys()].join(', ')})`);
  });

  it('imports Yeoman only in the Yeoman adapter (lib/engine/yeoman)', () => {
    const outside = product
      .filter(file => !file.startsWith('lib/engine/yeoman/'))
      .flatMap(file => importsOf(file).packages.filter(name => /^yeoman-(generator|environment)\b/.test(name)).map(name => `${file} imports ${name}`));
    assert.deepEqual(outside, []);
    // The check sees the adapter's own imports, so it would see any other.
    assert.ok(importsOf('lib/engine/yeoman/site-generator.ts').packages.includes('yeoman-generator'));
    assert.ok(importsOf('lib/engine/yeoman/run.ts').packages.includes('yeoman-environment'));
  });

  it('keeps the answer model a leaf: it imports nothing', () => {
    assert.deepEqual(importsOf('lib/answers/model.ts'), { modules: [], packages: [] });
  });
});
