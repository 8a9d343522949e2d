import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import Generator, { type BaseOptions } from 'yeoman-generator';
import {
  checkAnswer,
  checkAnswerCombination,
  givenAnswers,
  noTerminalError,
  promptValidator,
  questionsFor,
  type AnswerName,
  type SiteAnswers,
} from './answers.js';
import { commitOptionDescription, generators, templatesDirectory, type GeneratorName } from './package-paths.js';

/** A change to a file the user may have written, as lib/web-config.ts's merge describes it. */
export interface FileMerge {
  readonly text: string;
  readonly change: 'none' | 'addition' | 'modification';
  readonly changes: readonly { readonly kind: 'addition' | 'modification'; readonly description: string }[];
}

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
    const { answers, missing, defaulted } = givenAnswers(this.#answerNames, this.options, stored);
    const context = { destination };
    for (const question of defaulted) answers[question.name] = question.defaultValue(context);
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
    checkAnswerCombination(answers as Partial<SiteAnswers>);
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
    this.writeText(destination, this.renderText(template, data));
  }

  /** The text of `templates/<generator>/<template>` rendered with `data`. */
  protected renderText(template: string, data: object): string {
    const file = this.templatePath(template);
    return ejs.render(readFileSync(file, 'utf8'), data, { filename: file });
  }

  /**
   * The site's file as it is, or undefined when there is none: as this run wrote it, else
   * byte for byte from disk (Yeoman's own read drops a byte-order mark, which the file keeps).
   */
  protected readUserFile(destination: string): string | undefined {
    const file = this.destinationPath(destination);
    if ((this.fs.store.get(file) as unknown as { state?: string }).state) return this.fs.read(file, { defaults: null }) ?? undefined;
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  /** Writes `contents` to `destination` unless a file is there already (whatever it holds). */
  protected writeUnlessPresent(destination: string, contents: string): void {
    if (!this.fs.exists(this.destinationPath(destination))) this.writeText(destination, contents);
  }

  /** Writes `contents` to `destination`, relative to the site. */
  protected writeText(destination: string, contents: string): void {
    this.writeFile(destination, () => this.writeDestination(destination, contents));
  }

  /**
   * Applies a change that only adds to the user's file: Yeoman's conflict check would ask
   * about it although nothing the user wrote changes, so it is written without asking.
   */
  protected addToUserFile(destination: string, contents: string): void {
    this.writeDestination(destination, contents);
    const file = this.fs.store.get(this.destinationPath(destination)) as unknown as Record<string, unknown>;
    file.conflicter = 'force';
  }

  /**
   * Checks, before anything is written, that a merge into the user's file can be applied: one
   * that changes what the user wrote is Yeoman's conflict to ask about, and without a
   * terminal to ask on (and no --force) the run stops here.
   */
  protected checkMerge(destination: string, merge: FileMerge): void {
    if (merge.change !== 'modification' || this.#canPrompt() || this.#forced()) return;
    const changes = merge.changes
      .filter(change => change.kind === 'modification')
      .map(change => change.description)
      .join('; ');
    throw new Error(
      `${destination} has entries this run would change (${changes}): run again in a terminal to review the change, or with --force to apply it.`,
    );
  }

  /** Writes a merge: unchanged, only added to (no question), or changed (Yeoman asks). */
  protected writeMerge(destination: string, merge: FileMerge): void {
    if (merge.change === 'addition' && existsSync(this.destinationPath(destination))) this.addToUserFile(destination, merge.text);
    else this.writeText(destination, merge.text);
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
  #forced(): boolean {
    return this.options.force === true || (this.env as unknown as { options?: { force?: boolean } }).options?.force === true;
  }

  #canPrompt(): boolean {
    const adapter = this.env.adapter as { actualAdapter?: { stdin?: { isTTY?: boolean } } };
    const stdin = adapter.actualAdapter?.stdin;
    return stdin === undefined || stdin.isTTY === true;
  }
}
