import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FrameworkName } from '../../answers/model.js';
import { answerApplies, questions } from '../../answers/questions.js';
import { readKeptAnswers } from '../../answers/sources.js';
import { deployCommand } from '../../azure/arm-template.js';
import { scmGitUrl } from '../../azure/endpoints.js';
import { linuxCommands } from '../../azure/linux.js';
import { appSettings, portalCommands, portalStepsFile } from '../../azure/portal-settings.js';
import { deployBranch, workflowFile, workflowSetUpCommands } from '../../azure/workflow.js';
import { findHost, windowsSiteMoves } from '../../catalog/hosts.js';
import { commitCommands, pushCommand, remoteAddCommand, shellWord } from '../../git/deploy.js';
import type { RepositoryReport, RepositoryRequest } from '../../git/repository.js';
import { iisSetupScript } from '../../iis/names.js';
import { routingNotes } from '../../iis/web-config.js';
import { gitPart } from '../../plans/git.js';
import { linuxPart } from '../../plans/linux.js';
import { modulePart } from '../../plans/module.js';
import { siteFiles, siteParts } from '../../plans/parts.js';
import { portalPart } from '../../plans/portal.js';
import { provisionPart, workflowPart } from '../../plans/provision.js';
import { readmePart } from '../../plans/readme.js';
import { webconfigPart } from '../../plans/webconfig.js';
import { djangoSecretKeySource, localCommandForUsersApp, moduleLayout, requirementsInstall, secretKeyNote, siteLayout, userAppPaths, withAppOwner } from '../../site/layout.js';
import { contentHash, readFileRecords } from '../file-history.js';
import type { GeneratorName } from '../registry.js';
import { doneLine } from './output.js';
import { composedOption, type SiteRun } from './site-run.js';

/** The steps of a generator, by Yeoman's priority names, run in that order by either engine. */
export interface GeneratorSteps {
  initializing?(): void | Promise<void>;
  prompting?(): void | Promise<void>;
  configuring?(): void | Promise<void>;
  writing?(): void | Promise<void>;
  end?(): void | Promise<void>;
}

/** The priorities in the order a run takes them; the commit of the files comes between writing and end. */
export const priorities = ['initializing', 'prompting', 'configuring', 'writing', 'end'] as const;

/** Each generator that writes a site, as its steps over one SiteRun (the doctor, migrate and serve are commands of their own). */
export type SiteGeneratorName = Exclude<GeneratorName, 'doctor' | 'migrate' | 'serve'>;

/** The steps every part takes: find the answers, keep them, write its plan, say what it did. */
function partSteps(run: SiteRun, plan: Parameters<SiteRun['writeFiles']>[0], end?: () => void): GeneratorSteps {
  return {
    prompting: () => run.findAnswers(),
    configuring: () => run.keepAnswers(),
    writing: () => void run.writeFiles(plan),
    end: () => {
      run.summarise();
      end?.();
    },
  };
}

export const generatorSteps: Readonly<Record<SiteGeneratorName, (run: SiteRun) => GeneratorSteps>> = {
  app: appSteps,
  module: moduleSteps,
  webconfig: run =>
    partSteps(run, webconfigPart.plan, () => {
      for (const note of routingNotes(run.answers)) run.log.info(note);
      if (run.options[composedOption]) return;
      const deploy = findHost(run.answers.host).setupScript ? `on the server, as an administrator: .\\${iisSetupScript}` : 'commit it, then git push azure master';
      run.log(`Next: npx generator-azure-python doctor (checks the site), then ${deploy}`);
    }),
  portal: run =>
    partSteps(run, portalPart.plan, () => {
      const owned = withAppOwner(run.answers, file => run.holdsUserFile(file));
      const layout = siteLayout(owned);
      run.log.info(`Option 1 (portal): configure site ${run.answers.siteName} with these values (also in ${portalStepsFile}):`);
      run.log(`  Handler mapping: extension *  script processor ${layout.runtime.interpreter}  arguments ${layout.runtime.wfastcgi}`);
      for (const setting of appSettings(layout, run.answers.wsgiLog)) run.log(`  App setting: ${setting.name} = ${setting.value}`);
      run.log('Or apply them with the Azure CLI:');
      for (const command of portalCommands(run.answers.siteName, layout, djangoSecretKeySource(owned, 'portal') === 'portal')) run.log(`  ${command}`);
    }),
  linux: run =>
    partSteps(run, linuxPart.plan, () => {
      run.log.info(`App Service on Linux: set site ${run.answers.siteName}'s runtime and startup command once (the site's resource group for <resource-group>):`);
      for (const command of linuxCommands(run.answers)) run.log(`  ${command}`);
    }),
  provision: run => partSteps(run, provisionPart.plan, () => run.log.info(`Create the site from the template: ${deployCommand(run.answers.siteName)}`)),
  workflow: run =>
    partSteps(run, workflowPart.plan, () => {
      run.log.info(`${workflowFile} deploys each push to ${deployBranch} once its identity and secrets exist (the site's README.md says the same):`);
      for (const command of workflowSetUpCommands(run.answers.siteName)) run.log(`  ${command}`);
    }),
  readme: run => ({
    ...partSteps(run, readmePart.plan),
    writing: () => {
      const [readme] = run.writeFiles(readmePart.plan);
      if (readme?.action === 'keep') run.log.info(`${readme.path} is the project's own: it is left as it is.`);
    },
  }),
  git: gitSteps,
};

/** `yo azure-python [destination]`: asks every question once, then composes the parts that write the site. */
function appSteps(run: SiteRun): GeneratorSteps {
  let destination = '';
  /**
   * The generated module runs itself on port 8000; the user's own app may not (an app.py
   * without app.run()). Either needs the site's packages installed first.
   */
  const localCommand = (usersApp: boolean, install: string | undefined): string => {
    const command = usersApp ? localCommandForUsersApp(run.answers) : moduleLayout(run.answers).localCommand;
    const needsWaitress = command.includes('-m waitress');
    const installing = install ? `${install}${needsWaitress ? ' waitress' : ''}` : needsWaitress ? 'python -m pip install waitress' : undefined;
    return installing ? `${installing}, then ${command}` : command;
  };
  return {
    initializing: () => {
      destination = path.resolve(run.destinationRoot(), (run.options.destination as string | undefined) ?? '.');
    },
    // Nothing is created before every answer is known and valid: the destination may not exist yet.
    prompting: () => run.findAnswers(destination, readKeptAnswers(destination)),
    configuring: async () => {
      run.host.destinationRoot(destination);
      run.keepAnswers();
      const partOptions = {
        yes: true,
        // Only when given: an option passed as undefined reads as --no-commit to Yeoman.
        ...(run.options.commit === undefined ? {} : { commit: run.options.commit }),
        templates: run.options.templates,
        [composedOption]: true,
        // Only the answers that apply: a site root on Linux, say, is no answer to pass on.
        ...Object.fromEntries(questions.filter(question => answerApplies(question, run.answers)).map(question => [question.option, run.answers[question.name]])),
      };
      for (const part of siteParts(run.answers)) await run.host.compose(part.name, partOptions);
    },
    end: () => {
      const files = siteFiles(run.answers, { holdsUserFile: file => run.holdsUserFile(file), readSiteFile: file => run.readUserFile(file) });
      const width = Math.max(...files.map(file => file.path.length));
      run.log(doneLine(`Python site ready in ${run.destinationRoot()}:`));
      for (const file of files) run.log(`  ${file.path.padEnd(width)}  ${file.purpose}`);
      const owned = withAppOwner(run.answers, file => run.holdsUserFile(file));
      run.log(`Try it locally: ${localCommand(owned.usersProject, requirementsInstall(files))}  (then open http://localhost:8000/)`);
      if (findHost(run.answers.host).os === 'windows' && findHost(run.answers.host).onAzure) run.log.info(`Note: ${windowsSiteMoves}.`);
      if (djangoSecretKeySource(owned) === 'key-file') run.log.info(secretKeyNote('key-file', run.answers));
    },
  };
}

/** `yo azure-python:module`: the WSGI module that wfastcgi imports. */
function moduleSteps(run: SiteRun): GeneratorSteps {
  // The user's own app where the module would go: the module generator writes nothing.
  let usersApp: string[] = [];
  return {
    ...partSteps(run, modulePart.plan),
    writing: () => {
      usersApp = userAppPaths(run.answers).filter(file => run.holdsUserFile(file));
      run.writeFiles(modulePart.plan);
    },
    end: () => {
      run.summarise();
      if (!run.options[composedOption] && usersApp.length === 0) run.log(`Try it locally: ${moduleLayout(run.answers).localCommand}  (then open http://localhost:8000/)`);
      if (usersApp.length > 0) run.log.info(`${usersApp.join(' and ')}: your app, and the site's, left as it is.`);
      const previous = run.previousAnswers && moduleLayout(run.previousAnswers).moduleFile;
      if (previous && previous !== moduleLayout(run.answers).moduleFile && run.readUserFile(previous) !== undefined) {
        run.log.info(`${previous} is left as it is: delete it once nothing uses it.`);
      }
    },
  };
}

/**
 * `yo azure-python:git`: a repository ready for `git push azure`. Runs last: it commits only
 * the files this run created, once they are on disk. Git is loaded only by a run that uses it.
 */
function gitSteps(run: SiteRun): GeneratorSteps {
  // Files of the site this run changes that git had a clean copy of before: committing them commits only this run's change.
  let cleanBefore: string[] = [];
  const repository = () => import('../../git/repository.js');
  return {
    prompting: () => run.findAnswers(),
    configuring: () => run.keepAnswers(),
    writing: async () => {
      run.writeFiles(gitPart.plan);
      cleanBefore = await (await repository()).cleanTrackedFiles(run.destinationRoot(), run.filesThisRunWrites());
    },
    end: async () => {
      const created = run.createdFiles();
      const written = run.filesThisRunWrites();
      const files = [...new Set([...created, ...cleanBefore.filter(file => written.includes(file)), ...unchangedSinceWritten(run)])].sort();
      const commit = typeof run.options.commit === 'boolean' ? run.options.commit : undefined;
      const request: RepositoryRequest = { files, commit, remote: run.answers.remote, needed: neededFiles(run) };
      const { GitNotFoundError, GitRefusedError, commitRecoveryCommands, manualRepositoryCommands, prepareRepository } = await repository();
      try {
        reportRepository(run, await prepareRepository(run.destinationRoot(), request), commitRecoveryCommands);
      } catch (error) {
        // The site is written: git is a step the user can take later, and here is how.
        if (error instanceof GitNotFoundError) {
          run.log.info(`${error.message}: the site files are written, with no repository. Once git is installed, run in ${run.destinationRoot()}:`);
          for (const command of manualRepositoryCommands(request)) run.log(`  ${command}`);
        } else if (error instanceof GitRefusedError) {
          run.log.info(`${error.message}: the site files are written, and nothing was committed. Once git accepts the folder (for a repository of another owner: git config --global --add safe.directory ${shellWord(run.destinationRoot())}), run in ${run.destinationRoot()}:`);
          for (const command of manualRepositoryCommands(request, true)) run.log(`  ${command}`);
        } else {
          throw error;
        }
      }
    },
  };
}

function reportRepository(run: SiteRun, report: RepositoryReport, commitRecoveryCommands: (commitError: string) => string[]): void {
  const { log } = run;
  log.info(report.initialised ? `Initialised a git repository in ${report.root}` : `Using the git repository in ${report.root}`);
  if (report.root !== run.destinationRoot()) {
    log.info(`Azure deploys the repository's top folder: add a .deployment file there with "[config]" and "project = <path of this site>".`);
  }
  if (report.busy) {
    log.info(`Nothing was staged or committed: ${report.busy}. The site files are written; once it is done, run:`);
    for (const command of commitCommands(run.createdFiles())) log(`  ${command}`);
  }
  if (report.ignored.length > 0) {
    log.info(`Not committed, since your .gitignore ignores them, though the site needs them deployed: ${report.ignored.join(', ')}. To commit them all the same:`);
    log(`  git add -f -- ${report.ignored.map(shellWord).join(' ')} && git commit -m "Add Azure Python site files"`);
  }
  if (report.subfolderNotCommitted) {
    log.info(`Nothing was committed: the site is a subfolder of the repository in ${report.root}. --commit commits its files there.`);
  }
  if (report.commitError) {
    log.info(`git could not commit (${report.commitError}). The site files are written and staged; to commit them, run:`);
    for (const command of commitRecoveryCommands(report.commitError)) log(`  ${command}`);
  } else if (report.committed.length > 0) {
    // Created ones, and the user's files that only gained the site's lines: not all are new.
    log.info(`Committed ${report.committed.length} site files: ${report.committed.join(', ')}`);
  }
  const siteName = (run.host.config.get('siteName') as string | undefined) ?? '<site>';
  if (report.remote === 'kept-other') {
    log.info('The remote "azure" already points to another URL: left as it is (git remote -v shows it).');
  } else if (report.remote === 'none') {
    log.info(`Add the Azure remote: ${remoteAddCommand(scmGitUrl(siteName))}`);
  }
  if (report.uncommitted.length > 0) {
    log.info(`Not committed, though the deployment needs them: ${report.uncommitted.join(', ')}. Commit them, then deploy:`);
    for (const command of commitCommands(report.uncommitted)) log(`  ${command}`);
    log(`  ${pushCommand(report.branch)}`);
    return;
  }
  log.info(`Deploy with: ${pushCommand(report.branch)}`);
}

/**
 * The files an earlier run (or this one) wrote wholly from its plan that still hold what it
 * wrote, and the answers: the site's own, to commit. A file merged into one of the user's
 * holds their text too, and is theirs to commit.
 */
function unchangedSinceWritten(run: SiteRun): string[] {
  const records = readFileRecords(run.host.config.getAll());
  const unchanged = Object.entries(records)
    .filter(([file, record]) => {
      const text = run.readUserFile(file);
      return record.planned === record.written && text !== undefined && contentHash(text) === record.written;
    })
    .map(([file]) => file);
  return existsSync(run.destinationPath('.yo-rc.json')) ? [...unchanged, '.yo-rc.json'] : unchanged;
}

/** What the deployment needs: every file a run of the generators wrote here (their records), this run's, and the user's app. */
function neededFiles(run: SiteRun): string[] {
  const kept = run.host.config.getAll();
  const app = typeof kept.module === 'string' && typeof kept.framework === 'string'
    ? userAppPaths({ module: kept.module, moduleDir: typeof kept.moduleDir === 'string' ? kept.moduleDir : kept.module, callable: '', framework: kept.framework as FrameworkName })
    : [];
  const candidates = [...Object.keys(readFileRecords(kept)), ...run.filesThisRunWrites(), ...app];
  // The answers, the notes, git's own list and the ARM template stay out of what the server runs.
  const notDeployed = (file: string) => ['.yo-rc.json', 'README.md', '.gitignore'].includes(file) || file.startsWith('azure/');
  return [...new Set(candidates)].filter(file => !notDeployed(file) && existsSync(run.destinationPath(file))).sort();
}
