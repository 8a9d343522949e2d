import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder: the nearest folder above this module whose package.json is the
 * package's. This module runs compiled in dist/lib/engine and bundled into dist/bin: the
 * number of folders up is not the same.
 */
function findPackageRoot(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'generator-azure-python') return folder;
    if (path.dirname(folder) === folder) throw new Error(`generator-azure-python: no package.json of the package above ${from}`);
  }
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The packaged templates of one folder of templates/ (a generator's, say). */
export function templatesDirectory(folder: string): string {
  return path.join(packageRoot, 'templates', folder);
}
