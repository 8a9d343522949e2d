/**
 * Compiles the packaged templates with ejs, as renderTemplate would when it first renders one,
 * into dist/lib/engine/compiled-templates.js (see lib/engine/compiled-templates.ts), which the
 * bundles take in: a run that asks nothing then reads no template and compiles none. Each is
 * compiled in strict mode, its variables (templateCatalog's) declared from the data, where a
 * template compiled at run time reads them through `with`; the output is the same, and the
 * tests compare the two.
 *
 *   node dist/scripts/compile-templates.js        (npm run build runs it after tsc)
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import { packageRoot, templatesDirectory } from '../lib/engine/package-root.js';
import { templateCatalog } from '../lib/engine/templates.js';

/** ejs's function body for a template: what its `debug` option prints. */
function compiledBody(template: string, text: string, variables: string[]): string {
  if (/\binclude\s*\(/.test(text)) throw new Error(`compile-templates: ${template} includes another template, which a compiled template cannot`);
  let body: string | undefined;
  const log = console.log;
  console.log = (source: string) => {
    body = source;
  };
  try {
    ejs.compile(text, { filename: path.join('templates', template), debug: true, compileDebug: false, strict: true, destructuredLocals: variables });
  } finally {
    console.log = log;
  }
  if (body === undefined) throw new Error(`compile-templates: ejs printed no source for ${template}`);
  return body;
}

const entries = Object.entries(templateCatalog).map(([template, variables]) => {
  const [generator = '', ...rest] = template.split('/');
  const text = readFileSync(path.join(templatesDirectory(generator), ...rest), 'utf8');
  const body = compiledBody(template, text, Object.keys(variables));
  return `  ${JSON.stringify(template)}: function (locals, escapeFn) {\n${body}\n},`;
});

const target = path.join(packageRoot, 'dist', 'lib', 'engine', 'compiled-templates.js');
const temporary = `${target}.tmp`;
writeFileSync(
  temporary,
  `// Written by scripts/compile-templates.ts from templates/: ejs's compiled form of each packaged template.\nexport const compiledTemplates = {\n${entries.join('\n')}\n};\n`,
);
renameSync(temporary, target);
