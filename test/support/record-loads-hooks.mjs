import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.RECORD_LOADS) appendFileSync(process.env.RECORD_LOADS, `${resolved.url}\n`);
  return resolved;
}
