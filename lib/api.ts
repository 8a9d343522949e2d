/**
 * The package's programmatic API, for onboarding tools that generate many sites:
 *
 *   import { generateSite } from 'generator-azure-python';
 *   const { files } = await generateSite({ destination: 'sites/shop', module: 'Shop', git: false });
 */
import path from 'node:path';
import { InvalidAnswerError, shownValue } from './answers/errors.js';
import type { SiteAnswers } from './answers/model.js';
import { questions } from './answers/questions.js';
import { checkAll, snapshotDestination } from './answers/resolve.js';
import { keyLabel } from './answers/rules.js';

export { InvalidAnswerError };
export type { SiteAnswers } from './answers/model.js';
export { TemplateError, templateCatalog } from './engine/templates.js';
export { XmlSyntaxError } from './xml/text.js';

export interface GenerateSiteOptions extends Partial<SiteAnswers> {
  /** The folder to generate the site in; created when missing. */
  destination: string;
  /** A JSON file of answers (keys: the CLI options' names); the answers given here take precedence. */
  answersFile?: string;
  /** A folder of templates that replace the packaged ones at the same path. */
  templates?: string;
  /** With git: commit the files the run created (default true). */
  commit?: boolean;
  /** Apply changes to files the user edited (default false: such a change throws). */
  force?: boolean;
  /** Receives each line the run says (as the CLI prints them, without colour); by default nothing is printed. */
  log?: (line: string) => void;
}

export interface GeneratedSite {
  /** The site folder, absolute. */
  readonly destination: string;
  /** The files the run created or changed, relative to the site folder, / separated. */
  readonly files: readonly string[];
}

/**
 * Generates a site in-process, as `generator-azure-python <destination> --yes` does: every
 * answer not given takes its default, nothing is asked. Throws an InvalidAnswerError (bad
 * answer, answers file or combination), a TemplateError (a --templates problem) or an
 * XmlSyntaxError (an existing web.config that is not well-formed) before writing anything;
 * a change to a file the user edited throws too, unless `force`.
 */
export async function generateSite(options: GenerateSiteOptions): Promise<GeneratedSite> {
  checkOptions(options);
  const destination = path.resolve(options.destination);
  const templates = options.templates === undefined ? undefined : path.resolve(options.templates);
  const cliOptions: Record<string, unknown> = {
    yes: true,
    answers: options.answersFile,
    templates,
    commit: options.commit,
    force: options.force,
  };
  for (const question of questions) cliOptions[question.option] = options[question.name];

  // Checked here first, so that a bad value throws its own error, with nothing started.
  try {
    checkAll({ names: questions.map(question => question.name), options: cliOptions, canPrompt: false, label: keyLabel }, snapshotDestination(destination));
  } catch (error) {
    // The answers file and the overlay are checked as the CLI's options: here they are keys.
    const key = error instanceof InvalidAnswerError ? ({ '--answers': 'answersFile', '--templates': 'templates' } as Record<string, string>)[error.source] : undefined;
    throw key ? (error as InvalidAnswerError).renamed(key) : error;
  }

  const [{ runDirect }, { filesWrittenBy }] = await Promise.all([import('./engine/run/direct.js'), import('./engine/run/site-run.js')]);
  const defined = Object.fromEntries(Object.entries(cliOptions).filter(([, value]) => value !== undefined));
  // No terminal: nothing can be asked, and what the run says goes to `log`, a line at a time.
  const write = (text: string) => {
    for (const line of text.split('\n')) if (line.trim() !== '') options.log?.(line);
  };
  const run = await runDirect('app', [destination], defined, { canAsk: false, force: options.force === true, write });
  const files = filesWrittenBy(run).map(file => path.relative(destination, file).split(path.sep).join('/'));
  return { destination, files };
}

const settingKeys = { destination: 'string', answersFile: 'string', templates: 'string', commit: 'boolean', force: 'boolean', log: 'function' } as const;

/**
 * Checks generateSite's argument as the CLI checks its options: an unknown key (a misspelt
 * `sitename`, the CLI's `site-name`) or a value of the wrong type throws an InvalidAnswerError
 * naming the key, before anything is read or written. The answers' own rules follow, in checkAll.
 */
function checkOptions(options: unknown): asserts options is GenerateSiteOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidAnswerError('generateSite', 'it takes an object of options, e.g. { destination: "sites/shop" }', undefined);
  }
  const keys = [...Object.keys(settingKeys), ...questions.map(question => question.name)];
  for (const [key, value] of Object.entries(options)) {
    if (!keys.includes(key)) {
      throw new InvalidAnswerError('generateSite', `${shownValue(key)} is not one of its options, which are ${keys.join(', ')}`, undefined);
    }
    const question = questions.find(candidate => candidate.name === key);
    const expected = question ? (question.kind === 'confirm' ? 'boolean' : 'string') : settingKeys[key as keyof typeof settingKeys];
    if (value !== undefined && typeof value !== expected) {
      throw new InvalidAnswerError(key, `a ${expected} is expected`, shownValue(typeof value === 'function' ? 'a function' : value));
    }
  }
  const { destination } = options as { destination?: unknown };
  if (typeof destination !== 'string' || destination.trim() === '') {
    throw new InvalidAnswerError('destination', 'the folder to generate the site in is required, as a non-empty string', destination === undefined ? undefined : shownValue(destination));
  }
}
