import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The key under which .yo-rc.json keeps this generator's answers (Yeoman's convention). */
export const storageKey = 'generator-azure-python';

/** The answers kept in `folder/.yo-rc.json`, read without creating anything. */
export function readKeptAnswers(folder: string): Record<string, unknown> {
  const file = path.join(folder, '.yo-rc.json');
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}): fix or remove it.`);
  }
  const kept = (parsed as Record<string, unknown> | null)?.[storageKey];
  return typeof kept === 'object' && kept !== null ? (kept as Record<string, unknown>) : {};
}
