import { deployCommand } from '../../lib/arm-template.js';
import { provisionPlan } from '../../lib/plans.js';
import { SiteGenerator, type SiteOptions } from '../../lib/site-generator.js';

/** `yo azure-python:provision`: an ARM template that creates the site and its plan, as the answers describe it. */
export default class ProvisionGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'provision');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
    if (this.answers.host === 'iis') throw new Error('yo azure-python:provision creates Azure sites: --host iis runs on your own server.');
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    this.writeFiles(provisionPlan);
  }

  end(): void {
    this.log.info(`Create the site from the template: ${deployCommand(this.answers.siteName)}`);
  }
}
