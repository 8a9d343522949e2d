import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidAnswerError, questions } from './answers.js';

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
