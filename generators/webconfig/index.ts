import { webconfigPart } from '../../lib/plans/webconfig.js';
import { findHost } from '../../lib/catalog/hosts.js';
import { composedOption, SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';
import { iisSetupScript } from '../../lib/iis/names.js';
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
    this.summarise();
    for (const note of routingNotes(this.answers)) this.log.info(note);
    if (this.options[composedOption]) return;
    const deploy = findHost(this.answers.host).setupScript ? `on the server, as an administrator: .\\${iisSetupScript}` : 'commit it, then git push azure master';
    this.log(`Next: npx generator-azure-python doctor (checks the site), then ${deploy}`);
  }
}
