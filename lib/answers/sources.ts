import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidAnswerError } from './errors.js';
import { questions } from './questions.js';

/*
 * Where answers come from besides the command line: the answers a site keeps in .yo-rc.json,
 * and an answers file (--answers).
 */

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

/** Answers read from a JSON file, keyed by the CLI options' names (`site-root`, `static-dir`, ...). */
export interface AnswersFile {
  /** The file as given, to name it in errors. */
  readonly file: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Reads `--answers <file>`: a JSON object whose keys are the options' names. A key that is no
 * option is refused here, by name; the values are checked later, by the same rules as options.
 */
export function readAnswersFile(file: string, cwd = process.cwd()): AnswersFile {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new InvalidAnswerError('--answers', `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, undefined);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new InvalidAnswerError('--answers', `${file} is not valid JSON (${(error as Error).message})`, undefined);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new InvalidAnswerError('--answers', `${file} must hold a JSON object, e.g. {"module": "Shop", "site-root": "D:\\\\home\\\\site\\\\wwwroot"}`, undefined);
  }
  const known = questions.map(question => question.option);
  const unknown = Object.keys(values).find(key => !known.includes(key));
  if (unknown !== undefined) {
    throw new InvalidAnswerError('--answers', `${file} has an unknown key ${JSON.stringify(unknown)}: the keys are the options' names (${known.join(', ')})`, undefined);
  }
  return { file, values: values as Record<string, unknown> };
}
