import { webConfigPlan } from '../../lib/plans.js';
import { SiteGenerator, type SiteOptions } from '../../lib/site-generator.js';
import { routingNotes } from '../../lib/web-config.js';

/** `yo azure-python:webconfig`: Option 2, the handler, URL Rewrite rules and settings in web.config. */
export default class WebConfigGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'webconfig');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    this.writeFiles(webConfigPlan);
  }

  end(): void {
    for (const note of routingNotes(this.answers)) this.log.info(note);
  }
}
