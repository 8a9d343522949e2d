import { existsSync } from 'node:fs';
import type { FrameworkName } from '../../lib/answers/model.js';
import { contentHash, readFileRecords } from '../../lib/engine/file-history.js';
import { userAppPaths } from '../../lib/site/layout.js';
import {
  cleanTrackedFiles,
  commitRecoveryCommands,
  GitNotFoundError,
  GitRefusedError,
  manualRepositoryCommands,
  prepareRepository,
  type RepositoryReport,
} from '../../lib/git/repository.js';
import { commitCommands, pushCommand, remoteAddCommand, shellWord } from '../../lib/git/deploy.js';
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

  // Files of the site this run changes that git had a clean copy of before: committing them commits only this run's change.
  #cleanBefore: string[] = [];

  async writing(): Promise<void> {
    this.writeFiles(gitPart.plan);
    this.#cleanBefore = await cleanTrackedFiles(this.destinationRoot(), this.filesThisRunWrites());
  }

  async end(): Promise<void> {
    const created = this.createdFiles();
    const written = this.filesThisRunWrites();
    const files = [...new Set([...created, ...this.#cleanBefore.filter(file => written.includes(file)), ...this.#unchangedSinceWritten()])].sort();
    const commit = typeof this.options.commit === 'boolean' ? this.options.commit : undefined;
    const request = { files, commit, remote: this.answers.remote, needed: this.#neededFiles() };
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
    if (report.subfolderNotCommitted) {
      this.log.info(`Nothing was committed: the site is a subfolder of the repository in ${report.root}. --commit commits its files there.`);
    }
    if (report.commitError) {
      this.log.info(`git could not commit (${report.commitError}). The site files are written and staged; to commit them, run:`);
      for (const command of commitRecoveryCommands(report.commitError)) this.log(`  ${command}`);
    } else if (report.committed.length > 0) {
      // Created ones, and the user's files that only gained the site's lines: not all are new.
      this.log.info(`Committed ${report.committed.length} site files: ${report.committed.join(', ')}`);
    }
    const siteName = (this.config.get('siteName') as string | undefined) ?? '<site>';
    if (report.remote === 'kept-other') {
      this.log.info('The remote "azure" already points to another URL: left as it is (git remote -v shows it).');
    } else if (report.remote === 'none') {
      this.log.info(`Add the Azure remote: ${remoteAddCommand(scmGitUrl(siteName))}`);
    }
    if (report.uncommitted.length > 0) {
      this.log.info(`Not committed, though the deployment needs them: ${report.uncommitted.join(', ')}. Commit them, then deploy:`);
      for (const command of commitCommands(report.uncommitted)) this.log(`  ${command}`);
      this.log(`  ${pushCommand(report.branch)}`);
      return;
    }
    this.log.info(`Deploy with: ${pushCommand(report.branch)}`);
  }

  /**
   * The files an earlier run (or this one) wrote wholly from its plan that still hold what it
   * wrote, and the answers: the site's own, to commit. A file merged into one of the user's
   * holds their text too, and is theirs to commit.
   */
  #unchangedSinceWritten(): string[] {
    const records = readFileRecords(this.config.getAll());
    const unchanged = Object.entries(records)
      .filter(([file, record]) => {
        const text = this.readUserFile(file);
        return record.planned === record.written && text !== undefined && contentHash(text) === record.written;
      })
      .map(([file]) => file);
    return existsSync(this.destinationPath('.yo-rc.json')) ? [...unchanged, '.yo-rc.json'] : unchanged;
  }

  /** What the deployment needs: every file a run of the generators wrote here (their records), this run's, and the user's app. */
  #neededFiles(): string[] {
    const kept = this.config.getAll();
    const app = typeof kept.module === 'string' && typeof kept.framework === 'string'
      ? userAppPaths({ module: kept.module, moduleDir: typeof kept.moduleDir === 'string' ? kept.moduleDir : kept.module, callable: '', framework: kept.framework as FrameworkName })
      : [];
    const candidates = [...Object.keys(readFileRecords(kept)), ...this.filesThisRunWrites(), ...app];
    // The answers, the notes, git's own list and the ARM template stay out of what the server runs.
    const notDeployed = (file: string) => ['.yo-rc.json', 'README.md', '.gitignore'].includes(file) || file.startsWith('azure/');
    return [...new Set(candidates)].filter(file => !notDeployed(file) && existsSync(this.destinationPath(file))).sort();
  }
}
