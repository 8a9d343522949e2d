import { linuxCommands } from '../../lib/azure/linux.js';
import { linuxPart } from '../../lib/plans/linux.js';
import { SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';

/** `yo azure-python:linux`: App Service on Linux runs the WSGI callable with gunicorn; there is no IIS. */
export default class LinuxGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'linux');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    this.writeFiles(linuxPart.plan);
  }

  end(): void {
    this.summarise();
    this.log.info(`App Service on Linux: set site ${this.answers.siteName}'s runtime and startup command once (the site's resource group for <resource-group>):`);
    for (const command of linuxCommands(this.answers)) this.log(`  ${command}`);
  }
}
