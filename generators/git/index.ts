import {
  commitCommands,
  commitRecoveryCommands,
  GitNotFoundError,
  GitRefusedError,
  manualRepositoryCommands,
  prepareRepository,
  type RepositoryReport,
} from '../../lib/git/repository.js';
import { pushCommand, remoteAddCommand, shellWord } from '../../lib/git/deploy.js';
import { scmGitUrl } from '../../lib/azure/endpoints.js';
import { gitPart } from '../../lib/plans/git.js';
import { SiteGenerator, type SiteOptions } from '../../lib/engine/yeoman/site-generator.js';

/**
 * `yo azure-python:git`: a repository ready for `git push azure`. Runs last: it commits only
 * the files this run created, once they are on disk.
 */
export default class GitGenerator extends SiteGenerator {
  constructor(args: string[], options: SiteOptions) {
    super(args, options, 'git');
  }

  async prompting(): Promise<void> {
    await this.findAnswers();
  }

  configuring(): void {
    this.keepAnswers();
  }

  writing(): void {
    this.writeFiles(gitPart.plan);
  }

  async end(): Promise<void> {
    const request = { files: this.createdFiles(), commit: this.options.commit !== false, remote: this.answers.remote };
    try {
      this._reportRepository(await prepareRepository(this.destinationRoot(), request));
    } catch (error) {
      // The site is written: git is a step the user can take later, and here is how.
      if (error instanceof GitNotFoundError) {
        this.log.info(`${error.message}: the site files are written, with no repository. Once git is installed, run in ${this.destinationRoot()}:`);
        for (const command of manualRepositoryCommands(request)) this.log(`  ${command}`);
      } else if (error instanceof GitRefusedError) {
        this.log.info(`${error.message}: the site files are written, and nothing was committed. Once git accepts the folder (for a repository of another owner: git config --global --add safe.directory ${shellWord(this.destinationRoot())}), run in ${this.destinationRoot()}:`);
        for (const command of manualRepositoryCommands(request, true)) this.log(`  ${command}`);
      } else {
        throw error;
      }
    }
  }

  _reportRepository(report: RepositoryReport): void {
    this.log.info(report.initialised ? `Initialised a git repository in ${report.root}` : `Using the git repository in ${report.root}`);
    if (report.root !== this.destinationRoot()) {
      this.log.info(
        `Azure deploys the repository's top folder: add a .deployment file there with "[config]" and "project = <path of this site>".`,
      );
    }
    if (report.busy) {
      this.log.info(`Nothing was staged or committed: ${report.busy}. The site files are written; once it is done, run:`);
      for (const command of commitCommands(this.createdFiles())) this.log(`  ${command}`);
    }
    if (report.ignored.length > 0) {
      this.log.info(`Not committed, since your .gitignore ignores them, though the site needs them deployed: ${report.ignored.join(', ')}. To commit them all the same:`);
      this.log(`  git add -f -- ${report.ignored.map(shellWord).join(' ')} && git commit -m "Add Azure Python site files"`);
    }
    if (report.commitError) {
      this.log.info(`git could not commit (${report.commitError}). The site files are written and staged; to commit them, run:`);
      for (const command of commitRecoveryCommands(report.commitError)) this.log(`  ${command}`);
    } else if (report.committed.length > 0) {
      this.log.info(`Committed ${report.committed.length} new files: ${report.committed.join(', ')}`);
    }
    const siteName = (this.config.get('siteName') as string | undefined) ?? '<site>';
    if (report.remote === 'kept-other') {
      this.log.info('The remote "azure" already points to another URL: left as it is (git remote -v shows it).');
    } else if (report.remote === 'none') {
      this.log.info(`Add the Azure remote: ${remoteAddCommand(scmGitUrl(siteName))}`);
    }
    this.log.info(`Deploy with: ${pushCommand(report.branch)}`);
  }
}
