import { webconfigPart } from '../../lib/plans/webconfig.js';
import { SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';
import { routingNotes } from '../../lib/iis/web-config.js';

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
    this.writeFiles(webconfigPart.plan);
  }

  end(): void {
    for (const note of routingNotes(this.answers)) this.log.info(note);
  }
}
