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
    const layout = moduleLayout(this.answers);
    this.writeTemplate('module.py.ejs', layout.moduleFile, layout);
  }
}
