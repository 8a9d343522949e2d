import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { templatesDirectory, type GeneratorName } from './package-paths.js';

/** The text of `templates/<generator>/<template>` rendered with `data`. */
export function renderTemplate(generator: GeneratorName, template: string, data: object): string {
  const file = path.join(templatesDirectory(generator), template);
  return ejs.render(readFileSync(file, 'utf8'), data, { filename: file });
}
