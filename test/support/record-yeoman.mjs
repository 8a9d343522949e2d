// Loaded with `node --import`: records in $RECORD_YEOMAN_FILE each Yeoman package the process
// imports, so that a test sees which engine ran a command (without reading its output).
import { register } from 'node:module';

if (process.env.RECORD_YEOMAN_FILE) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, next) {
        if (/^yeoman-(environment|generator)$/.test(specifier)) appendFileSync(${JSON.stringify(process.env.RECORD_YEOMAN_FILE)}, specifier + '\\n');
        return next(specifier, context);
      }
    `)}`,
  );
}
