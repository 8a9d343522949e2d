import path from 'node:path';
import { answerApplies, questions } from '../../lib/answers/questions.js';
import { readKeptAnswers } from '../../lib/answers/sources.js';
import { findHost, windowsAppServiceToday } from '../../lib/catalog/hosts.js';
import { generatorPath } from '../../lib/engine/registry.js';
import { doneLine } from '../../lib/engine/yeoman/output.js';
import { composedOption, SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';
import { siteFiles, siteParts } from '../../lib/plans/parts.js';
import { djangoSecretKeySource, localCommandForUsersApp, moduleLayout, requirementsInstall, secretKeyNote, withAppOwner } from '../../lib/site/layout.js';

/** `yo azure-python [destination]`: asks every question once, then composes the generators that write the site. */
export default class AppGenerator extends SiteGenerator {
  #destination = '';

  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'app');
    this.argument('destination', {
      type: String,
      required: false,
      description: 'Folder to generate the site in (default: the current folder)',
    });
  }

  initializing(): void {
    this.#destination = path.resolve(this.destinationRoot(), (this.options.destination as string | undefined) ?? '.');
  }

  async prompting(): Promise<void> {
    // Nothing is created before every answer is known and valid: the destination may not exist yet.
    await this.findAnswers(this.#destination, readKeptAnswers(this.#destination));
  }

  async configuring(): Promise<void> {
    this.destinationRoot(this.#destination);
    this.keepAnswers();
    const generatorOptions = {
      // Only the answers that apply: a site root on Linux, say, is no answer to pass on.
      ...Object.fromEntries(
        questions.filter(question => answerApplies(question, this.answers)).map(question => [question.option, this.answers[question.name]]),
      ),
      yes: true,
      // Only when given: an option passed as undefined reads as --no-commit to Yeoman.
      ...(this.options.commit === undefined ? {} : { commit: this.options.commit }),
      templates: this.options.templates,
      [composedOption]: true,
    };
    for (const part of siteParts(this.answers)) {
      await this.composeWith(generatorPath(part.name), { generatorOptions } as never);
    }
  }

  end(): void {
    const files = siteFiles(this.answers, { holdsUserFile: file => this.holdsUserFile(file), readSiteFile: file => this.readUserFile(file) });
    const width = Math.max(...files.map(file => file.path.length));
    this.log(doneLine(`Python site ready in ${this.destinationRoot()}:`));
    for (const file of files) this.log(`  ${file.path.padEnd(width)}  ${file.purpose}`);
    const owned = withAppOwner(this.answers, file => this.holdsUserFile(file));
    this.log(`Try it locally: ${this.#localCommand(owned.usersProject, requirementsInstall(files))}  (then open http://localhost:8000/)`);
    if (findHost(this.answers.host).os === 'windows' && findHost(this.answers.host).onAzure) this.log.info(`Note: ${windowsAppServiceToday}.`);
    if (djangoSecretKeySource(owned) === 'key-file') this.log.info(secretKeyNote('key-file', this.answers));
  }

  /**
   * The generated module runs itself on port 8000; the user's own app may not (an app.py
   * without app.run()). Either needs the site's packages installed first.
   */
  #localCommand(usersApp: boolean, install: string | undefined): string {
    const command = usersApp ? localCommandForUsersApp(this.answers) : moduleLayout(this.answers).localCommand;
    const needsWaitress = command.includes('-m waitress');
    const installing = install ? `${install}${needsWaitress ? ' waitress' : ''}` : needsWaitress ? 'python -m pip install waitress' : undefined;
    return installing ? `${installing}, then ${command}` : command;
  }
}
