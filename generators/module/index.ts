import { modulePlan } from '../../lib/plans.js';
import { SiteGenerator, type SiteOptions } from '../../lib/site-generator.js';
import { moduleLayout } from '../../lib/site.js';

/** `yo azure-python:module`: the WSGI module that wfastcgi imports. */
export default class ModuleGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'module');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    // A framework's app points at the site's static folder: the webconfig generator's answer, if any.
    const staticDir = this.options['static-dir'] ?? this.config.get('staticDir');
    this.writeFiles((answers, overlay) => modulePlan({ ...answers, staticDir: typeof staticDir === 'string' ? staticDir : '' }, overlay));
  }

  end(): void {
    const previous = this.previousAnswers && moduleLayout(this.previousAnswers).moduleFile;
    if (previous && previous !== moduleLayout(this.answers).moduleFile && this.readUserFile(previous) !== undefined) {
      this.log.info(`${previous} is left as it is: delete it once nothing uses it.`);
    }
  }
}
