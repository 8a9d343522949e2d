import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { InvalidAnswerError, jsonErrorPosition } from './errors.js';
import { questions } from './questions.js';

/*
 * Where answers come from besides the command line: the answers a site keeps in .yo-rc.json,
 * and an answers file (--answers).
 */

/** The key under which .yo-rc.json keeps this generator's answers (Yeoman's convention). */
export const storageKey = 'generator-azure-python';

/** The most an answers file or .yo-rc.json may hold: answers are a few hundred bytes. */
export const maxAnswersBytes = 1024 * 1024;

/**
 * A small UTF-8 text file (a byte-order mark is dropped), or an error saying why not: it is
 * not a regular file (a FIFO or a device would block the run, or never end), or is too large.
 */
function readSmallTextFile(file: string): string {
  // A FIFO is refused before it is opened: opening one waits for a writer.
  if (!statSync(file).isFile()) throw new Error('it is not a regular file');
  const descriptor = openSync(file, 'r');
  try {
    const stats = fstatSync(descriptor);
    if (!stats.isFile()) throw new Error('it is not a regular file');
    if (stats.size > maxAnswersBytes) throw new Error(`it holds ${stats.size} bytes; answers take at most ${maxAnswersBytes}`);
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < stats.size) {
      const count = readSync(descriptor, buffer, read, stats.size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(descriptor);
  }
}

/** The answers kept in `folder/.yo-rc.json`, read without creating anything. */
export function readKeptAnswers(folder: string): Record<string, unknown> {
  const file = path.join(folder, '.yo-rc.json');
  let text: string;
  try {
    if (!statSync(file, { throwIfNoEntry: false })) return {};
    text = readSmallTextFile(file);
  } catch (error) {
    throw new Error(`${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): fix or remove it.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${jsonErrorPosition(text, error)}): fix or remove it.`);
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
    text = readSmallTextFile(path.resolve(cwd, file));
  } catch (error) {
    throw new InvalidAnswerError('--answers', `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, undefined);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    // Only the position: V8's message quotes the text around it, which may be a password.
    throw new InvalidAnswerError('--answers', `${file} is not valid JSON (${jsonErrorPosition(text, error)})`, undefined);
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
