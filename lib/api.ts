/**
 * The package's programmatic API, for onboarding tools that generate many sites:
 *
 *   import { generateSite } from 'generator-azure-python';
 *   const { files } = await generateSite({ destination: 'sites/shop', module: 'Shop', git: false });
 */
import { Console } from 'node:console';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { checkAnswerCombination, givenAnswers, questions, type SiteAnswers } from './answers.js';
import { readAnswersFile } from './answers-file.js';
import { readKeptAnswers } from './kept-answers.js';
import { generatorNames, generatorPath, generators } from './package-paths.js';
import { filesWrittenBy } from './site-generator.js';
import { checkOverlay } from './templates.js';

export { InvalidAnswerError, type SiteAnswers } from './answers.js';
export { TemplateError, templateCatalog } from './templates.js';
export { XmlSyntaxError } from './xml-text.js';

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
  /** Receives each line Yeoman would print; by default nothing is printed. */
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
  if (templates !== undefined) checkOverlay(templates);
  const answersFile = options.answersFile === undefined ? undefined : readAnswersFile(options.answersFile);
  const { answers } = givenAnswers(generators.app.answers, cliOptions, readKeptAnswers(destination), answersFile);
  checkAnswerCombination(answers as Partial<SiteAnswers>);

  const { createEnv } = await import('yeoman-environment');
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim() !== '') options.log?.(line);
      done();
    },
  });
  // No terminal: nothing can be asked, and Yeoman's output goes to `log`.
  const environment = createEnv({
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
    stdout: output as unknown as NodeJS.WriteStream,
    stderr: output as unknown as NodeJS.WriteStream,
    console: new Console(output, output),
    force: options.force === true,
  });
  for (const name of generatorNames) environment.register(generatorPath(name), { namespace: `azure-python:${name}` });
  const defined = Object.fromEntries(Object.entries(cliOptions).filter(([, value]) => value !== undefined));
  await environment.run(['azure-python:app', destination], defined);
  const files = filesWrittenBy(environment).map(file => path.relative(destination, file).split(path.sep).join('/'));
  return { destination, files };
}
