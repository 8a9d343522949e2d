import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Compiled, this module is dist/lib/engine/package-root.js: the package root is three folders up.
export const packageRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** The packaged templates of one folder of templates/ (a generator's, say). */
export function templatesDirectory(folder: string): string {
  return path.join(packageRoot, 'templates', folder);
}
