import { findHost } from '../../lib/hosts.js';
import { linuxCommands } from '../../lib/linux.js';
import { dependenciesPlan } from '../../lib/plans.js';
import { SiteGenerator, type SiteOptions } from '../../lib/site-generator.js';

/** `yo azure-python:linux`: App Service on Linux runs the WSGI callable with gunicorn; there is no IIS. */
export default class LinuxGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    // This generator is the linux host's: it is the default, and the only host it takes.
    super(args, { ...options, host: options.host ?? 'linux' }, 'linux');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
    if (findHost(this.answers.host).os !== 'linux') {
      throw new Error(`yo azure-python:linux writes a site for --host linux, not --host ${this.answers.host}.`);
    }
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    // gunicorn (and the framework) in requirements.txt: Oryx's build installs them.
    this.writeFiles(dependenciesPlan);
  }

  end(): void {
    this.log.info(`App Service on Linux: set site ${this.answers.siteName}'s runtime and startup command once (the site's resource group for <resource-group>):`);
    for (const command of linuxCommands(this.answers)) this.log(`  ${command}`);
  }
}
