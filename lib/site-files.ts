import type { SiteAnswers } from './answers.js';
import { armTemplateFile } from './arm-template.js';
import { appSettingsFile, handlerMappingsFile, portalStepsFile } from './portal-settings.js';
import { findFramework } from './frameworks.js';
import { siteDependencies } from './requirements.js';
import { moduleLayout } from './site.js';
import { handlerPlaceholder, iisSetupScript, staticSampleName } from './web-config.js';

export interface SiteFile {
  /** Relative to the site root, / separated. */
  readonly path: string;
  readonly purpose: string;
}

/** The files a site gets for these answers, each with what it is for. */
export function siteFiles(
  answers: Pick<
    SiteAnswers,
    | 'module'
    | 'callable'
    | 'framework'
    | 'host'
    | 'server'
    | 'python'
    | 'interpreter'
    | 'wfastcgi'
    | 'config'
    | 'routing'
    | 'staticDir'
    | 'provision'
    | 'git'
  >,
): SiteFile[] {
  const layout = moduleLayout(answers);
  const framework = findFramework(answers.framework);
  const files: SiteFile[] = [{ path: layout.moduleFile, purpose: `the ${framework.name === 'wsgi' ? 'WSGI application' : `${framework.name} app`} (${layout.wsgiHandler})` }];
  if (framework.name === 'django') files.push({ path: `${answers.module}/manage.py`, purpose: "Django's command line: runserver, collectstatic" });
  const httpPlatform = answers.server === 'httpplatform';
  const linux = answers.host === 'linux';
  const dependencies = siteDependencies(answers);
  if (dependencies.packages.length > 0) files.push({ path: 'requirements.txt', purpose: `the site's packages: ${dependencies.packages.join(', ')}` });
  if (dependencies.runtimeTxt) {
    files.push({ path: 'runtime.txt', purpose: "asks Azure's deployment for a virtualenv with requirements.txt installed" });
  }
  if (linux) {
    // App Service on Linux runs gunicorn: nothing else to write.
  } else if (answers.config === 'webconfig' || answers.host === 'iis' || httpPlatform) {
    const what = httpPlatform ? 'HttpPlatformHandler running waitress' : 'the Python handler, URL Rewrite rules and app settings';
    files.push({ path: 'web.config', purpose: `${what}, for IIS` });
    if (answers.routing === 'rewrite' && !httpPlatform) {
      files.push({ path: handlerPlaceholder, purpose: 'the empty file the handler is mapped to (FastCGI needs it to exist)' });
    }
    if (answers.staticDir) {
      files.push({ path: `${answers.staticDir}/${staticSampleName}`, purpose: 'a sample static file: IIS serves this folder itself' });
      if (answers.routing === 'wildcard' || httpPlatform) {
        files.push({ path: `${answers.staticDir}/web.config`, purpose: 'removes the Python handler in the static folder' });
      }
    }
    if (answers.host === 'iis') files.push({ path: iisSetupScript, purpose: "what the server's administrator runs once" });
  } else {
    files.push(
      { path: appSettingsFile, purpose: 'Option 1: the app settings, for az webapp config appsettings set' },
      { path: handlerMappingsFile, purpose: 'Option 1: the handler mapping, for az rest' },
      { path: portalStepsFile, purpose: 'Option 1: the portal steps, with the exact values' },
    );
  }
  if (answers.provision && answers.host !== 'iis') {
    files.push({ path: armTemplateFile, purpose: 'an ARM template that creates the App Service plan and site' });
  }
  files.push({ path: 'README.md', purpose: "the site's own notes: files, configuration, deployment, failures" });
  if (answers.git) files.push({ path: '.gitignore', purpose: 'keeps bytecode, virtualenvs and secrets out of git' });
  files.push({ path: '.yo-rc.json', purpose: 'your answers, reused when a generator runs again' });
  return files;
}
