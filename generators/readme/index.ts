import { readmePart } from '../../lib/plans/readme.js';
import { SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:readme`: the site's own README.md. */
export default class ReadmeGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'readme');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    const [readme] = this.writeFiles(readmePart.plan);
    if (readme?.action === 'keep') this.log.info(`${readme.path} is the project's own: it is left as it is.`);
  }

  end(): void {
    this.summarise();
  }
}
