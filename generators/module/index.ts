import { modulePart } from '../../lib/plans/module.js';
import { userAppPaths } from '../../lib/site/layout.js';
import { composedOption, SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';
import { moduleLayout } from '../../lib/site/layout.js';

/** `yo azure-python:module`: the WSGI module that wfastcgi imports. */
export default class ModuleGenerator extends SiteGenerator {
  // The user's own app where the module would go: the module generator writes nothing.
  #usersApp: string[] = [];

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
    this.#usersApp = userAppPaths(this.answers).filter(file => this.holdsUserFile(file));
    this.writeFiles(modulePart.plan);
  }

  end(): void {
    this.summarise();
    if (!this.options[composedOption] && this.#usersApp.length === 0) this.log(`Try it locally: ${moduleLayout(this.answers).localCommand}  (then open http://localhost:8000/)`);
    if (this.#usersApp.length > 0) this.log.info(`${this.#usersApp.join(' and ')}: your app, and the site's, left as it is.`);
    const previous = this.previousAnswers && moduleLayout(this.previousAnswers).moduleFile;
    if (previous && previous !== moduleLayout(this.answers).moduleFile && this.readUserFile(previous) !== undefined) {
      this.log.info(`${previous} is left as it is: delete it once nothing uses it.`);
    }
  }
}
