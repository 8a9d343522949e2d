import { deployCommand } from '../../lib/azure/arm-template.js';
import { provisionPart } from '../../lib/plans/provision.js';
import { SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:provision`: an ARM template that creates the site and its plan, as the answers describe it. */
export default class ProvisionGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'provision');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    this.writeFiles(provisionPart.plan);
  }

  end(): void {
    this.summarise();
    this.log.info(`Create the site from the template: ${deployCommand(this.answers.siteName)}`);
  }
}
