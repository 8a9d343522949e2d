import path from 'node:path';
import { answerApplies, questions } from '../../lib/answers.js';
import { generatorPath, type GeneratorName } from '../../lib/package-paths.js';
import { readKeptAnswers } from '../../lib/kept-answers.js';
import { composedOption, SiteGenerator, type SiteOptions } from '../../lib/site-generator.js';
import { siteFiles } from '../../lib/site-files.js';
import { findFramework } from '../../lib/frameworks.js';

/** `yo azure-python [destination]`: asks every question once, then composes the generators that write the site. */
export default class AppGenerator extends SiteGenerator {
  #destination = '';

  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'app');
    this.argument('destination', {
      type: String,
      required: false,
      description: 'Folder to generate the site in (default: the current folder)',
    });
  }

  initializing(): void {
    this.#destination = path.resolve(this.destinationRoot(), (this.options.destination as string | undefined) ?? '.');
  }

  async prompting(): Promise<void> {
    // Nothing is created before every answer is known and valid: the destination may not exist yet.
    await this.findAnswers(this.#destination, readKeptAnswers(this.#destination));
  }

  async configuring(): Promise<void> {
    this.destinationRoot(this.#destination);
    this.keepAnswers();
    const generatorOptions = {
      // Only the answers that apply: a site root on Linux, say, is no answer to pass on.
      ...Object.fromEntries(
        questions.filter(question => answerApplies(question, this.answers)).map(question => [question.option, this.answers[question.name]]),
      ),
      yes: true,
      commit: this.options.commit,
      templates: this.options.templates,
      [composedOption]: true,
    };
    const configuration: GeneratorName = this.answers.host === 'linux' ? 'linux' : this.answers.config;
    const provision = this.answers.provision && this.answers.host !== 'iis';
    const parts: GeneratorName[] = [
      'module',
      configuration,
      ...(provision ? ['provision' as const] : []),
      'readme',
      ...(this.answers.git ? ['git' as const] : []),
    ];
    for (const part of parts) {
      await this.composeWith(generatorPath(part), { generatorOptions } as never);
    }
  }

  end(): void {
    const files = siteFiles(this.answers);
    const width = Math.max(...files.map(file => file.path.length));
    this.log.ok(`Python site for Azure Websites ready in ${this.destinationRoot()}:`);
    for (const file of files) this.log(`  ${file.path.padEnd(width)}  ${file.purpose}`);
    this.log(`Try it locally: ${findFramework(this.answers.framework).localCommand(this.answers.module)}  (then open http://localhost:8000/)`);
  }
}
