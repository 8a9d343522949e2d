import { existsSync } from 'node:fs';
import path from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import {
  checkAnswer,
  givenAnswers,
  noTerminalError,
  promptValidator,
  questionsFor,
  type AnswerName,
  type SiteAnswers,
} from './answers.js';
import { commitOptionDescription, generators, templatesDirectory, type GeneratorName } from './package-paths.js';

/** Options as Yeoman parses them: kebab-case names, as declared. */
export type SiteOptions = BaseOptions & Record<string, unknown>;

/** Set by `app` on the generators it composes. */
export const composedOption = 'composedByApp';

// Set on a mem-fs file that this run creates, so that the git generator commits only those.
const createdByThisRun = 'azurePythonCreated';

/**
 * What every generator of this package shares: its answers as CLI options, the order in which
 * an answer is found (option, then .yo-rc.json, then --yes or a prompt), and file writing that
 * remembers which files the run created.
 */
export abstract class SiteGenerator extends Generator<Record<string, unknown>, SiteOptions> {
  protected answers = {} as SiteAnswers;
  readonly #answerNames: readonly AnswerName[];

  constructor(args: string[], options: SiteOptions, name: GeneratorName) {
    // A Python site has no npm dependencies: the generator that runs first turns Yeoman's
    // package-manager step off (one generator of a run may say so, or Yeoman warns).
    super(args, options, options[composedOption] ? {} : { customInstallTask: true });
    this.#answerNames = generators[name].answers;
    this.sourceRoot(templatesDirectory(name));
    for (const question of questionsFor(this.#answerNames)) {
      this.option(question.option, {
        type: question.kind === 'confirm' ? Boolean : String,
        description: question.description,
      });
    }
    this.option('yes', {
      type: Boolean,
      alias: 'y',
      description: 'Use the default for every answer not given as an option; never prompt',
    });
    if (generators[name].commitOption) {
      this.option('commit', { type: Boolean, default: true, description: commitOptionDescription });
    }
  }

  /**
   * Finds every answer this generator needs: a CLI option, else the value kept in the
   * destination's .yo-rc.json, else the default (with --yes) or a prompt. Each value is
   * checked before anything is written; without a terminal, missing answers fail at once.
   */
  protected async findAnswers(destination = this.destinationRoot(), stored = this.config.getAll()): Promise<void> {
    const { answers, missing } = givenAnswers(this.#answerNames, this.options, stored);
    const context = { destination };
    if (this.options.yes) {
      for (const question of missing) answers[question.name] = question.defaultValue(context);
    } else if (missing.length > 0) {
      if (!this.#canPrompt()) throw noTerminalError(missing);
      const prompted: Record<string, unknown> = await this.env.adapter.prompt(
        missing.map(question => ({
          type: { text: 'input', choice: 'select', confirm: 'confirm' }[question.kind],
          name: question.name,
          message: question.message,
          default: question.defaultValue(context),
          choices: question.choices?.map(choice => ({ name: choice.label, value: choice.value })),
          validate: question.kind === 'text' ? promptValidator(question) : undefined,
          when: (sofar: Partial<SiteAnswers>) => question.askWhen?.({ ...answers, ...sofar } as Partial<SiteAnswers>) ?? true,
        })) as never,
      );
      for (const question of missing) {
        const value = prompted[question.name] ?? question.defaultValue(context);
        answers[question.name] = checkAnswer(question, value, `--${question.option}`);
      }
    }
    this.answers = answers as unknown as SiteAnswers;
  }

  /** Keeps this generator's answers in .yo-rc.json, so that later runs reuse them. */
  protected keepAnswers(): void {
    const created = !existsSync(this.destinationPath('.yo-rc.json'));
    const kept = Object.fromEntries(this.#answerNames.map(name => [name, this.answers[name]]));
    this.config.set(kept);
    if (created) this.#markCreated('.yo-rc.json');
  }

  /** Renders `templates/<generator>/<template>` to `destination`, relative to the site. */
  protected writeTemplate(template: string, destination: string, data: object): void {
    this.writeFile(destination, () => this.renderTemplate(template, destination, data));
  }

  /** Writes `contents` to `destination`, relative to the site. */
  protected writeText(destination: string, contents: string): void {
    this.writeFile(destination, () => this.writeDestination(destination, contents));
  }

  /**
   * Applies a change that only adds to the user's file: Yeoman's conflict check would ask
   * about it although nothing the user wrote changes, so it is written without asking.
   */
  protected appendToUserFile(destination: string, contents: string): void {
    this.writeDestination(destination, contents);
    const file = this.fs.store.get(this.destinationPath(destination)) as unknown as Record<string, unknown>;
    file.conflicter = 'force';
  }

  /** Files this run created (relative to the site, / separated) that are now on disk. */
  protected createdFiles(): string[] {
    return this.fs.store
      .all()
      .filter(file => (file as unknown as Record<string, unknown>)[createdByThisRun] === true && existsSync(file.path))
      .map(file => path.relative(this.destinationRoot(), file.path).split(path.sep).join('/'))
      .filter(relative => !relative.startsWith('..'))
      .sort();
  }

  private writeFile(destination: string, write: () => void): void {
    const created = !existsSync(this.destinationPath(destination));
    write();
    if (created) this.#markCreated(destination);
  }

  #markCreated(destination: string): void {
    const file = this.fs.store.get(this.destinationPath(destination)) as unknown as Record<string, unknown>;
    file[createdByThisRun] = true;
  }

  /**
   * Prompts need a terminal: under `yo` or the package's bin, stdin must be a TTY. An adapter
   * without its own stdin (yeoman-test's, or an embedding tool's) answers prompts itself.
   */
  #canPrompt(): boolean {
    const adapter = this.env.adapter as { actualAdapter?: { stdin?: { isTTY?: boolean } } };
    const stdin = adapter.actualAdapter?.stdin;
    return stdin === undefined || stdin.isTTY === true;
  }
}
