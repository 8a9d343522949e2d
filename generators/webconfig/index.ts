import { SiteGenerator, type SiteOptions } from '../../lib/site-generator.js';
import { siteLayout } from '../../lib/site.js';

/** The placeholder the handler is mapped to: FastCGI only runs for a path that exists on disk. */
export const handlerPlaceholder = 'handler.fcgi';

/** `yo azure-python:webconfig`: Option 2, the handler, URL Rewrite rule and settings in web.config. */
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
    this.writeTemplate('web.config.ejs', 'web.config', siteLayout(this.answers));
    this.writeText(handlerPlaceholder, '');
  }
}
